/* tessera-expiry-watch.c — when each token of each account is about to
 * expire, told once per token and moment
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-expiry-watch"

#include "config.h"

#include <string.h>

#include "tessera-expiry-watch-private.h"

G_DEFINE_ENUM_TYPE (TesseraExpiryThreshold, tessera_expiry_threshold,
                    G_DEFINE_ENUM_VALUE (TESSERA_EXPIRY_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (TESSERA_EXPIRY_WARNING, "warning"),
                    G_DEFINE_ENUM_VALUE (TESSERA_EXPIRY_ONE_DAY, "one-day"),
                    G_DEFINE_ENUM_VALUE (TESSERA_EXPIRY_EXPIRED, "expired"))

/* ---------------------------------------------------------------- the watch */

G_DEFINE_FINAL_TYPE (TesseraExpiryWatch, tessera_expiry_watch, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNTS,
  PROP_LEDGER,
  PROP_ENABLED,
  PROP_READY,
  PROP_SAVING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint tessera_expiry_watch_signals[EXPIRY_WATCH_N_SIGNALS];

static void
forget_token (TesseraExpiryWatch *self,
              const char         *token_id)
{
  tessera_expiry_ledger_forget (self->ledger, token_id);
}

/* ---------------------------------------------------------------- checking */

static gboolean
check_cb (gpointer user_data)
{
  TesseraExpiryWatch *self = user_data;

  self->check_id = 0;
  tessera_expiry_watch_check_now (self);
  return G_SOURCE_REMOVE;
}

/* Coalesced: a listing changes the list in several items-changed runs,
 * told together once it is applied.  At G_PRIORITY_DEFAULT, ahead of
 * redraws, which can starve an idle of default-idle priority. */
static void
queue_check (TesseraExpiryWatch *self)
{
  if (self->check_id != 0)
    return;

  self->check_id = g_idle_add_full (G_PRIORITY_DEFAULT, check_cb, self, NULL);
  g_source_set_name_by_id (self->check_id, "[tessera] expiry check");
}

static void
alarm_cb (gpointer user_data)
{
  tessera_expiry_watch_check_now (TESSERA_EXPIRY_WATCH (user_data));
}

/* ---------------------------------------------------------------- sessions */

static void
tokens_deleted_cb (TesseraExpiryWatch *self,
                   const char         *token_id)
{
  forget_token (self, token_id);
}

static void
watched_free (gpointer data)
{
  Watched *watched = data;

  g_clear_object (&watched->session);
  g_clear_object (&watched->tokens);
  g_free (watched);
}

static void
watch_session (TesseraExpiryWatch *self,
               TesseraSession     *session)
{
  Watched *watched = g_new0 (Watched, 1);

  watched->session = g_object_ref (session);
  watched->tokens = g_object_ref (tessera_session_get_tokens (session));
  g_ptr_array_add (self->watched, watched);

  g_signal_connect_object (session, "notify::state", G_CALLBACK (queue_check), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::sign-in-token-id", G_CALLBACK (queue_check), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::sign-in-expires", G_CALLBACK (queue_check), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (watched->tokens, "items-changed", G_CALLBACK (queue_check), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (watched->tokens, "notify::loading", G_CALLBACK (queue_check), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (watched->tokens, "notify::refreshed-at", G_CALLBACK (queue_check), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (watched->tokens, "deleted", G_CALLBACK (tokens_deleted_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
unwatch (TesseraExpiryWatch *self,
         guint               index)
{
  Watched *watched = g_ptr_array_index (self->watched, index);

  g_signal_handlers_disconnect_by_data (watched->session, self);
  g_signal_handlers_disconnect_by_data (watched->tokens, self);
  g_ptr_array_remove_index (self->watched, index);
}

/* The watched sessions are the accounts' sessions, whichever changed. */
static void
accounts_changed_cb (TesseraExpiryWatch *self)
{
  GListModel *model = G_LIST_MODEL (self->accounts);
  guint n = g_list_model_get_n_items (model);

  for (guint i = self->watched->len; i > 0; i--)
    {
      Watched *watched = g_ptr_array_index (self->watched, i - 1);
      gboolean present = FALSE;

      for (guint j = 0; j < n && !present; j++)
        {
          g_autoptr(TesseraSession) session = g_list_model_get_item (model, j);

          present = session == watched->session;
        }
      if (!present)
        unwatch (self, i - 1);
    }

  for (guint j = 0; j < n; j++)
    {
      g_autoptr(TesseraSession) session = g_list_model_get_item (model, j);
      gboolean known = FALSE;

      for (guint i = 0; i < self->watched->len && !known; i++)
        known = ((Watched *) g_ptr_array_index (self->watched, i))->session == session;
      if (!known)
        watch_session (self, session);
    }

  queue_check (self);
}

/* ---------------------------------------------------------------- public */

TesseraExpiryWatch *
tessera_expiry_watch_new (TesseraAccounts *accounts,
                          GFile           *ledger)
{
  g_return_val_if_fail (TESSERA_IS_ACCOUNTS (accounts), NULL);
  g_return_val_if_fail (G_IS_FILE (ledger), NULL);

  return g_object_new (TESSERA_TYPE_EXPIRY_WATCH, "accounts", accounts, "ledger", ledger, NULL);
}

gboolean
tessera_expiry_watch_get_enabled (TesseraExpiryWatch *self)
{
  g_return_val_if_fail (TESSERA_IS_EXPIRY_WATCH (self), FALSE);
  return self->enabled;
}

void
tessera_expiry_watch_set_enabled (TesseraExpiryWatch *self,
                                  gboolean            enabled)
{
  g_return_if_fail (TESSERA_IS_EXPIRY_WATCH (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
  /* Off: the alarm goes too.  On: what was reached meanwhile is told. */
  queue_check (self);
}

gboolean
tessera_expiry_watch_get_ready (TesseraExpiryWatch *self)
{
  g_return_val_if_fail (TESSERA_IS_EXPIRY_WATCH (self), FALSE);
  return tessera_expiry_ledger_get_ready (self->ledger);
}

gboolean
tessera_expiry_watch_get_saving (TesseraExpiryWatch *self)
{
  g_return_val_if_fail (TESSERA_IS_EXPIRY_WATCH (self), FALSE);
  return tessera_expiry_ledger_get_saving (self->ledger);
}

TesseraExpiryThreshold
tessera_expiry_watch_get_told (TesseraExpiryWatch *self,
                               const char         *token_id)
{
  g_return_val_if_fail (TESSERA_IS_EXPIRY_WATCH (self), TESSERA_EXPIRY_NONE);
  g_return_val_if_fail (token_id != NULL, TESSERA_EXPIRY_NONE);

  return tessera_expiry_ledger_get (self->ledger, token_id);
}

GDateTime *
tessera_expiry_watch_get_next (TesseraExpiryWatch *self)
{
  g_return_val_if_fail (TESSERA_IS_EXPIRY_WATCH (self), NULL);
  return tessera_alarm_get (self->alarm);
}

/* ---------------------------------------------------------------- GObject */

static void
ledger_ready_cb (TesseraExpiryWatch *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
  queue_check (self);
}

static void
ledger_saving_cb (TesseraExpiryWatch *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

static void
tessera_expiry_watch_constructed (GObject *object)
{
  TesseraExpiryWatch *self = TESSERA_EXPIRY_WATCH (object);

  G_OBJECT_CLASS (tessera_expiry_watch_parent_class)->constructed (object);

  g_return_if_fail (self->accounts != NULL && self->ledger_file != NULL);

  self->ledger = tessera_expiry_ledger_new (self->ledger_file);
  g_signal_connect_object (self->ledger, "notify::ready", G_CALLBACK (ledger_ready_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ledger, "notify::saving", G_CALLBACK (ledger_saving_cb), self,
                           G_CONNECT_SWAPPED);

  self->clock = g_object_ref (tessera_accounts_get_clock (self->accounts));
  g_signal_connect_object (self->clock, "changed", G_CALLBACK (queue_check), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->accounts, "items-changed", G_CALLBACK (accounts_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->accounts, "notify::restoring", G_CALLBACK (queue_check), self,
                           G_CONNECT_SWAPPED);
  accounts_changed_cb (self);
}

static void
tessera_expiry_watch_dispose (GObject *object)
{
  TesseraExpiryWatch *self = TESSERA_EXPIRY_WATCH (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_pointer (&self->alarm, tessera_alarm_free);
  while (self->watched != NULL && self->watched->len > 0)
    unwatch (self, self->watched->len - 1);
  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_data (self->accounts, self);
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  if (self->ledger != NULL)
    g_signal_handlers_disconnect_by_data (self->ledger, self);

  G_OBJECT_CLASS (tessera_expiry_watch_parent_class)->dispose (object);
}

static void
tessera_expiry_watch_finalize (GObject *object)
{
  TesseraExpiryWatch *self = TESSERA_EXPIRY_WATCH (object);

  g_clear_object (&self->accounts);
  g_clear_object (&self->clock);
  /* A write under way holds it until it is done. */
  g_clear_object (&self->ledger);
  g_clear_object (&self->ledger_file);
  g_clear_pointer (&self->watched, g_ptr_array_unref);

  G_OBJECT_CLASS (tessera_expiry_watch_parent_class)->finalize (object);
}

static void
tessera_expiry_watch_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TesseraExpiryWatch *self = TESSERA_EXPIRY_WATCH (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS:
      g_value_set_object (value, self->accounts);
      break;
    case PROP_LEDGER:
      g_value_set_object (value, self->ledger_file);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_READY:
      g_value_set_boolean (value, tessera_expiry_watch_get_ready (self));
      break;
    case PROP_SAVING:
      g_value_set_boolean (value, tessera_expiry_watch_get_saving (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_expiry_watch_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TesseraExpiryWatch *self = TESSERA_EXPIRY_WATCH (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS:
      self->accounts = g_value_dup_object (value);
      break;
    case PROP_LEDGER:
      self->ledger_file = g_value_dup_object (value);
      break;
    case PROP_ENABLED:
      tessera_expiry_watch_set_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_expiry_watch_class_init (TesseraExpiryWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = tessera_expiry_watch_constructed;
  object_class->dispose = tessera_expiry_watch_dispose;
  object_class->finalize = tessera_expiry_watch_finalize;
  object_class->get_property = tessera_expiry_watch_get_property;
  object_class->set_property = tessera_expiry_watch_set_property;

  properties[PROP_ACCOUNTS] =
    g_param_spec_object ("accounts", NULL, NULL, TESSERA_TYPE_ACCOUNTS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEDGER] =
    g_param_spec_object ("ledger", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READY] = g_param_spec_boolean ("ready", NULL, NULL, FALSE, flags);
  properties[PROP_SAVING] = g_param_spec_boolean ("saving", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  tessera_expiry_watch_signals[EXPIRY_WATCH_DUE] =
    g_signal_new ("due", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
tessera_expiry_watch_init (TesseraExpiryWatch *self)
{
  self->enabled = TRUE;
  self->watched = g_ptr_array_new_with_free_func (watched_free);
  self->alarm = tessera_alarm_new (alarm_cb, self);
}
