/* tessera-keyring-op.c — one call to the keyring: time limit, cancelling,
 * and the errors a caller acts on
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-secret-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tessera-keyring-gate.h"
#include "tessera-keyring-op.h"
#include "tessera-secret-store.h"

/* Each public call of TesseraSecretStore is one GTask carrying a
 * TesseraKeyringOp.  The libsecret calls get the op's own cancellable,
 * cancelled by the caller's or by the time limit, so a keyring that waits
 * forever on a password prompt nobody answers cannot hang the caller.
 * When the operation has ended early, a late libsecret callback only
 * frees what it got. */

typedef TesseraKeyringOp Op;

/* The session bus, held open from the first operation on: see
 * tessera_keyring_op_start(). */
static GDBusConnection *session_bus;

static void
op_free (gpointer data)
{
  Op *op = data;

  g_assert (op->caller_handler == 0);
  g_assert (op->timeout_source == NULL);

  g_clear_object (&op->cancellable);
  g_clear_object (&op->caller_cancellable);
  g_clear_pointer (&op->attributes, g_hash_table_unref);
  g_clear_pointer (&op->store_attributes, g_hash_table_unref);
  g_clear_pointer (&op->label, g_free);
  g_clear_pointer (&op->value, secret_value_unref);
  g_clear_pointer (&op->token_id, g_free);
  g_free (op);
}

static void
op_caller_cancelled_cb (GCancellable *caller_cancellable,
                        gpointer      user_data)
{
  GCancellable *ours = user_data;

  g_cancellable_cancel (ours);
}

/* Stops the timer and the caller link; returns FALSE when the task has
 * already been given its result. */
static gboolean
op_finish (GTask    *task,
           gboolean  succeeded)
{
  Op *op = g_task_get_task_data (task);

  if (op->done)
    return FALSE;

  op->done = TRUE;
  tessera_keyring_gate_leave (task, succeeded);
  if (op->writes)
    tessera_secret_store_write_finished (g_task_get_source_object (task));

  if (op->timeout_source != NULL)
    {
      g_source_destroy (op->timeout_source);
      g_clear_pointer (&op->timeout_source, g_source_unref);
    }

  if (op->caller_handler != 0)
    {
      /* g_cancellable_disconnect() waits for a running handler; ours only
       * cancels another cancellable, so this cannot deadlock. */
      g_cancellable_disconnect (op->caller_cancellable, op->caller_handler);
      op->caller_handler = 0;
    }

  return TRUE;
}

static GError *
unavailable_error (void)
{
  return g_error_new_literal (TESSERA_SECRET_STORE_ERROR,
                              TESSERA_SECRET_STORE_ERROR_UNAVAILABLE,
                              _("Secrets cannot be saved: the keyring is unavailable"));
}

/* gnome-keyring's answer on the path of an item deleted since a search
 * found it. */
static gboolean
is_vanished_item (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT) ||
         g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT);
}

/* One place turns libsecret's, GDBus's and GIO's errors into the two a
 * caller acts on.  The original message goes to the debug log only (it
 * names no secret: libsecret never puts one in an error). */
GError *
tessera_keyring_map_error (GError   *error,
                           gboolean  caller_cancelled)
{
  g_autoptr(GError) owned = error;

  g_debug ("Keyring operation failed: %s (%s, %d)",
           error->message, g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The caller cancelled: say so.  Our timeout, or a prompt the user
       * dismissed: the keyring is unavailable. */
      if (caller_cancelled)
        return g_steal_pointer (&owned);
      return unavailable_error ();
    }

  /* An item that vanished between finding it and reading it (another
   * call, or another app, deleted it): gnome-keyring answers with
   * UnknownMethod/UnknownObject on its path.  The keyring works; this one
   * call lost a race, so it must not mark the keyring unavailable. */
  if (is_vanished_item (error))
    return g_error_new_literal (TESSERA_SECRET_STORE_ERROR,
                                TESSERA_SECRET_STORE_ERROR_FAILED,
                                _("The keyring item changed while Tessera was using it. Try again."));

  /* No Secret Service on the bus, it failed to start, went away, or the
   * connection itself failed (no session bus at all). */
  if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR)
    return unavailable_error ();

  /* A locked collection nobody unlocked, no default collection, a keyring
   * file that cannot be read, a service that does not speak the protocol. */
  if (error->domain == SECRET_ERROR && error->code != SECRET_ERROR_ALREADY_EXISTS)
    return unavailable_error ();

  return g_error_new (TESSERA_SECRET_STORE_ERROR,
                      TESSERA_SECRET_STORE_ERROR_FAILED,
                      _("The keyring could not complete the request: %s"),
                      error->message);
}

