/* tessera-token-list.h — one account's tokens, as the server has them
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tessera-token.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_TOKEN_LIST (tessera_token_list_get_type ())
G_DECLARE_FINAL_TYPE (TesseraTokenList, tessera_token_list, TESSERA, TOKEN_LIST, GObject)

/* The token repository of one account: a GListModel of TesseraToken,
 * newest first, that only ever holds what the server listed (plus what
 * Tessera itself created or deleted since).  A listing is applied as the
 * difference by token id, in the smallest items-changed ranges, so the
 * rows of a view survive it.  Every operation whose answer was lost (a
 * timeout, a closed connection, a 5xx, an unreadable answer) lists again
 * to find out what the server did, and says so.
 *
 * Properties (all notify):
 *   "loading"       bool: a listing runs
 *   "loaded"        bool: a listing succeeded since sign-in
 *   "stale"         bool: the last listing failed, the items are those of
 *                   "refreshed-at"
 *   "error"         GError or NULL: why the last listing failed
 *   "refreshed-at"  GDateTime or NULL: when the items were listed
 *   "settled"       bool: the last listing did not change while it ran
 *   "n-items"       uint
 *   "can-create"    bool: loaded (even stale) and under TESSERA_MAX_TOKENS
 *
 * Signals:
 *   "unauthenticated" (GError): the server refused the sign-in token
 *   "deleted" (const char *id): a token is gone from the server
 *   "all-deleted": Delete All went through */

gboolean          tessera_token_list_get_loading      (TesseraTokenList  *self);
gboolean          tessera_token_list_get_loaded       (TesseraTokenList  *self);
gboolean          tessera_token_list_get_stale        (TesseraTokenList  *self);
const GError     *tessera_token_list_get_error        (TesseraTokenList  *self);
GDateTime        *tessera_token_list_get_refreshed_at (TesseraTokenList  *self);
gboolean          tessera_token_list_get_settled      (TesseraTokenList  *self);
gboolean          tessera_token_list_get_can_create   (TesseraTokenList  *self);
TesseraToken     *tessera_token_list_find             (TesseraTokenList  *self,
                                                       const char        *id);

/* Lists every page again.  The _async form tells when it is done (with the
 * error when it failed); reload() is the same with nobody waiting. */
void              tessera_token_list_reload           (TesseraTokenList  *self);
void              tessera_token_list_reload_async     (TesseraTokenList  *self,
                                                       GCancellable      *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer           user_data);
gboolean          tessera_token_list_reload_finish    (TesseraTokenList  *self,
                                                       GAsyncResult      *result,
                                                       GError           **error);

/* @expire: NULL for a token that does not expire.  On success the token
 * is at the top of the list and *secret_out holds its secret (free it with
 * tessera_secret_free()).  When the answer was lost and a token with
 * @notes has appeared since, the error is TESSERA_SESSION_ERROR_ORPHAN and
 * *orphan_out is that token: its secret is lost for good.  When Tessera
 * could not find out, TESSERA_SESSION_ERROR_UNCERTAIN. */
void              tessera_token_list_create_async     (TesseraTokenList  *self,
                                                       const char        *notes,
                                                       GDateTime         *expire,
                                                       GCancellable      *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer           user_data);
TesseraToken     *tessera_token_list_create_finish    (TesseraTokenList  *self,
                                                       GAsyncResult      *result,
                                                       char             **secret_out,
                                                       TesseraToken     **orphan_out,
                                                       GError           **error);

/* A 404 counts as success: it was gone already.  Its keyring item goes
 * with it. */
void              tessera_token_list_delete_async     (TesseraTokenList  *self,
                                                       TesseraToken      *token,
                                                       GCancellable      *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer           user_data);
gboolean          tessera_token_list_delete_finish    (TesseraTokenList  *self,
                                                       GAsyncResult      *result,
                                                       GError           **error);

void              tessera_token_list_delete_all_async (TesseraTokenList  *self,
                                                       GCancellable      *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer           user_data);
gboolean          tessera_token_list_delete_all_finish (TesseraTokenList *self,
                                                       GAsyncResult      *result,
                                                       GError           **error);

G_END_DECLS
