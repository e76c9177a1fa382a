/* tessera-session-private.h — what the objects of src/session tell each
 * other
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tessera-client.h"
#include "tessera-clock.h"
#include "tessera-saved-secrets.h"
#include "tessera-session.h"
#include "tessera-token-list.h"

G_BEGIN_DECLS

TesseraTokenList *tessera_token_list_new        (TesseraClock        *clock,
                                                 TesseraSavedSecrets *secrets);
/* The client of the signed-in state, or NULL: every call and listing of
 * the previous one is cancelled. */
void              tessera_token_list_set_client (TesseraTokenList    *self,
                                                 TesseraClient       *client);
/* Forgets every item and the listing state (the session ended). */
void              tessera_token_list_clear      (TesseraTokenList    *self);

TesseraSession   *tessera_session_new           (TesseraSecretStore  *store,
                                                 TesseraClock        *clock,
                                                 const char          *server_url,
                                                 const char          *email);
/* Add Account: @client's token (@token) was just checked and answered with
 * @account; the session is signed in with it and saves it in the keyring
 * (@callback gets the keyring's answer, see tessera_session_sign_in_finish). */
void              tessera_session_start_signed_in (TesseraSession    *self,
                                                 TesseraClient       *client,
                                                 TesseraAccount      *account,
                                                 const char          *token,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);

/* A restore whose saved token was read already (with every other one, in
 * one keyring search): finishes as tessera_session_restore_async(). */
void              tessera_session_restore_with_token (TesseraSession *self,
                                                 const char          *token,
                                                 const char          *token_id,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);

/* tessera_test_token_async() with a timeout of its own (0: the default);
 * finish it with tessera_test_token_finish(). */
void              tessera_test_token_full_async (const char          *server_url,
                                                 const char          *token,
                                                 guint                timeout_seconds,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);

/* Applied to every client the session makes from now on (0: default). */
void              tessera_session_set_request_timeout (TesseraSession *self,
                                                 guint                seconds);

/* An error whose answer may have been lost after the server did the work. */
gboolean          tessera_error_is_uncertain    (const GError        *error);

G_END_DECLS
