/* tessera-token-list.c — one account's tokens, as the server has them:
 * the model and its listings
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-token-list"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-limits.h"
#include "tessera-session-error.h"
#include "tessera-token-list-private.h"
#include "tessera-words.h"

G_DEFINE_FINAL_TYPE_WITH_CODE (TesseraTokenList, tessera_token_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, tessera_token_list_model_iface_init))

G_DEFINE_QUARK (tessera-session-error-quark, tessera_session_error)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_LOADED,
  PROP_STALE,
  PROP_ERROR,
  PROP_REFRESHED_AT,
  PROP_SETTLED,
  PROP_N_ITEMS,
  PROP_CAN_CREATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint tessera_token_list_signals[TOKEN_LIST_N_SIGNALS];

void
tessera_token_list_notify_counts (TesseraTokenList *self,
               guint             old_n_items,
               gboolean          old_can_create)
{
  if (self->items->len != old_n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (tessera_token_list_get_can_create (self) != old_can_create)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CREATE]);
}

/* ---------------------------------------------------------------- listing */

static void
set_flag (TesseraTokenList *self,
          gboolean         *field,
          gboolean          value,
          guint             prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
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
finish_waiters (TesseraTokenList *self,
                const GError     *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

typedef struct
{
  TesseraTokenList *self;
  TesseraClient    *client;
  guint64           serial;
  guint64           mark;
} Listing;

static void
listing_free (Listing *listing)
{
  g_clear_object (&listing->self);
  g_clear_object (&listing->client);
  g_free (listing);
}

static void
listing_succeeded (TesseraTokenList *self,
                   GPtrArray        *tokens,
                   gboolean          settled,
                   guint64           mark)
{
  gboolean old_can_create = tessera_token_list_get_can_create (self);

  tessera_token_list_apply_listing (self, tokens);

  g_clear_pointer (&self->refreshed_at, g_date_time_unref);
  self->refreshed_at = tessera_clock_now (self->clock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHED_AT]);
  set_flag (self, &self->loaded, TRUE, PROP_LOADED);
  set_flag (self, &self->stale, FALSE, PROP_STALE);
  set_flag (self, &self->settled, settled, PROP_SETTLED);
  set_error (self, NULL);
  tessera_token_list_notify_counts (self, self->items->len, old_can_create);

  /* Only a listing that held still vouches for what is gone. */
  if (settled && self->secrets != NULL)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      for (guint i = 0; i < tokens->len; i++)
        g_ptr_array_add (ids, (gpointer) tessera_token_get_id (g_ptr_array_index (tokens, i)));
      g_ptr_array_add (ids, NULL);
      tessera_saved_secrets_prune (self->secrets, (const char * const *) ids->pdata, mark);
    }
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Listing *listing = user_data;
  TesseraTokenList *self = listing->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  gboolean settled = TRUE;

  tokens = tessera_token_list_client_list_finish (TESSERA_CLIENT (object), result, &settled, &error);

  /* A newer listing (or a sign out) took over: its answer counts. */
  if (listing->serial != self->serial || listing->client != self->client)
    {
      listing_free (listing);
      return;
    }

  g_clear_object (&self->cancellable);
  set_flag (self, &self->loading, FALSE, PROP_LOADING);

  if (tokens != NULL)
    {
      g_debug ("Listed %u tokens%s", tokens->len, settled ? "" : " (still changing)");
      listing_succeeded (self, tokens, settled, listing->mark);
      finish_waiters (self, NULL);
    }
  else
    {
      g_debug ("Listing failed: %s", error->message);
      /* The rows stay, marked as not current: a failed refresh must not
       * throw a good list away.  A first load has nothing to keep. */
      set_flag (self, &self->stale, self->loaded, PROP_STALE);
      set_error (self, error);
      finish_waiters (self, error);
      if (g_error_matches (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED))
        g_signal_emit (self, tessera_token_list_signals[TOKEN_LIST_UNAUTHENTICATED], 0, error);
    }

  listing_free (listing);
}

static void
start_listing (TesseraTokenList *self)
{
  Listing *listing;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->client == NULL)
    {
      g_autoptr(GError) error = NULL;

      error = g_error_new_literal (TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_NOT_SIGNED_IN,
                                   _("Not signed in"));
      finish_waiters (self, error);
      return;
    }

  self->cancellable = g_cancellable_new ();
  listing = g_new0 (Listing, 1);
  listing->self = g_object_ref (self);
  listing->client = g_object_ref (self->client);
  listing->serial = ++self->serial;
  listing->mark = self->secrets != NULL ? tessera_saved_secrets_mark (self->secrets) : 0;

  set_flag (self, &self->loading, TRUE, PROP_LOADING);
  tessera_client_list_tokens_async (self->client, self->cancellable, list_cb, listing);
}

void
tessera_token_list_reload (TesseraTokenList *self)
{
  g_return_if_fail (TESSERA_IS_TOKEN_LIST (self));

  tessera_token_list_reload_async (self, NULL, NULL, NULL);
}

void
tessera_token_list_reload_async (TesseraTokenList    *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (TESSERA_IS_TOKEN_LIST (self));

  /* Always a new listing: one that started before what the caller did
   * cannot tell what came of it.  Whoever waited for the old one gets the
   * new one's answer. */
  if (callback != NULL)
    {
      GTask *task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, tessera_token_list_reload_async);
      g_ptr_array_add (self->waiters, task);
    }

  start_listing (self);
}

