/* tessera-secret-store.c — every secret Tessera holds, in the keyring
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-secret-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tessera-keyring-op.h"
#include "tessera-secret-store.h"

/* Only libsecret's simple API (secret_password_*) is used: inside a Flatpak
 * sandbox it is served from the app's own keyring file, unlocked through
 * the Secret portal, while the SecretService/SecretItem object API would
 * need a D-Bus hole to the host's keyring. */

#define ATTR_SERVER   TESSERA_KEYRING_ATTR_SERVER
#define ATTR_ACCOUNT  TESSERA_KEYRING_ATTR_ACCOUNT
#define ATTR_KIND     TESSERA_KEYRING_ATTR_KIND
#define ATTR_TOKEN_ID TESSERA_KEYRING_ATTR_TOKEN_ID

#define KIND_SIGN_IN   TESSERA_KEYRING_KIND_SIGN_IN
#define KIND_GENERATED TESSERA_KEYRING_KIND_GENERATED

/* Long enough for a person to type the keyring password into an unlock
 * prompt; short enough that a prompt nobody can see does not hang us. */
#define DEFAULT_TIMEOUT_MS 30000
#define TIMEOUT_ENV        "TESSERA_KEYRING_TIMEOUT_MS"

struct _TesseraSecretStore
{
  GObject parent_instance;

  guint timeout_ms;
  gboolean available;
  gboolean interactive;
  guint pending_writes;
};

G_DEFINE_TYPE (TesseraSecretStore, tessera_secret_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMEOUT,
  PROP_AVAILABLE,
  PROP_PENDING_WRITES,
  PROP_INTERACTIVE,
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

/* Public API ----------------------------------------------------------- */

static void
save_common (TesseraSecretStore *self,
             GTask              *task,
             GHashTable         *attributes,
             const char         *label,
             const char         *secret)
{
  TesseraKeyringOp *op = tessera_keyring_op_get (task);

  op->label = g_strdup (label);
  op->value = secret_value_new (secret, -1, "text/plain");

  if (op->step == TESSERA_KEYRING_STEP_CLEAR_THEN_STORE)
    op->store_attributes = attributes;
  else
    op->attributes = attributes;

  tessera_keyring_op_start (task);
}

void
tessera_sign_in_item_free (TesseraSignInItem *item)
{
  if (item == NULL)
    return;

  g_free (item->server);
  g_free (item->account);
  g_free (item->token_id);
  g_clear_pointer (&item->secret, tessera_secret_free);
  g_free (item);
}

/* The host of an origin, for labels: "console.api7.cloud". */
static char *
label_host (const char *server)
{
  g_autoptr(GUri) uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (server);
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

void
tessera_secret_store_save_sign_in_async (TesseraSecretStore  *self,
                                         const char          *server,
                                         const char          *account,
                                         const char          *token_id,
                                         const char          *secret,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  g_autofree char *host = NULL;
  TesseraKeyringOp *op;

  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL && *account != '\0');
  g_return_if_fail (secret != NULL);

  task = tessera_keyring_op_new (self, TESSERA_KEYRING_STEP_CLEAR_THEN_STORE, self->timeout_ms,
                                 cancellable, callback, user_data,
                                 tessera_secret_store_save_sign_in_async,
                                 "tessera_secret_store_save_sign_in_async");
  op = tessera_keyring_op_get (task);

  /* One sign-in item per account on a server: this one's, whatever its
   * attributes were (an item of Tessera 0.1 has no token-id). */
  op->attributes = attributes_new (server, account, KIND_SIGN_IN, NULL);

  host = label_host (server);
  /* Translators: the label of a keyring item, as Seahorse shows it; the
   * first %s is an email address, the second a server ("console.api7.cloud"). */
  label = g_strdup_printf (_("Tessera sign-in token for %s on %s"), account, host);
  save_common (self, task,
               attributes_new (server, account, KIND_SIGN_IN,
                               token_id != NULL && *token_id != '\0' ? token_id : NULL),
               label, secret);
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
                                           const char          *account,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TesseraKeyringOp *op;

  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL && *account != '\0');

  task = tessera_keyring_op_new (self, TESSERA_KEYRING_STEP_SEARCH_SECRET, self->timeout_ms,
                                 cancellable, callback, user_data,
                                 tessera_secret_store_lookup_sign_in_async,
                                 "tessera_secret_store_lookup_sign_in_async");
  op = tessera_keyring_op_get (task);
  op->attributes = attributes_new (server, account, KIND_SIGN_IN, NULL);
  op->search_flags = SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK;
  tessera_keyring_op_start (task);
}