static GError *
op_map_error (Op     *op,
              GError *error)
{
  return tessera_keyring_map_error (error,
                                    !op->timed_out &&
                                    g_cancellable_is_cancelled (op->caller_cancellable));
}

#define MAX_RETRIES 3

static void
op_return_error (GTask  *task,
                 GError *error)
{
  Op *op = g_task_get_task_data (task);

  /* Another call deleted an item between our search and our read of it:
   * search again, which no longer finds it.  Every step is safe to start
   * over (a clear clears what is left, a store replaces). */
  if (!op->done && is_vanished_item (error) && op->n_retries < MAX_RETRIES &&
      !g_cancellable_is_cancelled (op->cancellable))
    {
      op->n_retries++;
      g_debug ("Keyring item vanished during %s; starting it again", g_task_get_name (task));
      g_error_free (error);
      tessera_keyring_op_start (task);
      return;
    }

  if (!op_finish (task, FALSE))
    {
      g_error_free (error);
      return;
    }

  error = op_map_error (op, error);
  tessera_secret_store_note_outcome (g_task_get_source_object (task), error);
  g_task_return_error (task, error);
}

static void
op_return_boolean (GTask *task)
{
  if (op_finish (task, TRUE))
    {
      tessera_secret_store_note_outcome (g_task_get_source_object (task), NULL);
      g_task_return_boolean (task, TRUE);
    }
}

static void
op_return_secret (GTask *task,
                  char  *secret)
{
  if (op_finish (task, TRUE))
    {
      tessera_secret_store_note_outcome (g_task_get_source_object (task), NULL);
      g_task_return_pointer (task, secret, (GDestroyNotify) tessera_secret_free);
    }
  else
    tessera_secret_free (secret);
}

static void
op_return_pointer (GTask          *task,
                   gpointer        result,
                   GDestroyNotify  result_free)
{
  if (op_finish (task, TRUE))
    {
      tessera_secret_store_note_outcome (g_task_get_source_object (task), NULL);
      g_task_return_pointer (task, result, result_free);
    }
  else
    result_free (result);
}

static gboolean
op_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);

  g_debug ("Keyring operation %s timed out", g_task_get_name (task));

  op->timed_out = TRUE;
  g_clear_pointer (&op->timeout_source, g_source_unref);
  /* Returning early: libsecret's callback, when it comes, is ignored. */
  g_cancellable_cancel (op->cancellable);
  op_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                              "Timed out"));

  return G_SOURCE_REMOVE;
}

/**
 * tessera_keyring_op_new:
 * @source_object: the store
 * @step: what to do; the caller fills in the #TesseraKeyringOp
 *   (tessera_keyring_op_get()) and calls tessera_keyring_op_start()
 * @timeout_ms: the time limit, 0 for none
 *
 * Returns: (transfer full): the task of one public call.
 */
GTask *
tessera_keyring_op_new (gpointer             source_object,
                        TesseraKeyringStep   step,
                        guint                timeout_ms,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data,
                        gpointer             source_tag,
                        const char          *name)
{
  GTask *task;
  Op *op;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);

  op = g_new0 (TesseraKeyringOp, 1);
  op->step = step;
  op->writes = step == TESSERA_KEYRING_STEP_CLEAR_THEN_STORE ||
               step == TESSERA_KEYRING_STEP_STORE ||
               step == TESSERA_KEYRING_STEP_CLEAR;
  if (op->writes)
    tessera_secret_store_write_started (source_object);
  op->interactive = tessera_secret_store_get_interactive (source_object);
  op->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, op, op_free);

  if (cancellable != NULL)
    {
      op->caller_cancellable = g_object_ref (cancellable);
      op->caller_handler = g_cancellable_connect (cancellable,
                                                  G_CALLBACK (op_caller_cancelled_cb),
                                                  g_object_ref (op->cancellable),
                                                  g_object_unref);
    }

  if (timeout_ms > 0)
    {
      op->timeout_source = g_timeout_source_new (timeout_ms);
      g_task_attach_source (task, op->timeout_source, op_timeout_cb);
    }

  return task;
}

/* libsecret callbacks ---------------------------------------------------- */

static void store_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data);

