/* tessera-token.c
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-token"

#include "config.h"


#include "tessera-api-names-private.h"
#include "tessera-error.h"
#include "tessera-json-private.h"
#include "tessera-token.h"
#include "tessera-words.h"

/* Go marshals an unset time.Time as its zero value; the API uses it for
 * "does not expire".  Unix seconds of 0001-01-01T00:00:00Z. */
#define GO_ZERO_TIME_UNIX G_GINT64_CONSTANT (-62135596800)

struct _TesseraToken
{
  GObject parent_instance;

  char *id;
  char *notes;
  GDateTime *expire;
  GDateTime *created_at;
  GDateTime *last_used_at;
  gboolean has_last_used;
  TesseraTokenState state;
};

G_DEFINE_FINAL_TYPE (TesseraToken, tessera_token, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NOTES,
  PROP_EXPIRE,
  PROP_CREATED_AT,
  PROP_LAST_USED_AT,
  PROP_HAS_LAST_USED,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
tessera_token_state_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { TESSERA_TOKEN_STATE_ACTIVE, "TESSERA_TOKEN_STATE_ACTIVE", "active" },
        { TESSERA_TOKEN_STATE_EXPIRING_SOON, "TESSERA_TOKEN_STATE_EXPIRING_SOON", "expiring-soon" },
        { TESSERA_TOKEN_STATE_EXPIRED, "TESSERA_TOKEN_STATE_EXPIRED", "expired" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("TesseraTokenState"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

static void
tessera_token_finalize (GObject *object)
{
  TesseraToken *self = (TesseraToken *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->expire, g_date_time_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->last_used_at, g_date_time_unref);

  G_OBJECT_CLASS (tessera_token_parent_class)->finalize (object);
}

static void
tessera_token_constructed (GObject *object)
{
  TesseraToken *self = (TesseraToken *)object;

  G_OBJECT_CLASS (tessera_token_parent_class)->constructed (object);

  if (self->notes == NULL)
    self->notes = g_strdup ("");
  if (self->id == NULL)
    self->id = g_strdup ("");
}

static void
tessera_token_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TesseraToken *self = TESSERA_TOKEN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_EXPIRE:
      g_value_set_boxed (value, self->expire);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_LAST_USED_AT:
      g_value_set_boxed (value, self->last_used_at);
      break;
    case PROP_HAS_LAST_USED:
      g_value_set_boolean (value, self->has_last_used);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_token_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TesseraToken *self = TESSERA_TOKEN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;
    case PROP_NOTES:
      g_free (self->notes);
      self->notes = g_value_dup_string (value);
      break;
    case PROP_EXPIRE:
      g_clear_pointer (&self->expire, g_date_time_unref);
      self->expire = g_value_dup_boxed (value);
      break;
    case PROP_CREATED_AT:
      g_clear_pointer (&self->created_at, g_date_time_unref);
      self->created_at = g_value_dup_boxed (value);
      break;
    case PROP_LAST_USED_AT:
      g_clear_pointer (&self->last_used_at, g_date_time_unref);
      self->last_used_at = g_value_dup_boxed (value);
      break;
    case PROP_HAS_LAST_USED:
      self->has_last_used = g_value_get_boolean (value);
      break;
    case PROP_STATE:
      tessera_token_set_state (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_token_class_init (TesseraTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tessera_token_finalize;
  object_class->constructed = tessera_token_constructed;
  object_class->get_property = tessera_token_get_property;
  object_class->set_property = tessera_token_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPIRE] =
    g_param_spec_boxed ("expire", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_USED_AT] =
    g_param_spec_boxed ("last-used-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_LAST_USED] =
    g_param_spec_boolean ("has-last-used", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, TESSERA_TYPE_TOKEN_STATE, TESSERA_TOKEN_STATE_ACTIVE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_token_init (TesseraToken *self)
{
  self->state = TESSERA_TOKEN_STATE_ACTIVE;
}

/**
 * tessera_token_new:
 *
 * Returns: (transfer full): a token; "has-last-used" is %TRUE when
 *   @last_used_at is given.
 */
TesseraToken *
tessera_token_new (const char *id,
                   const char *notes,
                   GDateTime  *expire,
                   GDateTime  *created_at,
                   GDateTime  *last_used_at)
{
  return g_object_new (TESSERA_TYPE_TOKEN,
                       "id", id,
                       "notes", notes,
                       "expire", expire,
                       "created-at", created_at,
                       "last-used-at", last_used_at,
                       "has-last-used", last_used_at != NULL,
                       NULL);
}

/**
 * tessera_token_parse_expire:
 * @text: (nullable): the `expire` text as the server sent it
 * @out: (out) (transfer full) (nullable): the expiry in UTC, or %NULL for
 *   "does not expire"
 *
 * Returns: %FALSE with a %TESSERA_API_ERROR_BAD_RESPONSE when @text is not
 *   an RFC 3339 date-time.
 */
gboolean
tessera_token_parse_expire (const char  *text,
                            GDateTime  **out,
                            GError     **error)
{
  g_autoptr(GDateTime) parsed = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  *out = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;

  if (!tessera_json_parse_time (text, &parsed, error))
    return FALSE;

  /* Go's zero time, however it is spelt (fractions, offsets). */
  if (g_date_time_to_unix (parsed) <= GO_ZERO_TIME_UNIX)
    return TRUE;

  *out = g_steal_pointer (&parsed);
  return TRUE;
}

/**
 * tessera_token_new_from_json:
 * @object: one AccessToken of the API
 *
 * Unknown members are ignored; a member of the wrong type, a missing `id`
 * or an unreadable date is a %TESSERA_API_ERROR_BAD_RESPONSE.  The `token`
 * member (the secret) is not read here.
 *
 * Returns: (transfer full) (nullable): the token
 */
TesseraToken *
tessera_token_new_from_json (JsonObject  *object,
                             GError     **error)
{
  const char *id = NULL;
  const char *notes = NULL;
  const char *expire_text = NULL;
  const char *created_text = NULL;
  const char *last_used_text = NULL;
  gboolean has_last_used;
  g_autoptr(GDateTime) expire = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GDateTime) last_used_at = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  if (!tessera_json_get_string (object, API_TOKEN_ID, TRUE, &id, error) ||
      !tessera_json_get_string (object, API_TOKEN_NOTES, FALSE, &notes, error) ||
      !tessera_json_get_string (object, API_TOKEN_EXPIRE, FALSE, &expire_text, error) ||
      !tessera_json_get_string (object, API_TOKEN_CREATED_AT, FALSE, &created_text, error) ||
      !tessera_json_get_string (object, API_TOKEN_LAST_USED_AT, FALSE, &last_used_text, error))
    return NULL;

  if (*id == '\0')
    {
      g_propagate_error (error, tessera_words_error_token_without_id ());
      return NULL;
    }

  if (!tessera_token_parse_expire (expire_text, &expire, error))
    return NULL;

  if (created_text != NULL && *created_text != '\0' &&
      !tessera_json_parse_time (created_text, &created_at, error))
    return NULL;

  has_last_used = json_object_has_member (object, API_TOKEN_LAST_USED_AT);
  if (last_used_text != NULL && *last_used_text != '\0' &&
      !tessera_json_parse_time (last_used_text, &last_used_at, error))
    return NULL;

  /* Go's zero time for "never used" too. */
  if (last_used_at != NULL && g_date_time_to_unix (last_used_at) <= GO_ZERO_TIME_UNIX)
    g_clear_pointer (&last_used_at, g_date_time_unref);
  if (created_at != NULL && g_date_time_to_unix (created_at) <= GO_ZERO_TIME_UNIX)
    g_clear_pointer (&created_at, g_date_time_unref);

  return g_object_new (TESSERA_TYPE_TOKEN,
                       "id", id,
                       "notes", notes,
                       "expire", expire,
                       "created-at", created_at,
                       "last-used-at", last_used_at,
                       "has-last-used", has_last_used,
                       NULL);
}

const char *
tessera_token_get_id (TesseraToken *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN (self), NULL);
  return self->id;
}

const char *
tessera_token_get_notes (TesseraToken *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN (self), NULL);
  return self->notes;
}

GDateTime *
tessera_token_get_expire (TesseraToken *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN (self), NULL);
  return self->expire;
}

GDateTime *
tessera_token_get_created_at (TesseraToken *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN (self), NULL);
  return self->created_at;
}

GDateTime *
tessera_token_get_last_used_at (TesseraToken *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN (self), NULL);
  return self->last_used_at;
}

