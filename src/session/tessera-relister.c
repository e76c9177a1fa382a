/* tessera-relister.c — every account's list read again now and then, and
 * when the network comes back, so that new tokens are watched too
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-relister"

#include "config.h"

#include "tessera-relister.h"

struct _TesseraRelister
{
  GObject          parent_instance;

  TesseraAccounts *accounts;
  GNetworkMonitor *monitor;
  TesseraAlarm    *alarm;
  guint            interval;
  guint            n_relists;
  gboolean         network_available;
};

G_DEFINE_FINAL_TYPE (TesseraRelister, tessera_relister, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNTS,
  PROP_MONITOR,
  PROP_INTERVAL,
  PROP_N_RELISTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
arm (TesseraRelister *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) when = NULL;

  if (self->interval == 0)
    {
      tessera_alarm_set (self->alarm, NULL);
      return;
    }

  when = g_date_time_add_seconds (now, self->interval);
  tessera_alarm_set (self->alarm, when);
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tessera_session_restore_finish (TESSERA_SESSION (object), result, &error) && error != NULL)
    g_debug ("Restore on network return: %s", error->message);
}

/* @network_back: also restore the accounts the server could not be
 * reached for (never those the keyring failed: that would prompt). */
static void
relist (TesseraRelister *self,
        gboolean         network_back)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));

  g_debug ("Listing %u accounts again%s", n, network_back ? " (the network is back)" : "");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraSession) session = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);
      const GError *error = tessera_session_get_error (session);

      switch (tessera_session_get_state (session))
        {
        case TESSERA_SESSION_STATE_SIGNED_IN:
          tessera_token_list_reload (tessera_session_get_tokens (session));
          break;
        case TESSERA_SESSION_STATE_FAILED:
          if (network_back && error != NULL && error->domain == TESSERA_API_ERROR)
            tessera_session_restore_async (session, NULL, restored_cb, NULL);
          break;
        case TESSERA_SESSION_STATE_RESTORING:
        case TESSERA_SESSION_STATE_REFUSED:
        case TESSERA_SESSION_STATE_ENDED:
        default:
          break;
        }
    }

  self->n_relists++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RELISTS]);
  arm (self);
}

static void
alarm_cb (gpointer user_data)
{
  relist (TESSERA_RELISTER (user_data), FALSE);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    TesseraRelister *self)
{
  gboolean was_available = self->network_available;

  self->network_available = available;
  if (available && !was_available)
    relist (self, TRUE);
}

TesseraRelister *
tessera_relister_new (TesseraAccounts *accounts,
                      GNetworkMonitor *monitor,
                      guint            interval_s)
{
  g_return_val_if_fail (TESSERA_IS_ACCOUNTS (accounts), NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), NULL);

  return g_object_new (TESSERA_TYPE_RELISTER,
                       "accounts", accounts,
                       "monitor", monitor != NULL ? monitor : g_network_monitor_get_default (),
                       "interval", interval_s,
                       NULL);
}

guint
tessera_relister_get_n_relists (TesseraRelister *self)
{
  g_return_val_if_fail (TESSERA_IS_RELISTER (self), 0);
  return self->n_relists;
}

static void
tessera_relister_constructed (GObject *object)
{
  TesseraRelister *self = TESSERA_RELISTER (object);

  G_OBJECT_CLASS (tessera_relister_parent_class)->constructed (object);

  g_return_if_fail (self->accounts != NULL && self->monitor != NULL);

  self->network_available = g_network_monitor_get_network_available (self->monitor);
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (network_changed_cb),
                           self, 0);
  arm (self);
}

static void
tessera_relister_dispose (GObject *object)
{
  TesseraRelister *self = TESSERA_RELISTER (object);

  g_clear_pointer (&self->alarm, tessera_alarm_free);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->accounts);

  G_OBJECT_CLASS (tessera_relister_parent_class)->dispose (object);
}

static void
tessera_relister_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TesseraRelister *self = TESSERA_RELISTER (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS:
      g_value_set_object (value, self->accounts);
      break;
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_N_RELISTS:
      g_value_set_uint (value, self->n_relists);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_relister_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TesseraRelister *self = TESSERA_RELISTER (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS:
      self->accounts = g_value_dup_object (value);
      break;
    case PROP_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    case PROP_INTERVAL:
      self->interval = g_value_get_uint (value);
      if (self->alarm != NULL && self->monitor != NULL)
        arm (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_relister_class_init (TesseraRelisterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tessera_relister_constructed;
  object_class->dispose = tessera_relister_dispose;
  object_class->get_property = tessera_relister_get_property;
  object_class->set_property = tessera_relister_set_property;

  properties[PROP_ACCOUNTS] =
    g_param_spec_object ("accounts", NULL, NULL, TESSERA_TYPE_ACCOUNTS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, G_MAXUINT, TESSERA_RELIST_INTERVAL_S,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_RELISTS] =
    g_param_spec_uint ("n-relists", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_relister_init (TesseraRelister *self)
{
  self->interval = TESSERA_RELIST_INTERVAL_S;
  self->alarm = tessera_alarm_new (alarm_cb, self);
}
