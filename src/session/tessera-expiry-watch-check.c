/* tessera-expiry-watch-check.c — which tokens of the watched sessions
 * reached a moment of their life: the moments, the check, and the alerts
 * it tells
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-expiry-watch"

#include "config.h"

#include "tessera-expiry-watch-private.h"

/* An expiry older than this when first seen is old news, not told. */
#define OLD_NEWS_DAYS 7

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

/* ---------------------------------------------------------------- moments */

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

void
tessera_expiry_watch_check_now (TesseraExpiryWatch *self)
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
      g_signal_emit (self, tessera_expiry_watch_signals[EXPIRY_WATCH_DUE], 0, check.alerts);
    }
  /* The silent ones (old news) are remembered too. */
  if (check.told_more)
    tessera_expiry_ledger_save (self->ledger);

  g_clear_pointer (&check.now, g_date_time_unref);
  g_clear_pointer (&check.next, g_date_time_unref);
  g_ptr_array_unref (check.alerts);
}
