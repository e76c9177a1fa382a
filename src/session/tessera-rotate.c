/* tessera-rotate.c — Rotate: a new token in the old one's place, its
 * secret safe before the old one goes: a rotation's state, what it allows
 * next, and keeping the new secret in the keyring (the steps, and why
 * their order matters, are in tessera-rotate-steps.c)
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-rotate"

#include "config.h"

#include "tessera-rotate-private.h"
#include "tessera-secret.h"
#include "tessera-session-private.h"

G_DEFINE_ENUM_TYPE (TesseraRotationStep, tessera_rotation_step,
                    G_DEFINE_ENUM_VALUE (TESSERA_ROTATION_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (TESSERA_ROTATION_CREATING, "creating"),
                    G_DEFINE_ENUM_VALUE (TESSERA_ROTATION_CREATED, "created"),
                    G_DEFINE_ENUM_VALUE (TESSERA_ROTATION_DELETING, "deleting"),
                    G_DEFINE_ENUM_VALUE (TESSERA_ROTATION_DONE, "done"))

static const int lifetime_presets[] = { 7, 30, 60, 90 };

G_DEFINE_FINAL_TYPE (TesseraRotation, tessera_rotation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_OLD_TOKEN,
  PROP_NEW_TOKEN,
  PROP_STEP,
  PROP_LIFETIME_DAYS,
  PROP_IS_SIGN_IN,
  PROP_SAVE,
  PROP_SAVED,
  PROP_SAVE_ERROR,
  PROP_SIGN_IN_REPLACED,
  PROP_SIGN_IN_ERROR,
  PROP_COPIED,
  PROP_BUSY,
  PROP_CAN_DELETE_OLD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

int
tessera_rotation_round_lifetime (GDateTime *created,
                                 GDateTime *expire)
{
  double days;
  int best = lifetime_presets[0];

  if (expire == NULL)
    return 0;
  if (created == NULL)
    return 30;

  days = (double) g_date_time_difference (expire, created) / G_TIME_SPAN_DAY;
  for (guint i = 1; i < G_N_ELEMENTS (lifetime_presets); i++)
    if (ABS (days - lifetime_presets[i]) < ABS (days - best))
      best = lifetime_presets[i];

  return best;
}

/* Recomputes the derived properties and notifies those that changed. */
static void
update (TesseraRotation *self)
{
  gboolean busy = self->n_running > 0;
  gboolean can_delete_old;

  can_delete_old = self->step == TESSERA_ROTATION_CREATED && !busy &&
                   (self->saved || self->copied) &&
                   (!self->is_sign_in || self->sign_in_replaced);

  g_object_freeze_notify (G_OBJECT (self));
  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  if (can_delete_old != self->can_delete_old)
    {
      self->can_delete_old = can_delete_old;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_DELETE_OLD]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
tessera_rotation_set_step (TesseraRotation     *self,
                           TesseraRotationStep  step)
{
  if (self->step == step)
    return;

  self->step = step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
  update (self);
}

static void
set_error_prop (TesseraRotation  *self,
                GError          **field,
                GError           *error,   /* (transfer full) (nullable) */
                guint             prop_id)
{
  if (*field == NULL && error == NULL)
    return;

  g_clear_error (field);
  *field = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
tessera_rotation_running (TesseraRotation *self,
                          int              delta)
{
  self->n_running += delta;
  update (self);
}

void
tessera_rotation_set_new_token (TesseraRotation *self,
                                TesseraToken    *token,
                                char            *secret)
{
  self->secret = secret;
  self->new_token = g_object_ref (token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW_TOKEN]);
}

void
tessera_rotation_set_sign_in_replaced (TesseraRotation *self)
{
  self->sign_in_replaced = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGN_IN_REPLACED]);
  set_error_prop (self, &self->sign_in_error, NULL, PROP_SIGN_IN_ERROR);
}

void
tessera_rotation_set_sign_in_error (TesseraRotation *self,
                                    GError          *error)
{
  set_error_prop (self, &self->sign_in_error, error, PROP_SIGN_IN_ERROR);
}

/* ---------------------------------------------------------------- saving */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TesseraRotation) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  g_clear_object (&self->save_cancellable);
  if (tessera_saved_secrets_save_finish (TESSERA_SAVED_SECRETS (object), result, &error))
    {
      self->saved = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED]);
      set_error_prop (self, &self->save_error, NULL, PROP_SAVE_ERROR);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("The new secret could not be saved: %s", error->message);
      set_error_prop (self, &self->save_error, g_steal_pointer (&error), PROP_SAVE_ERROR);
    }

  tessera_rotation_running (self, -1);
}

