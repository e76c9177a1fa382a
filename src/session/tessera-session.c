/* tessera-session.c — the signed-in state: client, account, secret store
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-session"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tessera-jwt.h"
#include "tessera-secret.h"
#include "tessera-session.h"

/* Keyring items are filed under the account's email: it is what a person
 * recognises in Seahorse or `secret-tool search`. */

struct _TesseraSession
{
  GObject              parent_instance;

  char                *server_url;
  TesseraSecretStore  *store;
  TesseraSessionState  state;
  TesseraAccount      *account;
  TesseraTokenList    *tokens;
  TesseraClient       *client;
  gulong               client_warning_id;
  char                *sign_in_token_id;
  GDateTime           *sign_in_expires;
  gboolean             keyring_available;
  gboolean             keyring_warned;

  /* Background work of the signed-in state; cancelled when it ends. */
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (TesseraSession, tessera_session, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (TesseraSessionState, tessera_session_state,
                    G_DEFINE_ENUM_VALUE (TESSERA_SESSION_STATE_SIGNED_OUT, "signed-out"),
                    G_DEFINE_ENUM_VALUE (TESSERA_SESSION_STATE_RESTORING, "restoring"),
                    G_DEFINE_ENUM_VALUE (TESSERA_SESSION_STATE_SIGNED_IN, "signed-in"))

enum {
  PROP_0,
  PROP_SERVER_URL,
  PROP_STORE,
  PROP_STATE,
  PROP_ACCOUNT,
  PROP_TOKENS,
  PROP_SIGN_IN_TOKEN_ID,
  PROP_SIGN_IN_EXPIRES,
  PROP_KEYRING_AVAILABLE,
  N_PROPS
};

enum {
  SIGNED_OUT,
  WARNING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- state */

static void
set_state (TesseraSession      *self,
           TesseraSessionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
note_keyring_error (TesseraSession *self,
                    const GError   *error)
{
  if (error == NULL)
    return;

  if (g_error_matches (error, TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE))
    {
      if (self->keyring_available)
        {
          self->keyring_available = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_AVAILABLE]);
        }
      if (!self->keyring_warned)
        {
          self->keyring_warned = TRUE;
          g_signal_emit (self, signals[WARNING], 0,
                         _("The keyring is not available: tokens cannot be saved on this computer"));
        }
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Keyring: %s", error->message);
    }
}

static void
client_warning_cb (TesseraClient  *client,
                   const char     *message,
                   TesseraSession *self)
{
  g_signal_emit (self, signals[WARNING], 0, message);
}

static void
set_client (TesseraSession *self,
            TesseraClient  *client)
{
  if (self->client != NULL)
    g_clear_signal_handler (&self->client_warning_id, self->client);
  g_set_object (&self->client, client);
  if (self->client != NULL)
    self->client_warning_id = g_signal_connect (self->client, "warning",
                                                G_CALLBACK (client_warning_cb), self);
}

static void
list_generated_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TesseraSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  ids = tessera_secret_store_list_generated_finish (TESSERA_SECRET_STORE (object), result, &error);
  if (ids == NULL)
    {
      note_keyring_error (self, error);
      return;
    }

  if (self->state == TESSERA_SESSION_STATE_SIGNED_IN)
    tessera_token_list_set_saved_ids (self->tokens, (const char * const *) ids);
}

static void
become_signed_in (TesseraSession *self,
                  TesseraClient  *client,
                  TesseraAccount *account,
                  const char     *token)
{
  g_autoptr(GDateTime) exp = NULL;
  g_autofree char *jti = NULL;

  g_object_freeze_notify (G_OBJECT (self));

  set_client (self, client);
  g_set_object (&self->account, account);

  /* Not every token need be a JWT: then there is simply nothing to say. */
  if (!tessera_jwt_read_claims (token, &exp, &jti, NULL))
    g_clear_pointer (&jti, g_free);

  g_free (self->sign_in_token_id);
  self->sign_in_token_id = g_steal_pointer (&jti);
  g_clear_pointer (&self->sign_in_expires, g_date_time_unref);
  self->sign_in_expires = g_steal_pointer (&exp);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  tessera_token_list_clear (self->tokens);
  tessera_token_list_set_client (self->tokens, client);
  tessera_token_list_reload (self->tokens);

  tessera_secret_store_list_generated_async (self->store, self->server_url,
                                             tessera_account_get_email (account),
                                             self->cancellable,
                                             list_generated_cb, g_object_ref (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGN_IN_TOKEN_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGN_IN_EXPIRES]);
  set_state (self, TESSERA_SESSION_STATE_SIGNED_IN);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
become_signed_out (TesseraSession *self)
{
  g_object_freeze_notify (G_OBJECT (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  tessera_token_list_set_client (self->tokens, NULL);
  tessera_token_list_clear (self->tokens);
  set_client (self, NULL);

  if (self->account != NULL)
    {
      g_clear_object (&self->account);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
    }
  if (self->sign_in_token_id != NULL)
    {
      g_clear_pointer (&self->sign_in_token_id, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGN_IN_TOKEN_ID]);
    }
  if (self->sign_in_expires != NULL)
    {
      g_clear_pointer (&self->sign_in_expires, g_date_time_unref);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGN_IN_EXPIRES]);
    }
  set_state (self, TESSERA_SESSION_STATE_SIGNED_OUT);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
clear_sign_in_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TesseraSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tessera_secret_store_clear_sign_in_finish (TESSERA_SECRET_STORE (object), result, &error))
    note_keyring_error (self, error);
}

