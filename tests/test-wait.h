/* test-wait.h — waiting on the main loop, for the suites that drive async
 * code (session, ui)
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

/* A suite may allow more (define it before including this header). */
#ifndef WAIT_SECONDS
#define WAIT_SECONDS 30
#endif

/* How many times WAIT_SECONDS to allow: TESSERA_TEST_SLOWDOWN, set by the
 * test setups that run everything several times slower (asan). */
static inline gint64
wait_usec (void)
{
  const char *slowdown = g_getenv ("TESSERA_TEST_SLOWDOWN");
  guint64 factor = slowdown != NULL ? g_ascii_strtoull (slowdown, NULL, 10) : 1;

  return WAIT_SECONDS * G_USEC_PER_SEC * (gint64) CLAMP (factor, 1, 10);
}

/* Iterates the main context until @cond holds; fails after WAIT_SECONDS
 * (times the slowdown). */
#define WAIT_UNTIL(cond)                                                        \
  G_STMT_START {                                                                \
    gint64 wait_end_ = g_get_monotonic_time () + wait_usec ();                  \
    while (!(cond))                                                             \
      {                                                                         \
        if (g_get_monotonic_time () > wait_end_)                                \
          g_error ("Timed out waiting for: %s", #cond);                         \
        if (!g_main_context_iteration (NULL, FALSE))                            \
          g_usleep (1000);                                                      \
      }                                                                         \
  } G_STMT_END

/* Runs the main context for @ms milliseconds.  Only to show that nothing
 * happens in that time (a second request, a late answer…): to wait for
 * something, use WAIT_UNTIL. */
static inline void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static inline void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Waits for an async call started with result_cb and @slot. */
static inline GAsyncResult *
wait_result (GAsyncResult **slot)
{
  WAIT_UNTIL (*slot != NULL);
  return *slot;
}
