/* tessera-cli-private.h — what the command line's files share
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tessera-accounts.h"

G_BEGIN_DECLS

typedef struct
{
  TesseraSecretStore *store;
  TesseraAccounts    *accounts;
  GSettings          *settings;   /* NULL when the schema is not installed */
  GPtrArray          *items;      /* the saved sign-ins, once read */
  char               *server;     /* --server, normalized */
  char               *email;      /* --account */
} TesseraCli;

GAsyncResult       *tessera_cli_wait        (GAsyncResult  **slot);
/* Iterates until the keyring writes under way are done (the application
 * calls it at shutdown too). */
void                tessera_cli_wait_for_writes (TesseraSecretStore *store);
GAsyncReadyCallback tessera_cli_result_cb   (void);
int                 tessera_cli_fail        (int             status,
                                             const char     *message);
int                 tessera_cli_fail_error  (const GError   *error);
const char         *tessera_cli_usage       (void);

/* The chosen account's saved sign-in, or NULL with a message given and
 * *status set. */
TesseraSignInItem  *tessera_cli_account     (TesseraCli     *cli,
                                             int            *status);
/* The chosen account restored and listed, or NULL likewise. */
TesseraSession     *tessera_cli_session     (TesseraCli     *cli,
                                             int            *status);
GPtrArray          *tessera_cli_find_tokens (TesseraSession *session,
                                             const char     *key);
TesseraToken       *tessera_cli_find_one    (TesseraSession *session,
                                             const char     *key,
                                             int            *status);

int tessera_cli_token    (TesseraCli *cli, int argc, char **argv);
int tessera_cli_list     (TesseraCli *cli, int argc, char **argv);
int tessera_cli_generate (TesseraCli *cli, int argc, char **argv);
int tessera_cli_delete   (TesseraCli *cli, int argc, char **argv);
int tessera_cli_accounts (TesseraCli *cli, int argc, char **argv);

G_END_DECLS
