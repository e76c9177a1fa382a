/* fuzz-retry-after.c — a 429's Retry-After, seconds or an HTTP date
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "tessera-request-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *value = fuzz_strndup (data, size);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 27, 10, 0, 0);
  int delay = tessera_retry_after_delay (value, now, 10);

  if (delay < -1 || delay > 10)
    abort ();
  return 0;
}
