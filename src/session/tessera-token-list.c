/* tessera-token-list.c — a GListModel of TesseraToken, in sync with the server
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-token-list"

#include "config.h"

#include "tessera-token-list.h"

struct _TesseraTokenList
{
  GObject        parent_instance;

  GPtrArray     *items;         /* TesseraToken, newest first */
  TesseraClient *client;
  GCancellable  *cancellable;   /* of the running reload */
  GError        *error;
  GHashTable    *saved_ids;     /* token ids whose secret is in the keyring */
  int            warning_days;
  gboolean       loading;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TesseraTokenList, tessera_token_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_ERROR,
  PROP_N_ITEMS,
  PROP_WARNING_DAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
tessera_token_list_get_item_type (GListModel *model)
{
  return TESSERA_TYPE_TOKEN;
}

static guint
tessera_token_list_get_n_items (GListModel *model)
{
  return TESSERA_TOKEN_LIST (model)->items->len;
}

static gpointer
tessera_token_list_get_item (GListModel *model,
                             guint       position)
{
  TesseraTokenList *self = TESSERA_TOKEN_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tessera_token_list_get_item_type;
  iface->get_n_items = tessera_token_list_get_n_items;
  iface->get_item = tessera_token_list_get_item;
}

static void
adopt_token (TesseraTokenList *self,
             TesseraToken     *token)
{
  tessera_token_set_warning_days (token, self->warning_days);
  tessera_token_set_secret_saved (token,
                                  g_hash_table_contains (self->saved_ids,
                                                         tessera_token_get_id (token)));
}

/* Replaces every item with @tokens (stolen) in one items-changed. */
static void
replace_items (TesseraTokenList *self,
               GPtrArray        *tokens)
{
  guint removed = self->items->len;

  g_ptr_array_unref (self->items);
  self->items = tokens;

  for (guint i = 0; i < self->items->len; i++)
    adopt_token (self, g_ptr_array_index (self->items, i));

  if (removed > 0 || self->items->len > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
      if (removed != self->items->len)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

static void
set_loading (TesseraTokenList *self,
             gboolean          loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_error (TesseraTokenList *self,
           const GError     *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
list_tokens_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TesseraTokenList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;

  tokens = tessera_client_list_tokens_finish (TESSERA_CLIENT (object), result, &error);

  /* A newer reload (or a clear) took over: its answer counts, not ours. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->client != TESSERA_CLIENT (object))
    return;

  g_clear_object (&self->cancellable);

  if (tokens == NULL)
    {
      g_debug ("Reload failed: %s", error->message);
      /* Nothing we cannot vouch for stays on screen. */
      replace_items (self, g_ptr_array_new_with_free_func (g_object_unref));
      set_error (self, error);
    }
  else
    {
      replace_items (self, g_steal_pointer (&tokens));
      set_error (self, NULL);
    }

  set_loading (self, FALSE);
}

TesseraTokenList *
tessera_token_list_new (void)
{
  return g_object_new (TESSERA_TYPE_TOKEN_LIST, NULL);
}

void
tessera_token_list_set_client (TesseraTokenList *self,
                               TesseraClient    *client)
{
  g_return_if_fail (TESSERA_IS_TOKEN_LIST (self));
  g_return_if_fail (client == NULL || TESSERA_IS_CLIENT (client));

  if (self->client == client)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->client, client);
  set_loading (self, FALSE);
}

void
tessera_token_list_reload (TesseraTokenList *self)
{
  g_return_if_fail (TESSERA_IS_TOKEN_LIST (self));

  if (self->client == NULL)
    {
      tessera_token_list_clear (self);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_loading (self, TRUE);
  tessera_client_list_tokens_async (self->client, self->cancellable,
                                    list_tokens_cb, g_object_ref (self));
}

gboolean
tessera_token_list_get_loading (TesseraTokenList *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_LIST (self), FALSE);

  return self->loading;
}

const GError *
tessera_token_list_get_error (TesseraTokenList *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_LIST (self), NULL);

  return self->error;
}

TesseraToken *
tessera_token_list_find (TesseraTokenList *self,
                         const char       *id)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_LIST (self), NULL);

  if (id == NULL)
    return NULL;

  for (guint i = 0; i < self->items->len; i++)
    {
      TesseraToken *token = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (tessera_token_get_id (token), id) == 0)
        return token;
    }

  return NULL;
}