/* The session ended on its own: forget the sign-in token that no longer
 * works and tell the window why. */
static void
end_session (TesseraSession *self,
             const char     *reason,
             gboolean        clear_sign_in)
{
  if (self->state != TESSERA_SESSION_STATE_SIGNED_IN)
    return;

  g_debug ("Session ends: %s", reason);

  if (clear_sign_in)
    tessera_secret_store_clear_sign_in_async (self->store, self->server_url, NULL,
                                              clear_sign_in_cb, g_object_ref (self));

  become_signed_out (self);
  g_signal_emit (self, signals[SIGNED_OUT], 0, reason);
}

/* Every API failure of the signed-in state passes here: a 401 means the
 * sign-in token is gone (deleted, expired), so the session is over. */
static void
check_api_error (TesseraSession *self,
                 const GError   *error)
{
  if (g_error_matches (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED))
    end_session (self, _("Your sign-in token is no longer valid"), TRUE);
}

static void
tokens_error_cb (TesseraTokenList *tokens,
                 GParamSpec       *pspec,
                 TesseraSession   *self)
{
  const GError *error = tessera_token_list_get_error (tokens);

  if (error != NULL)
    check_api_error (self, error);
}

static gboolean
check_signed_in (TesseraSession  *self,
                 GError         **error)
{
  if (self->state == TESSERA_SESSION_STATE_SIGNED_IN)
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, _("Not signed in"));
  return FALSE;
}

/* A callback arriving after the session it started in ended. */
static gboolean
check_still_current (TesseraSession  *self,
                     TesseraClient   *client,
                     GTask           *task)
{
  if (self->state == TESSERA_SESSION_STATE_SIGNED_IN && self->client == client)
    return TRUE;

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                           _("Signed out while the request ran"));
  return FALSE;
}

/* ---------------------------------------------------------------- public */

TesseraSession *
tessera_session_new (const char         *server_url,
                     TesseraSecretStore *store)
{
  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (TESSERA_IS_SECRET_STORE (store), NULL);

  return g_object_new (TESSERA_TYPE_SESSION,
                       "server-url", server_url,
                       "store", store,
                       NULL);
}

const char *
tessera_session_get_server_url (TesseraSession *self)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), NULL);

  return self->server_url;
}

