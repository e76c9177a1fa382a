/* main.c
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "tessera-application.h"
#include "tessera-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TesseraApplication) app = NULL;
  const char *localedir = g_getenv ("TESSERA_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* From a build tree (`meson devenv`, build-aux/run), the catalogs
   * built there; installed, the ones in LOCALEDIR. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* `tessera token`, `tessera list`…: no window, and no GTK at all. */
  if (argc > 1 && tessera_cli_is_command (argv[1]))
    return tessera_cli_run (argc, argv);
  if (argc > 1 && argv[1][0] != '-')
    return tessera_cli_unknown (argv[1]);

  app = tessera_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