static void
op_store (GTask      *task,
          GHashTable *attributes)
{
  Op *op = g_task_get_task_data (task);

  secret_password_storev_binary (tessera_secret_store_get_schema (),
                                 attributes,
                                 SECRET_COLLECTION_DEFAULT,
                                 op->label,
                                 op->value,
                                 op->cancellable,
                                 store_cb,
                                 g_object_ref (task));
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      op_return_error (task, error);
      return;
    }

  /* The secret is in the keyring: drop our copy now. */
  g_clear_pointer (&op->value, secret_value_unref);
  op_return_boolean (task);
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;

  /* FALSE with no error: there was nothing to clear, which is fine. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      op_return_error (task, error);
      return;
    }

  if (op->done)
    return;

  if (op->step == TESSERA_KEYRING_STEP_CLEAR_THEN_STORE)
    op_store (task, op->store_attributes);
  else
    op_return_boolean (task);
}

static void
op_clear (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  secret_password_clearv (tessera_secret_store_get_schema (),
                          op->attributes,
                          op->cancellable,
                          clear_cb,
                          g_object_ref (task));
}

static void
retrieve_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  SecretValue *value;
  char *secret = NULL;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (source), result, &error);
  if (error != NULL)
    {
      op_return_error (task, error);
      return;
    }

  if (value != NULL)
    {
      gsize length = 0;
      const char *data = secret_value_get (value, &length);

      /* Whatever content type another tool gave it; libsecret's copy is
       * wiped by secret_value_unref(), ours by the caller. */
      secret = g_strndup (data, length);
      secret_value_unref (value);
    }

  op_return_secret (task, secret);
}

static void
search_secret_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;
  GList *items;
  SecretRetrievable *newest = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      op_return_error (task, error);
      return;
    }

  if (op->done)
    {
      g_list_free_full (items, g_object_unref);
      return;
    }

  /* Saving replaces an item with the same attributes, so there is one;
   * should another tool have added a second, the newest wins. */
  for (GList *l = items; l != NULL; l = l->next)
    {
      SecretRetrievable *item = l->data;

      if (newest == NULL ||
          secret_retrievable_get_modified (item) > secret_retrievable_get_modified (newest))
        newest = item;
    }

  if (newest == NULL)
    {
      op_return_secret (task, NULL);
      return;
    }

  attributes = secret_retrievable_get_attributes (newest);
  g_free (op->token_id);
  op->token_id = g_strdup (g_hash_table_lookup (attributes, TESSERA_KEYRING_ATTR_TOKEN_ID));

  secret_retrievable_retrieve_secret (newest, op->cancellable, retrieve_cb, g_object_ref (task));
  g_list_free_full (items, g_object_unref);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
search_ids_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *items;
  g_autoptr(GPtrArray) ids = NULL;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      op_return_error (task, error);
      return;
    }

  ids = g_ptr_array_new_with_free_func (g_free);
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      const char *id = g_hash_table_lookup (attributes, TESSERA_KEYRING_ATTR_TOKEN_ID);
      gboolean seen = FALSE;

      if (id == NULL || *id == '\0')
        continue;

      for (guint i = 0; i < ids->len && !seen; i++)
        seen = g_str_equal (id, g_ptr_array_index (ids, i));
      if (!seen)
        g_ptr_array_add (ids, g_strdup (id));
    }
  g_list_free_full (items, g_object_unref);

  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);

  op_return_pointer (task, g_ptr_array_free (g_steal_pointer (&ids), FALSE),
                     (GDestroyNotify) g_strfreev);
}

static int
compare_sign_ins (gconstpointer a,
                  gconstpointer b)
{
  const TesseraSignInItem *x = *(const TesseraSignInItem * const *) a;
  const TesseraSignInItem *y = *(const TesseraSignInItem * const *) b;
  int result = g_strcmp0 (x->server, y->server);

  return result != 0 ? result : g_strcmp0 (x->account, y->account);
}

/* The items of a SEARCH_SIGN_INS being read; with @load_secrets, each one's
 * secret is retrieved before the task returns. */
typedef struct
{
  GTask     *task;
  GPtrArray *found;      /* TesseraSignInItem */
  guint      pending;
  GError    *error;
} SignIns;

static void
sign_ins_done (SignIns *state)
{
  g_autoptr(GTask) task = state->task;

  if (state->error != NULL)
    op_return_error (task, g_steal_pointer (&state->error));
  else
    {
      g_ptr_array_sort (state->found, compare_sign_ins);
      op_return_pointer (task, g_steal_pointer (&state->found), (GDestroyNotify) g_ptr_array_unref);
    }

  g_clear_pointer (&state->found, g_ptr_array_unref);
  g_free (state);
}

typedef struct
{
  SignIns           *state;
  TesseraSignInItem *item;
} SecretFor;

static void
sign_in_secret_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SecretFor *wanted = user_data;
  SignIns *state = wanted->state;
  GError *error = NULL;
  SecretValue *value;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (source), result, &error);
  if (error != NULL && state->error == NULL)
    state->error = error;
  else
    g_clear_error (&error);

  if (value != NULL)
    {
      gsize length = 0;
      const char *data = secret_value_get (value, &length);

      /* libsecret's copy is wiped by secret_value_unref(), ours when the
       * item is freed. */
      wanted->item->secret = g_strndup (data, length);
      secret_value_unref (value);
    }

  g_free (wanted);
  if (--state->pending == 0)
    sign_ins_done (state);
}

