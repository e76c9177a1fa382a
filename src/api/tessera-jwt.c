/* tessera-jwt.c — a JWT's claims, read and never trusted
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-jwt"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "tessera-api-names-private.h"
#include "tessera-error.h"
#include "tessera-json-private.h"
#include "tessera-jwt.h"
#include "tessera-secret.h"
#include "tessera-words.h"

/* Anything this long is no personal access token. */
#define JWT_MAX_LENGTH (64 * 1024)

static gboolean
invalid (GError **error)
{
  g_propagate_error (error, tessera_words_error_token_malformed ());
  return FALSE;
}

/* base64url without padding (RFC 7515 §2) into a NUL-terminated buffer. */
static guchar *
decode_base64url (const char *segment,
                  gsize       length,
                  gsize      *out_length)
{
  /* A copy of part of the secret: wiped when the scope ends. */
  g_auto(TesseraSecret) standard = NULL;
  gsize padded;
  guchar *decoded;
  int state = 0;
  guint save = 0;

  if (length == 0 || length % 4 == 1)
    return NULL;

  padded = length + (4 - length % 4) % 4;
  standard = g_malloc0 (padded + 1);

  for (gsize i = 0; i < length; i++)
    {
      char c = segment[i];

      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;
      standard[i] = c;
    }
  for (gsize i = length; i < padded; i++)
    standard[i] = '=';
  standard[padded] = '\0';

  decoded = g_malloc0 (padded / 4 * 3 + 3);
  *out_length = g_base64_decode_step (standard, padded, decoded, &state, &save);
  decoded[*out_length] = '\0';

  return decoded;
}

/* The JSON object in the middle segment of @jwt, or NULL. */
static JsonNode *
read_payload (const char *jwt)
{
  const char *first_dot;
  const char *second_dot;
  g_autofree guchar *payload = NULL;
  gsize payload_length = 0;
  JsonNode *root;

  if (jwt == NULL || strlen (jwt) > JWT_MAX_LENGTH)
    return NULL;

  first_dot = strchr (jwt, '.');
  second_dot = first_dot != NULL ? strchr (first_dot + 1, '.') : NULL;
  if (first_dot == NULL || second_dot == NULL ||
      first_dot == jwt || strchr (second_dot + 1, '.') != NULL)
    return NULL;

  payload = decode_base64url (first_dot + 1, second_dot - first_dot - 1, &payload_length);
  if (payload == NULL)
    return NULL;

  /* Strict JSON, bounded depth (and UTF-8, no NUL) before json-glib. */
  root = tessera_json_parse_object ((const char *) payload, payload_length, NULL);
  explicit_bzero (payload, payload_length);
  return root;
}

/* `exp` as UTC: absent or null is no expiry; anything but a number inside
 * GDateTime's range is unreadable, never "does not expire". */
static gboolean
read_exp (JsonObject  *claims,
          GDateTime  **out)
{
  JsonNode *node = json_object_get_member (claims, API_CLAIM_EXP);
  gint64 seconds;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    seconds = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE &&
           json_node_get_double (node) > -1e12 && json_node_get_double (node) < 1e12)
    seconds = (gint64) json_node_get_double (node);
  else
    return FALSE;

  /* GDateTime's range in UTC. */
  if (seconds < TESSERA_JSON_MIN_UNIX || seconds > TESSERA_JSON_MAX_UNIX)
    return FALSE;

  *out = g_date_time_new_from_unix_utc (seconds);
  return *out != NULL;
}

/**
 * tessera_jwt_read_claims:
 * @jwt: a secret that should be a JWT
 * @exp_out: (out) (optional) (transfer full) (nullable): `exp` in UTC
 * @jti_out: (out) (optional) (transfer full) (nullable): `jti`
 *
 * Reads the payload only: the signature is not and cannot be checked here,
 * so the claims are hints for display, never a proof.
 */
gboolean
tessera_jwt_read_claims (const char  *jwt,
                         GDateTime  **exp_out,
                         char       **jti_out,
                         GError     **error)
{
  JsonNode *root;
  JsonObject *claims;
  JsonNode *jti_node;
  g_autoptr(GDateTime) exp = NULL;
  g_autofree char *jti = NULL;

  if (exp_out != NULL)
    *exp_out = NULL;
  if (jti_out != NULL)
    *jti_out = NULL;

  root = read_payload (jwt);
  if (root == NULL)
    return invalid (error);

  claims = json_node_get_object (root);
  if (!read_exp (claims, &exp))
    {
      tessera_json_wipe_free (root);
      return invalid (error);
    }

  jti_node = json_object_get_member (claims, API_CLAIM_JTI);
  if (jti_node != NULL && JSON_NODE_HOLDS_VALUE (jti_node) &&
      json_node_get_value_type (jti_node) == G_TYPE_STRING)
    jti = g_strdup (json_node_get_string (jti_node));
  tessera_json_wipe_free (root);

  if (exp_out != NULL)
    *exp_out = g_steal_pointer (&exp);
  if (jti_out != NULL)
    *jti_out = g_steal_pointer (&jti);
  return TRUE;
}
