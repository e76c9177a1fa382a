/* tessera-retry-after.c — how long a 429's Retry-After asks us to wait
 *
 * A pure function of the header's text and the time now, so the fuzz
 * target reads it without any HTTP around it.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-request"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "tessera-request-private.h"

/* Without the header, or with one we cannot read, wait this long. */
#define DEFAULT_RETRY_AFTER 1

/**
 * tessera_retry_after_delay:
 * @value: (nullable): the Retry-After header: delay-seconds or an
 *   HTTP-date (RFC 9110 §10.2.3)
 * @now: the time the answer came
 * @max_seconds: the longest wait worth retrying after
 *
 * Returns: whole seconds to wait before the retry, or -1 when the wait
 *   is longer than @max_seconds (the 429 then stands).
 */
int
tessera_retry_after_delay (const char *value,
                           GDateTime  *now,
                           int         max_seconds)
{
  g_autofree char *stripped = NULL;
  g_autoptr(GDateTime) when = NULL;
  guint64 seconds = 0;
  GTimeSpan span;

  g_return_val_if_fail (now != NULL, -1);

  if (value == NULL)
    return DEFAULT_RETRY_AFTER;

  stripped = g_strstrip (g_strdup (value));
  if (g_ascii_string_to_unsigned (stripped, 10, 0, G_MAXUINT32, &seconds, NULL))
    return seconds <= (guint64) MAX (max_seconds, 0) ? (int) seconds : -1;
  /* Delay-seconds too large to count are a wait too long, not unreadable. */
  if (*stripped != '\0' && strspn (stripped, "0123456789") == strlen (stripped))
    return -1;

  when = soup_date_time_new_from_http_string (stripped);
  if (when == NULL)
    return DEFAULT_RETRY_AFTER;

  span = g_date_time_difference (when, now);
  if (span <= 0)
    return 0;
  if (span > (GTimeSpan) MAX (max_seconds, 0) * G_TIME_SPAN_SECOND)
    return -1;
  return (int) ((span + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND);
}
