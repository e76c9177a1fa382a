/* tessera-clock.c — when token states change, for every part that needs
 * to know
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-clock"

#include "config.h"

#include "tessera-clock.h"

struct _TesseraClock
{
  GObject parent_instance;

  int     warning_days;
};

G_DEFINE_FINAL_TYPE (TesseraClock, tessera_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WARNING_DAYS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

TesseraClock *
tessera_clock_new (void)
{
  return g_object_new (TESSERA_TYPE_CLOCK, NULL);
}

int
tessera_clock_get_warning_days (TesseraClock *self)
{
  g_return_val_if_fail (TESSERA_IS_CLOCK (self), TESSERA_TOKEN_DEFAULT_WARNING_DAYS);

  return self->warning_days;
}

void
tessera_clock_set_warning_days (TesseraClock *self,
                                int           days)
{
  g_return_if_fail (TESSERA_IS_CLOCK (self));

  days = CLAMP (days, 0, 3650);
  if (self->warning_days == days)
    return;

  self->warning_days = days;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARNING_DAYS]);
  g_signal_emit (self, signals[CHANGED], 0);
}

GDateTime *
tessera_clock_now (TesseraClock *self)
{
  g_return_val_if_fail (TESSERA_IS_CLOCK (self), NULL);

  return g_date_time_new_now_utc ();
}

TesseraTokenState
tessera_clock_token_state (TesseraClock *self,
                           TesseraToken *token,
                           GDateTime    *now)
{
  g_return_val_if_fail (TESSERA_IS_CLOCK (self), TESSERA_TOKEN_STATE_ACTIVE);

  return tessera_token_state_at (token, now, self->warning_days);
}

GDateTime *
tessera_clock_next_change (TesseraClock *self,
                           TesseraToken *token,
                           GDateTime    *now)
{
  GDateTime *expire;
  g_autoptr(GDateTime) warning = NULL;

  g_return_val_if_fail (TESSERA_IS_CLOCK (self), NULL);
  g_return_val_if_fail (TESSERA_IS_TOKEN (token), NULL);

  expire = tessera_token_get_expire (token);
  if (expire == NULL || g_date_time_compare (expire, now) <= 0)
    return NULL;

  warning = g_date_time_add_days (expire, -self->warning_days);
  if (warning != NULL && g_date_time_compare (warning, now) > 0)
    return g_steal_pointer (&warning);

  return g_date_time_ref (expire);
}

static void
tessera_clock_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TesseraClock *self = TESSERA_CLOCK (object);

  switch (prop_id)
    {
    case PROP_WARNING_DAYS:
      g_value_set_int (value, self->warning_days);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_clock_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TesseraClock *self = TESSERA_CLOCK (object);

  switch (prop_id)
    {
    case PROP_WARNING_DAYS:
      tessera_clock_set_warning_days (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_clock_class_init (TesseraClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tessera_clock_get_property;
  object_class->set_property = tessera_clock_set_property;

  properties[PROP_WARNING_DAYS] =
    g_param_spec_int ("warning-days", NULL, NULL,
                      0, 3650, TESSERA_TOKEN_DEFAULT_WARNING_DAYS,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
tessera_clock_init (TesseraClock *self)
{
  self->warning_days = TESSERA_TOKEN_DEFAULT_WARNING_DAYS;
}

/* ---------------------------------------------------------------- alarms */

struct _TesseraAlarm
{
  TesseraAlarmFunc  func;
  gpointer          user_data;
  GDateTime        *when;
  guint             source_id;
};

static void alarm_schedule (TesseraAlarm *self);

static gboolean
alarm_step_cb (gpointer data)
{
  TesseraAlarm *self = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  self->source_id = 0;

  if (self->when == NULL)
    return G_SOURCE_REMOVE;

  if (g_date_time_compare (now, self->when) < 0)
    {
      alarm_schedule (self);
      return G_SOURCE_REMOVE;
    }

  g_clear_pointer (&self->when, g_date_time_unref);
  self->func (self->user_data);

  return G_SOURCE_REMOVE;
}

static void
alarm_schedule (TesseraAlarm *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan left = g_date_time_difference (self->when, now);
  guint ms;

  g_clear_handle_id (&self->source_id, g_source_remove);

  left = CLAMP (left, 0, (GTimeSpan) TESSERA_ALARM_MAX_STEP_S * G_TIME_SPAN_SECOND);
  /* Rounded up, so the step never ends just before the moment. */
  ms = (guint) ((left + G_TIME_SPAN_MILLISECOND - 1) / G_TIME_SPAN_MILLISECOND);
  self->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, ms, alarm_step_cb, self, NULL);
  g_source_set_name_by_id (self->source_id, "[tessera] alarm");
}

TesseraAlarm *
tessera_alarm_new (TesseraAlarmFunc func,
                   gpointer         user_data)
{
  TesseraAlarm *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (TesseraAlarm, 1);
  self->func = func;
  self->user_data = user_data;
  return self;
}

void
tessera_alarm_set (TesseraAlarm *self,
                   GDateTime    *when)
{
  g_return_if_fail (self != NULL);

  if (self->when != NULL && when != NULL && g_date_time_equal (self->when, when) &&
      self->source_id != 0)
    return;

  g_clear_pointer (&self->when, g_date_time_unref);
  g_clear_handle_id (&self->source_id, g_source_remove);

  if (when == NULL)
    return;

  self->when = g_date_time_ref (when);
  alarm_schedule (self);
}

GDateTime *
tessera_alarm_get (TesseraAlarm *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->when;
}

void
tessera_alarm_free (TesseraAlarm *self)
{
  if (self == NULL)
    return;

  g_clear_handle_id (&self->source_id, g_source_remove);
  g_clear_pointer (&self->when, g_date_time_unref);
  g_free (self);
}
