/* tessera-cli.h — `tessera token|list|generate|delete|accounts`: the
 * command line, without a window or a display
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses, as `tessera --help` and the README list them. */
typedef enum
{
  TESSERA_CLI_OK = 0,
  TESSERA_CLI_FAILED = 1,        /* not found, refused, the server or the keyring failed */
  TESSERA_CLI_AMBIGUOUS = 2,     /* several tokens have that note */
  TESSERA_CLI_NOT_SIGNED_IN = 3, /* no account, or its sign-in was refused */
  TESSERA_CLI_USAGE = 64,        /* the command line itself is wrong */
} TesseraCliStatus;

/* Whether @arg names a command (then main() runs tessera_cli_run()). */
gboolean tessera_cli_is_command (const char *arg);
/* A first argument that is neither an option nor a command: says so and
 * returns TESSERA_CLI_USAGE (the window opens no files). */
int      tessera_cli_unknown    (const char *word);
/* Runs argv[1] with the rest of argv; never initialises GTK. */
int      tessera_cli_run        (int         argc,
                                 char      **argv);

G_END_DECLS