gboolean
tessera_token_list_reload_finish (TesseraTokenList  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------- private */

TesseraTokenList *
tessera_token_list_new (TesseraClock        *clock,
                        TesseraSavedSecrets *secrets)
{
  TesseraTokenList *self;

  g_return_val_if_fail (TESSERA_IS_CLOCK (clock), NULL);

  self = g_object_new (TESSERA_TYPE_TOKEN_LIST, NULL);
  self->clock = g_object_ref (clock);
  self->secrets = secrets != NULL ? g_object_ref (secrets) : NULL;
  g_signal_connect_object (clock, "changed", G_CALLBACK (tessera_token_list_update_states),
                           self, G_CONNECT_SWAPPED);

  return self;
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
  g_cancellable_cancel (self->ops_cancellable);
  g_clear_object (&self->ops_cancellable);
  self->ops_cancellable = g_cancellable_new ();
  g_set_object (&self->client, client);
  self->serial++;
  set_flag (self, &self->loading, FALSE, PROP_LOADING);

  {
    g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                   "The session changed");
    finish_waiters (self, error);
  }
}

void
tessera_token_list_clear (TesseraTokenList *self)
{
  g_return_if_fail (TESSERA_IS_TOKEN_LIST (self));

  tessera_token_list_set_client (self, NULL);
  tessera_token_list_remove_all (self);
  g_clear_pointer (&self->refreshed_at, g_date_time_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHED_AT]);
  set_flag (self, &self->loaded, FALSE, PROP_LOADED);
  set_flag (self, &self->stale, FALSE, PROP_STALE);
  set_flag (self, &self->settled, TRUE, PROP_SETTLED);
  set_error (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CREATE]);
}

/* ---------------------------------------------------------------- getters */

gboolean
tessera_token_list_get_loading (TesseraTokenList *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_LIST (self), FALSE);
  return self->loading;
}

gboolean
tessera_token_list_get_loaded (TesseraTokenList *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_LIST (self), FALSE);
  return self->loaded;
}

gboolean
tessera_token_list_get_stale (TesseraTokenList *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_LIST (self), FALSE);
  return self->stale;
}

const GError *
tessera_token_list_get_error (TesseraTokenList *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_LIST (self), NULL);
  return self->error;
}

GDateTime *
tessera_token_list_get_refreshed_at (TesseraTokenList *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_LIST (self), NULL);
  return self->refreshed_at;
}

gboolean
tessera_token_list_get_settled (TesseraTokenList *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_LIST (self), TRUE);
  return self->settled;
}

gboolean
tessera_token_list_get_can_create (TesseraTokenList *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_LIST (self), FALSE);

  /* A stale list still counts: its tokens were there a moment ago. */
  return self->loaded && self->items->len < TESSERA_MAX_TOKENS;
}

TesseraToken *
tessera_token_list_find (TesseraTokenList *self,
                         const char       *id)
{
  guint i;

  g_return_val_if_fail (TESSERA_IS_TOKEN_LIST (self), NULL);

  if (id == NULL)
    return NULL;

  i = tessera_token_list_index_of (self->items, id, 0);
  return i != G_MAXUINT ? g_ptr_array_index (self->items, i) : NULL;
}

/* ---------------------------------------------------------------- GObject */

static void
tessera_token_list_dispose (GObject *object)
{
  TesseraTokenList *self = TESSERA_TOKEN_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->ops_cancellable);
  g_clear_object (&self->ops_cancellable);
  g_clear_object (&self->client);
  g_clear_pointer (&self->alarm, tessera_alarm_free);

  G_OBJECT_CLASS (tessera_token_list_parent_class)->dispose (object);
}

static void
tessera_token_list_finalize (GObject *object)
{
  TesseraTokenList *self = TESSERA_TOKEN_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_clear_pointer (&self->refreshed_at, g_date_time_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->secrets);
  g_clear_object (&self->clock);

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
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_STALE:
      g_value_set_boolean (value, self->stale);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_REFRESHED_AT:
      g_value_set_boxed (value, self->refreshed_at);
      break;
    case PROP_SETTLED:
      g_value_set_boolean (value, self->settled);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    case PROP_CAN_CREATE:
      g_value_set_boolean (value, tessera_token_list_get_can_create (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_token_list_class_init (TesseraTokenListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tessera_token_list_dispose;
  object_class->finalize = tessera_token_list_finalize;
  object_class->get_property = tessera_token_list_get_property;

  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, flags);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, flags);
  properties[PROP_STALE] = g_param_spec_boolean ("stale", NULL, NULL, FALSE, flags);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, flags);
  properties[PROP_REFRESHED_AT] = g_param_spec_boxed ("refreshed-at", NULL, NULL,
                                                      G_TYPE_DATE_TIME, flags);
  properties[PROP_SETTLED] = g_param_spec_boolean ("settled", NULL, NULL, TRUE, flags);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CAN_CREATE] = g_param_spec_boolean ("can-create", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  tessera_token_list_signals[TOKEN_LIST_UNAUTHENTICATED] =
    g_signal_new ("unauthenticated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  tessera_token_list_signals[TOKEN_LIST_DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  tessera_token_list_signals[TOKEN_LIST_ALL_DELETED] =
    g_signal_new ("all-deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tessera_token_list_init (TesseraTokenList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->ops_cancellable = g_cancellable_new ();
  self->alarm = tessera_alarm_new (tessera_token_list_alarm_cb, self);
  self->settled = TRUE;
}
