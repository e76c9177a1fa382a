/* tessera-accounts.h — every signed-in account, owned by the application
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tessera-clock.h"
#include "tessera-secret-store.h"
#include "tessera-session.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_ACCOUNTS (tessera_accounts_get_type ())
G_DECLARE_FINAL_TYPE (TesseraAccounts, tessera_accounts, TESSERA, ACCOUNTS, GObject)

/* A GListModel of TesseraSession, one per account Tessera keeps a sign-in
 * for, keyed by (server origin, email), in the order they were restored or
 * added.  A session that ends (signed out, removed, every token deleted)
 * leaves the list.  Windows, the command line, notifications and the
 * search provider all look at the same sessions.
 *
 * Properties:
 *   "store"      TesseraSecretStore, construct-only
 *   "clock"      TesseraClock, construct-only
 *   "n-items"    uint
 *   "restoring"  bool: the saved sign-ins are being read */

TesseraAccounts *tessera_accounts_new            (TesseraSecretStore  *store,
                                                  TesseraClock        *clock);
TesseraSecretStore *tessera_accounts_get_store   (TesseraAccounts     *self);
TesseraClock    *tessera_accounts_get_clock      (TesseraAccounts     *self);
gboolean         tessera_accounts_get_restoring  (TesseraAccounts     *self);
/* Seconds every request of every account may take (connect, then
 * silence); 0 keeps the client's default.  Tests shorten it. */
void             tessera_accounts_set_request_timeout (TesseraAccounts *self,
                                                  guint                seconds);
TesseraSession  *tessera_accounts_find           (TesseraAccounts     *self,
                                                  const char          *server_url,
                                                  const char          *email);

/* Reads every saved sign-in with its secret (one keyring search, which may
 * ask to unlock the keyring) and restores each one not yet in the list,
 * all at once.  Finishes when the list of saved
 * sign-ins was read: the sessions are in the list then (restoring), each
 * with its own outcome to follow. */
void             tessera_accounts_restore_async  (TesseraAccounts     *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         tessera_accounts_restore_finish (TesseraAccounts     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* The same for the saved sign-ins of @server_url and/or @email only (NULL:
 * any): the command line restores the one account it acts on.  Finish it
 * with tessera_accounts_restore_finish(). */
void             tessera_accounts_restore_only_async (TesseraAccounts *self,
                                                  const char          *server_url,
                                                  const char          *email,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);

/* Add Account: checks @token against /user/me on @server_url.  A token of
 * an account already in the list signs that one in again; any other adds
 * a session, signed in, and saves the token as its sign-in.  The others
 * stay signed in.  *keyring_error: set when the token could not be saved
 * (the session is signed in all the same). */
void             tessera_accounts_add_async      (TesseraAccounts     *self,
                                                  const char          *server_url,
                                                  const char          *token,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
TesseraSession  *tessera_accounts_add_finish     (TesseraAccounts     *self,
                                                  GAsyncResult        *result,
                                                  GError             **keyring_error,
                                                  GError             **error);

G_END_DECLS
