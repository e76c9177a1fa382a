/* test-time-format.c — the words of expiry, creation and last-use lines
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "tessera-time.h"

static GDateTime *
utc (int year, int month, int day, int hour, int minute, double seconds)
{
  return g_date_time_new_utc (year, month, day, hour, minute, seconds);
}

/* Fixed "now": 27 Nov 2026, 12:00 UTC. */
static GDateTime *
fixed_now (void)
{
  return utc (2026, 11, 27, 12, 0, 0);
}

static void
check_relative (GDateTime  *when,
                const char *expected)
{
  g_autoptr(GDateTime) now = fixed_now ();
  g_autofree char *text = tessera_time_format_relative (when, now);

  g_assert_cmpstr (text, ==, expected);
  g_date_time_unref (when);
}

static void
test_relative (void)
{
  g_autoptr(GDateTime) now = fixed_now ();

  check_relative (g_date_time_add_seconds (now, -20), "just now");
  check_relative (g_date_time_add_seconds (now, 20), "just now");
  check_relative (g_date_time_add_minutes (now, -1), "1 minute ago");
  check_relative (g_date_time_add_minutes (now, -59), "59 minutes ago");
  check_relative (g_date_time_add_minutes (now, 5), "in 5 minutes");
  check_relative (g_date_time_add_hours (now, -3), "3 hours ago");
  check_relative (g_date_time_add_hours (now, 1), "in 1 hour");
  check_relative (g_date_time_add_hours (now, -23), "23 hours ago");
  check_relative (g_date_time_add_hours (now, -26), "yesterday");
  check_relative (g_date_time_add_hours (now, 30), "tomorrow");
  check_relative (g_date_time_add_days (now, 3), "in 3 days");
  check_relative (g_date_time_add_days (now, -40), "40 days ago");
  /* A token made now "for 30 days" expires a few seconds short of that:
   * still "in 30 days". */
  check_relative (g_date_time_add_seconds (now, 30 * 86400 - 5), "in 30 days");
  check_relative (g_date_time_add_days (now, 59), "in 59 days");
  check_relative (g_date_time_add_days (now, 90), "in 3 months");
  check_relative (g_date_time_add_days (now, -300), "10 months ago");
  check_relative (g_date_time_add_days (now, 800), "in 2 years");
}

static void
test_date (void)
{
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GDateTime) when = utc (2027, 1, 5, 9, 30, 0);
  g_autofree char *text = tessera_time_format_date (when, now);

  g_assert_cmpstr (text, ==, "5 Jan 2027");
}

static void
test_date_in_zone_of_now (void)
{
  /* 23:30 UTC on 4 Jan is already 5 Jan east of Greenwich. */
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (2 * 3600);
  g_autoptr(GDateTime) now_utc = fixed_now ();
  g_autoptr(GDateTime) now = g_date_time_to_timezone (now_utc, tz);
  g_autoptr(GDateTime) when = utc (2027, 1, 4, 23, 30, 0);
  g_autofree char *text = tessera_time_format_date (when, now);

  g_assert_cmpstr (text, ==, "5 Jan 2027");
}

static void
test_expiry (void)
{
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GDateTime) future = utc (2026, 12, 27, 12, 0, 0);
  g_autoptr(GDateTime) past = utc (2026, 10, 1, 8, 0, 0);
  g_autoptr(GDateTime) jan = utc (2027, 1, 5, 12, 0, 0);
  g_autofree char *never = tessera_time_format_expiry (NULL, now);
  g_autofree char *soon = tessera_time_format_expiry (future, now);
  g_autofree char *gone = tessera_time_format_expiry (past, now);
  g_autofree char *later = tessera_time_format_expiry (jan, now);
  g_autofree char *exactly = tessera_time_format_expiry (now, now);

  g_assert_cmpstr (never, ==, "Does not expire");
  g_assert_cmpstr (soon, ==, "Expires on 27 Dec 2026 · in 30 days");
  g_assert_cmpstr (later, ==, "Expires on 5 Jan 2027 · in 39 days");
  g_assert_cmpstr (gone, ==, "Expired on 1 Oct 2026");
  /* The very second it expires it no longer works. */
  g_assert_cmpstr (exactly, ==, "Expired on 27 Nov 2026");
}

static void
test_created_and_last_used (void)
{
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GDateTime) created = utc (2026, 3, 9, 10, 0, 0);
  g_autoptr(GDateTime) used = g_date_time_add_hours (now, -3);
  g_autofree char *created_text = tessera_time_format_created (created, now);
  g_autofree char *no_created = tessera_time_format_created (NULL, now);
  g_autofree char *used_text = tessera_time_format_last_used (TRUE, used, now);
  g_autofree char *never = tessera_time_format_last_used (TRUE, NULL, now);
  g_autofree char *unknown = tessera_time_format_last_used (FALSE, NULL, now);

  g_assert_cmpstr (created_text, ==, "Created on 9 Mar 2026");
  g_assert_null (no_created);
  g_assert_cmpstr (used_text, ==, "Last used 3 hours ago");
  g_assert_cmpstr (never, ==, "Never used");
  /* The server did not say: the row says nothing rather than guess. */
  g_assert_null (unknown);
}

int
main (int   argc,
      char *argv[])
{
  /* The English words, whatever the machine's language. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time-format/relative", test_relative);
  g_test_add_func ("/time-format/date", test_date);
  g_test_add_func ("/time-format/date-in-zone-of-now", test_date_in_zone_of_now);
  g_test_add_func ("/time-format/expiry", test_expiry);
  g_test_add_func ("/time-format/created-and-last-used", test_created_and_last_used);

  return g_test_run ();
}
