/* tessera-time.c — the words of a token's dates: expiry, creation, last use
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-time"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-time.h"

static GDateTime *
in_zone_of (GDateTime *when,
            GDateTime *now)
{
  return g_date_time_to_timezone (when, g_date_time_get_timezone (now));
}

/* Calendar days from @now to @when: a token created now for 30 days
 * expires "in 30 days", not in 29 days and 23 hours. */
static int
calendar_days (GDateTime *when,
               GDateTime *now)
{
  g_autoptr(GDateTime) local = in_zone_of (when, now);
  GDate a, b;
  int y, m, d;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_time_get_ymd (now, &y, &m, &d);
  g_date_set_dmy (&a, d, m, y);
  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_set_dmy (&b, d, m, y);

  return g_date_days_between (&a, &b);
}

char *
tessera_time_format_date (GDateTime *when,
                          GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (when != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  local = in_zone_of (when, now);
  /* Translators: a date as in "Expires on 5 Jan 2027"; see
   * g_date_time_format() for the codes. */
  return g_date_time_format (local, _("%-d %b %Y"));
}

char *
tessera_time_format_relative (GDateTime *when,
                              GDateTime *now)
{
  GTimeSpan span;
  gint64 seconds;
  gboolean future;
  int days, n;

  g_return_val_if_fail (when != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  span = g_date_time_difference (when, now);
  future = span > 0;
  seconds = ABS (span) / G_TIME_SPAN_SECOND;

  if (seconds < 60)
    return g_strdup (_("just now"));

  if (seconds < 60 * 60)
    {
      n = seconds / 60;
      return g_strdup_printf (future ? g_dngettext (GETTEXT_PACKAGE, "in %d minute", "in %d minutes", n)
                                     : g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", n),
                              n);
    }

  if (seconds < 24 * 60 * 60)
    {
      n = seconds / (60 * 60);
      return g_strdup_printf (future ? g_dngettext (GETTEXT_PACKAGE, "in %d hour", "in %d hours", n)
                                     : g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", n),
                              n);
    }

  days = calendar_days (when, now);
  n = ABS (days);

  if (n <= 1)
    return g_strdup (future ? _("tomorrow") : _("yesterday"));

  if (n < 60)
    return g_strdup_printf (future ? g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", n)
                                   : g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", n),
                            n);

  if (n < 730)
    {
      n = (int) (n / 30.44 + 0.5);
      return g_strdup_printf (future ? g_dngettext (GETTEXT_PACKAGE, "in %d month", "in %d months", n)
                                     : g_dngettext (GETTEXT_PACKAGE, "%d month ago", "%d months ago", n),
                              n);
    }

  n = n / 365;
  return g_strdup_printf (future ? g_dngettext (GETTEXT_PACKAGE, "in %d year", "in %d years", n)
                                 : g_dngettext (GETTEXT_PACKAGE, "%d year ago", "%d years ago", n),
                          n);
}

char *
tessera_time_format_expiry (GDateTime *expire,
                            GDateTime *now)
{
  g_autofree char *date = NULL;
  g_autofree char *relative = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  if (expire == NULL)
    return g_strdup (_("Does not expire"));

  date = tessera_time_format_date (expire, now);

  if (g_date_time_compare (expire, now) <= 0)
    /* Translators: %s is a date, "5 Jan 2027" */
    return g_strdup_printf (_("Expired on %s"), date);

  relative = tessera_time_format_relative (expire, now);
  /* Translators: "Expires on 5 Jan 2027 · in 30 days" */
  return g_strdup_printf (_("Expires on %s · %s"), date, relative);
}

char *
tessera_time_format_created (GDateTime *created,
                             GDateTime *now)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  if (created == NULL)
    return NULL;

  date = tessera_time_format_date (created, now);
  /* Translators: %s is a date, "5 Jan 2027" */
  return g_strdup_printf (_("Created on %s"), date);
}

char *
tessera_time_format_last_used (gboolean   has_last_used,
                               GDateTime *last_used,
                               GDateTime *now)
{
  g_autofree char *relative = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  if (!has_last_used)
    return NULL;

  if (last_used == NULL)
    return g_strdup (_("Never used"));

  relative = tessera_time_format_relative (last_used, now);
  /* Translators: %s is "3 hours ago", "just now", "yesterday"… */
  return g_strdup_printf (_("Last used %s"), relative);
}
