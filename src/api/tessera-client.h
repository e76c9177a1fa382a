/* tessera-client.h — the API7 Cloud personal access token API, over libsoup
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tessera-account.h"
#include "tessera-error.h"
#include "tessera-token.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_CLIENT (tessera_client_get_type ())
G_DECLARE_FINAL_TYPE (TesseraClient, tessera_client, TESSERA, CLIENT, GObject)

/* Signals:
 *   "warning" (const char *message): the server sent an envelope `warning`
 *   with a successful answer; show it to the user. */

/* @server_url is checked with tessera_server_url_normalize(); @token is
 * copied and wiped when the client is finalized. */
TesseraClient  *tessera_client_new                  (const char           *server_url,
                                                     const char           *token,
                                                     GError              **error);
const char     *tessera_client_get_origin           (TesseraClient        *self);

/* "timeout" (uint, seconds, default 15): connect and idle timeout of every
 * request.  Tests lower it so a stalled server fails fast. */
guint           tessera_client_get_timeout          (TesseraClient        *self);
void            tessera_client_set_timeout          (TesseraClient        *self,
                                                     guint                 seconds);
/* Verifies the server's certificate against @database instead of the
 * system's trust store (a self-hosted server with its own CA; tests).
 * NULL returns to the system's. */
void            tessera_client_set_tls_database     (TesseraClient        *self,
                                                     GTlsDatabase         *database);

void            tessera_client_get_account_async    (TesseraClient        *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
TesseraAccount *tessera_client_get_account_finish   (TesseraClient        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

/* Every page, in the server's order (newest first), read again (at most
 * three times in all) while the pages disagree because the list changed
 * between them.  Returns a GPtrArray of TesseraToken (owns references);
 * *settled (optional) is FALSE when the list still changed on the last
 * reading: the result is then the freshest complete listing, and the user
 * should be told (tessera_words_list_unsettled()). */
void            tessera_client_list_tokens_async    (TesseraClient        *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray      *tessera_client_list_tokens_finish   (TesseraClient        *self,
                                                     GAsyncResult         *result,
                                                     gboolean             *settled,
                                                     GError              **error);

/* @expire: NULL for a token that does not expire.  An expiry that cannot
 * be written as a UTC date (past 9999-12-31T23:59:59Z there) fails with
 * TESSERA_API_ERROR_INVALID_ARGUMENT before any request. */
void            tessera_client_create_token_async   (TesseraClient        *self,
                                                     const char           *notes,
                                                     GDateTime            *expire,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
/* *secret_out: the new token's secret, shown once; free it with
 * tessera_secret_free(). */
TesseraToken   *tessera_client_create_token_finish  (TesseraClient        *self,
                                                     GAsyncResult         *result,
                                                     char                **secret_out,
                                                     GError              **error);

void            tessera_client_delete_token_async   (TesseraClient        *self,
                                                     const char           *id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        tessera_client_delete_token_finish  (TesseraClient        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

void            tessera_client_delete_all_async     (TesseraClient        *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        tessera_client_delete_all_finish    (TesseraClient        *self,
                                                     GAsyncResult         *result,
                                                     guint                *n_deleted,
                                                     GError              **error);

/* Checks any token against /user/me on @server_url, with a session of its
 * own: no signed-in client is touched.  A token that cannot be one (empty,
 * not printable ASCII, over TESSERA_SECRET_MAX_LENGTH) fails with
 * TESSERA_API_ERROR_INVALID_ARGUMENT before any request. */
void            tessera_client_test_token_async     (const char           *server_url,
                                                     const char           *token,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
/* The same with a connect and idle timeout of its own (default 15 s);
 * finish either with tessera_client_test_token_finish(). */
void            tessera_client_test_token_full_async (const char          *server_url,
                                                      const char          *token,
                                                      guint                timeout_seconds,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
TesseraAccount *tessera_client_test_token_finish    (GAsyncResult         *result,
                                                     GError              **error);


G_END_DECLS