void
tessera_rotation_start_save (TesseraRotation *self)
{
  if (!self->save || self->saved || self->saving || self->new_token == NULL)
    return;

  self->saving = TRUE;
  self->save_cancellable = g_cancellable_new ();
  tessera_rotation_running (self, +1);
  tessera_saved_secrets_save_async (tessera_session_get_secrets (self->session),
                                    tessera_token_get_id (self->new_token),
                                    tessera_token_get_notes (self->new_token),
                                    self->secret, self->save_cancellable,
                                    saved_cb, g_object_ref (self));
}

/* ---------------------------------------------------------------- public */

TesseraRotation *
tessera_rotation_new (TesseraSession *session,
                      TesseraToken   *old_token)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (session), NULL);
  g_return_val_if_fail (TESSERA_IS_TOKEN (old_token), NULL);

  return g_object_new (TESSERA_TYPE_ROTATION, "session", session, "old-token", old_token, NULL);
}

TesseraSession *
tessera_rotation_get_session (TesseraRotation *self)
{
  g_return_val_if_fail (TESSERA_IS_ROTATION (self), NULL);
  return self->session;
}

TesseraToken *
tessera_rotation_get_old_token (TesseraRotation *self)
{
  g_return_val_if_fail (TESSERA_IS_ROTATION (self), NULL);
  return self->old_token;
}

TesseraToken *
tessera_rotation_get_new_token (TesseraRotation *self)
{
  g_return_val_if_fail (TESSERA_IS_ROTATION (self), NULL);
  return self->new_token;
}

TesseraRotationStep
tessera_rotation_get_step (TesseraRotation *self)
{
  g_return_val_if_fail (TESSERA_IS_ROTATION (self), TESSERA_ROTATION_READY);
  return self->step;
}

int
tessera_rotation_get_lifetime_days (TesseraRotation *self)
{
  g_return_val_if_fail (TESSERA_IS_ROTATION (self), 0);
  return self->lifetime_days;
}

gboolean
tessera_rotation_get_is_sign_in (TesseraRotation *self)
{
  g_return_val_if_fail (TESSERA_IS_ROTATION (self), FALSE);
  return self->is_sign_in;
}

gboolean
tessera_rotation_get_save (TesseraRotation *self)
{
  g_return_val_if_fail (TESSERA_IS_ROTATION (self), FALSE);
  return self->save;
}

void
tessera_rotation_set_save (TesseraRotation *self,
                           gboolean         save)
{
  g_return_if_fail (TESSERA_IS_ROTATION (self));

  save = !!save;
  if (self->save != save)
    {
      self->save = save;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE]);
    }

  if (self->step != TESSERA_ROTATION_CREATED)
    return;
  if (save)
    tessera_rotation_start_save (self);
  else if (self->saving)
    g_cancellable_cancel (self->save_cancellable);
}

gboolean
tessera_rotation_get_saved (TesseraRotation *self)
{
  g_return_val_if_fail (TESSERA_IS_ROTATION (self), FALSE);
  return self->saved;
}

const GError *
tessera_rotation_get_save_error (TesseraRotation *self)
{
  g_return_val_if_fail (TESSERA_IS_ROTATION (self), NULL);
  return self->save_error;
}

gboolean
tessera_rotation_get_sign_in_replaced (TesseraRotation *self)
{
  g_return_val_if_fail (TESSERA_IS_ROTATION (self), FALSE);
  return self->sign_in_replaced;
}

const GError *
tessera_rotation_get_sign_in_error (TesseraRotation *self)
{
  g_return_val_if_fail (TESSERA_IS_ROTATION (self), NULL);
  return self->sign_in_error;
}

gboolean
tessera_rotation_get_copied (TesseraRotation *self)
{
  g_return_val_if_fail (TESSERA_IS_ROTATION (self), FALSE);
  return self->copied;
}

void
tessera_rotation_set_copied (TesseraRotation *self)
{
  g_return_if_fail (TESSERA_IS_ROTATION (self));

  if (self->copied || self->secret == NULL)
    return;

  self->copied = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COPIED]);
  update (self);
}

gboolean
tessera_rotation_get_busy (TesseraRotation *self)
{
  g_return_val_if_fail (TESSERA_IS_ROTATION (self), FALSE);
  return self->busy;
}

gboolean
tessera_rotation_get_can_delete_old (TesseraRotation *self)
{
  g_return_val_if_fail (TESSERA_IS_ROTATION (self), FALSE);
  return self->can_delete_old;
}

const char *
tessera_rotation_peek_secret (TesseraRotation *self)
{
  g_return_val_if_fail (TESSERA_IS_ROTATION (self), NULL);
  return self->secret;
}

/* ---------------------------------------------------------------- GObject */