TesseraSessionState
tessera_session_get_state (TesseraSession *self)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), TESSERA_SESSION_STATE_SIGNED_OUT);

  return self->state;
}

TesseraAccount *
tessera_session_get_account (TesseraSession *self)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), NULL);

  return self->account;
}

TesseraTokenList *
tessera_session_get_tokens (TesseraSession *self)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), NULL);

  return self->tokens;
}

TesseraClient *
tessera_session_get_client (TesseraSession *self)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), NULL);

  return self->client;
}

const char *
tessera_session_get_sign_in_token_id (TesseraSession *self)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), NULL);

  return self->sign_in_token_id;
}

GDateTime *
tessera_session_get_sign_in_expires (TesseraSession *self)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), NULL);

  return self->sign_in_expires;
}

gboolean
tessera_session_get_keyring_available (TesseraSession *self)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), FALSE);

  return self->keyring_available;
}

/* ---------------------------------------------------------------- restore */

/* Only a restore still running may end the restoring state: a sign in that
 * overtook it must not be undone by its late answer. */
static void
leave_restoring (TesseraSession *self)
{
  if (self->state == TESSERA_SESSION_STATE_RESTORING)
    set_state (self, TESSERA_SESSION_STATE_SIGNED_OUT);
}

typedef struct
{
  char          *token;   /* a secret */
  TesseraClient *client;
  GError        *keyring_error;
} SignInData;

static void
sign_in_data_free (SignInData *data)
{
  g_clear_pointer (&data->token, tessera_secret_free);
  g_clear_object (&data->client);
  g_clear_error (&data->keyring_error);
  g_free (data);
}

static void
restore_account_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSession *self = g_task_get_source_object (task);
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(TesseraAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = tessera_client_get_account_finish (TESSERA_CLIENT (object), result, &error);

  if (account == NULL)
    {
      leave_restoring (self);
      if (g_error_matches (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED))
        {
          /* Expired or deleted meanwhile: forget it, ask for a new one. */
          tessera_secret_store_clear_sign_in_async (self->store, self->server_url, NULL,
                                                    clear_sign_in_cb, g_object_ref (self));
          g_task_return_boolean (task, FALSE);
        }
      else
        {
          g_task_return_error (task, g_steal_pointer (&error));
        }
      return;
    }

  if (self->state != TESSERA_SESSION_STATE_RESTORING)
    {
      /* A sign in (or sign out) overtook this restore: it wins. */
      g_task_return_boolean (task, self->state == TESSERA_SESSION_STATE_SIGNED_IN);
      return;
    }

  become_signed_in (self, data->client, account, data->token);
  g_task_return_boolean (task, TRUE);
}

static void
restore_lookup_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSession *self = g_task_get_source_object (task);
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *account = NULL;

  data->token = tessera_secret_store_lookup_sign_in_finish (TESSERA_SECRET_STORE (object),
                                                            result, &account, &error);
  if (data->token == NULL)
    {
      /* Nothing saved, or no keyring: either way, the sign-in page. */
      note_keyring_error (self, error);
      leave_restoring (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, FALSE);
      return;
    }

  data->client = tessera_client_new (self->server_url, data->token, &error);
  if (data->client == NULL)
    {
      leave_restoring (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tessera_client_get_account_async (data->client, g_task_get_cancellable (task),
                                    restore_account_cb, g_object_ref (task));
}

void
tessera_session_restore_async (TesseraSession      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TESSERA_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_session_restore_async);
  g_task_set_task_data (task, g_new0 (SignInData, 1), (GDestroyNotify) sign_in_data_free);

  if (self->state == TESSERA_SESSION_STATE_SIGNED_IN)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  set_state (self, TESSERA_SESSION_STATE_RESTORING);
  tessera_secret_store_lookup_sign_in_async (self->store, self->server_url, cancellable,
                                             restore_lookup_cb, g_steal_pointer (&task));
}

