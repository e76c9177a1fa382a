/* tessera-application.h
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tessera-accounts.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_APPLICATION (tessera_application_get_type ())
G_DECLARE_FINAL_TYPE (TesseraApplication, tessera_application, TESSERA, APPLICATION, AdwApplication)

/* The application owns the accounts (restored at start-up, all at once),
 * the keyring store and the clock; windows follow one account each. */

TesseraApplication *tessera_application_new             (void);
TesseraAccounts    *tessera_application_get_accounts    (TesseraApplication *self);
/* The server a new sign-in starts with: `--server`, else the `server-url`
 * setting, normalized. */
char               *tessera_application_dup_server_url  (TesseraApplication *self);
/* The account to show when nothing says which: the one used last, else
 * the first; NULL when there is none. */
TesseraSession     *tessera_application_get_preferred_session (TesseraApplication *self);
/* A window followed @session: remember it for the next start. */
void                tessera_application_set_last_session (TesseraApplication *self,
                                                          TesseraSession     *session);
/* Raises a window that shows @session (the active one, switched to it, or
 * a new one). */
GtkWindow          *tessera_application_show_session    (TesseraApplication *self,
                                                         TesseraSession     *session);

G_END_DECLS