void
tessera_token_list_prepend (TesseraTokenList *self,
                            TesseraToken     *token)
{
  g_return_if_fail (TESSERA_IS_TOKEN_LIST (self));
  g_return_if_fail (TESSERA_IS_TOKEN (token));

  /* The same id twice would be a state the server does not have. */
  tessera_token_list_remove (self, tessera_token_get_id (token));

  adopt_token (self, token);
  g_ptr_array_insert (self->items, 0, g_object_ref (token));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

gboolean
tessera_token_list_remove (TesseraTokenList *self,
                           const char       *id)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_LIST (self), FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      TesseraToken *token = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (tessera_token_get_id (token), id) == 0)
        {
          g_ptr_array_remove_index (self->items, i);
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
          return TRUE;
        }
    }

  return FALSE;
}

void
tessera_token_list_clear (TesseraTokenList *self)
{
  g_return_if_fail (TESSERA_IS_TOKEN_LIST (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  replace_items (self, g_ptr_array_new_with_free_func (g_object_unref));
  g_hash_table_remove_all (self->saved_ids);
  set_error (self, NULL);
  set_loading (self, FALSE);
}

void
tessera_token_list_set_warning_days (TesseraTokenList *self,
                                     int               days)
{
  g_return_if_fail (TESSERA_IS_TOKEN_LIST (self));

  if (self->warning_days == days)
    return;

  self->warning_days = days;
  for (guint i = 0; i < self->items->len; i++)
    tessera_token_set_warning_days (g_ptr_array_index (self->items, i), days);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARNING_DAYS]);
}

int
tessera_token_list_get_warning_days (TesseraTokenList *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_LIST (self), TESSERA_TOKEN_DEFAULT_WARNING_DAYS);

  return self->warning_days;
}

void
tessera_token_list_set_saved_ids (TesseraTokenList   *self,
                                  const char * const *ids)
{
  g_return_if_fail (TESSERA_IS_TOKEN_LIST (self));

  g_hash_table_remove_all (self->saved_ids);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_hash_table_add (self->saved_ids, g_strdup (ids[i]));

  for (guint i = 0; i < self->items->len; i++)
    adopt_token (self, g_ptr_array_index (self->items, i));
}

void
tessera_token_list_set_secret_saved (TesseraTokenList *self,
                                     const char       *id,
                                     gboolean          saved)
{
  TesseraToken *token;

  g_return_if_fail (TESSERA_IS_TOKEN_LIST (self));
  g_return_if_fail (id != NULL);

  if (saved)
    g_hash_table_add (self->saved_ids, g_strdup (id));
  else
    g_hash_table_remove (self->saved_ids, id);

  token = tessera_token_list_find (self, id);
  if (token != NULL)
    tessera_token_set_secret_saved (token, saved);
}

void
tessera_token_list_refresh_states (TesseraTokenList *self)
{
  g_return_if_fail (TESSERA_IS_TOKEN_LIST (self));

  for (guint i = 0; i < self->items->len; i++)
    tessera_token_refresh_state (g_ptr_array_index (self->items, i));
}

static void
tessera_token_list_dispose (GObject *object)
{
  TesseraTokenList *self = TESSERA_TOKEN_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (tessera_token_list_parent_class)->dispose (object);
}

static void
tessera_token_list_finalize (GObject *object)
{
  TesseraTokenList *self = TESSERA_TOKEN_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->saved_ids, g_hash_table_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (tessera_token_list_parent_class)->finalize (object);
}

static void
tessera_token_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TesseraTokenList *self = TESSERA_TOKEN_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    case PROP_WARNING_DAYS:
      g_value_set_int (value, self->warning_days);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_token_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TesseraTokenList *self = TESSERA_TOKEN_LIST (object);

  switch (prop_id)
    {
    case PROP_WARNING_DAYS:
      tessera_token_list_set_warning_days (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_token_list_class_init (TesseraTokenListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tessera_token_list_dispose;
  object_class->finalize = tessera_token_list_finalize;
  object_class->get_property = tessera_token_list_get_property;
  object_class->set_property = tessera_token_list_set_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_WARNING_DAYS] =
    g_param_spec_int ("warning-days", NULL, NULL,
                      0, 3650, TESSERA_TOKEN_DEFAULT_WARNING_DAYS,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_token_list_init (TesseraTokenList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->saved_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->warning_days = TESSERA_TOKEN_DEFAULT_WARNING_DAYS;
}
