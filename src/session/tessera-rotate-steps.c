/* tessera-rotate-steps.c — Rotate's three steps: create the new token,
 * move the sign-in to it, delete the old one
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The order is the point (glab's rotation once left a stored secret
 * pointing at a revoked token): create, keep the new secret (the sign-in
 * item first, for the token Tessera signs in with), and only then delete
 * the old token, never before the new secret is safe somewhere.
 */
#define G_LOG_DOMAIN "tessera-rotate"

#include "config.h"

#include "tessera-rotate-private.h"
#include "tessera-session-impl.h"
#include "tessera-words.h"

/* ---------------------------------------------------------------- sign-in */

static void
sign_in_failed (TesseraRotation *self,
                GError          *error)   /* (transfer full) */
{
  g_debug ("The sign-in stays on the old token: %s", error->message);
  tessera_rotation_set_sign_in_error (self, error);
  tessera_rotation_running (self, -1);
  tessera_rotation_start_save (self);
}

static void
sign_in_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TesseraRotation) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tessera_secret_store_save_sign_in_finish (TESSERA_SECRET_STORE (object), result, &error))
    {
      sign_in_failed (self, g_steal_pointer (&error));
      return;
    }

  tessera_rotation_set_sign_in_replaced (self);
  tessera_rotation_running (self, -1);
  tessera_rotation_start_save (self);
}

static void
save_sign_in_item (TesseraRotation *self)
{
  TesseraSession *session = self->session;

  tessera_secret_store_save_sign_in_async (session->store, session->server_url, session->email,
                                           tessera_token_get_id (self->new_token), self->secret,
                                           self->cancellable, sign_in_saved_cb,
                                           g_object_ref (self));
}

static void
new_account_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TesseraRotation) self = user_data;
  TesseraClient *client = TESSERA_CLIENT (object);
  g_autoptr(TesseraAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = tessera_client_get_account_finish (client, result, &error);
  if (account == NULL)
    {
      g_autofree char *words = tessera_words_rotate_new_refused (error->message);

      sign_in_failed (self, g_error_new_literal (error->domain, error->code, words));
      return;
    }
  if (g_ascii_strcasecmp (tessera_account_get_email (account), self->session->email) != 0 ||
      tessera_session_get_state (self->session) != TESSERA_SESSION_STATE_SIGNED_IN)
    {
      g_autofree char *why = tessera_words_not_signed_in ();
      g_autofree char *words = tessera_words_rotate_new_refused (why);

      sign_in_failed (self, g_error_new_literal (TESSERA_SESSION_ERROR,
                                                 TESSERA_SESSION_ERROR_NOT_SIGNED_IN, words));
      return;
    }

  /* In memory first, then in the keyring; the old token, still valid,
   * stays in the keyring until this write succeeds. */
  tessera_session_switch_token (self->session, client, self->secret);
  self->switched = TRUE;
  save_sign_in_item (self);
}

static void
start_sign_in (TesseraRotation *self)
{
  g_autoptr(TesseraClient) client = NULL;
  g_autoptr(GError) error = NULL;

  tessera_rotation_running (self, +1);
  if (self->switched)
    {
      save_sign_in_item (self);
      return;
    }

  client = tessera_client_new (self->session->server_url, self->secret, &error);
  if (client == NULL)
    {
      sign_in_failed (self, g_steal_pointer (&error));
      return;
    }
  if (self->session->request_timeout > 0)
    tessera_client_set_timeout (client, self->session->request_timeout);
  tessera_client_get_account_async (client, self->cancellable, new_account_cb, g_object_ref (self));
}

void
tessera_rotation_retry_sign_in (TesseraRotation *self)
{
  g_return_if_fail (TESSERA_IS_ROTATION (self));

  if (!self->is_sign_in || self->sign_in_replaced || self->new_token == NULL ||
      self->step != TESSERA_ROTATION_CREATED || self->busy)
    return;

  start_sign_in (self);
}

/* ---------------------------------------------------------------- create */

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraRotation *self = g_task_get_source_object (task);
  g_autoptr(TesseraToken) token = NULL;
  g_autoptr(GError) error = NULL;
  char *secret = NULL;

  token = tessera_token_list_create_finish (TESSERA_TOKEN_LIST (object), result, &secret, NULL, &error);
  tessera_rotation_running (self, -1);
  if (token == NULL)
    {
      tessera_rotation_set_step (self, TESSERA_ROTATION_READY);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("Rotating %s: made %s", tessera_token_get_id (self->old_token), tessera_token_get_id (token));
  tessera_rotation_set_new_token (self, token, secret);
  tessera_rotation_set_step (self, TESSERA_ROTATION_CREATED);

  if (self->is_sign_in)
    start_sign_in (self);
  else
    tessera_rotation_start_save (self);

  g_task_return_pointer (task, g_steal_pointer (&token), g_object_unref);
}

void
tessera_rotation_create_async (TesseraRotation     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) expire = NULL;

  g_return_if_fail (TESSERA_IS_ROTATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_rotation_create_async);

  if (self->step != TESSERA_ROTATION_READY)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "Already rotated");
      return;
    }

  if (self->lifetime_days > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      expire = g_date_time_add_days (now, self->lifetime_days);
    }

  tessera_rotation_set_step (self, TESSERA_ROTATION_CREATING);
  tessera_rotation_running (self, +1);
  tessera_token_list_create_async (tessera_session_get_tokens (self->session),
                                   tessera_token_get_notes (self->old_token), expire,
                                   cancellable, created_cb, g_steal_pointer (&task));
}

TesseraToken *
tessera_rotation_create_finish (TesseraRotation  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------- delete */

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraRotation *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  tessera_rotation_running (self, -1);
  if (tessera_token_list_delete_finish (TESSERA_TOKEN_LIST (object), result, &error))
    {
      g_debug ("Rotated: %s is gone", tessera_token_get_id (self->old_token));
      tessera_rotation_set_step (self, TESSERA_ROTATION_DONE);
      g_task_return_boolean (task, TRUE);
      return;
    }

  tessera_rotation_set_step (self, TESSERA_ROTATION_CREATED);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  {
    g_autofree char *words = tessera_words_rotate_old_kept (tessera_token_get_notes (self->old_token),
                                                            error->message);

    g_task_return_new_error (task, error->domain, error->code, "%s", words);
  }
}

void
tessera_rotation_delete_old_async (TesseraRotation     *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TESSERA_IS_ROTATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_rotation_delete_old_async);

  if (!self->can_delete_old)
    {
      g_autofree char *words = NULL;

      if (self->is_sign_in && !self->sign_in_replaced && self->step == TESSERA_ROTATION_CREATED)
        words = tessera_words_rotate_sign_in_not_replaced ();
      else
        words = tessera_words_rotate_secret_unsafe ();
      g_task_return_new_error (task, TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_NOT_SAFE,
                               "%s", words);
      return;
    }

  tessera_rotation_set_step (self, TESSERA_ROTATION_DELETING);
  tessera_rotation_running (self, +1);
  tessera_token_list_delete_async (tessera_session_get_tokens (self->session), self->old_token,
                                   cancellable, deleted_cb, g_steal_pointer (&task));
}

gboolean
tessera_rotation_delete_old_finish (TesseraRotation  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
