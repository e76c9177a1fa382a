/* tessera-accounts.c — every signed-in account, owned by the application
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-accounts"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-accounts.h"
#include "tessera-secret.h"
#include "tessera-session-private.h"

struct _TesseraAccounts
{
  GObject             parent_instance;

  TesseraSecretStore *store;
  TesseraClock       *clock;
  GPtrArray          *sessions;   /* TesseraSession */
  guint               n_restoring;
  guint               request_timeout;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TesseraAccounts, tessera_accounts, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_CLOCK,
  PROP_N_ITEMS,
  PROP_RESTORING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
tessera_accounts_get_item_type (GListModel *model)
{
  return TESSERA_TYPE_SESSION;
}

static guint
tessera_accounts_get_n_items (GListModel *model)
{
  return TESSERA_ACCOUNTS (model)->sessions->len;
}

static gpointer
tessera_accounts_get_item (GListModel *model,
                           guint       position)
{
  TesseraAccounts *self = TESSERA_ACCOUNTS (model);

  if (position >= self->sessions->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->sessions, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tessera_accounts_get_item_type;
  iface->get_n_items = tessera_accounts_get_n_items;
  iface->get_item = tessera_accounts_get_item;
}

/* ---------------------------------------------------------------- list */

static void
session_state_cb (TesseraSession  *session,
                  GParamSpec      *pspec,
                  TesseraAccounts *self)
{
  guint position;

  if (tessera_session_get_state (session) != TESSERA_SESSION_STATE_ENDED)
    return;
  if (!g_ptr_array_find (self->sessions, session, &position))
    return;

  g_debug ("%s on %s leaves the accounts", tessera_session_get_email (session),
           tessera_session_get_server_url (session));
  g_signal_handlers_disconnect_by_func (session, session_state_cb, self);
  g_ptr_array_remove_index (self->sessions, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static TesseraSession *
add_session (TesseraAccounts *self,
             const char      *server_url,
             const char      *email)
{
  TesseraSession *session = tessera_session_new (self->store, self->clock, server_url, email);

  tessera_session_set_request_timeout (session, self->request_timeout);

  g_signal_connect_object (session, "notify::state", G_CALLBACK (session_state_cb), self, 0);
  g_ptr_array_add (self->sessions, session);
  g_list_model_items_changed (G_LIST_MODEL (self), self->sessions->len - 1, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return session;
}

TesseraSession *
tessera_accounts_find (TesseraAccounts *self,
                       const char      *server_url,
                       const char      *email)
{
  g_return_val_if_fail (TESSERA_IS_ACCOUNTS (self), NULL);

  for (guint i = 0; i < self->sessions->len; i++)
    {
      TesseraSession *session = g_ptr_array_index (self->sessions, i);

      if (tessera_session_matches (session, server_url, email))
        return session;
    }

  return NULL;
}

/* ---------------------------------------------------------------- restore */

static void
set_restoring (TesseraAccounts *self,
               int              delta)
{
  gboolean was = self->n_restoring > 0;

  self->n_restoring += delta;
  if (was != (self->n_restoring > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTORING]);
}

static void
session_restored_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The session itself says how it went ("state", "error"). */
  if (!tessera_session_restore_finish (TESSERA_SESSION (object), result, &error) && error != NULL)
    g_debug ("Restoring %s: %s", tessera_session_get_email (TESSERA_SESSION (object)), error->message);
}

typedef struct
{
  gboolean  with_secrets;
  char     *server_url;   /* only these, when set */
  char     *email;
} Restore;

static void
restore_free (Restore *restore)
{
  g_free (restore->server_url);
  g_free (restore->email);
  g_free (restore);
}

static gboolean
restore_wants (Restore    *restore,
               const char *server_url,
               const char *email)
{
  return (restore->server_url == NULL || g_strcmp0 (restore->server_url, server_url) == 0) &&
         (restore->email == NULL || g_ascii_strcasecmp (restore->email, email) == 0);
}

static void
list_sign_ins_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraAccounts *self = g_task_get_source_object (task);
  Restore *restore = g_task_get_task_data (task);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = tessera_secret_store_list_sign_ins_finish (TESSERA_SECRET_STORE (object), result, &error);

  /* The unlock prompt dismissed, or a keyring that does not answer: the
   * accounts are still shown (attributes need no unlocking), each saying
   * why it could not be restored, with a Retry. */
  if (items == NULL && restore->with_secrets &&
      g_error_matches (error, TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE))
    {
      g_debug ("Could not read the saved sign-ins' secrets: %s", error->message);
      restore->with_secrets = FALSE;
      tessera_secret_store_list_sign_ins_async (self->store, FALSE, g_task_get_cancellable (task),
                                                list_sign_ins_cb, g_object_ref (task));
      return;
    }

  if (items == NULL)
    {
      set_restoring (self, -1);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < items->len; i++)
    {
      TesseraSignInItem *item = g_ptr_array_index (items, i);
      g_autoptr(GError) url_error = NULL;
      g_autofree char *origin = tessera_normalize_server_url (item->server, &url_error);
      TesseraSession *session;

      /* An item for a server Tessera would not talk to (written by hand?). */
      if (origin == NULL)
        {
          g_debug ("Ignoring a saved sign-in for %s: %s", item->server, url_error->message);
          continue;
        }
      if (!restore_wants (restore, origin, item->account) ||
          tessera_accounts_find (self, origin, item->account) != NULL)
        continue;

      session = add_session (self, origin, item->account);
      if (item->secret != NULL)
        tessera_session_restore_with_token (session, item->secret, item->token_id,
                                            session_restored_cb, NULL);
      else
        tessera_session_restore_async (session, NULL, session_restored_cb, NULL);
    }

  /* Only now: whoever waits for the end of the restore finds the accounts
   * there (a window would otherwise show the sign-in page for a moment). */
  set_restoring (self, -1);
  g_task_return_boolean (task, TRUE);
}

void
tessera_accounts_restore_async (TesseraAccounts     *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  tessera_accounts_restore_only_async (self, NULL, NULL, cancellable, callback, user_data);
}

void
tessera_accounts_restore_only_async (TesseraAccounts     *self,
                                     const char          *server_url,
                                     const char          *email,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  Restore *restore;

  g_return_if_fail (TESSERA_IS_ACCOUNTS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_accounts_restore_async);
  restore = g_new0 (Restore, 1);
  restore->with_secrets = TRUE;
  restore->server_url = g_strdup (server_url);
  restore->email = g_strdup (email);
  g_task_set_task_data (task, restore, (GDestroyNotify) restore_free);
  set_restoring (self, +1);
  /* One keyring search for every sign-in and its secret. */
  tessera_secret_store_list_sign_ins_async (self->store, TRUE, cancellable, list_sign_ins_cb, task);
}

gboolean
tessera_accounts_restore_finish (TesseraAccounts  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------- add */

typedef struct
{
  char           *server_url;
  char           *token;      /* a secret */
  TesseraClient  *client;
  TesseraSession *session;
  GError         *keyring_error;
} Add;

static void
add_free (Add *add)
{
  g_free (add->server_url);
  g_clear_pointer (&add->token, tessera_secret_free);
  g_clear_object (&add->client);
  g_clear_object (&add->session);
  g_clear_error (&add->keyring_error);
  g_free (add);
}

static void
add_signed_in_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Add *add = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!tessera_session_sign_in_finish (TESSERA_SESSION (object), result, &add->keyring_error, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_object_ref (add->session), g_object_unref);
}

static void
add_account_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraAccounts *self = g_task_get_source_object (task);
  Add *add = g_task_get_task_data (task);
  g_autoptr(TesseraAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  TesseraSession *existing;

  account = tessera_test_token_finish (result, NULL, NULL, &error);
  if (account == NULL)
    {
      if (g_error_matches (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED))
        g_task_return_new_error (task, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED,
                                 "%s", _("This token is not valid or has expired"));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  existing = tessera_accounts_find (self, add->server_url, tessera_account_get_email (account));
  if (existing != NULL)
    {
      /* Already here: this token signs that account in again. */
      add->session = g_object_ref (existing);
      tessera_session_sign_in_async (existing, add->token, NULL, add_signed_in_cb,
                                     g_steal_pointer (&task));
      return;
    }

  add->client = tessera_client_new (add->server_url, add->token, &error);
  if (add->client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->request_timeout > 0)
    tessera_client_set_timeout (add->client, self->request_timeout);

  add->session = g_object_ref (add_session (self, add->server_url,
                                            tessera_account_get_email (account)));
  tessera_session_start_signed_in (add->session, add->client, account, add->token,
                                   add_signed_in_cb, g_steal_pointer (&task));
}

void
tessera_accounts_add_async (TesseraAccounts     *self,
                            const char          *server_url,
                            const char          *token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  gboolean too_long = FALSE;
  Add *add;

  g_return_if_fail (TESSERA_IS_ACCOUNTS (self));
  g_return_if_fail (token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_accounts_add_async);
  add = g_new0 (Add, 1);
  g_task_set_task_data (task, add, (GDestroyNotify) add_free);

  add->server_url = tessera_normalize_server_url (server_url, &error);
  if (add->server_url == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Checked (and trimmed again) by tessera_test_token_async(); this copy
   * is the one the session keeps. */
  add->token = tessera_secret_dup_trimmed (token, G_MAXSIZE, &too_long);
  tessera_test_token_full_async (add->server_url, token, self->request_timeout, cancellable,
                                 add_account_cb, g_steal_pointer (&task));
}

TesseraSession *
tessera_accounts_add_finish (TesseraAccounts  *self,
                             GAsyncResult     *result,
                             GError          **keyring_error,
                             GError          **error)
{
  Add *add;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  add = g_task_get_task_data (G_TASK (result));
  if (keyring_error != NULL && add->keyring_error != NULL)
    *keyring_error = g_error_copy (add->keyring_error);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------- GObject */

TesseraAccounts *
tessera_accounts_new (TesseraSecretStore *store,
                      TesseraClock       *clock)
{
  g_return_val_if_fail (TESSERA_IS_SECRET_STORE (store), NULL);
  g_return_val_if_fail (TESSERA_IS_CLOCK (clock), NULL);

  return g_object_new (TESSERA_TYPE_ACCOUNTS, "store", store, "clock", clock, NULL);
}

TesseraSecretStore *
tessera_accounts_get_store (TesseraAccounts *self)
{
  g_return_val_if_fail (TESSERA_IS_ACCOUNTS (self), NULL);
  return self->store;
}

TesseraClock *
tessera_accounts_get_clock (TesseraAccounts *self)
{
  g_return_val_if_fail (TESSERA_IS_ACCOUNTS (self), NULL);
  return self->clock;
}

gboolean
tessera_accounts_get_restoring (TesseraAccounts *self)
{
  g_return_val_if_fail (TESSERA_IS_ACCOUNTS (self), FALSE);
  return self->n_restoring > 0;
}

void
tessera_accounts_set_request_timeout (TesseraAccounts *self,
                                      guint            seconds)
{
  g_return_if_fail (TESSERA_IS_ACCOUNTS (self));

  self->request_timeout = seconds;
  for (guint i = 0; i < self->sessions->len; i++)
    tessera_session_set_request_timeout (g_ptr_array_index (self->sessions, i), seconds);
}

static void
tessera_accounts_dispose (GObject *object)
{
  TesseraAccounts *self = TESSERA_ACCOUNTS (object);

  for (guint i = 0; self->sessions != NULL && i < self->sessions->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->sessions, i),
                                          session_state_cb, self);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);

  G_OBJECT_CLASS (tessera_accounts_parent_class)->dispose (object);
}

static void
tessera_accounts_finalize (GObject *object)
{
  TesseraAccounts *self = TESSERA_ACCOUNTS (object);

  g_clear_object (&self->store);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (tessera_accounts_parent_class)->finalize (object);
}

static void
tessera_accounts_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TesseraAccounts *self = TESSERA_ACCOUNTS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->sessions->len);
      break;
    case PROP_RESTORING:
      g_value_set_boolean (value, self->n_restoring > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_accounts_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TesseraAccounts *self = TESSERA_ACCOUNTS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_accounts_class_init (TesseraAccountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tessera_accounts_dispose;
  object_class->finalize = tessera_accounts_finalize;
  object_class->get_property = tessera_accounts_get_property;
  object_class->set_property = tessera_accounts_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TESSERA_TYPE_SECRET_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, TESSERA_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESTORING] =
    g_param_spec_boolean ("restoring", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_accounts_init (TesseraAccounts *self)
{
  self->sessions = g_ptr_array_new_with_free_func (g_object_unref);
}