gboolean
tessera_token_get_has_last_used (TesseraToken *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN (self), FALSE);
  return self->has_last_used;
}

/**
 * tessera_token_state_at:
 * @now: the moment to judge at
 * @warning_days: how many days before expiry count as "expiring soon"
 *
 * A token that does not expire is always active; one whose expiry is at or
 * before @now is expired; one that expires within @warning_days of @now is
 * expiring soon.
 */
TesseraTokenState
tessera_token_state_at (TesseraToken *self,
                        GDateTime    *now,
                        int           warning_days)
{
  GTimeSpan left;

  g_return_val_if_fail (TESSERA_IS_TOKEN (self), TESSERA_TOKEN_STATE_ACTIVE);
  g_return_val_if_fail (now != NULL, TESSERA_TOKEN_STATE_ACTIVE);

  if (self->expire == NULL)
    return TESSERA_TOKEN_STATE_ACTIVE;

  left = g_date_time_difference (self->expire, now);
  if (left <= 0)
    return TESSERA_TOKEN_STATE_EXPIRED;
  if (left <= (GTimeSpan) MAX (warning_days, 0) * G_TIME_SPAN_DAY)
    return TESSERA_TOKEN_STATE_EXPIRING_SOON;

  return TESSERA_TOKEN_STATE_ACTIVE;
}

