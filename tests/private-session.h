/* private-session.h — suites that touch a keyring run only inside
 * build-aux/private-session
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib.h>

/* Never a person's own keyring: build-aux/private-session gives the
 * session a throwaway XDG_DATA_HOME (the keyring's files) under a
 * "tessera-session" temporary folder.  Outside it the suite says so and
 * skips, with the TAP plan "1..0". */
static inline gboolean
tessera_test_in_private_session (const char *program)
{
  const char *data_home = g_getenv ("XDG_DATA_HOME");

  if (data_home != NULL && strstr (data_home, "tessera-session") != NULL)
    return TRUE;

  g_printerr ("%s: XDG_DATA_HOME (%s) is not a private session's; run this through "
              "build-aux/test so that your own keyring stays untouched\n",
              program, data_home != NULL ? data_home : "unset");
  g_print ("1..0 # SKIP not inside build-aux/private-session\n");
  return FALSE;
}