static void
tessera_rotation_constructed (GObject *object)
{
  TesseraRotation *self = TESSERA_ROTATION (object);
  const char *old_id;

  G_OBJECT_CLASS (tessera_rotation_parent_class)->constructed (object);

  g_return_if_fail (self->session != NULL && self->old_token != NULL);

  old_id = tessera_token_get_id (self->old_token);
  self->lifetime_days = tessera_rotation_round_lifetime (tessera_token_get_created_at (self->old_token),
                                                         tessera_token_get_expire (self->old_token));
  self->is_sign_in = g_strcmp0 (old_id, tessera_session_get_sign_in_token_id (self->session)) == 0;
  self->save = tessera_saved_secrets_contains (tessera_session_get_secrets (self->session), old_id);
}

static void
tessera_rotation_dispose (GObject *object)
{
  TesseraRotation *self = TESSERA_ROTATION (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->save_cancellable);

  G_OBJECT_CLASS (tessera_rotation_parent_class)->dispose (object);
}

static void
tessera_rotation_finalize (GObject *object)
{
  TesseraRotation *self = TESSERA_ROTATION (object);

  g_clear_pointer (&self->secret, tessera_secret_free);
  g_clear_object (&self->session);
  g_clear_object (&self->old_token);
  g_clear_object (&self->new_token);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->save_cancellable);
  g_clear_error (&self->save_error);
  g_clear_error (&self->sign_in_error);

  G_OBJECT_CLASS (tessera_rotation_parent_class)->finalize (object);
}

static void
tessera_rotation_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TesseraRotation *self = TESSERA_ROTATION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_OLD_TOKEN:
      g_value_set_object (value, self->old_token);
      break;
    case PROP_NEW_TOKEN:
      g_value_set_object (value, self->new_token);
      break;
    case PROP_STEP:
      g_value_set_enum (value, self->step);
      break;
    case PROP_LIFETIME_DAYS:
      g_value_set_int (value, self->lifetime_days);
      break;
    case PROP_IS_SIGN_IN:
      g_value_set_boolean (value, self->is_sign_in);
      break;
    case PROP_SAVE:
      g_value_set_boolean (value, self->save);
      break;
    case PROP_SAVED:
      g_value_set_boolean (value, self->saved);
      break;
    case PROP_SAVE_ERROR:
      g_value_set_boxed (value, self->save_error);
      break;
    case PROP_SIGN_IN_REPLACED:
      g_value_set_boolean (value, self->sign_in_replaced);
      break;
    case PROP_SIGN_IN_ERROR:
      g_value_set_boxed (value, self->sign_in_error);
      break;
    case PROP_COPIED:
      g_value_set_boolean (value, self->copied);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_CAN_DELETE_OLD:
      g_value_set_boolean (value, self->can_delete_old);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_rotation_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TesseraRotation *self = TESSERA_ROTATION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_OLD_TOKEN:
      self->old_token = g_value_dup_object (value);
      break;
    case PROP_SAVE:
      tessera_rotation_set_save (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_rotation_class_init (TesseraRotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = tessera_rotation_constructed;
  object_class->dispose = tessera_rotation_dispose;
  object_class->finalize = tessera_rotation_finalize;
  object_class->get_property = tessera_rotation_get_property;
  object_class->set_property = tessera_rotation_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TESSERA_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OLD_TOKEN] =
    g_param_spec_object ("old-token", NULL, NULL, TESSERA_TYPE_TOKEN,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEW_TOKEN] = g_param_spec_object ("new-token", NULL, NULL, TESSERA_TYPE_TOKEN, flags);
  properties[PROP_STEP] = g_param_spec_enum ("step", NULL, NULL, TESSERA_TYPE_ROTATION_STEP,
                                             TESSERA_ROTATION_READY, flags);
  properties[PROP_LIFETIME_DAYS] = g_param_spec_int ("lifetime-days", NULL, NULL, 0, 90, 30, flags);
  properties[PROP_IS_SIGN_IN] = g_param_spec_boolean ("is-sign-in", NULL, NULL, FALSE, flags);
  properties[PROP_SAVE] =
    g_param_spec_boolean ("save", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVED] = g_param_spec_boolean ("saved", NULL, NULL, FALSE, flags);
  properties[PROP_SAVE_ERROR] = g_param_spec_boxed ("save-error", NULL, NULL, G_TYPE_ERROR, flags);
  properties[PROP_SIGN_IN_REPLACED] = g_param_spec_boolean ("sign-in-replaced", NULL, NULL, FALSE, flags);
  properties[PROP_SIGN_IN_ERROR] = g_param_spec_boxed ("sign-in-error", NULL, NULL, G_TYPE_ERROR, flags);
  properties[PROP_COPIED] = g_param_spec_boolean ("copied", NULL, NULL, FALSE, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_DELETE_OLD] = g_param_spec_boolean ("can-delete-old", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_rotation_init (TesseraRotation *self)
{
  self->cancellable = g_cancellable_new ();
}