TesseraTokenState
tessera_token_get_state (TesseraToken *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN (self), TESSERA_TOKEN_STATE_ACTIVE);
  return self->state;
}

/**
 * tessera_token_set_state:
 *
 * Set by whoever owns the clock (the session layer's token list): a token
 * does not judge its own state, so no token keeps a warning window or a
 * timer of its own.
 */
void
tessera_token_set_state (TesseraToken      *self,
                         TesseraTokenState  state)
{
  g_return_if_fail (TESSERA_IS_TOKEN (self));

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static gboolean
same_time (GDateTime *a,
           GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

static void
update_time (TesseraToken  *self,
             GDateTime    **slot,
             GDateTime     *value,
             guint          prop_id)
{
  if (same_time (*slot, value))
    return;

  g_clear_pointer (slot, g_date_time_unref);
  *slot = value != NULL ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/**
 * tessera_token_update_from:
 * @other: the same token (same id) as the server listed it again
 *
 * Takes @other's fields (not its state), notifying each that changed, so
 * that a view of this token follows it without being rebuilt.
 *
 * Returns: whether anything changed.
 */
gboolean
tessera_token_update_from (TesseraToken *self,
                           TesseraToken *other)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (TESSERA_IS_TOKEN (self), FALSE);
  g_return_val_if_fail (TESSERA_IS_TOKEN (other), FALSE);
  g_return_val_if_fail (g_strcmp0 (self->id, other->id) == 0, FALSE);

  g_object_freeze_notify (G_OBJECT (self));

  if (g_strcmp0 (self->notes, other->notes) != 0)
    {
      g_free (self->notes);
      self->notes = g_strdup (other->notes);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
      changed = TRUE;
    }

  changed |= !same_time (self->expire, other->expire) ||
             !same_time (self->created_at, other->created_at) ||
             !same_time (self->last_used_at, other->last_used_at) ||
             self->has_last_used != other->has_last_used;
  update_time (self, &self->expire, other->expire, PROP_EXPIRE);
  update_time (self, &self->created_at, other->created_at, PROP_CREATED_AT);
  update_time (self, &self->last_used_at, other->last_used_at, PROP_LAST_USED_AT);
  if (self->has_last_used != other->has_last_used)
    {
      self->has_last_used = other->has_last_used;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_LAST_USED]);
    }

  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}