static void
search_sign_ins_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;
  GList *items;
  SignIns *state;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      op_return_error (task, error);
      return;
    }

  state = g_new0 (SignIns, 1);
  state->task = g_steal_pointer (&task);
  state->found = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_sign_in_item_free);
  state->pending = 1;   /* this function's own, dropped at the end */

  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      const char *server = g_hash_table_lookup (attributes, TESSERA_KEYRING_ATTR_SERVER);
      const char *account = g_hash_table_lookup (attributes, TESSERA_KEYRING_ATTR_ACCOUNT);
      const char *token_id = g_hash_table_lookup (attributes, TESSERA_KEYRING_ATTR_TOKEN_ID);
      TesseraSignInItem *item;
      gboolean seen = FALSE;

      /* An item another tool wrote without an account names nobody. */
      if (server == NULL || *server == '\0' || account == NULL || *account == '\0')
        continue;

      for (guint i = 0; i < state->found->len && !seen; i++)
        {
          TesseraSignInItem *other = g_ptr_array_index (state->found, i);

          seen = g_str_equal (other->server, server) && g_str_equal (other->account, account);
        }
      if (seen)
        continue;

      item = g_new0 (TesseraSignInItem, 1);
      item->server = g_strdup (server);
      item->account = g_strdup (account);
      item->token_id = token_id != NULL && *token_id != '\0' ? g_strdup (token_id) : NULL;
      g_ptr_array_add (state->found, item);

      if (op->load_secrets)
        {
          SecretFor *wanted = g_new0 (SecretFor, 1);

          wanted->state = state;
          wanted->item = item;
          state->pending++;
          secret_retrievable_retrieve_secret (l->data, op->cancellable, sign_in_secret_cb, wanted);
        }
    }
  g_list_free_full (items, g_object_unref);

  if (--state->pending == 0)
    sign_ins_done (state);
}

static void
bus_ready_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GDBusConnection) bus = NULL;
  GError *error = NULL;

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      op_return_error (task, error);
      return;
    }

  if (session_bus == NULL)
    session_bus = g_steal_pointer (&bus);

  if (!op->done)
    tessera_keyring_op_start (task);
}

/**
 * tessera_keyring_op_start:
 * @task: from tessera_keyring_op_new(), filled in
 *
 * Starts the libsecret side of the operation.
 */
void
tessera_keyring_op_start (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (op->caller_cancellable, &error))
    {
      op_return_error (task, error);
      return;
    }

  /* libsecret connects to the session bus with the cancellable it is
   * given.  Were that first connection cancelled, GIO would hand the
   * same "cancelled" to every call that joins it while it winds down, so
   * we open the bus ourselves, uncancellable, and keep it open. */
  if (session_bus == NULL)
    {
      g_bus_get (G_BUS_TYPE_SESSION, NULL, bus_ready_cb, g_object_ref (task));
      return;
    }

  /* Not allowed to ask: nothing that could bring up a prompt. */
  if (!op->interactive)
    {
      if (op->writes)
        {
          op_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                      "Not interactive"));
          return;
        }
      op->search_flags &= ~SECRET_SEARCH_UNLOCK;
    }

  if (!tessera_keyring_gate_enter (task))
    return;

  switch (op->step)
    {
    case TESSERA_KEYRING_STEP_CLEAR_THEN_STORE:
    case TESSERA_KEYRING_STEP_CLEAR:
      op_clear (task);
      break;

    case TESSERA_KEYRING_STEP_STORE:
      op_store (task, op->attributes);
      break;

    case TESSERA_KEYRING_STEP_SEARCH_SECRET:
      secret_password_searchv (tessera_secret_store_get_schema (), op->attributes,
                               op->search_flags, op->cancellable,
                               search_secret_cb, g_object_ref (task));
      break;

    case TESSERA_KEYRING_STEP_SEARCH_IDS:
      secret_password_searchv (tessera_secret_store_get_schema (), op->attributes,
                               op->search_flags, op->cancellable,
                               search_ids_cb, g_object_ref (task));
      break;

    case TESSERA_KEYRING_STEP_SEARCH_SIGN_INS:
      secret_password_searchv (tessera_secret_store_get_schema (), op->attributes,
                               op->search_flags, op->cancellable,
                               search_sign_ins_cb, g_object_ref (task));
      break;

    default:
      g_assert_not_reached ();
    }
}
