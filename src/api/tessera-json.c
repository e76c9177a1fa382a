/* tessera-json.c
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-json"

#include "config.h"

#include <string.h>


#include "tessera-api-names-private.h"
#include "tessera-error-private.h"
#include "tessera-json-private.h"
#include "tessera-words.h"

static const char *
node_type_name (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "array";

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "string";
    case G_TYPE_BOOLEAN:
      return "boolean";
    default:
      return "number";
    }
}

static gboolean
wrong_type (const char  *name,
            const char  *expected,
            JsonNode    *node,
            GError     **error)
{
  g_autofree char *detail = NULL;

  detail = tessera_words_reason_wrong_type (name, expected, node_type_name (node));
  g_propagate_error (error, tessera_api_error_new_bad_response (detail));
  return FALSE;
}

static gboolean
missing (const char  *name,
         GError     **error)
{
  g_autofree char *detail = NULL;

  detail = tessera_words_reason_missing (name);
  g_propagate_error (error, tessera_api_error_new_bad_response (detail));
  return FALSE;
}

gboolean
tessera_json_get_string (JsonObject   *object,
                         const char   *name,
                         gboolean      required,
                         const char  **out,
                         GError      **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? missing (name, error) : TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (name, "string", node, error);

  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
tessera_json_get_int (JsonObject  *object,
                      const char  *name,
                      gboolean    *present_out,
                      gint64      *out,
                      GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *present_out = FALSE;
  *out = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return wrong_type (name, "number", node, error);

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out = json_node_get_int (node);
      break;
    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (node);

        /* 1e3 is a fine count; 1.5 or 1e300 is not. */
        if (d != d || d < -9.0e15 || d > 9.0e15 || d != (double) (gint64) d)
          return wrong_type (name, "integer", node, error);
        *out = (gint64) d;
      }
      break;
    default:
      return wrong_type (name, "number", node, error);
    }

  *present_out = TRUE;
  return TRUE;
}

gboolean
tessera_json_get_object (JsonObject  *object,
                         const char  *name,
                         JsonObject **out,
                         GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return missing (name, error);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (name, "object", node, error);

  *out = json_node_get_object (node);
  return TRUE;
}

/* The shape of RFC 3339's date-time, before GLib's ISO 8601 parser (which
 * takes much more: week dates, ordinal dates, the basic format…). */
static gboolean
is_rfc3339 (const char *text)
{
  /* D: digit; everything else stands for itself. */
  static const char shape[] = "DDDD-DD-DDTDD:DD:DD";
  const char *p = text;

  if (strlen (text) > 64)
    return FALSE;

  for (guint i = 0; shape[i] != '\0'; i++, p++)
    if (shape[i] == 'D' ? !g_ascii_isdigit (*p) : g_ascii_toupper (*p) != shape[i])
      return FALSE;

  if (*p == '.')
    {
      if (!g_ascii_isdigit (*++p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  if (g_ascii_toupper (*p) == 'Z')
    return p[1] == '\0';

  return (*p == '+' || *p == '-') &&
         g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && p[3] == ':' &&
         g_ascii_isdigit (p[4]) && g_ascii_isdigit (p[5]) && p[6] == '\0';
}

static gboolean
time_error (const char  *text,
            gboolean     out_of_range,
            GError     **error)
{
  g_autofree char *detail = out_of_range ? tessera_words_reason_date_out_of_range (text)
                                         : tessera_words_reason_not_a_date (text);

  g_propagate_error (error, tessera_api_error_new_bad_response (detail));
  return FALSE;
}

/**
 * tessera_json_parse_time:
 *
 * A time whose own date is in range but whose UTC one is not
 * (9999-12-31T23:30:00-01:00) is out of range: an error, never NULL.
 */
gboolean
tessera_json_parse_time (const char  *text,
                         GDateTime  **out,
                         GError     **error)
{
  g_autofree char *upper = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  gint64 seconds;

  *out = NULL;

  if (text == NULL || !is_rfc3339 (text))
    return time_error (text != NULL ? text : "", FALSE, error);

  /* RFC 3339 allows a lower-case "t" and "z"; GLib wants upper case. */
  upper = g_ascii_strup (text, -1);
  parsed = g_date_time_new_from_iso8601 (upper, NULL);
  if (parsed == NULL)
    return time_error (text, FALSE, error);

  seconds = g_date_time_to_unix (parsed);
  if (seconds < TESSERA_JSON_MIN_UNIX || seconds > TESSERA_JSON_MAX_UNIX)
    return time_error (text, TRUE, error);

  *out = g_date_time_to_utc (parsed);
  if (*out == NULL)
    return time_error (text, TRUE, error);
  return TRUE;
}

/**
 * tessera_json_format_time:
 *
 * Returns: (transfer full) (nullable): @time in UTC, whole seconds, or
 *   %NULL when its UTC date lies outside 0001..9999 (31 December 9999 late
 *   in the evening west of UTC is already in year 10000 there).
 */
char *
tessera_json_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;
  gint64 seconds;

  g_return_val_if_fail (time != NULL, NULL);

  seconds = g_date_time_to_unix (time);
  if (seconds < TESSERA_JSON_MIN_UNIX || seconds > TESSERA_JSON_MAX_UNIX)
    return NULL;

  utc = g_date_time_to_utc (time);
  if (utc == NULL)
    return NULL;

  /* %Y is not zero-padded below year 1000; RFC 3339 wants four digits. */
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          g_date_time_get_year (utc), g_date_time_get_month (utc),
                          g_date_time_get_day_of_month (utc), g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc), g_date_time_get_second (utc));
}

