/* tessera-session-test-token.c — a pasted token: trimmed and checked,
 * tested against any server, attached to a listed token as its saved
 * secret
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-session"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-jwt.h"
#include "tessera-secret.h"
#include "tessera-server-url.h"
#include "tessera-session-impl.h"
#include "tessera-words.h"

/* ---------------------------------------------------------------- pasted */

/* The token as pasted, trimmed and checked before anything is sent. */
char *
tessera_session_take_token (const char  *token,
                            GError     **error)
{
  gboolean too_long = FALSE;
  char *trimmed = tessera_secret_dup_trimmed (token, G_MAXSIZE, &too_long);

  if (too_long)
    {
      g_propagate_error (error, tessera_session_words_error (TESSERA_SESSION_ERROR_NOT_SIGNED_IN,
                                             tessera_words_token_too_long ()));
      return NULL;
    }
  if (trimmed[0] == '\0')
    {
      tessera_secret_free (trimmed);
      g_set_error_literal (error, TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_ARGUMENT,
                           _("Enter a personal access token"));
      return NULL;
    }

  return trimmed;
}

/* ---------------------------------------------------------------- attach */

typedef struct
{
  char *token_id;
  char *notes;
  char *secret;
} Attach;

static void
attach_free (Attach *attach)
{
  g_free (attach->token_id);
  g_free (attach->notes);
  g_clear_pointer (&attach->secret, tessera_secret_free);
  g_free (attach);
}

static void
attach_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!tessera_saved_secrets_save_finish (TESSERA_SAVED_SECRETS (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
attach_tested_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSession *self = g_task_get_source_object (task);
  Attach *attach = g_task_get_task_data (task);
  g_autoptr(TesseraAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = tessera_test_token_finish (result, NULL, NULL, &error);
  if (account == NULL)
    {
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

  tessera_saved_secrets_save_async (self->secrets, attach->token_id, attach->notes, attach->secret,
                                    g_task_get_cancellable (task), attach_saved_cb,
                                    g_object_ref (task));
}

void
tessera_session_attach_secret_async (TesseraSession      *self,
                                     TesseraToken        *token,
                                     const char          *secret,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jti = NULL;
  Attach *attach;

  g_return_if_fail (TESSERA_IS_SESSION (self));
  g_return_if_fail (TESSERA_IS_TOKEN (token));
  g_return_if_fail (secret != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_session_attach_secret_async);
  attach = g_new0 (Attach, 1);
  attach->token_id = g_strdup (tessera_token_get_id (token));
  attach->notes = g_strdup (tessera_token_get_notes (token));
  g_task_set_task_data (task, attach, (GDestroyNotify) attach_free);

  attach->secret = tessera_session_take_token (secret, &error);
  if (attach->secret == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Read, not trusted: the claim only tells which token it says it is;
   * the server's answer below decides whether it works. */
  if (!tessera_jwt_read_claims (attach->secret, NULL, &jti, NULL) ||
      g_strcmp0 (jti, attach->token_id) != 0)
    {
      g_task_return_error (task, tessera_session_words_error (TESSERA_SESSION_ERROR_WRONG_TOKEN,
                                                              tessera_words_wrong_token ()));
      return;
    }

  tessera_test_token_async (self->server_url, attach->secret, cancellable,
                            attach_tested_cb, g_steal_pointer (&task));
}

gboolean
tessera_session_attach_secret_finish (TesseraSession  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------- helpers */

typedef struct
{
  GDateTime *expires;
  gboolean   is_jwt;
} TestToken;

static void
test_token_free (TestToken *data)
{
  g_clear_pointer (&data->expires, g_date_time_unref);
  g_free (data);
}

static void
test_token_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  TesseraAccount *account;

  account = tessera_client_test_token_finish (result, &error);
  if (account == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, account, g_object_unref);
}

void
tessera_test_token_async (const char          *server_url,
                          const char          *token,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  tessera_test_token_full_async (server_url, token, 0, cancellable, callback, user_data);
}

void
tessera_test_token_full_async (const char          *server_url,
                               const char          *token,
                               guint                timeout_seconds,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  g_auto(TesseraSecret) trimmed = NULL;
  TestToken *data = g_new0 (TestToken, 1);

  g_task_set_source_tag (task, tessera_test_token_async);
  g_task_set_task_data (task, data, (GDestroyNotify) test_token_free);

  trimmed = tessera_session_take_token (token, &error);
  if (trimmed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->is_jwt = tessera_jwt_read_claims (trimmed, &data->expires, NULL, NULL);

  if (timeout_seconds > 0)
    tessera_client_test_token_full_async (server_url, trimmed, timeout_seconds, cancellable,
                                          test_token_cb, g_steal_pointer (&task));
  else
    tessera_client_test_token_async (server_url, trimmed, cancellable,
                                     test_token_cb, g_steal_pointer (&task));
}

TesseraAccount *
tessera_test_token_finish (GAsyncResult  *result,
                           GDateTime    **expires_out,
                           gboolean      *is_jwt,
                           GError       **error)
{
  TestToken *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (expires_out != NULL)
    *expires_out = data->expires != NULL ? g_date_time_ref (data->expires) : NULL;
  if (is_jwt != NULL)
    *is_jwt = data->is_jwt;

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
tessera_normalize_server_url (const char  *text,
                              GError     **error)
{
  return tessera_server_url_normalize (text, error);
}
