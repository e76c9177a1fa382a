/* tessera-secret-store.c — every secret Tessera holds, in the keyring
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-secret-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tessera-secret-store.h"

/* Only libsecret's simple API (secret_password_*) is used: inside a Flatpak
 * sandbox it is served from the app's own keyring file, unlocked through
 * the Secret portal, while the SecretService/SecretItem object API would
 * need a D-Bus hole to the host's keyring. */

#define ATTR_SERVER   "server"
#define ATTR_ACCOUNT  "account"
#define ATTR_KIND     "kind"
#define ATTR_TOKEN_ID "token-id"

#define KIND_SIGN_IN   "sign-in"
#define KIND_GENERATED "generated"

#define DEFAULT_TIMEOUT_MS 10000
#define TIMEOUT_ENV        "TESSERA_KEYRING_TIMEOUT_MS"

struct _TesseraSecretStore
{
  GObject parent_instance;

  guint            timeout_ms;
  /* The session bus, held open from the first operation on; see op_start() */
  GDBusConnection *bus;
};

G_DEFINE_TYPE (TesseraSecretStore, tessera_secret_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (tessera-secret-store-error-quark, tessera_secret_store_error)

const SecretSchema *
tessera_secret_store_get_schema (void)
{
  static const SecretSchema schema = {
    "app.tessera.Tessera", SECRET_SCHEMA_NONE,
    {
      { ATTR_SERVER, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTR_ACCOUNT, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTR_KIND, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTR_TOKEN_ID, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* Operations ---------------------------------------------------------- */

typedef enum
{
  STEP_CLEAR_THEN_STORE,    /* save sign-in: drop the server's old one first */
  STEP_STORE,
  STEP_CLEAR,
  STEP_SEARCH_SECRET,
  STEP_SEARCH_IDS,
} Step;

/* One public call.  The libsecret calls get our own cancellable, cancelled
 * by the caller's or by the timeout, so a keyring that waits forever on a
 * password prompt nobody answers cannot hang the caller.  When the
 * operation has ended early (timeout), a late libsecret callback only
 * frees what it got. */
typedef struct
{
  GCancellable *cancellable;        /* ours, handed to libsecret */
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  GSource      *timeout_source;
  gboolean      timed_out;
  gboolean      done;

  Step          step;
  SecretSearchFlags search_flags;   /* STEP_SEARCH_* */
  GHashTable   *attributes;         /* for the (first) libsecret call */
  GHashTable   *store_attributes;   /* STEP_CLEAR_THEN_STORE: the item to store */
  char         *label;
  SecretValue  *value;
  char         *account;            /* the found item's account */
} Op;

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
  g_clear_pointer (&op->account, g_free);
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
op_finish (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  if (op->done)
    return FALSE;

  op->done = TRUE;

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

/* One place turns libsecret's, GDBus's and GIO's errors into the two a
 * caller acts on.  The original message goes to the debug log only (it
 * names no secret: libsecret never puts one in an error). */
static GError *
op_map_error (Op     *op,
              GError *error)
{
  g_autoptr(GError) owned = error;

  g_debug ("Keyring operation failed: %s (%s, %d)",
           error->message, g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The caller cancelled: say so.  Our timeout, or a prompt the user
       * dismissed: the keyring is unavailable. */
      if (!op->timed_out && g_cancellable_is_cancelled (op->caller_cancellable))
        return g_steal_pointer (&owned);
      return unavailable_error ();
    }

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

static void op_start (GTask *task);

static void
op_return_error (GTask  *task,
                 GError *error)
{
  Op *op = g_task_get_task_data (task);

  if (!op_finish (task))
    {
      g_error_free (error);
      return;
    }

  g_task_return_error (task, op_map_error (op, error));
}

static void
op_return_boolean (GTask *task)
{
  if (op_finish (task))
    g_task_return_boolean (task, TRUE);
}

static void
op_return_secret (GTask *task,
                  char  *secret)
{
  if (op_finish (task))
    g_task_return_pointer (task, secret, (GDestroyNotify) tessera_secret_store_free_secret);
  else
    tessera_secret_store_free_secret (secret);
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

static GTask *
op_new (TesseraSecretStore *self,
        Step                step,
        GCancellable       *cancellable,
        GAsyncReadyCallback callback,
        gpointer            user_data,
        gpointer            source_tag,
        const char         *name)
{
  GTask *task;
  Op *op;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);

  op = g_new0 (Op, 1);
  op->step = step;
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

  if (self->timeout_ms > 0)
    {
      op->timeout_source = g_timeout_source_new (self->timeout_ms);
      g_task_attach_source (task, op->timeout_source, op_timeout_cb);
    }

  return task;
}

static GHashTable *
attributes_new (const char *server,
                const char *account,
                const char *kind,
                const char *token_id)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *origin = g_strdup (server);
  gsize len = strlen (origin);

  /* The origin names the server: no trailing slash, whatever was passed. */
  while (len > 0 && origin[len - 1] == '/')
    origin[--len] = '\0';

  g_hash_table_insert (attributes, (gpointer) ATTR_SERVER, g_steal_pointer (&origin));
  if (account != NULL)
    g_hash_table_insert (attributes, (gpointer) ATTR_ACCOUNT, g_strdup (account));
  if (kind != NULL)
    g_hash_table_insert (attributes, (gpointer) ATTR_KIND, g_strdup (kind));
  if (token_id != NULL)
    g_hash_table_insert (attributes, (gpointer) ATTR_TOKEN_ID, g_strdup (token_id));

  return attributes;
}

/* libsecret callbacks -------------------------------------------------- */

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

  if (op->step == STEP_CLEAR_THEN_STORE)
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
      secret = g_strdup (secret_value_get_text (value));
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
  g_free (op->account);
  op->account = g_strdup (g_hash_table_lookup (attributes, ATTR_ACCOUNT));

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
      const char *id = g_hash_table_lookup (attributes, ATTR_TOKEN_ID);
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

  if (op_finish (task))
    g_task_return_pointer (task, g_ptr_array_free (g_steal_pointer (&ids), FALSE),
                           (GDestroyNotify) g_strfreev);
}

static void
bus_ready_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraSecretStore *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GDBusConnection) bus = NULL;
  GError *error = NULL;

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      op_return_error (task, error);
      return;
    }

  if (self->bus == NULL)
    self->bus = g_steal_pointer (&bus);

  if (!op->done)
    op_start (task);
}

/* Starts the libsecret side of an operation. */
static void
op_start (GTask *task)
{
  TesseraSecretStore *self = g_task_get_source_object (task);
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
   * the store opens the bus itself, uncancellable, and keeps it. */
  if (self->bus == NULL)
    {
      g_bus_get (G_BUS_TYPE_SESSION, NULL, bus_ready_cb, g_object_ref (task));
      return;
    }

  switch (op->step)
    {
    case STEP_CLEAR_THEN_STORE:
    case STEP_CLEAR:
      op_clear (task);
      break;

    case STEP_STORE:
      op_store (task, op->attributes);
      break;

    case STEP_SEARCH_SECRET:
    case STEP_SEARCH_IDS:
      secret_password_searchv (tessera_secret_store_get_schema (),
                               op->attributes,
                               op->search_flags,
                               op->cancellable,
                               op->step == STEP_SEARCH_SECRET ? search_secret_cb : search_ids_cb,
                               g_object_ref (task));
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Public API ----------------------------------------------------------- */

/**
 * tessera_secret_store_free_secret:
 * @secret: (nullable): a secret handed out by the store
 *
 * Wipes and frees @secret; the same as tessera_secret_free(), for code
 * that links only the keyring layer.
 */
void
tessera_secret_store_free_secret (char *secret)
{
  if (secret == NULL)
    return;

  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static void
save_common (TesseraSecretStore *self,
             GTask              *task,
             GHashTable         *attributes,
             const char         *label,
             const char         *secret)
{
  Op *op = g_task_get_task_data (task);

  op->label = g_strdup (label);
  op->value = secret_value_new (secret, -1, "text/plain");

  if (op->step == STEP_CLEAR_THEN_STORE)
    op->store_attributes = attributes;
  else
    op->attributes = attributes;

  op_start (task);
}

void
tessera_secret_store_save_sign_in_async (TesseraSecretStore  *self,
                                         const char          *server,
                                         const char          *account,
                                         const char          *secret,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  Op *op;

  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (secret != NULL);

  task = op_new (self, STEP_CLEAR_THEN_STORE, cancellable, callback, user_data,
                 tessera_secret_store_save_sign_in_async,
                 "tessera_secret_store_save_sign_in_async");
  op = g_task_get_task_data (task);

  /* One sign-in item per server, whichever account it belongs to. */
  op->attributes = attributes_new (server, NULL, KIND_SIGN_IN, NULL);

  /* Translators: the label of a keyring item, as Seahorse shows it;
   * %s is an email address. */
  label = g_strdup_printf (_("Tessera sign-in token for %s"), account);
  save_common (self, task, attributes_new (server, account, KIND_SIGN_IN, NULL), label, secret);
}

gboolean
tessera_secret_store_save_sign_in_finish (TesseraSecretStore  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tessera_secret_store_lookup_sign_in_async (TesseraSecretStore  *self,
                                           const char          *server,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);

  task = op_new (self, STEP_SEARCH_SECRET, cancellable, callback, user_data,
                 tessera_secret_store_lookup_sign_in_async,
                 "tessera_secret_store_lookup_sign_in_async");
  op = g_task_get_task_data (task);
  op->attributes = attributes_new (server, NULL, KIND_SIGN_IN, NULL);
  op->search_flags = SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS;
  op_start (task);
}

char *
tessera_secret_store_lookup_sign_in_finish (TesseraSecretStore  *self,
                                            GAsyncResult        *result,
                                            char               **account_out,
                                            GError             **error)
{
  Op *op;
  char *secret;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  op = g_task_get_task_data (G_TASK (result));
  secret = g_task_propagate_pointer (G_TASK (result), error);

  if (account_out != NULL)
    *account_out = secret != NULL ? g_strdup (op->account) : NULL;

  return secret;
}

void
tessera_secret_store_clear_sign_in_async (TesseraSecretStore  *self,
                                          const char          *server,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);

  task = op_new (self, STEP_CLEAR, cancellable, callback, user_data,
                 tessera_secret_store_clear_sign_in_async,
                 "tessera_secret_store_clear_sign_in_async");
  op = g_task_get_task_data (task);
  op->attributes = attributes_new (server, NULL, KIND_SIGN_IN, NULL);
  op_start (task);
}

gboolean
tessera_secret_store_clear_sign_in_finish (TesseraSecretStore  *self,
                                           GAsyncResult        *result,
                                           GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tessera_secret_store_save_generated_async (TesseraSecretStore  *self,
                                           const char          *server,
                                           const char          *account,
                                           const char          *token_id,
                                           const char          *notes,
                                           const char          *secret,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (token_id != NULL && *token_id != '\0');
  g_return_if_fail (secret != NULL);

  task = op_new (self, STEP_STORE, cancellable, callback, user_data,
                 tessera_secret_store_save_generated_async,
                 "tessera_secret_store_save_generated_async");

  if (notes != NULL && *notes != '\0')
    /* Translators: the label of a keyring item, as Seahorse shows it;
     * the first %s is the token's notes, the second an email address. */
    label = g_strdup_printf (_("API7 Cloud token “%s” (%s)"), notes, account);
  else
    /* Translators: the label of a keyring item for a token with no
     * notes; the first %s is the token's id, the second an email address. */
    label = g_strdup_printf (_("API7 Cloud token %s (%s)"), token_id, account);

  save_common (self, task, attributes_new (server, account, KIND_GENERATED, token_id),
               label, secret);
}

gboolean
tessera_secret_store_save_generated_finish (TesseraSecretStore  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tessera_secret_store_lookup_generated_async (TesseraSecretStore  *self,
                                             const char          *server,
                                             const char          *account,
                                             const char          *token_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (token_id != NULL);

  task = op_new (self, STEP_SEARCH_SECRET, cancellable, callback, user_data,
                 tessera_secret_store_lookup_generated_async,
                 "tessera_secret_store_lookup_generated_async");
  op = g_task_get_task_data (task);
  op->attributes = attributes_new (server, account, KIND_GENERATED, token_id);

  /* A search, like lookup_sign_in, rather than secret_password_lookupv():
   * libsecret 0.20's async lookup leaks a D-Bus reply on every hit. */
  op->search_flags = SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS;
  op_start (task);
}

char *
tessera_secret_store_lookup_generated_finish (TesseraSecretStore  *self,
                                              GAsyncResult        *result,
                                              GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tessera_secret_store_list_generated_async (TesseraSecretStore  *self,
                                           const char          *server,
                                           const char          *account,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL);

  task = op_new (self, STEP_SEARCH_IDS, cancellable, callback, user_data,
                 tessera_secret_store_list_generated_async,
                 "tessera_secret_store_list_generated_async");
  op = g_task_get_task_data (task);
  op->attributes = attributes_new (server, account, KIND_GENERATED, NULL);

  /* Attributes are readable without unlocking: listing never prompts. */
  op->search_flags = SECRET_SEARCH_ALL;
  op_start (task);
}

GStrv
tessera_secret_store_list_generated_finish (TesseraSecretStore  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tessera_secret_store_delete_generated_async (TesseraSecretStore  *self,
                                             const char          *server,
                                             const char          *account,
                                             const char          *token_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (token_id != NULL && *token_id != '\0');

  task = op_new (self, STEP_CLEAR, cancellable, callback, user_data,
                 tessera_secret_store_delete_generated_async,
                 "tessera_secret_store_delete_generated_async");
  op = g_task_get_task_data (task);
  op->attributes = attributes_new (server, account, KIND_GENERATED, token_id);
  op_start (task);
}

gboolean
tessera_secret_store_delete_generated_finish (TesseraSecretStore  *self,
                                              GAsyncResult        *result,
                                              GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tessera_secret_store_delete_account_async (TesseraSecretStore  *self,
                                           const char          *server,
                                           const char          *account,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL && *account != '\0');

  task = op_new (self, STEP_CLEAR, cancellable, callback, user_data,
                 tessera_secret_store_delete_account_async,
                 "tessera_secret_store_delete_account_async");
  op = g_task_get_task_data (task);
  /* No kind: both the sign-in item and the generated ones. */
  op->attributes = attributes_new (server, account, NULL, NULL);
  op_start (task);
}

gboolean
tessera_secret_store_delete_account_finish (TesseraSecretStore  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject -------------------------------------------------------------- */

guint
tessera_secret_store_get_timeout (TesseraSecretStore *self)
{
  g_return_val_if_fail (TESSERA_IS_SECRET_STORE (self), 0);

  return self->timeout_ms;
}

void
tessera_secret_store_set_timeout (TesseraSecretStore *self,
                                  guint               timeout_ms)
{
  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));

  if (self->timeout_ms == timeout_ms)
    return;

  self->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

static void
tessera_secret_store_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TesseraSecretStore *self = TESSERA_SECRET_STORE (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_secret_store_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TesseraSecretStore *self = TESSERA_SECRET_STORE (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      tessera_secret_store_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_secret_store_dispose (GObject *object)
{
  TesseraSecretStore *self = TESSERA_SECRET_STORE (object);

  g_clear_object (&self->bus);

  G_OBJECT_CLASS (tessera_secret_store_parent_class)->dispose (object);
}

static void
tessera_secret_store_class_init (TesseraSecretStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tessera_secret_store_dispose;
  object_class->get_property = tessera_secret_store_get_property;
  object_class->set_property = tessera_secret_store_set_property;

  /**
   * TesseraSecretStore:timeout:
   *
   * Milliseconds after which an operation gives up with
   * %TESSERA_SECRET_STORE_ERROR_UNAVAILABLE, 0 for never.  Defaults to
   * 10 s, or to `TESSERA_KEYRING_TIMEOUT_MS` from the environment.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_secret_store_init (TesseraSecretStore *self)
{
  const char *env = g_getenv (TIMEOUT_ENV);
  guint64 timeout_ms = DEFAULT_TIMEOUT_MS;

  if (env != NULL && *env != '\0' &&
      !g_ascii_string_to_unsigned (env, 10, 0, G_MAXUINT, &timeout_ms, NULL))
    {
      g_warning ("Ignoring %s=%s: not a number of milliseconds", TIMEOUT_ENV, env);
      timeout_ms = DEFAULT_TIMEOUT_MS;
    }

  self->timeout_ms = (guint) timeout_ms;
}

TesseraSecretStore *
tessera_secret_store_new (void)
{
  return g_object_new (TESSERA_TYPE_SECRET_STORE, NULL);
}
