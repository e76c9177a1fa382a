/* tessera-session.h — one account's sign-in: restore, sign in, sign out,
 * and what a refusal means
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tessera-account.h"
#include "tessera-clock.h"
#include "tessera-saved-secrets.h"
#include "tessera-secret-store.h"
#include "tessera-session-error.h"
#include "tessera-token-list.h"

G_BEGIN_DECLS

typedef enum
{
  TESSERA_SESSION_STATE_RESTORING,  /* checking the saved sign-in token */
  TESSERA_SESSION_STATE_SIGNED_IN,
  TESSERA_SESSION_STATE_REFUSED,    /* the server refused the saved token: kept, "error" says so */
  TESSERA_SESSION_STATE_FAILED,     /* could not be restored (server, keyring): kept, "error" says why */
  TESSERA_SESSION_STATE_ENDED,      /* signed out, removed, or every token deleted */
} TesseraSessionState;

#define TESSERA_TYPE_SESSION_STATE (tessera_session_state_get_type ())
GType tessera_session_state_get_type (void);

#define TESSERA_TYPE_SESSION (tessera_session_get_type ())
G_DECLARE_FINAL_TYPE (TesseraSession, tessera_session, TESSERA, SESSION, GObject)

/* One signed-in account, keyed by (server origin, email).  Made and owned
 * by TesseraAccounts; windows, notifications and the command line follow
 * it.  Every operation that can be overtaken (restore, sign in again, sign
 * out) takes a new generation: a late answer to an abandoned one changes
 * nothing.
 *
 * Properties (all notify):
 *   "server-url"        string, normalized origin
 *   "email"             string, the account's address (the key)
 *   "account"           TesseraAccount or NULL (not yet answered)
 *   "state"             TesseraSessionState
 *   "error"             GError or NULL: why REFUSED, FAILED or ENDED
 *   "tokens"            TesseraTokenList, the same object for the session's life
 *   "secrets"           TesseraSavedSecrets, likewise
 *   "sign-in-token-id"  string or NULL: the `jti` of the token signed in with
 *   "sign-in-expires"   GDateTime or NULL: its JWT `exp`
 *
 * Signals:
 *   "warning" (const char *message): something to show in a toast (an
 *      envelope warning, a keyring item that could not be removed…). */

const char          *tessera_session_get_server_url       (TesseraSession *self);
const char          *tessera_session_get_email            (TesseraSession *self);
TesseraAccount      *tessera_session_get_account          (TesseraSession *self);
TesseraSessionState  tessera_session_get_state            (TesseraSession *self);
const GError        *tessera_session_get_error            (TesseraSession *self);
TesseraTokenList    *tessera_session_get_tokens           (TesseraSession *self);
TesseraSavedSecrets *tessera_session_get_secrets          (TesseraSession *self);
const char          *tessera_session_get_sign_in_token_id (TesseraSession *self);
GDateTime           *tessera_session_get_sign_in_expires  (TesseraSession *self);
/* "email — host", to tell accounts apart in a list. */
char                *tessera_session_dup_title            (TesseraSession *self);
gboolean             tessera_session_matches              (TesseraSession *self,
                                                           const char     *server_url,
                                                           const char     *email);

/* Restores (again) from the saved sign-in token: /user/me and the first
 * page of the list go out together.  Also the Retry of a FAILED session. */
void      tessera_session_restore_async       (TesseraSession       *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean  tessera_session_restore_finish      (TesseraSession       *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* "Sign In Again": checks @token against /user/me; it must belong to this
 * account (else TESSERA_SESSION_ERROR_WRONG_ACCOUNT).  On success the
 * saved sign-in is replaced.  *keyring_error is set (TRUE still returned)
 * when it could not be saved. */
void      tessera_session_sign_in_async       (TesseraSession       *self,
                                               const char           *token,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean  tessera_session_sign_in_finish      (TesseraSession       *self,
                                               GAsyncResult         *result,
                                               GError              **keyring_error,
                                               GError              **error);

/* Sign Out / Remove Account: clears the saved sign-in token; the session
 * ends (and leaves TesseraAccounts) at once, whatever the keyring says. */
void      tessera_session_sign_out_async      (TesseraSession       *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean  tessera_session_sign_out_finish     (TesseraSession       *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* "Attach Secret…": the secret of @token, made elsewhere (the web console,
 * or before Tessera), pasted by the user.  It is saved in the keyring only
 * if it is that token's (its JWT `jti` is the token's id) and the server
 * accepts it for this account; else TESSERA_SESSION_ERROR_WRONG_TOKEN,
 * TESSERA_SESSION_ERROR_WRONG_ACCOUNT or the server's refusal, and nothing
 * is saved. */
void      tessera_session_attach_secret_async  (TesseraSession       *self,
                                                TesseraToken         *token,
                                                const char           *secret,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean  tessera_session_attach_secret_finish (TesseraSession       *self,
                                                GAsyncResult         *result,
                                                GError              **error);

typedef enum
{
  TESSERA_COPY_TOKEN,          /* the secret alone */
  TESSERA_COPY_ENVIRONMENT,    /* export API7_CLOUD_TOKEN='…' */
  TESSERA_COPY_HEADER,         /* Authorization: Bearer … */
  TESSERA_COPY_CURL,           /* curl …/api/v1/user/me -H 'Authorization: Bearer …' -i */
} TesseraCopyFormat;

/* @secret as @format writes it, for this account's server.  Free it with
 * tessera_secret_free(): it holds the secret. */
char     *tessera_session_format_secret       (TesseraSession       *self,
                                               const char           *secret,
                                               TesseraCopyFormat     format);

/* Checks any token against /user/me on @server_url, on a connection of
 * its own: no session is touched. */
void            tessera_test_token_async      (const char           *server_url,
                                               const char           *token,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
/* *expires_out: the token's JWT `exp` (read, never trusted: the server's
 * answer decides whether it works); NULL when it has none.  *is_jwt: it
 * is a JWT at all. */
TesseraAccount *tessera_test_token_finish     (GAsyncResult         *result,
                                               GDateTime           **expires_out,
                                               gboolean             *is_jwt,
                                               GError              **error);

/* A server address as the user typed it, checked and reduced to its
 * origin; NULL with an error saying why it cannot be used. */
char           *tessera_normalize_server_url  (const char           *text,
                                               GError              **error);

G_END_DECLS