char *
tessera_secret_store_lookup_sign_in_finish (TesseraSecretStore  *self,
                                            GAsyncResult        *result,
                                            char               **token_id_out,
                                            GError             **error)
{
  TesseraKeyringOp *op;
  char *secret;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  op = tessera_keyring_op_get (G_TASK (result));
  secret = g_task_propagate_pointer (G_TASK (result), error);

  if (token_id_out != NULL)
    *token_id_out = secret != NULL && op->token_id != NULL && *op->token_id != '\0'
                    ? g_strdup (op->token_id) : NULL;

  return secret;
}

void
tessera_secret_store_clear_sign_in_async (TesseraSecretStore  *self,
                                          const char          *server,
                                          const char          *account,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TesseraKeyringOp *op;

  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL && *account != '\0');

  task = tessera_keyring_op_new (self, TESSERA_KEYRING_STEP_CLEAR, self->timeout_ms,
                                 cancellable, callback, user_data,
                                 tessera_secret_store_clear_sign_in_async,
                                 "tessera_secret_store_clear_sign_in_async");
  op = tessera_keyring_op_get (task);
  op->attributes = attributes_new (server, account, KIND_SIGN_IN, NULL);
  tessera_keyring_op_start (task);
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
tessera_secret_store_list_sign_ins_async (TesseraSecretStore  *self,
                                          gboolean             load_secrets,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TesseraKeyringOp *op;

  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));

  task = tessera_keyring_op_new (self, TESSERA_KEYRING_STEP_SEARCH_SIGN_INS, self->timeout_ms,
                                 cancellable, callback, user_data,
                                 tessera_secret_store_list_sign_ins_async,
                                 "tessera_secret_store_list_sign_ins_async");
  op = tessera_keyring_op_get (task);
  op->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (op->attributes, (gpointer) ATTR_KIND, g_strdup (KIND_SIGN_IN));
  /* Attributes are readable without unlocking: listing alone never prompts. */
  op->search_flags = SECRET_SEARCH_ALL;
  op->load_secrets = load_secrets;
  if (load_secrets)
    op->search_flags |= SECRET_SEARCH_UNLOCK;
  tessera_keyring_op_start (task);
}

GPtrArray *
tessera_secret_store_list_sign_ins_finish (TesseraSecretStore  *self,
                                           GAsyncResult        *result,
                                           GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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

  task = tessera_keyring_op_new (self, TESSERA_KEYRING_STEP_STORE, self->timeout_ms,
                                 cancellable, callback, user_data,
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
  TesseraKeyringOp *op;

  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (token_id != NULL);

  task = tessera_keyring_op_new (self, TESSERA_KEYRING_STEP_SEARCH_SECRET, self->timeout_ms,
                                 cancellable, callback, user_data,
                                 tessera_secret_store_lookup_generated_async,
                                 "tessera_secret_store_lookup_generated_async");
  op = tessera_keyring_op_get (task);
  op->attributes = attributes_new (server, account, KIND_GENERATED, token_id);

  /* A search, like lookup_sign_in, rather than secret_password_lookupv():
   * libsecret 0.20's async lookup leaks a D-Bus reply on every hit. */
  op->search_flags = SECRET_SEARCH_UNLOCK;
  tessera_keyring_op_start (task);
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
  TesseraKeyringOp *op;

  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL);

  task = tessera_keyring_op_new (self, TESSERA_KEYRING_STEP_SEARCH_IDS, self->timeout_ms,
                                 cancellable, callback, user_data,
                                 tessera_secret_store_list_generated_async,
                                 "tessera_secret_store_list_generated_async");
  op = tessera_keyring_op_get (task);
  op->attributes = attributes_new (server, account, KIND_GENERATED, NULL);

  /* Attributes are readable without unlocking: listing never prompts. */
  op->search_flags = SECRET_SEARCH_ALL;
  tessera_keyring_op_start (task);
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
  TesseraKeyringOp *op;

  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (token_id != NULL && *token_id != '\0');

  task = tessera_keyring_op_new (self, TESSERA_KEYRING_STEP_CLEAR, self->timeout_ms,
                                 cancellable, callback, user_data,
                                 tessera_secret_store_delete_generated_async,
                                 "tessera_secret_store_delete_generated_async");
  op = tessera_keyring_op_get (task);
  op->attributes = attributes_new (server, account, KIND_GENERATED, token_id);
  tessera_keyring_op_start (task);
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
  TesseraKeyringOp *op;

  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL && *account != '\0');

  task = tessera_keyring_op_new (self, TESSERA_KEYRING_STEP_CLEAR, self->timeout_ms,
                                 cancellable, callback, user_data,
                                 tessera_secret_store_delete_account_async,
                                 "tessera_secret_store_delete_account_async");
  op = tessera_keyring_op_get (task);
  /* No kind: both the sign-in item and the generated ones. */
  op->attributes = attributes_new (server, account, NULL, NULL);
  tessera_keyring_op_start (task);
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

