/* tessera-rotate.c — Rotate: a new token in the old one's place, its
 * secret safe before the old one goes
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The order is the point (glab's rotation once left a stored secret
 * pointing at a revoked token): create, keep the new secret (the sign-in
 * item first, for the token Tessera signs in with), and only then delete
 * the old token, never before the new secret is safe somewhere.
 */
#define G_LOG_DOMAIN "tessera-rotate"

#include "config.h"


#include "tessera-rotate.h"
#include "tessera-secret.h"
#include "tessera-session-impl.h"
#include "tessera-words.h"

G_DEFINE_ENUM_TYPE (TesseraRotationStep, tessera_rotation_step,
                    G_DEFINE_ENUM_VALUE (TESSERA_ROTATION_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (TESSERA_ROTATION_CREATING, "creating"),
                    G_DEFINE_ENUM_VALUE (TESSERA_ROTATION_CREATED, "created"),
                    G_DEFINE_ENUM_VALUE (TESSERA_ROTATION_DELETING, "deleting"),
                    G_DEFINE_ENUM_VALUE (TESSERA_ROTATION_DONE, "done"))

static const int lifetime_presets[] = { 7, 30, 60, 90 };

struct _TesseraRotation
{
  GObject              parent_instance;

  TesseraSession      *session;
  TesseraToken        *old_token;
  TesseraToken        *new_token;
  char                *secret;          /* the new token's; wiped at finalize */
  TesseraRotationStep  step;
  int                  lifetime_days;
  gboolean             is_sign_in;
  gboolean             save;
  gboolean             saved;
  gboolean             switched;        /* the session runs on the new token */
  gboolean             sign_in_replaced;
  gboolean             copied;
  gboolean             saving;
  GError              *save_error;
  GError              *sign_in_error;
  guint                n_running;       /* requests and keyring writes under way */
  gboolean             busy;            /* as last notified */
  gboolean             can_delete_old;  /* as last notified */
  GCancellable        *cancellable;     /* everything, cancelled at dispose */
  GCancellable        *save_cancellable;
};

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

static void
set_step (TesseraRotation     *self,
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

static void
running (TesseraRotation *self,
         int              delta)
{
  self->n_running += delta;
  update (self);
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

  running (self, -1);
}

static void
start_save (TesseraRotation *self)
{
  if (!self->save || self->saved || self->saving || self->new_token == NULL)
    return;

  self->saving = TRUE;
  self->save_cancellable = g_cancellable_new ();
  running (self, +1);
  tessera_saved_secrets_save_async (tessera_session_get_secrets (self->session),
                                    tessera_token_get_id (self->new_token),
                                    tessera_token_get_notes (self->new_token),
                                    self->secret, self->save_cancellable,
                                    saved_cb, g_object_ref (self));
}

/* ---------------------------------------------------------------- sign-in */

static void
sign_in_failed (TesseraRotation *self,
                GError          *error)   /* (transfer full) */
{
  g_debug ("The sign-in stays on the old token: %s", error->message);
  set_error_prop (self, &self->sign_in_error, error, PROP_SIGN_IN_ERROR);
  running (self, -1);
  start_save (self);
}

static void
sign_in_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TesseraRotation) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tessera_secret_store_save_sign_in_finish (TESSERA_SECRET_STORE (object), result, &error))
    {
      sign_in_failed (self, g_steal_pointer (&error));
      return;
    }

  self->sign_in_replaced = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGN_IN_REPLACED]);
  set_error_prop (self, &self->sign_in_error, NULL, PROP_SIGN_IN_ERROR);
  running (self, -1);
  start_save (self);
}

static void
save_sign_in_item (TesseraRotation *self)
{
  TesseraSession *session = self->session;

  tessera_secret_store_save_sign_in_async (session->store, session->server_url, session->email,
                                           tessera_token_get_id (self->new_token), self->secret,
                                           self->cancellable, sign_in_saved_cb,
                                           g_object_ref (self));
}

static void
new_account_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TesseraRotation) self = user_data;
  TesseraClient *client = TESSERA_CLIENT (object);
  g_autoptr(TesseraAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = tessera_client_get_account_finish (client, result, &error);
  if (account == NULL)
    {
      g_autofree char *words = tessera_words_rotate_new_refused (error->message);

      sign_in_failed (self, g_error_new_literal (error->domain, error->code, words));
      return;
    }
  if (g_ascii_strcasecmp (tessera_account_get_email (account), self->session->email) != 0 ||
      tessera_session_get_state (self->session) != TESSERA_SESSION_STATE_SIGNED_IN)
    {
      g_autofree char *why = tessera_words_not_signed_in ();
      g_autofree char *words = tessera_words_rotate_new_refused (why);

      sign_in_failed (self, g_error_new_literal (TESSERA_SESSION_ERROR,
                                                 TESSERA_SESSION_ERROR_NOT_SIGNED_IN, words));
      return;
    }

  /* In memory first, then in the keyring; the old token, still valid,
   * stays in the keyring until this write succeeds. */
  tessera_session_switch_token (self->session, client, self->secret);
  self->switched = TRUE;
  save_sign_in_item (self);
}

