/* tessera-expiry-watch.c — when each token of each account is about to
 * expire, told once per token and moment
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-expiry-watch"

#include "config.h"

#include <string.h>

#include "tessera-expiry-ledger.h"
#include "tessera-expiry-watch.h"

/* An expiry older than this when first seen is old news, not told. */
#define OLD_NEWS_DAYS 7

G_DEFINE_ENUM_TYPE (TesseraExpiryThreshold, tessera_expiry_threshold,
                    G_DEFINE_ENUM_VALUE (TESSERA_EXPIRY_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (TESSERA_EXPIRY_WARNING, "warning"),
                    G_DEFINE_ENUM_VALUE (TESSERA_EXPIRY_ONE_DAY, "one-day"),
                    G_DEFINE_ENUM_VALUE (TESSERA_EXPIRY_EXPIRED, "expired"))

/* ---------------------------------------------------------------- alerts */

typedef struct
{
  TesseraExpiryAlert alert;
  gatomicrefcount    ref_count;
} AlertBox;

static TesseraExpiryAlert *
alert_new (TesseraSession         *session,
           const char             *token_id,
           const char             *notes,
           GDateTime              *expire,
           TesseraExpiryThreshold  threshold,
           gboolean                is_sign_in)
{
  AlertBox *box = g_new0 (AlertBox, 1);

  g_atomic_ref_count_init (&box->ref_count);
  box->alert.session = g_object_ref (session);
  box->alert.token_id = g_strdup (token_id);
  box->alert.notes = g_strdup (notes);
  box->alert.expire = g_date_time_ref (expire);
  box->alert.threshold = threshold;
  box->alert.is_sign_in = is_sign_in;
  return &box->alert;
}

TesseraExpiryAlert *
tessera_expiry_alert_ref (TesseraExpiryAlert *alert)
{
  g_return_val_if_fail (alert != NULL, NULL);

  g_atomic_ref_count_inc (&((AlertBox *) alert)->ref_count);
  return alert;
}

void
tessera_expiry_alert_unref (TesseraExpiryAlert *alert)
{
  AlertBox *box = (AlertBox *) alert;

  g_return_if_fail (alert != NULL);

  if (!g_atomic_ref_count_dec (&box->ref_count))
    return;

  g_clear_object (&alert->session);
  g_free (alert->token_id);
  g_free (alert->notes);
  g_date_time_unref (alert->expire);
  g_free (box);
}

G_DEFINE_BOXED_TYPE (TesseraExpiryAlert, tessera_expiry_alert,
                     tessera_expiry_alert_ref, tessera_expiry_alert_unref)

/* ---------------------------------------------------------------- the watch */

typedef struct
{
  TesseraSession   *session;
  TesseraTokenList *tokens;
} Watched;

struct _TesseraExpiryWatch
{
  GObject          parent_instance;

  TesseraAccounts *accounts;
  TesseraClock    *clock;
  GFile           *ledger_file;
  TesseraExpiryLedger *ledger;
  GPtrArray       *watched;   /* Watched, one per session of the accounts */
  TesseraAlarm    *alarm;     /* the next moment of any token */
  guint            check_id;

  gboolean         enabled;
};

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

enum {
  DUE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void queue_check (TesseraExpiryWatch *self);

GDateTime *
tessera_expiry_moment (TesseraExpiryThreshold  threshold,
                       GDateTime              *created,
                       GDateTime              *expire,
                       int                     warning_days)
{
  GDateTime *moment = NULL;

  g_return_val_if_fail (expire != NULL, NULL);

  switch (threshold)
    {
    case TESSERA_EXPIRY_WARNING:
      /* A window of a day or less is the one-day moment's. */
      if (warning_days > 1)
        moment = g_date_time_add_days (expire, -warning_days);
      break;
    case TESSERA_EXPIRY_ONE_DAY:
      moment = g_date_time_add_days (expire, -1);
      break;
    case TESSERA_EXPIRY_EXPIRED:
      moment = g_date_time_ref (expire);
      break;
    case TESSERA_EXPIRY_NONE:
    default:
      break;
    }

  /* Born past it: a 7-day token starts inside a 7-day warning window,
   * which its maker knows. */
  if (moment != NULL && created != NULL && g_date_time_compare (moment, created) <= 0)
    g_clear_pointer (&moment, g_date_time_unref);

  return moment;
}

static void
forget_token (TesseraExpiryWatch *self,
              const char         *token_id)
{
  tessera_expiry_ledger_forget (self->ledger, token_id);
}

/* ---------------------------------------------------------------- checking */

/* FALSE while accounts are restored or lists loaded for the first time:
 * what a start-up finds is told in one go. */
static gboolean
settled (TesseraExpiryWatch *self)
{
  if (!tessera_expiry_ledger_get_ready (self->ledger) || tessera_accounts_get_restoring (self->accounts))
    return FALSE;

  for (guint i = 0; i < self->watched->len; i++)
    {
      Watched *watched = g_ptr_array_index (self->watched, i);
      TesseraSessionState state = tessera_session_get_state (watched->session);

      if (state == TESSERA_SESSION_STATE_RESTORING)
        return FALSE;
      if (state == TESSERA_SESSION_STATE_SIGNED_IN &&
          !tessera_token_list_get_loaded (watched->tokens) &&
          tessera_token_list_get_loading (watched->tokens))
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  GDateTime *now;
  GDateTime *next;
  GPtrArray *alerts;
  int        warning_days;
  gboolean   told_more;
} Check;

static void
consider (TesseraExpiryWatch *self,
          Check              *check,
          TesseraSession     *session,
          const char         *token_id,
          const char         *notes,
          GDateTime          *created,
          GDateTime          *expire,
          gboolean            is_sign_in)
{
  TesseraExpiryThreshold reached = TESSERA_EXPIRY_NONE;
  TesseraExpiryThreshold told;

  for (TesseraExpiryThreshold t = TESSERA_EXPIRY_WARNING; t <= TESSERA_EXPIRY_EXPIRED; t++)
    {
      g_autoptr(GDateTime) moment = tessera_expiry_moment (t, created, expire, check->warning_days);

      if (moment == NULL)
        continue;
      if (g_date_time_compare (moment, check->now) <= 0)
        {
          reached = t;
          continue;
        }

      /* The moments come in order: this is the token's next one. */
      if (check->next == NULL || g_date_time_compare (moment, check->next) < 0)
        {
          g_clear_pointer (&check->next, g_date_time_unref);
          check->next = g_steal_pointer (&moment);
        }
      break;
    }

  told = tessera_expiry_ledger_get (self->ledger, token_id);
  if (reached == TESSERA_EXPIRY_NONE || told >= reached)
    return;

  tessera_expiry_ledger_set (self->ledger, token_id, reached);
  check->told_more = TRUE;
  if (reached == TESSERA_EXPIRY_EXPIRED &&
      g_date_time_difference (check->now, expire) > OLD_NEWS_DAYS * G_TIME_SPAN_DAY)
    return;

  g_ptr_array_add (check->alerts, alert_new (session, token_id, notes, expire, reached, is_sign_in));
}

static void
consider_session (TesseraExpiryWatch *self,
                  Check              *check,
                  Watched            *watched)
{
  GListModel *model = G_LIST_MODEL (watched->tokens);
  const char *sign_in_id = tessera_session_get_sign_in_token_id (watched->session);
  GDateTime *sign_in_expires = tessera_session_get_sign_in_expires (watched->session);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraToken) token = g_list_model_get_item (model, i);
      const char *id = tessera_token_get_id (token);

      if (tessera_token_get_expire (token) == NULL)
        continue;
      consider (self, check, watched->session, id, tessera_token_get_notes (token),
                tessera_token_get_created_at (token), tessera_token_get_expire (token),
                g_strcmp0 (id, sign_in_id) == 0);
    }

  /* The sign-in token, when the list does not hold it (not loaded, or
   * failed): its JWT says when it expires. */
  if (sign_in_id != NULL && sign_in_expires != NULL &&
      tessera_token_list_find (watched->tokens, sign_in_id) == NULL)
    consider (self, check, watched->session, sign_in_id, NULL, NULL, sign_in_expires, TRUE);
}

static int
compare_alerts (gconstpointer a,
                gconstpointer b)
{
  const TesseraExpiryAlert *alert_a = *(TesseraExpiryAlert * const *) a;
  const TesseraExpiryAlert *alert_b = *(TesseraExpiryAlert * const *) b;

  return g_date_time_compare (alert_a->expire, alert_b->expire);
}

static void
check_now (TesseraExpiryWatch *self)
{
  Check check = { 0 };

  if (!self->enabled || !settled (self))
    {
      tessera_alarm_set (self->alarm, NULL);
      return;
    }

  check.now = tessera_clock_now (self->clock);
  check.alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_expiry_alert_unref);
  check.warning_days = tessera_clock_get_warning_days (self->clock);

  for (guint i = 0; i < self->watched->len; i++)
    {
      Watched *watched = g_ptr_array_index (self->watched, i);

      if (tessera_session_get_state (watched->session) == TESSERA_SESSION_STATE_SIGNED_IN)
        consider_session (self, &check, watched);
    }

  tessera_alarm_set (self->alarm, check.next);

  if (check.alerts->len > 0)
    {
      g_ptr_array_sort (check.alerts, compare_alerts);
      g_debug ("%u tokens reached an expiry moment", check.alerts->len);
      g_signal_emit (self, signals[DUE], 0, check.alerts);
    }
  /* The silent ones (old news) are remembered too. */
  if (check.told_more)
    tessera_expiry_ledger_save (self->ledger);

  g_clear_pointer (&check.now, g_date_time_unref);
  g_clear_pointer (&check.next, g_date_time_unref);
  g_ptr_array_unref (check.alerts);
}

static gboolean
check_cb (gpointer user_data)
{
  TesseraExpiryWatch *self = user_data;

  self->check_id = 0;
  check_now (self);
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
  check_now (TESSERA_EXPIRY_WATCH (user_data));
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

  signals[DUE] =
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
