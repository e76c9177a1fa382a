/* tessera-account.c
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-account"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-account.h"
#include "tessera-api-names-private.h"
#include "tessera-error-private.h"
#include "tessera-json-private.h"
#include "tessera-words.h"

struct _TesseraAccount
{
  GObject parent_instance;

  char *id;
  char *email;
  char *first_name;
  char *last_name;
  GStrv org_ids;
};

G_DEFINE_FINAL_TYPE (TesseraAccount, tessera_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_EMAIL,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_ORG_IDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tessera_account_finalize (GObject *object)
{
  TesseraAccount *self = (TesseraAccount *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->first_name, g_free);
  g_clear_pointer (&self->last_name, g_free);
  g_clear_pointer (&self->org_ids, g_strfreev);

  G_OBJECT_CLASS (tessera_account_parent_class)->finalize (object);
}

static void
tessera_account_constructed (GObject *object)
{
  TesseraAccount *self = (TesseraAccount *)object;

  G_OBJECT_CLASS (tessera_account_parent_class)->constructed (object);

  /* Never NULL, as the header promises. */
  if (self->id == NULL)
    self->id = g_strdup ("");
  if (self->email == NULL)
    self->email = g_strdup ("");
  if (self->first_name == NULL)
    self->first_name = g_strdup ("");
  if (self->last_name == NULL)
    self->last_name = g_strdup ("");
  if (self->org_ids == NULL)
    self->org_ids = g_new0 (char *, 1);
}

static void
tessera_account_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TesseraAccount *self = TESSERA_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_FIRST_NAME:
      g_value_set_string (value, self->first_name);
      break;
    case PROP_LAST_NAME:
      g_value_set_string (value, self->last_name);
      break;
    case PROP_ORG_IDS:
      g_value_set_boxed (value, self->org_ids);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_account_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TesseraAccount *self = TESSERA_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;
    case PROP_EMAIL:
      g_free (self->email);
      self->email = g_value_dup_string (value);
      break;
    case PROP_FIRST_NAME:
      g_free (self->first_name);
      self->first_name = g_value_dup_string (value);
      break;
    case PROP_LAST_NAME:
      g_free (self->last_name);
      self->last_name = g_value_dup_string (value);
      break;
    case PROP_ORG_IDS:
      g_strfreev (self->org_ids);
      self->org_ids = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_account_class_init (TesseraAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tessera_account_finalize;
  object_class->constructed = tessera_account_constructed;
  object_class->get_property = tessera_account_get_property;
  object_class->set_property = tessera_account_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_FIRST_NAME] = g_param_spec_string ("first-name", NULL, NULL, NULL, flags);
  properties[PROP_LAST_NAME] = g_param_spec_string ("last-name", NULL, NULL, NULL, flags);
  properties[PROP_ORG_IDS] = g_param_spec_boxed ("org-ids", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_account_init (TesseraAccount *self)
{
}

static gboolean
read_org_ids (JsonObject  *object,
              GStrv       *out,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, API_USER_ORG_IDS);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  *out = NULL;

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        goto wrong;

      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            goto wrong;

          g_strv_builder_add (builder, json_node_get_string (element));
        }
    }

  *out = g_strv_builder_end (builder);
  return TRUE;

wrong:
  g_propagate_error (error, tessera_api_error_new_bad_response (tessera_words_reason (TESSERA_WORDS_ORG_IDS)));
  return FALSE;
}

/**
 * tessera_account_new_from_json:
 * @object: the User of /user/me
 *
 * Unknown members are ignored.  `id` and `email` must be strings; the
 * names may be absent or null; a member of the wrong type is a
 * %TESSERA_API_ERROR_BAD_RESPONSE.
 *
 * Returns: (transfer full) (nullable): the account
 */
TesseraAccount *
tessera_account_new_from_json (JsonObject  *object,
                               GError     **error)
{
  const char *id = NULL;
  const char *email = NULL;
  const char *first_name = NULL;
  const char *last_name = NULL;
  g_auto(GStrv) org_ids = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  if (!tessera_json_get_string (object, API_USER_ID, TRUE, &id, error) ||
      !tessera_json_get_string (object, API_USER_EMAIL, TRUE, &email, error) ||
      !tessera_json_get_string (object, API_USER_FIRST_NAME, FALSE, &first_name, error) ||
      !tessera_json_get_string (object, API_USER_LAST_NAME, FALSE, &last_name, error) ||
      !read_org_ids (object, &org_ids, error))
    return NULL;

  return g_object_new (TESSERA_TYPE_ACCOUNT,
                       "id", id,
                       "email", email,
                       "first-name", first_name,
                       "last-name", last_name,
                       "org-ids", org_ids,
                       NULL);
}

const char *
tessera_account_get_id (TesseraAccount *self)
{
  g_return_val_if_fail (TESSERA_IS_ACCOUNT (self), NULL);
  return self->id;
}

const char *
tessera_account_get_email (TesseraAccount *self)
{
  g_return_val_if_fail (TESSERA_IS_ACCOUNT (self), NULL);
  return self->email;
}

const char *
tessera_account_get_first_name (TesseraAccount *self)
{
  g_return_val_if_fail (TESSERA_IS_ACCOUNT (self), NULL);
  return self->first_name;
}

const char *
tessera_account_get_last_name (TesseraAccount *self)
{
  g_return_val_if_fail (TESSERA_IS_ACCOUNT (self), NULL);
  return self->last_name;
}

const char * const *
tessera_account_get_org_ids (TesseraAccount *self)
{
  g_return_val_if_fail (TESSERA_IS_ACCOUNT (self), NULL);
  return (const char * const *) self->org_ids;
}

char *
tessera_account_dup_display_name (TesseraAccount *self)
{
  g_autofree char *joined = NULL;

  g_return_val_if_fail (TESSERA_IS_ACCOUNT (self), NULL);

  if (*self->first_name != '\0' && *self->last_name != '\0')
    /* Translators: a person's name: first name, then last name. */
    joined = g_strdup_printf (C_("person name", "%s %s"), self->first_name, self->last_name);
  else if (*self->first_name != '\0')
    joined = g_strdup (self->first_name);
  else if (*self->last_name != '\0')
    joined = g_strdup (self->last_name);
  else
    joined = g_strdup (self->email);

  return g_steal_pointer (&joined);
}
