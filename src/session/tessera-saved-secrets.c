/* tessera-saved-secrets.c — which tokens of one account have their secret
 * in the keyring
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-saved-secrets"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-saved-secrets.h"

struct _TesseraSavedSecrets
{
  GObject             parent_instance;

  TesseraSecretStore *store;
  char               *server;
  char               *account;

  /* token id → the serial of its last save (0: found by a load) */
  GHashTable         *saved;
  guint64             serial;
  /* A load that started before a save or a forget must not undo it. */
  guint64             changes;
  /* token id → GPtrArray of GTask: forgets of that id under way.  Only the
   * first reaches the keyring: libsecret 0.20 answers one of two
   * concurrent clears of the same item twice (a critical). */
  GHashTable         *forgetting;
};

G_DEFINE_FINAL_TYPE (TesseraSavedSecrets, tessera_saved_secrets, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mark_saved (TesseraSavedSecrets *self,
            const char          *token_id,
            gboolean             saved,
            guint64              serial)
{
  gboolean was = g_hash_table_contains (self->saved, token_id);

  self->changes++;
  if (saved)
    g_hash_table_insert (self->saved, g_strdup (token_id), GSIZE_TO_POINTER ((gsize) serial));
  else
    g_hash_table_remove (self->saved, token_id);

  if (was != saved)
    g_signal_emit (self, signals[CHANGED], 0, token_id);
}

TesseraSavedSecrets *
tessera_saved_secrets_new (TesseraSecretStore *store,
                           const char         *server,
                           const char         *account)
{
  TesseraSavedSecrets *self;

  g_return_val_if_fail (TESSERA_IS_SECRET_STORE (store), NULL);
  g_return_val_if_fail (server != NULL && account != NULL, NULL);

  self = g_object_new (TESSERA_TYPE_SAVED_SECRETS, NULL);
  self->store = g_object_ref (store);
  self->server = g_strdup (server);
  self->account = g_strdup (account);

  return self;
}

gboolean
tessera_saved_secrets_contains (TesseraSavedSecrets *self,
                                const char          *token_id)
{
  g_return_val_if_fail (TESSERA_IS_SAVED_SECRETS (self), FALSE);

  return token_id != NULL && g_hash_table_contains (self->saved, token_id);
}

guint
tessera_saved_secrets_get_n_saved (TesseraSavedSecrets *self)
{
  g_return_val_if_fail (TESSERA_IS_SAVED_SECRETS (self), 0);

  return g_hash_table_size (self->saved);
}

/* ---------------------------------------------------------------- load */

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSavedSecrets *self = g_task_get_source_object (task);
  guint64 changes_at_start = GPOINTER_TO_SIZE (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  ids = tessera_secret_store_list_generated_finish (TESSERA_SECRET_STORE (object), result, &error);
  if (ids == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Saved or forgotten meanwhile: that is newer than what we read. */
  if (self->changes == changes_at_start)
    {
      g_hash_table_remove_all (self->saved);
      for (guint i = 0; ids[i] != NULL; i++)
        g_hash_table_insert (self->saved, g_strdup (ids[i]), GSIZE_TO_POINTER (0));
      g_signal_emit (self, signals[CHANGED], 0, NULL);
    }

  g_task_return_boolean (task, TRUE);
}

void
tessera_saved_secrets_load_async (TesseraSavedSecrets *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TESSERA_IS_SAVED_SECRETS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_saved_secrets_load_async);
  g_task_set_task_data (task, GSIZE_TO_POINTER ((gsize) self->changes), NULL);
  tessera_secret_store_list_generated_async (self->store, self->server, self->account,
                                             cancellable, load_cb, task);
}

gboolean
tessera_saved_secrets_load_finish (TesseraSavedSecrets  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------- save */

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSavedSecrets *self = g_task_get_source_object (task);
  const char *token_id = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!tessera_secret_store_save_generated_finish (TESSERA_SECRET_STORE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  mark_saved (self, token_id, TRUE, ++self->serial);
  g_task_return_boolean (task, TRUE);
}

void
tessera_saved_secrets_save_async (TesseraSavedSecrets *self,
                                  const char          *token_id,
                                  const char          *notes,
                                  const char          *secret,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TESSERA_IS_SAVED_SECRETS (self));
  g_return_if_fail (token_id != NULL && *token_id != '\0');
  g_return_if_fail (secret != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_saved_secrets_save_async);
  g_task_set_task_data (task, g_strdup (token_id), g_free);
  tessera_secret_store_save_generated_async (self->store, self->server, self->account,
                                             token_id, notes, secret, cancellable,
                                             save_cb, task);
}

gboolean
tessera_saved_secrets_save_finish (TesseraSavedSecrets  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------- lookup */

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSavedSecrets *self = g_task_get_source_object (task);
  const char *token_id = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = tessera_secret_store_lookup_generated_finish (TESSERA_SECRET_STORE (object),
                                                         result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (secret == NULL)
    {
      /* Removed behind our back (Seahorse…): stop offering it. */
      mark_saved (self, token_id, FALSE, 0);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("This token is no longer in the keyring"));
      return;
    }

  g_task_return_pointer (task, secret, (GDestroyNotify) tessera_secret_free);
}

void
tessera_saved_secrets_lookup_async (TesseraSavedSecrets *self,
                                    const char          *token_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TESSERA_IS_SAVED_SECRETS (self));
  g_return_if_fail (token_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_saved_secrets_lookup_async);
  g_task_set_task_data (task, g_strdup (token_id), g_free);
  tessera_secret_store_lookup_generated_async (self->store, self->server, self->account,
                                               token_id, cancellable, lookup_cb, task);
}