static void
start_sign_in (TesseraRotation *self)
{
  g_autoptr(TesseraClient) client = NULL;
  g_autoptr(GError) error = NULL;

  running (self, +1);
  if (self->switched)
    {
      save_sign_in_item (self);
      return;
    }

  client = tessera_client_new (self->session->server_url, self->secret, &error);
  if (client == NULL)
    {
      sign_in_failed (self, g_steal_pointer (&error));
      return;
    }
  if (self->session->request_timeout > 0)
    tessera_client_set_timeout (client, self->session->request_timeout);
  tessera_client_get_account_async (client, self->cancellable, new_account_cb, g_object_ref (self));
}

void
tessera_rotation_retry_sign_in (TesseraRotation *self)
{
  g_return_if_fail (TESSERA_IS_ROTATION (self));

  if (!self->is_sign_in || self->sign_in_replaced || self->new_token == NULL ||
      self->step != TESSERA_ROTATION_CREATED || self->busy)
    return;

  start_sign_in (self);
}

/* ---------------------------------------------------------------- create */

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraRotation *self = g_task_get_source_object (task);
  g_autoptr(TesseraToken) token = NULL;
  g_autoptr(GError) error = NULL;
  char *secret = NULL;

  token = tessera_token_list_create_finish (TESSERA_TOKEN_LIST (object), result, &secret, NULL, &error);
  running (self, -1);
  if (token == NULL)
    {
      set_step (self, TESSERA_ROTATION_READY);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("Rotating %s: made %s", tessera_token_get_id (self->old_token), tessera_token_get_id (token));
  self->secret = secret;
  self->new_token = g_object_ref (token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW_TOKEN]);
  set_step (self, TESSERA_ROTATION_CREATED);

  if (self->is_sign_in)
    start_sign_in (self);
  else
    start_save (self);

  g_task_return_pointer (task, g_steal_pointer (&token), g_object_unref);
}

void
tessera_rotation_create_async (TesseraRotation     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) expire = NULL;

  g_return_if_fail (TESSERA_IS_ROTATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_rotation_create_async);

  if (self->step != TESSERA_ROTATION_READY)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "Already rotated");
      return;
    }

  if (self->lifetime_days > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      expire = g_date_time_add_days (now, self->lifetime_days);
    }

  set_step (self, TESSERA_ROTATION_CREATING);
  running (self, +1);
  tessera_token_list_create_async (tessera_session_get_tokens (self->session),
                                   tessera_token_get_notes (self->old_token), expire,
                                   cancellable, created_cb, g_steal_pointer (&task));
}

TesseraToken *
tessera_rotation_create_finish (TesseraRotation  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------- delete */

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TesseraRotation *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  running (self, -1);
  if (tessera_token_list_delete_finish (TESSERA_TOKEN_LIST (object), result, &error))
    {
      g_debug ("Rotated: %s is gone", tessera_token_get_id (self->old_token));
      set_step (self, TESSERA_ROTATION_DONE);
      g_task_return_boolean (task, TRUE);
      return;
    }

  set_step (self, TESSERA_ROTATION_CREATED);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  {
    g_autofree char *words = tessera_words_rotate_old_kept (tessera_token_get_notes (self->old_token),
                                                            error->message);

    g_task_return_new_error (task, error->domain, error->code, "%s", words);
  }
}

void
tessera_rotation_delete_old_async (TesseraRotation     *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TESSERA_IS_ROTATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_rotation_delete_old_async);

  if (!self->can_delete_old)
    {
      g_autofree char *words = NULL;

      if (self->is_sign_in && !self->sign_in_replaced && self->step == TESSERA_ROTATION_CREATED)
        words = tessera_words_rotate_sign_in_not_replaced ();
      else
        words = tessera_words_rotate_secret_unsafe ();
      g_task_return_new_error (task, TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_NOT_SAFE,
                               "%s", words);
      return;
    }

  set_step (self, TESSERA_ROTATION_DELETING);
  running (self, +1);
  tessera_token_list_delete_async (tessera_session_get_tokens (self->session), self->old_token,
                                   cancellable, deleted_cb, g_steal_pointer (&task));
}

gboolean
tessera_rotation_delete_old_finish (TesseraRotation  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
    start_save (self);
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