gboolean
tessera_session_restore_finish (TesseraSession  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------- sign in */

static void
sign_in_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSession *self = g_task_get_source_object (task);
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!tessera_secret_store_save_sign_in_finish (TESSERA_SECRET_STORE (object), result, &error))
    {
      note_keyring_error (self, error);
      data->keyring_error = g_steal_pointer (&error);
    }

  g_task_return_boolean (task, TRUE);
}

static void
sign_in_account_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSession *self = g_task_get_source_object (task);
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(TesseraAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  account = tessera_client_get_account_finish (TESSERA_CLIENT (object), result, &error);

  if (account == NULL)
    {
      if (g_error_matches (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED))
        g_task_return_new_error (task, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED,
                                 "%s", _("This token is not valid or has expired"));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  become_signed_in (self, data->client, account, data->token);

  /* Not g_task_get_cancellable (task) in the same call as g_steal_pointer
   * (&task): argument order is unspecified. */
  cancellable = g_task_get_cancellable (task);
  tessera_secret_store_save_sign_in_async (self->store, self->server_url,
                                           tessera_account_get_email (account),
                                           data->token, cancellable,
                                           sign_in_saved_cb, g_steal_pointer (&task));
}

void
tessera_session_sign_in_async (TesseraSession      *self,
                               const char          *token,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SignInData *data;

  g_return_if_fail (TESSERA_IS_SESSION (self));
  g_return_if_fail (token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_session_sign_in_async);
  data = g_new0 (SignInData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_data_free);

  /* Pasted tokens often carry a newline or spaces around them. */
  {
    gboolean too_long = FALSE;

    data->token = tessera_secret_dup_trimmed (token, G_MAXSIZE, &too_long);
    if (too_long)
      {
        g_task_return_new_error (task, TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_ARGUMENT,
                                 "%s", _("This is too long to be a personal access token. Copy the token alone and try again."));
        return;
      }
  }

  if (data->token[0] == '\0')
    {
      g_task_return_new_error (task, TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_ARGUMENT,
                               "%s", _("Enter a personal access token"));
      return;
    }

  data->client = tessera_client_new (self->server_url, data->token, &error);
  if (data->client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tessera_client_get_account_async (data->client, cancellable,
                                    sign_in_account_cb, g_steal_pointer (&task));
}

gboolean
tessera_session_sign_in_finish (TesseraSession  *self,
                                GAsyncResult    *result,
                                GError         **keyring_error,
                                GError         **error)
{
  SignInData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (keyring_error != NULL && data->keyring_error != NULL)
    *keyring_error = g_error_copy (data->keyring_error);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------- sign out */

static void
sign_out_clear_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!tessera_secret_store_clear_sign_in_finish (TESSERA_SECRET_STORE (object), result, &error))
    {
      note_keyring_error (self, error);
      if (!g_error_matches (error, TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

void
tessera_session_sign_out_async (TesseraSession      *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gboolean was_signed_in;

  g_return_if_fail (TESSERA_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_session_sign_out_async);

  /* The window leaves the list at once; the keyring follows. */
  was_signed_in = self->state == TESSERA_SESSION_STATE_SIGNED_IN;
  become_signed_out (self);
  if (was_signed_in)
    g_signal_emit (self, signals[SIGNED_OUT], 0, NULL);

  tessera_secret_store_clear_sign_in_async (self->store, self->server_url, cancellable,
                                            sign_out_clear_cb, g_steal_pointer (&task));
}

gboolean
tessera_session_sign_out_finish (TesseraSession  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------- create */

typedef struct
{
  TesseraClient *client;
  char          *secret;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_clear_object (&data->client);
  g_clear_pointer (&data->secret, tessera_secret_free);
  g_free (data);
}

static void
create_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSession *self = g_task_get_source_object (task);
  CreateData *data = g_task_get_task_data (task);
  g_autoptr(TesseraToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = tessera_client_create_token_finish (TESSERA_CLIENT (object), result,
                                              &data->secret, &error);
  if (!check_still_current (self, data->client, task))
    return;

  if (token == NULL)
    {
      check_api_error (self, error);
      /* The request may have got through before it failed: ask. */
      if (self->state == TESSERA_SESSION_STATE_SIGNED_IN)
        tessera_token_list_reload (self->tokens);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tessera_token_list_prepend (self->tokens, token);
  g_task_return_pointer (task, g_steal_pointer (&token), g_object_unref);
}

void
tessera_session_create_token_async (TesseraSession      *self,
                                    const char          *notes,
                                    GDateTime           *expire,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CreateData *data;

  g_return_if_fail (TESSERA_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_session_create_token_async);
  data = g_new0 (CreateData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);

  if (!check_signed_in (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->client = g_object_ref (self->client);
  tessera_client_create_token_async (self->client, notes != NULL ? notes : "", expire,
                                     cancellable, create_token_cb, g_steal_pointer (&task));
}

TesseraToken *
tessera_session_create_token_finish (TesseraSession  *self,
                                     GAsyncResult    *result,
                                     char           **secret_out,
                                     GError         **error)
{
  TesseraToken *token;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  token = g_task_propagate_pointer (G_TASK (result), error);
  if (token != NULL && secret_out != NULL)
    {
      CreateData *data = g_task_get_task_data (G_TASK (result));

      *secret_out = g_steal_pointer (&data->secret);
    }

  return token;
}

/* ---------------------------------------------------------------- secrets */

static void
save_secret_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSession *self = g_task_get_source_object (task);
  TesseraToken *token = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!tessera_secret_store_save_generated_finish (TESSERA_SECRET_STORE (object), result, &error))
    {
      note_keyring_error (self, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tessera_token_set_secret_saved (token, TRUE);
  tessera_token_list_set_secret_saved (self->tokens, tessera_token_get_id (token), TRUE);
  g_task_return_boolean (task, TRUE);
}

void
tessera_session_save_secret_async (TesseraSession      *self,
                                   TesseraToken        *token,
                                   const char          *secret,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TESSERA_IS_SESSION (self));
  g_return_if_fail (TESSERA_IS_TOKEN (token));
  g_return_if_fail (secret != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_session_save_secret_async);
  g_task_set_task_data (task, g_object_ref (token), g_object_unref);

  if (!check_signed_in (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tessera_secret_store_save_generated_async (self->store, self->server_url,
                                             tessera_account_get_email (self->account),
                                             tessera_token_get_id (token),
                                             tessera_token_get_notes (token),
                                             secret, cancellable,
                                             save_secret_cb, g_steal_pointer (&task));
}

gboolean
tessera_session_save_secret_finish (TesseraSession  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_secret_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSession *self = g_task_get_source_object (task);
  TesseraToken *token = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = tessera_secret_store_lookup_generated_finish (TESSERA_SECRET_STORE (object),
                                                         result, &error);
  if (secret == NULL)
    {
      note_keyring_error (self, error);
      if (error == NULL)
        {
          /* Removed behind our back (Seahorse…): stop offering it. */
          tessera_token_set_secret_saved (token, FALSE);
          tessera_token_list_set_secret_saved (self->tokens, tessera_token_get_id (token), FALSE);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                                   _("This token is no longer in the keyring"));
        }
      else
        {
          g_task_return_error (task, g_steal_pointer (&error));
        }
      return;
    }

  g_task_return_pointer (task, secret, (GDestroyNotify) tessera_secret_free);
}

void
tessera_session_lookup_secret_async (TesseraSession      *self,
                                     TesseraToken        *token,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TESSERA_IS_SESSION (self));
  g_return_if_fail (TESSERA_IS_TOKEN (token));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_session_lookup_secret_async);
  g_task_set_task_data (task, g_object_ref (token), g_object_unref);

  if (!check_signed_in (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tessera_secret_store_lookup_generated_async (self->store, self->server_url,
                                               tessera_account_get_email (self->account),
                                               tessera_token_get_id (token),
                                               cancellable,
                                               lookup_secret_cb, g_steal_pointer (&task));
}

char *
tessera_session_lookup_secret_finish (TesseraSession  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------- delete */

typedef struct
{
  TesseraClient *client;
  char          *id;
  char          *email;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->client);
  g_free (data->id);
  g_free (data->email);
  g_free (data);
}

static void
delete_generated_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TesseraSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tessera_secret_store_delete_generated_finish (TESSERA_SECRET_STORE (object), result, &error))
    {
      note_keyring_error (self, error);
      if (!g_error_matches (error, TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE))
        g_signal_emit (self, signals[WARNING], 0,
                       _("The deleted token could not be removed from the keyring"));
    }
}

static void
delete_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSession *self = g_task_get_source_object (task);
  DeleteData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!tessera_client_delete_token_finish (TESSERA_CLIENT (object), result, &error) &&
      !g_error_matches (error, TESSERA_API_ERROR, TESSERA_API_ERROR_NOT_FOUND))
    {
      if (check_still_current (self, data->client, task))
        {
          check_api_error (self, error);
          /* The row stays, but only if the server still has it. */
          if (self->state == TESSERA_SESSION_STATE_SIGNED_IN)
            tessera_token_list_reload (self->tokens);
          g_task_return_error (task, g_steal_pointer (&error));
        }
      return;
    }

  /* Gone on the server (now, or already: a 404): gone here too. */
  tessera_secret_store_delete_generated_async (self->store, self->server_url, data->email,
                                               data->id, NULL,
                                               delete_generated_cb, g_object_ref (self));

  if (self->state == TESSERA_SESSION_STATE_SIGNED_IN && self->client == data->client)
    {
      tessera_token_list_remove (self->tokens, data->id);
      tessera_token_list_set_secret_saved (self->tokens, data->id, FALSE);

      if (g_strcmp0 (data->id, self->sign_in_token_id) == 0)
        end_session (self, _("The token Tessera was signed in with was deleted. Sign in with another token."),
                     TRUE);
    }

  g_task_return_boolean (task, TRUE);
}

void
tessera_session_delete_token_async (TesseraSession      *self,
                                    TesseraToken        *token,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  DeleteData *data;

  g_return_if_fail (TESSERA_IS_SESSION (self));
  g_return_if_fail (TESSERA_IS_TOKEN (token));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_session_delete_token_async);

  if (!check_signed_in (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (DeleteData, 1);
  data->client = g_object_ref (self->client);
  data->id = g_strdup (tessera_token_get_id (token));
  data->email = g_strdup (tessera_account_get_email (self->account));
  g_task_set_task_data (task, data, (GDestroyNotify) delete_data_free);

  tessera_client_delete_token_async (self->client, data->id, cancellable,
                                     delete_token_cb, g_steal_pointer (&task));
}

gboolean
tessera_session_delete_token_finish (TesseraSession  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
delete_account_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!tessera_secret_store_delete_account_finish (TESSERA_SECRET_STORE (object), result, &error))
    {
      note_keyring_error (self, error);
      if (!g_error_matches (error, TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE))
        g_signal_emit (self, signals[WARNING], 0,
                       _("Some deleted tokens could not be removed from the keyring"));
    }

  end_session (self, _("All tokens were deleted. Sign in with a new token."), FALSE);
  g_task_return_boolean (task, TRUE);
}

static void
delete_all_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSession *self = g_task_get_source_object (task);
  DeleteData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!tessera_client_delete_all_finish (TESSERA_CLIENT (object), result, NULL, &error))
    {
      if (check_still_current (self, data->client, task))
        {
          check_api_error (self, error);
          if (self->state == TESSERA_SESSION_STATE_SIGNED_IN)
            tessera_token_list_reload (self->tokens);
          g_task_return_error (task, g_steal_pointer (&error));
        }
      return;
    }

  /* The sign-in token is gone too: a reload now would only meet a 401. */
  tessera_token_list_set_client (self->tokens, NULL);
  tessera_token_list_clear (self->tokens);

  tessera_secret_store_delete_account_async (self->store, self->server_url, data->email, NULL,
                                             delete_account_cb, g_steal_pointer (&task));
}

void
tessera_session_delete_all_async (TesseraSession      *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  DeleteData *data;

  g_return_if_fail (TESSERA_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_session_delete_all_async);

  if (!check_signed_in (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (DeleteData, 1);
  data->client = g_object_ref (self->client);
  data->email = g_strdup (tessera_account_get_email (self->account));
  g_task_set_task_data (task, data, (GDestroyNotify) delete_data_free);

  tessera_client_delete_all_async (self->client, cancellable,
                                   delete_all_cb, g_steal_pointer (&task));
}

gboolean
tessera_session_delete_all_finish (TesseraSession  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------- GObject */

static void
tessera_session_dispose (GObject *object)
{
  TesseraSession *self = TESSERA_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->tokens != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->tokens, self);
      tessera_token_list_set_client (self->tokens, NULL);
    }
  set_client (self, NULL);
  g_clear_object (&self->tokens);
  g_clear_object (&self->account);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tessera_session_parent_class)->dispose (object);
}

static void
tessera_session_finalize (GObject *object)
{
  TesseraSession *self = TESSERA_SESSION (object);

  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->sign_in_token_id, g_free);
  g_clear_pointer (&self->sign_in_expires, g_date_time_unref);

  G_OBJECT_CLASS (tessera_session_parent_class)->finalize (object);
}

static void
tessera_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TesseraSession *self = TESSERA_SESSION (object);

  switch (prop_id)
    {
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_TOKENS:
      g_value_set_object (value, self->tokens);
      break;

    case PROP_SIGN_IN_TOKEN_ID:
      g_value_set_string (value, self->sign_in_token_id);
      break;

    case PROP_SIGN_IN_EXPIRES:
      g_value_set_boxed (value, self->sign_in_expires);
      break;

    case PROP_KEYRING_AVAILABLE:
      g_value_set_boolean (value, self->keyring_available);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_session_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TesseraSession *self = TESSERA_SESSION (object);

  switch (prop_id)
    {
    case PROP_SERVER_URL:
      self->server_url = g_value_dup_string (value);
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_session_constructed (GObject *object)
{
  TesseraSession *self = TESSERA_SESSION (object);

  G_OBJECT_CLASS (tessera_session_parent_class)->constructed (object);

  if (self->store == NULL)
    self->store = tessera_secret_store_new ();
}

static void
tessera_session_class_init (TesseraSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tessera_session_constructed;
  object_class->dispose = tessera_session_dispose;
  object_class->finalize = tessera_session_finalize;
  object_class->get_property = tessera_session_get_property;
  object_class->set_property = tessera_session_set_property;

  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TESSERA_TYPE_SECRET_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       TESSERA_TYPE_SESSION_STATE, TESSERA_SESSION_STATE_SIGNED_OUT,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         TESSERA_TYPE_ACCOUNT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOKENS] =
    g_param_spec_object ("tokens", NULL, NULL,
                         TESSERA_TYPE_TOKEN_LIST,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SIGN_IN_TOKEN_ID] =
    g_param_spec_string ("sign-in-token-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SIGN_IN_EXPIRES] =
    g_param_spec_boxed ("sign-in-expires", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_KEYRING_AVAILABLE] =
    g_param_spec_boolean ("keyring-available", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNED_OUT] =
    g_signal_new ("signed-out",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[WARNING] =
    g_signal_new ("warning",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tessera_session_init (TesseraSession *self)
{
  self->keyring_available = TRUE;
  self->tokens = tessera_token_list_new ();
  g_signal_connect (self->tokens, "notify::error", G_CALLBACK (tokens_error_cb), self);
}
