/* tessera-token-list-ops.c — create, delete and Delete All, and how the
 * token repository finds out what came of one whose answer was lost
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request is never sent twice behind the user's back: a create or a
 * delete whose answer was lost (timeout, closed connection, 5xx, an answer
 * that cannot be read) may or may not have happened, so the list is read
 * again and that decides.
 */
#define G_LOG_DOMAIN "tessera-token-list"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-secret.h"
#include "tessera-session-error.h"
#include "tessera-token-list-private.h"
#include "tessera-words.h"

GPtrArray *
tessera_token_list_client_list_finish (TesseraClient  *client,
                                       GAsyncResult   *result,
                                       gboolean       *settled,
                                       GError        **error)
{
  *settled = TRUE;
  return tessera_client_list_tokens_finish (client, result, settled, error);
}

gboolean
tessera_error_is_uncertain (const GError *error)
{
  if (error == NULL || error->domain != TESSERA_API_ERROR)
    return FALSE;

  switch (error->code)
    {
    case TESSERA_API_ERROR_NETWORK:
    case TESSERA_API_ERROR_NO_ANSWER:
    case TESSERA_API_ERROR_TIMEOUT:
    case TESSERA_API_ERROR_SERVER:
    case TESSERA_API_ERROR_BAD_RESPONSE:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
check_client (TesseraTokenList  *self,
              GError           **error)
{
  g_autofree char *words = NULL;

  if (self->client != NULL)
    return TRUE;

  words = tessera_words_not_signed_in ();
  g_set_error_literal (error, TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_NOT_SIGNED_IN, words);
  return FALSE;
}

/* Every operation carries this: which client it ran with, so an answer
 * that comes after a sign out changes nothing. */
typedef struct
{
  TesseraClient *client;
  char          *id;          /* delete */
  char          *notes;       /* create */
  char          *secret;      /* create */
  GHashTable    *ids_before;  /* create: what the list held when it started */
  TesseraToken  *orphan;      /* create: made, though its answer was lost */
  GError        *error;       /* the first, lost answer */
} Op;

static void
op_free (Op *op)
{
  g_clear_object (&op->client);
  g_free (op->id);
  g_free (op->notes);
  g_clear_pointer (&op->secret, tessera_secret_free);
  g_clear_pointer (&op->ids_before, g_hash_table_unref);
  g_clear_object (&op->orphan);
  g_clear_error (&op->error);
  g_free (op);
}

static GTask *
op_task_new (TesseraTokenList    *self,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  g_task_set_source_tag (task, source_tag);
  op->client = self->client != NULL ? g_object_ref (self->client) : NULL;
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  return task;
}

/* FALSE (and the task answered) when the session changed meanwhile. */
static gboolean
op_still_current (GTask *task)
{
  TesseraTokenList *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  if (op->client != NULL && op->client == self->client)
    return TRUE;

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                           _("Signed out while the request ran"));
  return FALSE;
}

static void
note_api_error (TesseraTokenList *self,
                const GError     *error)
{
  if (g_error_matches (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED))
    g_signal_emit (self, tessera_token_list_signals[TOKEN_LIST_UNAUTHENTICATED], 0, error);
}

static GError *
uncertain_error (const GError *lost,
                 const GError *relist)
{
  g_autofree char *words = tessera_words_outcome_unknown (relist->message);

  g_debug ("Lost answer (%s) could not be checked: %s", lost->message, relist->message);
  return g_error_new_literal (TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_UNCERTAIN, words);
}

/* ---------------------------------------------------------------- create */

static void
create_relisted_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraTokenList *self = TESSERA_TOKEN_LIST (object);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *words = NULL;

  if (!tessera_token_list_reload_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, uncertain_error (op->error, error));
      return;
    }

  for (guint i = 0; i < self->items->len; i++)
    {
      TesseraToken *token = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (tessera_token_get_notes (token), op->notes) == 0 &&
          !g_hash_table_contains (op->ids_before, tessera_token_get_id (token)))
        {
          g_debug ("A lost create made token %s", tessera_token_get_id (token));
          words = tessera_words_orphan_created (op->notes);
          op->orphan = g_object_ref (token);
          g_task_return_new_error (task, TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_ORPHAN,
                                   "%s", words);
          return;
        }
    }

  /* Not there: the create never happened, and trying again is safe. */
  g_task_return_error (task, g_steal_pointer (&op->error));
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraTokenList *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(TesseraToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = tessera_client_create_token_finish (TESSERA_CLIENT (object), result,
                                              &op->secret, &error);
  if (!op_still_current (task))
    return;

  if (token != NULL)
    {
      tessera_token_list_insert_created (self, token);
      g_task_return_pointer (task, g_steal_pointer (&token), g_object_unref);
      return;
    }

  note_api_error (self, error);
  if (!tessera_error_is_uncertain (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("The answer to a create was lost (%s): listing again", error->message);
  op->error = g_steal_pointer (&error);
  tessera_token_list_reload_async (self, NULL, create_relisted_cb, g_steal_pointer (&task));
}

void
tessera_token_list_create_async (TesseraTokenList    *self,
                                 const char          *notes,
                                 GDateTime           *expire,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Op *op;

  g_return_if_fail (TESSERA_IS_TOKEN_LIST (self));

  task = op_task_new (self, tessera_token_list_create_async, cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  op->notes = g_strdup (notes != NULL ? notes : "");

  if (!check_client (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!tessera_token_list_get_can_create (self))
    {
      g_autofree char *words = tessera_words_token_limit ();

      g_task_return_new_error (task, TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_TOKEN_LIMIT,
                               "%s", words);
      return;
    }

  op->ids_before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < self->items->len; i++)
    g_hash_table_add (op->ids_before,
                      g_strdup (tessera_token_get_id (g_ptr_array_index (self->items, i))));

  tessera_client_create_token_async (self->client, op->notes, expire, self->ops_cancellable,
                                     create_cb, g_steal_pointer (&task));
}

TesseraToken *
tessera_token_list_create_finish (TesseraTokenList  *self,
                                  GAsyncResult      *result,
                                  char             **secret_out,
                                  TesseraToken     **orphan_out,
                                  GError           **error)
{
  Op *op;
  TesseraToken *token;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  op = g_task_get_task_data (G_TASK (result));
  if (secret_out != NULL)
    *secret_out = NULL;
  if (orphan_out != NULL)
    *orphan_out = NULL;

  token = g_task_propagate_pointer (G_TASK (result), error);
  if (token != NULL && secret_out != NULL)
    *secret_out = g_steal_pointer (&op->secret);
  if (token == NULL && orphan_out != NULL && op->orphan != NULL)
    *orphan_out = g_object_ref (op->orphan);

  return token;
}

/* ---------------------------------------------------------------- delete */

static void
forget_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tessera_saved_secrets_forget_finish (TESSERA_SAVED_SECRETS (object), result, &error))
    g_debug ("The deleted token's keyring item stays: %s", error->message);
}

/* Gone from the server (now, or already): gone here too. */
static void
token_gone (TesseraTokenList *self,
            const char       *id)
{
  tessera_token_list_remove_id (self, id);
  if (self->secrets != NULL && tessera_saved_secrets_contains (self->secrets, id))
    tessera_saved_secrets_forget_async (self->secrets, id, NULL, forget_cb, NULL);
  g_signal_emit (self, tessera_token_list_signals[TOKEN_LIST_DELETED], 0, id);
}

static void
delete_relisted_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraTokenList *self = TESSERA_TOKEN_LIST (object);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!tessera_token_list_reload_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, uncertain_error (op->error, error));
      return;
    }

  if (tessera_token_list_find (self, op->id) != NULL)
    {
      /* Still there: the delete did not happen, and the row says so. */
      g_task_return_error (task, g_steal_pointer (&op->error));
      return;
    }

  g_debug ("A lost delete of %s went through", op->id);
  token_gone (self, op->id);
  g_task_return_boolean (task, TRUE);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraTokenList *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!tessera_client_delete_token_finish (TESSERA_CLIENT (object), result, &error) &&
      g_error_matches (error, TESSERA_API_ERROR, TESSERA_API_ERROR_NOT_FOUND))
    g_clear_error (&error);

  if (!op_still_current (task))
    return;

  if (error == NULL)
    {
      token_gone (self, op->id);
      g_task_return_boolean (task, TRUE);
      return;
    }

  note_api_error (self, error);
  if (!tessera_error_is_uncertain (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("The answer to a delete was lost (%s): listing again", error->message);
  op->error = g_steal_pointer (&error);
  tessera_token_list_reload_async (self, NULL, delete_relisted_cb, g_steal_pointer (&task));
}

void
tessera_token_list_delete_async (TesseraTokenList    *self,
                                 TesseraToken        *token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Op *op;

  g_return_if_fail (TESSERA_IS_TOKEN_LIST (self));
  g_return_if_fail (TESSERA_IS_TOKEN (token));

  task = op_task_new (self, tessera_token_list_delete_async, cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  op->id = g_strdup (tessera_token_get_id (token));

  if (!check_client (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tessera_client_delete_token_async (self->client, op->id, self->ops_cancellable,
                                     delete_cb, g_steal_pointer (&task));
}

gboolean
tessera_token_list_delete_finish (TesseraTokenList  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------- delete all */

static void
all_gone (GTask *task)
{
  TesseraTokenList *self = g_task_get_source_object (task);

  tessera_token_list_remove_all (self);
  g_signal_emit (self, tessera_token_list_signals[TOKEN_LIST_ALL_DELETED], 0);
  g_task_return_boolean (task, TRUE);
}

static void
delete_all_relisted_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraTokenList *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GError) error = NULL;
  gboolean settled = TRUE;

  tokens = tessera_token_list_client_list_finish (TESSERA_CLIENT (object), result, &settled, &error);
  if (!op_still_current (task))
    return;

  /* Delete All takes the sign-in token with it: a 401 now is the sign
   * that it went through. */
  if (g_error_matches (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED) ||
      (tokens != NULL && tokens->len == 0))
    {
      g_debug ("A lost Delete All went through");
      all_gone (task);
      return;
    }

  if (tokens == NULL)
    {
      g_task_return_error (task, uncertain_error (op->error, error));
      return;
    }

  /* The server kept them: show what it has, and the first error. */
  tessera_token_list_reload (self);
  g_task_return_error (task, g_steal_pointer (&op->error));
}

static void
delete_all_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraTokenList *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (tessera_client_delete_all_finish (TESSERA_CLIENT (object), result, NULL, &error))
    {
      if (op_still_current (task))
        all_gone (task);
      return;
    }

  if (!op_still_current (task))
    return;

  note_api_error (self, error);
  if (!tessera_error_is_uncertain (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Listed with a client call of its own: the repository's listing would
   * take the expected 401 for a refused sign-in. */
  g_debug ("The answer to Delete All was lost (%s): listing again", error->message);
  op->error = g_steal_pointer (&error);
  tessera_client_list_tokens_async (op->client, self->ops_cancellable,
                                    delete_all_relisted_cb, g_steal_pointer (&task));
}

void
tessera_token_list_delete_all_async (TesseraTokenList    *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TESSERA_IS_TOKEN_LIST (self));

  task = op_task_new (self, tessera_token_list_delete_all_async, cancellable, callback, user_data);

  if (!check_client (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tessera_client_delete_all_async (self->client, self->ops_cancellable,
                                   delete_all_cb, g_steal_pointer (&task));
}

gboolean
tessera_token_list_delete_all_finish (TesseraTokenList  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
