/* asan-leaky.c — leaks on purpose: proves that asan-leaks.py fails a test
 * for a leak of ours (the test that runs it must fail)
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>

static void
leak (int n)
{
  char *text = g_strdup_printf ("leaked %d", n);

  /* Lost: the only pointer goes out of scope. */
  g_assert_nonnull (text);
}

int
main (int   argc,
      char *argv[])
{
  leak (argc);
  return 0;
}
