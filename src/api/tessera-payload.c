/* tessera-payload.c — the payload of each call, checked
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-payload"

#include "config.h"

#include "tessera-api-names-private.h"
#include "tessera-error-private.h"
#include "tessera-json-private.h"
#include "tessera-payload-private.h"
#include "tessera-secret.h"
#include "tessera-words.h"

static gboolean
unreadable (TesseraWordsReason   reason,
            GError             **error)
{
  g_propagate_error (error, tessera_api_error_new_bad_response (tessera_words_reason (reason)));
  return FALSE;
}

/* The payload as an object, or BAD_RESPONSE. */
static JsonObject *
payload_object (JsonNode  *root,
                GError   **error)
{
  JsonNode *payload = tessera_envelope_get_payload (root);

  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    {
      unreadable (TESSERA_WORDS_PAYLOAD_OBJECT, error);
      return NULL;
    }

  return json_node_get_object (payload);
}

/* A required integer member >= 0. */
static gboolean
get_count (JsonObject  *object,
           const char  *name,
           gint64      *out,
           GError     **error)
{
  gboolean present = FALSE;

  if (!tessera_json_get_int (object, name, &present, out, error))
    return FALSE;

  if (!present || *out < 0)
    {
      g_autofree char *reason = present ? tessera_words_reason_wrong_type (name, "non-negative integer", "negative number")
                                        : tessera_words_reason_missing (name);

      g_propagate_error (error, tessera_api_error_new_bad_response (reason));
      return FALSE;
    }

  return TRUE;
}

TesseraAccount *
tessera_payload_read_account (JsonNode  *root,
                              GError   **error)
{
  JsonObject *object = payload_object (root, error);

  return object != NULL ? tessera_account_new_from_json (object, error) : NULL;
}

/* The page's `list`: NULL (Go's nil slice, an empty page) is fine. */
static gboolean
page_list (JsonObject  *object,
           JsonArray  **out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, API_LIST_ITEMS);

  *out = NULL;
  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return unreadable (TESSERA_WORDS_LIST_ARRAY, error);

  *out = json_node_get_array (node);
  return TRUE;
}

GPtrArray *
tessera_payload_read_page (JsonNode  *root,
                           gint64    *count_out,
                           GError   **error)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *object;
  JsonArray *list = NULL;

  *count_out = 0;

  object = payload_object (root, error);
  if (object == NULL ||
      !page_list (object, &list, error) ||
      !get_count (object, API_LIST_COUNT, count_out, error))
    return NULL;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      TesseraToken *token;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          unreadable (TESSERA_WORDS_TOKEN_OBJECT, error);
          return NULL;
        }

      token = tessera_token_new_from_json (json_node_get_object (element), error);
      if (token == NULL)
        return NULL;
      g_ptr_array_add (tokens, token);
    }

  return g_steal_pointer (&tokens);
}

TesseraToken *
tessera_payload_read_created (JsonNode   *root,
                              char      **secret_out,
                              GError    **error)
{
  JsonObject *object = payload_object (root, error);
  const char *secret = NULL;
  TesseraToken *token;

  *secret_out = NULL;

  if (object == NULL ||
      !tessera_json_get_string (object, API_TOKEN_SECRET, TRUE, &secret, error))
    return NULL;

  if (*secret == '\0')
    {
      unreadable (TESSERA_WORDS_SECRET_EMPTY, error);
      return NULL;
    }

  token = tessera_token_new_from_json (object, error);
  if (token != NULL)
    *secret_out = tessera_secret_dup (secret);
  return token;
}

/* Anything but null means the server did something else than we asked
 * (or is not the API): the row must stay. */
gboolean
tessera_payload_read_deleted_one (JsonNode  *root,
                                  GError   **error)
{
  if (tessera_envelope_get_payload (root) != NULL)
    return unreadable (TESSERA_WORDS_PAYLOAD_NULL, error);
  return TRUE;
}

gboolean
tessera_payload_read_deleted_all (JsonNode  *root,
                                  guint     *n_deleted_out,
                                  GError   **error)
{
  JsonObject *object = payload_object (root, error);
  gint64 deleted = 0;

  *n_deleted_out = 0;

  if (object == NULL || !get_count (object, API_DELETED, &deleted, error))
    return FALSE;

  *n_deleted_out = (guint) MIN (deleted, G_MAXUINT);
  return TRUE;
}