void
tessera_json_wipe (JsonNode *node)
{
  if (node == NULL)
    return;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &member))
          tessera_json_wipe (member);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          tessera_json_wipe (json_array_get_element (array, i));
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          /* json-glib hands out its own copy: overwrite it in place. */
          char *text = (char *) json_node_get_string (node);

          if (text != NULL)
            explicit_bzero (text, strlen (text));
        }
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }
}

void
tessera_json_wipe_free (JsonNode *node)
{
  if (node == NULL)
    return;

  tessera_json_wipe (node);
  json_node_unref (node);
}

/**
 * tessera_json_parse_object:
 *
 * Returns: (transfer full) (nullable): the object at the root of @text,
 *   which passed tessera_json_check_strict() first.
 */
JsonNode *
tessera_json_parse_object (const char       *text,
                           gsize             length,
                           TesseraJsonCheck *check_out)
{
  g_autoptr(JsonParser) parser = NULL;
  TesseraJsonCheck check = tessera_json_check_strict (text, length, TESSERA_JSON_MAX_DEPTH);
  JsonNode *root;

  if (check_out != NULL)
    *check_out = check;
  if (check != TESSERA_JSON_CHECK_OK)
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, (gssize) length, NULL))
    {
      /* Strict JSON that json-glib still refuses: not JSON to us. */
      if (check_out != NULL)
        *check_out = TESSERA_JSON_CHECK_NOT_JSON;
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    g_clear_pointer (&root, tessera_json_wipe_free);
  return root;
}

static JsonNode *
parse_document (const char  *body,
                gsize        length,
                GError     **error)
{
  TesseraJsonCheck check;
  JsonNode *root;
  TesseraWordsReason reason;

  if (length == 0)
    {
      g_propagate_error (error, tessera_api_error_new_bad_response (tessera_words_reason (TESSERA_WORDS_EMPTY)));
      return NULL;
    }

  root = tessera_json_parse_object (body, length, &check);
  if (root != NULL)
    return root;

  if (check == TESSERA_JSON_CHECK_TOO_DEEP)
    reason = TESSERA_WORDS_TOO_DEEP;
  else if (check == TESSERA_JSON_CHECK_NOT_JSON)
    reason = TESSERA_WORDS_NOT_JSON;
  else
    reason = TESSERA_WORDS_NOT_OBJECT;
  g_debug ("Body is unusable: %s", tessera_words_reason (reason));
  g_propagate_error (error, tessera_api_error_new_bad_response (tessera_words_reason (reason)));
  return NULL;
}

