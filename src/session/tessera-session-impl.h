/* tessera-session-impl.h — the insides of TesseraSession, shared by
 * tessera-session.c (its state), tessera-session-sign-in.c (restore,
 * sign in, sign out) and tessera-session-test-token.c (a pasted token)
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tessera-session.h"
#include "tessera-session-private.h"

G_BEGIN_DECLS

struct _TesseraSession
{
  GObject              parent_instance;

  char                *server_url;
  char                *email;
  TesseraSecretStore  *store;
  TesseraClock        *clock;

  TesseraSessionState  state;
  GError              *error;
  TesseraAccount      *account;
  TesseraTokenList    *tokens;
  TesseraSavedSecrets *secrets;
  TesseraClient       *client;
  gulong               client_warning_id;
  char                *sign_in_token_id;
  GDateTime           *sign_in_expires;

  /* Restore, sign in and sign out each take a new generation: an answer
   * that comes back to an older one changes nothing. */
  guint64              generation;
  GCancellable        *cancellable;
  guint                request_timeout;
};

void     tessera_session_set_state        (TesseraSession      *self,
                                           TesseraSessionState  state,
                                           GError              *error);
GError  *tessera_session_words_error      (int                  code,
                                           char                *words);
guint64  tessera_session_next_generation  (TesseraSession      *self);
void     tessera_session_set_client       (TesseraSession      *self,
                                           TesseraClient       *client);
void     tessera_session_become_signed_in (TesseraSession      *self,
                                           TesseraClient       *client,
                                           TesseraAccount      *account,
                                           const char          *token,
                                           gboolean             listing);
void     tessera_session_end_session      (TesseraSession      *self,
                                           char                *reason);
void     tessera_session_become_refused   (TesseraSession      *self);
/* Rotate: @client, of @token (checked against /user/me, this account's),
 * takes over from the sign-in token; the list is read with it.  The
 * keyring's sign-in item is the caller's to replace. */
void     tessera_session_switch_token     (TesseraSession      *self,
                                           TesseraClient       *client,
                                           const char          *token);
/* The token as pasted, trimmed (a secret), or NULL and @error: empty, or
 * too long to be a token. */
char    *tessera_session_take_token       (const char          *token,
                                           GError             **error);

G_END_DECLS
