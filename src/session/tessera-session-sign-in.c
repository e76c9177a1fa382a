/* tessera-session-sign-in.c — how an account's session starts and ends:
 * restore from the keyring, sign in again, sign out (a pasted token is
 * checked in tessera-session-test-token.c)
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-session"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-secret.h"
#include "tessera-session-impl.h"
#include "tessera-words.h"

/* ---------------------------------------------------------------- restore */

typedef struct
{
  guint64        generation;
  char          *token;      /* a secret */
  char          *token_id;   /* of the keyring item, NULL for 0.1's */
  TesseraClient *client;
  GError        *keyring_error;
} SignIn;

static void
sign_in_free (SignIn *data)
{
  g_clear_pointer (&data->token, tessera_secret_free);
  g_clear_pointer (&data->token_id, g_free);
  g_clear_object (&data->client);
  g_clear_error (&data->keyring_error);
  g_free (data);
}

static GTask *
sign_in_task_new (TesseraSession      *self,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SignIn *data = g_new0 (SignIn, 1);

  g_task_set_source_tag (task, source_tag);
  data->generation = tessera_session_next_generation (self);
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_free);
  return task;
}

/* FALSE (and the task answered) when a newer generation took over. */
static gboolean
still_current (GTask *task)
{
  TesseraSession *self = g_task_get_source_object (task);
  SignIn *data = g_task_get_task_data (task);

  if (data->generation == self->generation)
    return TRUE;

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                           _("Another sign-in took over"));
  return FALSE;
}

static void
upgrade_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tessera_secret_store_save_sign_in_finish (TESSERA_SECRET_STORE (object), result, &error))
    g_debug ("Could not upgrade the sign-in item: %s", error->message);
}