char *
tessera_saved_secrets_lookup_finish (TesseraSavedSecrets  *self,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------- forget */

typedef struct
{
  TesseraSavedSecrets *self;
  char                *token_id;
} Forget;

static void
forget_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Forget *forget = user_data;
  TesseraSavedSecrets *self = forget->self;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_steal_extended (self->forgetting, forget->token_id, NULL, (gpointer *) &waiting);

  if (tessera_secret_store_delete_generated_finish (TESSERA_SECRET_STORE (object), result, &error))
    mark_saved (self, forget->token_id, FALSE, 0);

  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }

  /* The key the table held, stolen with the tasks. */
  g_free (forget->token_id);
  g_object_unref (forget->self);
  g_free (forget);
}

void
tessera_saved_secrets_forget_async (TesseraSavedSecrets *self,
                                    const char          *token_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  GPtrArray *waiting;
  Forget *forget;

  g_return_if_fail (TESSERA_IS_SAVED_SECRETS (self));
  g_return_if_fail (token_id != NULL && *token_id != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_saved_secrets_forget_async);
  g_task_set_task_data (task, g_strdup (token_id), g_free);

  waiting = g_hash_table_lookup (self->forgetting, token_id);
  if (waiting != NULL)
    {
      g_ptr_array_add (waiting, task);
      return;
    }

  forget = g_new0 (Forget, 1);
  forget->self = g_object_ref (self);
  forget->token_id = g_strdup (token_id);
  waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (waiting, task);
  g_hash_table_insert (self->forgetting, forget->token_id, waiting);
  tessera_secret_store_delete_generated_async (self->store, self->server, self->account,
                                               token_id, NULL, forget_cb, forget);
}

gboolean
tessera_saved_secrets_forget_finish (TesseraSavedSecrets  *self,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

guint64
tessera_saved_secrets_mark (TesseraSavedSecrets *self)
{
  g_return_val_if_fail (TESSERA_IS_SAVED_SECRETS (self), 0);

  return self->serial;
}

static void
prune_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tessera_saved_secrets_forget_finish (TESSERA_SAVED_SECRETS (object), result, &error))
    g_debug ("Could not remove the keyring item of a deleted token: %s", error->message);
}

guint
tessera_saved_secrets_prune (TesseraSavedSecrets *self,
                             const char * const  *live_ids,
                             guint64              mark)
{
  g_autoptr(GHashTable) live = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (TESSERA_IS_SAVED_SECRETS (self), 0);

  for (guint i = 0; live_ids != NULL && live_ids[i] != NULL; i++)
    g_hash_table_add (live, (gpointer) live_ids[i]);

  g_hash_table_iter_init (&iter, self->saved);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      /* Saved while the listing ran: the listing cannot know of it. */
      if ((guint64) GPOINTER_TO_SIZE (value) > mark)
        continue;
      if (!g_hash_table_contains (live, key))
        g_ptr_array_add (gone, g_strdup (key));
    }

  for (guint i = 0; i < gone->len; i++)
    {
      g_debug ("Token %s is gone from the server: removing its keyring item",
               (const char *) g_ptr_array_index (gone, i));
      tessera_saved_secrets_forget_async (self, g_ptr_array_index (gone, i), NULL,
                                          prune_cb, NULL);
    }

  return gone->len;
}

static void
forget_all_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSavedSecrets *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!tessera_secret_store_delete_account_finish (TESSERA_SECRET_STORE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->changes++;
  g_hash_table_remove_all (self->saved);
  g_signal_emit (self, signals[CHANGED], 0, NULL);
  g_task_return_boolean (task, TRUE);
}

void
tessera_saved_secrets_forget_all_async (TesseraSavedSecrets *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TESSERA_IS_SAVED_SECRETS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_saved_secrets_forget_all_async);
  tessera_secret_store_delete_account_async (self->store, self->server, self->account,
                                             cancellable, forget_all_cb, task);
}

gboolean
tessera_saved_secrets_forget_all_finish (TesseraSavedSecrets  *self,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------- GObject */

static void
tessera_saved_secrets_finalize (GObject *object)
{
  TesseraSavedSecrets *self = TESSERA_SAVED_SECRETS (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->saved, g_hash_table_unref);
  g_clear_pointer (&self->forgetting, g_hash_table_unref);

  G_OBJECT_CLASS (tessera_saved_secrets_parent_class)->finalize (object);
}

static void
tessera_saved_secrets_class_init (TesseraSavedSecretsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tessera_saved_secrets_finalize;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tessera_saved_secrets_init (TesseraSavedSecrets *self)
{
  self->saved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* The keys belong to the Forget of each call under way. */
  self->forgetting = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) g_ptr_array_unref);
}