/* What a failure envelope says: status.code (else -1) and the text to
 * show (`error`, else status.message), pointing into @root. */
static void
read_failure (JsonNode    *root,
              int         *code_out,
              const char **text_out)
{
  JsonObject *object = json_node_get_object (root);
  JsonNode *status_node = json_object_get_member (object, API_ENVELOPE_STATUS);
  JsonObject *status = NULL;
  const char *error_text = NULL;
  const char *message = NULL;
  gboolean present = FALSE;
  gint64 value = 0;

  if (status_node != NULL && JSON_NODE_HOLDS_OBJECT (status_node))
    status = json_node_get_object (status_node);

  if (status != NULL &&
      tessera_json_get_int (status, API_ENVELOPE_CODE, &present, &value, NULL) &&
      present && value >= 0 && value <= G_MAXINT)
    *code_out = (int) value;

  if (status != NULL &&
      !tessera_json_get_string (status, API_ENVELOPE_MESSAGE, FALSE, &message, NULL))
    message = NULL;

  if (!tessera_json_get_string (object, API_ENVELOPE_ERROR, FALSE, &error_text, NULL))
    error_text = NULL;

  if (error_text != NULL && *error_text != '\0')
    *text_out = error_text;
  else if (message != NULL && *message != '\0')
    *text_out = message;
}

static GError *
error_from_failure (guint       http_status,
                    const char *reason_phrase,
                    const char *body,
                    gsize       length)
{
  g_autoptr(GError) ignored = NULL;
  const char *text = NULL;
  int code = -1;
  JsonNode *root;
  GError *error;

  /* 5xx bodies are often a proxy's HTML page: only an envelope counts. */
  root = parse_document (body, length, &ignored);
  if (root != NULL)
    read_failure (root, &code, &text);

  if (text == NULL && reason_phrase != NULL && *reason_phrase != '\0')
    text = reason_phrase;

  error = tessera_api_error_new_http (http_status, code, text);
  g_clear_pointer (&root, tessera_json_wipe_free);
  return error;
}

JsonNode *
tessera_envelope_parse (guint        http_status,
                        const char  *reason_phrase,
                        const char  *body,
                        gsize        length,
                        char       **warning_out,
                        GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *status;
  const char *warning = NULL;
  gboolean present = FALSE;
  gint64 code = 0;

  g_return_val_if_fail (body != NULL || length == 0, NULL);

  if (warning_out != NULL)
    *warning_out = NULL;

  if (http_status < 200 || http_status >= 300)
    {
      g_propagate_error (error, error_from_failure (http_status, reason_phrase, body, length));
      return NULL;
    }

  root = parse_document (body, length, error);
  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  if (!tessera_json_get_object (object, API_ENVELOPE_STATUS, &status, error) ||
      !tessera_json_get_int (status, API_ENVELOPE_CODE, &present, &code, error))
    {
      tessera_json_wipe (root);
      return NULL;
    }

  if (!present)
    {
      tessera_json_wipe (root);
      missing (API_ENVELOPE_STATUS "." API_ENVELOPE_CODE, error);
      return NULL;
    }

  if (code != 0)
    {
      /* A failure dressed as HTTP 200: judge it by its code alone. */
      tessera_json_wipe (root);
      g_propagate_error (error, error_from_failure (0, reason_phrase, body, length));
      return NULL;
    }

  if (!tessera_json_get_string (object, API_ENVELOPE_WARNING, FALSE, &warning, error))
    {
      tessera_json_wipe (root);
      return NULL;
    }

  if (warning_out != NULL && warning != NULL && *warning != '\0')
    *warning_out = g_strdup (warning);

  return g_steal_pointer (&root);
}

JsonNode *
tessera_envelope_get_payload (JsonNode *root)
{
  JsonNode *payload;

  g_return_val_if_fail (root != NULL && JSON_NODE_HOLDS_OBJECT (root), NULL);

  payload = json_object_get_member (json_node_get_object (root), API_ENVELOPE_PAYLOAD);
  if (payload == NULL || JSON_NODE_HOLDS_NULL (payload))
    return NULL;

  return payload;
}
