/* tessera-session.h — the signed-in state: client, account, secret store
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tessera-account.h"
#include "tessera-client.h"
#include "tessera-secret-store.h"
#include "tessera-token.h"
#include "tessera-token-list.h"

G_BEGIN_DECLS

typedef enum
{
  TESSERA_SESSION_STATE_SIGNED_OUT,
  TESSERA_SESSION_STATE_RESTORING,   /* checking a token from the keyring */
  TESSERA_SESSION_STATE_SIGNED_IN,
} TesseraSessionState;

#define TESSERA_TYPE_SESSION_STATE (tessera_session_state_get_type ())
GType tessera_session_state_get_type (void);

#define TESSERA_MAX_TOKENS 50

#define TESSERA_TYPE_SESSION (tessera_session_get_type ())
G_DECLARE_FINAL_TYPE (TesseraSession, tessera_session, TESSERA, SESSION, GObject)

/* Properties (all notify):
 *   "server-url"        string, construct-only, normalized origin
 *   "store"             TesseraSecretStore, construct-only
 *   "state"             TesseraSessionState
 *   "account"           TesseraAccount or NULL when signed out
 *   "tokens"            TesseraTokenList, always the same object
 *   "sign-in-token-id"  string or NULL: the jti of the token signed in with
 *   "sign-in-expires"   GDateTime or NULL: its JWT `exp`
 *   "keyring-available" gboolean: FALSE after the keyring said it is unavailable
 *
 * Signals:
 *   "signed-out" (const char *reason): the session ended on its own (a 401
 *      mid-session, or after Delete All); @reason is a translated sentence
 *      for the sign-in page, or NULL after an explicit sign out.
 *   "warning" (const char *message): something to show in a toast (an
 *      envelope warning, a keyring item that could not be removed…). */

TesseraSession      *tessera_session_new                 (const char          *server_url,
                                                          TesseraSecretStore  *store);
const char          *tessera_session_get_server_url      (TesseraSession      *self);
TesseraSessionState  tessera_session_get_state           (TesseraSession      *self);
TesseraAccount      *tessera_session_get_account         (TesseraSession      *self);
TesseraTokenList    *tessera_session_get_tokens          (TesseraSession      *self);
TesseraClient       *tessera_session_get_client          (TesseraSession      *self);
const char          *tessera_session_get_sign_in_token_id (TesseraSession     *self);
GDateTime           *tessera_session_get_sign_in_expires (TesseraSession      *self);
gboolean             tessera_session_get_keyring_available (TesseraSession    *self);

/* Looks up the sign-in token saved for this server and checks it against
 * /user/me.  TRUE: signed in (the token list starts loading).  FALSE with no
 * error: nothing saved, or the saved token is no longer valid (then it is
 * cleared).  FALSE with an error: the server could not be reached. */
void      tessera_session_restore_async          (TesseraSession       *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean  tessera_session_restore_finish         (TesseraSession       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Checks @token against /user/me; on success the session is signed in, the
 * token list starts loading and the token is saved as the sign-in token.
 * *keyring_error is set (and TRUE still returned) when it could not be saved. */
void      tessera_session_sign_in_async          (TesseraSession       *self,
                                                  const char           *token,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean  tessera_session_sign_in_finish         (TesseraSession       *self,
                                                  GAsyncResult         *result,
                                                  GError              **keyring_error,
                                                  GError              **error);

/* Clears the sign-in token from the keyring and signs out ("signed-out"
 * with a NULL reason). */
void      tessera_session_sign_out_async         (TesseraSession       *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean  tessera_session_sign_out_finish        (TesseraSession       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Creates a token; on success it is at the top of the token list.
 * *secret_out: free with tessera_secret_free(). */
void          tessera_session_create_token_async  (TesseraSession       *self,
                                                   const char           *notes,
                                                   GDateTime            *expire,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
TesseraToken *tessera_session_create_token_finish (TesseraSession       *self,
                                                   GAsyncResult         *result,
                                                   char                **secret_out,
                                                   GError              **error);

/* Saves a generated token's secret in the keyring; marks the token
 * "secret-saved". */
void      tessera_session_save_secret_async      (TesseraSession       *self,
                                                  TesseraToken         *token,
                                                  const char           *secret,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean  tessera_session_save_secret_finish     (TesseraSession       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* The saved secret of @token (for "Copy Token"); free it with
 * tessera_secret_free(). */
void      tessera_session_lookup_secret_async    (TesseraSession       *self,
                                                  TesseraToken         *token,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
char     *tessera_session_lookup_secret_finish   (TesseraSession       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Deletes @token on the server and its keyring item.  A 404 counts as
 * success (it was already gone).  Any other failure leaves the row and
 * re-syncs the list with the server. */
void      tessera_session_delete_token_async     (TesseraSession       *self,
                                                  TesseraToken         *token,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean  tessera_session_delete_token_finish    (TesseraSession       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Deletes every token of the account, then every keyring item of the
 * account on this server, then signs out with "All tokens were deleted.
 * Sign in with a new token." */
void      tessera_session_delete_all_async       (TesseraSession       *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean  tessera_session_delete_all_finish      (TesseraSession       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