static void
restore_account_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSession *self = g_task_get_source_object (task);
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(TesseraAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = tessera_client_get_account_finish (TESSERA_CLIENT (object), result, &error);
  if (!still_current (task))
    return;

  if (account == NULL)
    {
      if (g_error_matches (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED))
        tessera_session_become_refused (self);
      else
        {
          /* The saved token stays saved: the server may be back soon. */
          tessera_session_set_client (self, NULL);
          tessera_session_set_state (self, TESSERA_SESSION_STATE_FAILED, g_error_copy (error));
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tessera_session_become_signed_in (self, data->client, account, data->token, TRUE);

  /* An item of Tessera 0.1 has no token id: saving it again adds it. */
  if (data->token_id == NULL && self->sign_in_token_id != NULL)
    tessera_secret_store_save_sign_in_async (self->store, self->server_url, self->email,
                                             self->sign_in_token_id, data->token, NULL,
                                             upgrade_cb, NULL);

  g_task_return_boolean (task, TRUE);
}

static void restore_with_token (GTask *task);

static void
restore_lookup_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSession *self = g_task_get_source_object (task);
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->token = tessera_secret_store_lookup_sign_in_finish (TESSERA_SECRET_STORE (object), result,
                                                            &data->token_id, &error);
  if (!still_current (task))
    return;

  if (error != NULL)
    {
      tessera_session_set_state (self, TESSERA_SESSION_STATE_FAILED, g_error_copy (error));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (data->token == NULL)
    {
      /* Removed from the keyring meanwhile (Seahorse…): nothing to restore. */
      tessera_session_end_session (self, NULL);
      g_task_return_boolean (task, FALSE);
      return;
    }

  restore_with_token (g_steal_pointer (&task));
}

/* The saved token is at hand (data->token): check it. */
static void
restore_with_token (GTask *task)
{
  TesseraSession *self = g_task_get_source_object (task);
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->client = tessera_client_new (self->server_url, data->token, &error);
  if (data->client == NULL)
    {
      tessera_session_set_state (self, TESSERA_SESSION_STATE_FAILED, g_error_copy (error));
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (self->request_timeout > 0)
    tessera_client_set_timeout (data->client, self->request_timeout);

  /* /user/me and the first page go out together. */
  tessera_session_set_client (self, data->client);
  tessera_token_list_reload (self->tokens);
  tessera_client_get_account_async (data->client, self->cancellable,
                                    restore_account_cb, task);
}

void
tessera_session_restore_async (TesseraSession      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TESSERA_IS_SESSION (self));

  task = sign_in_task_new (self, tessera_session_restore_async, cancellable, callback, user_data);
  if (self->state == TESSERA_SESSION_STATE_ENDED)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  tessera_session_set_client (self, NULL);
  tessera_session_set_state (self, TESSERA_SESSION_STATE_RESTORING, NULL);
  tessera_secret_store_lookup_sign_in_async (self->store, self->server_url, self->email,
                                             self->cancellable, restore_lookup_cb,
                                             g_steal_pointer (&task));
}

void
tessera_session_restore_with_token (TesseraSession      *self,
                                    const char          *token,
                                    const char          *token_id,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  SignIn *data;

  g_return_if_fail (TESSERA_IS_SESSION (self));
  g_return_if_fail (token != NULL);

  task = sign_in_task_new (self, tessera_session_restore_async, NULL, callback, user_data);
  data = g_task_get_task_data (task);
  data->token = tessera_secret_dup (token);
  data->token_id = g_strdup (token_id);

  tessera_session_set_state (self, TESSERA_SESSION_STATE_RESTORING, NULL);
  restore_with_token (task);
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
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!tessera_secret_store_save_sign_in_finish (TESSERA_SECRET_STORE (object), result, &error))
    data->keyring_error = g_steal_pointer (&error);

  g_task_return_boolean (task, TRUE);
}

static void
save_sign_in (GTask *task)
{
  TesseraSession *self = g_task_get_source_object (task);
  SignIn *data = g_task_get_task_data (task);

  tessera_secret_store_save_sign_in_async (self->store, self->server_url, self->email,
                                           self->sign_in_token_id, data->token, NULL,
                                           sign_in_saved_cb, task);
}

static void
sign_in_account_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSession *self = g_task_get_source_object (task);
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(TesseraAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = tessera_client_get_account_finish (TESSERA_CLIENT (object), result, &error);
  if (!still_current (task))
    return;

  if (account == NULL)
    {
      if (g_error_matches (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED))
        g_task_return_new_error (task, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED,
                                 "%s", _("This token is not valid or has expired"));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_ascii_strcasecmp (tessera_account_get_email (account), self->email) != 0)
    {
      g_task_return_error (task, tessera_session_words_error (TESSERA_SESSION_ERROR_WRONG_ACCOUNT,
                                              tessera_words_wrong_account (self->email,
                                                                           tessera_account_get_email (account))));
      return;
    }

  tessera_session_become_signed_in (self, data->client, account, data->token, FALSE);
  save_sign_in (g_steal_pointer (&task));
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
  SignIn *data;

  g_return_if_fail (TESSERA_IS_SESSION (self));
  g_return_if_fail (token != NULL);

  task = sign_in_task_new (self, tessera_session_sign_in_async, cancellable, callback, user_data);
  data = g_task_get_task_data (task);

  if (self->state == TESSERA_SESSION_STATE_ENDED)
    {
      g_task_return_error (task, tessera_session_words_error (TESSERA_SESSION_ERROR_NOT_SIGNED_IN,
                                              tessera_words_not_signed_in ()));
      return;
    }

  data->token = tessera_session_take_token (token, &error);
  if (data->token != NULL)
    data->client = tessera_client_new (self->server_url, data->token, &error);
  if (data->client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->request_timeout > 0)
    tessera_client_set_timeout (data->client, self->request_timeout);

  tessera_client_get_account_async (data->client, self->cancellable,
                                    sign_in_account_cb, g_steal_pointer (&task));
}

gboolean
tessera_session_sign_in_finish (TesseraSession  *self,
                                GAsyncResult    *result,
                                GError         **keyring_error,
                                GError         **error)
{
  SignIn *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (keyring_error != NULL && data->keyring_error != NULL)
    *keyring_error = g_error_copy (data->keyring_error);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tessera_session_start_signed_in (TesseraSession      *self,
                                 TesseraClient       *client,
                                 TesseraAccount      *account,
                                 const char          *token,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SignIn *data;

  g_return_if_fail (TESSERA_IS_SESSION (self));

  task = sign_in_task_new (self, tessera_session_sign_in_async, NULL, callback, user_data);
  data = g_task_get_task_data (task);
  data->token = tessera_secret_dup (token);
  data->client = g_object_ref (client);

  tessera_session_become_signed_in (self, client, account, token, FALSE);
  save_sign_in (g_steal_pointer (&task));
}

/* ---------------------------------------------------------------- sign out */

static void
sign_out_clear_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!tessera_secret_store_clear_sign_in_finish (TESSERA_SECRET_STORE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
tessera_session_sign_out_async (TesseraSession      *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TESSERA_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_session_sign_out_async);

  /* The window leaves the account at once; the keyring follows. */
  tessera_session_end_session (self, NULL);
  tessera_secret_store_clear_sign_in_async (self->store, self->server_url, self->email,
                                            cancellable, sign_out_clear_cb, task);
}

gboolean
tessera_session_sign_out_finish (TesseraSession  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