gboolean
tessera_secret_store_get_available (TesseraSecretStore *self)
{
  g_return_val_if_fail (TESSERA_IS_SECRET_STORE (self), FALSE);

  return self->available;
}

gboolean
tessera_secret_store_get_interactive (TesseraSecretStore *self)
{
  g_return_val_if_fail (TESSERA_IS_SECRET_STORE (self), TRUE);

  return self->interactive;
}

void
tessera_secret_store_set_interactive (TesseraSecretStore *self,
                                      gboolean            interactive)
{
  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));

  interactive = !!interactive;
  if (self->interactive == interactive)
    return;

  self->interactive = interactive;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERACTIVE]);
}

guint
tessera_secret_store_get_pending_writes (TesseraSecretStore *self)
{
  g_return_val_if_fail (TESSERA_IS_SECRET_STORE (self), 0);

  return self->pending_writes;
}

void
tessera_secret_store_write_started (gpointer store)
{
  TesseraSecretStore *self = store;

  self->pending_writes++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_WRITES]);
}

void
tessera_secret_store_write_finished (gpointer store)
{
  TesseraSecretStore *self = store;

  g_return_if_fail (self->pending_writes > 0);
  self->pending_writes--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_WRITES]);
}

void
tessera_secret_store_note_outcome (gpointer      store,
                                   const GError *error)
{
  TesseraSecretStore *self = store;
  gboolean available;

  g_return_if_fail (TESSERA_IS_SECRET_STORE (self));

  /* A cancellation or a lost race says nothing about the keyring. */
  if (error != NULL &&
      !g_error_matches (error, TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE))
    return;

  available = error == NULL;
  if (self->available == available)
    return;

  self->available = available;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
}

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

    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;

    case PROP_PENDING_WRITES:
      g_value_set_uint (value, self->pending_writes);
      break;

    case PROP_INTERACTIVE:
      g_value_set_boolean (value, self->interactive);
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

    case PROP_INTERACTIVE:
      tessera_secret_store_set_interactive (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_secret_store_class_init (TesseraSecretStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tessera_secret_store_get_property;
  object_class->set_property = tessera_secret_store_set_property;

  /**
   * TesseraSecretStore:timeout:
   *
   * Milliseconds after which an operation gives up with
   * %TESSERA_SECRET_STORE_ERROR_UNAVAILABLE, 0 for never.  Defaults to
   * 30 s, or to `TESSERA_KEYRING_TIMEOUT_MS` from the environment.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERACTIVE] =
    g_param_spec_boolean ("interactive", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING_WRITES] =
    g_param_spec_uint ("pending-writes", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

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
  self->available = TRUE;
  self->interactive = TRUE;
}

TesseraSecretStore *
tessera_secret_store_new (void)
{
  return g_object_new (TESSERA_TYPE_SECRET_STORE, NULL);
}
