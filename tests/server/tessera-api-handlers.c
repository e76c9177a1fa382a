/* tessera-api-handlers.c — the HTTP side of tessera-api-server: envelope,
 * endpoints, dispatch and the per-answer latency (the test-only faults
 * are in tessera-api-faults.c)
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tessera-api-server"

#include "config.h"

#include <string.h>

#include "tessera-api-handlers.h"

#define API_PREFIX     "/api/v1"
#define PATH_ME        API_PREFIX "/user/me"
#define PATH_TOKENS    API_PREFIX "/user/access_tokens"
#define PATH_TEST      "/_test/"
#define MAX_BODY       (64 * 1024)

static const char *
code_message (int code)
{
  switch (code)
    {
    case API_CODE_OK: return "OK";
    case API_CODE_INVALID_ARGUMENT: return "InvalidArgument";
    case API_CODE_NOT_FOUND: return "NotFound";
    case API_CODE_PERMISSION_DENIED: return "PermissionDenied";
    case API_CODE_RESOURCE_EXHAUSTED: return "ResourceExhausted";
    case API_CODE_UNIMPLEMENTED: return "Unimplemented";
    case API_CODE_UNAUTHENTICATED: return "Unauthenticated";
    default: return "Unknown";
    }
}

/* ---- responses -------------------------------------------------------- */

void
api_send_envelope (SoupServerMessage *msg,
                   guint              http_status,
                   int                code,
                   JsonNode          *payload,
                   const char        *error_text,
                   const char        *warning)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;
  gsize length = 0;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "payload");
  if (payload != NULL)
    json_builder_add_value (b, payload);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "status");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_int_value (b, code);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, code_message (code));
  json_builder_end_object (b);
  if (error_text != NULL)
    {
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, error_text);
    }
  if (warning != NULL && *warning != '\0')
    {
      json_builder_set_member_name (b, "warning");
      json_builder_add_string_value (b, warning);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);
  length = strlen (text);
  soup_server_message_set_status (msg, http_status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, length);
}

void
api_send_error (SoupServerMessage *msg,
                guint              http_status,
                int                code,
                const char        *error_text)
{
  api_send_envelope (msg, http_status, code, NULL, error_text, NULL);
}

static void
send_ok (SoupServerMessage *msg,
         JsonNode          *payload,
         Reply             *reply)
{
  api_send_envelope (msg, SOUP_STATUS_OK, API_CODE_OK, payload, NULL, reply->warning);
}

static JsonNode *
time_node (gint64 unix_seconds)
{
  g_autofree char *text = api_format_time (unix_seconds);

  return json_node_init_string (json_node_alloc (), text);
}

static JsonNode *
user_node (ApiUser *user)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, user->id);
  json_builder_set_member_name (b, "first_name");
  json_builder_add_string_value (b, user->first_name);
  json_builder_set_member_name (b, "last_name");
  json_builder_add_string_value (b, user->last_name);
  json_builder_set_member_name (b, "email");
  json_builder_add_string_value (b, user->email);
  json_builder_set_member_name (b, "org_ids");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, user->org_id);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "connection");
  json_builder_add_string_value (b, "Username-Password-Authentication");
  json_builder_set_member_name (b, "avatar_url");
  json_builder_add_string_value (b, "");
  json_builder_set_member_name (b, "created_at");
  json_builder_add_value (b, time_node (user->created_at));
  json_builder_set_member_name (b, "updated_at");
  json_builder_add_value (b, time_node (user->updated_at));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* @secret: only for the create response. */
static JsonNode *
token_node (ApiToken   *token,
            const char *secret)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, token->id);
  json_builder_set_member_name (b, "notes");
  json_builder_add_string_value (b, token->notes);
  json_builder_set_member_name (b, "expire");
  /* Never-expiring tokens go out as Go's zero time, as API7's server does. */
  if (token->expire != 0)
    json_builder_add_value (b, time_node (token->expire));
  else
    json_builder_add_string_value (b, "0001-01-01T00:00:00Z");
  json_builder_set_member_name (b, "created_at");
  json_builder_add_value (b, time_node (token->created_at));
  json_builder_set_member_name (b, "last_used_at");
  if (token->last_used_at != 0)
    json_builder_add_value (b, time_node (token->last_used_at));
  else
    json_builder_add_null_value (b);
  if (secret != NULL)
    {
      json_builder_set_member_name (b, "token");
      json_builder_add_string_value (b, secret);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- endpoints -------------------------------------------------------- */

static void
handle_me (ApiServer         *self,
           SoupServerMessage *msg,
           ApiUser           *user,
           Reply             *reply)
{
  send_ok (msg, user_node (user), reply);
}

static gboolean
parse_positive (GHashTable *query,
                const char *name,
                guint64     fallback,
                guint64    *out)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, name) : NULL;

  if (text == NULL || *text == '\0')
    {
      *out = fallback;
      return TRUE;
    }
  return g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT32, out, NULL);
}

static void
handle_list (ApiServer         *self,
             SoupServerMessage *msg,
             GHashTable        *query,
             ApiUser           *user,
             Reply             *reply)
{
  g_autoptr(GPtrArray) tokens = api_store_list_tokens (self->store, user->id);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint64 page, page_size, first;

  if (!parse_positive (query, "page", 1, &page)
      || !parse_positive (query, "page_size", self->page_size_cap, &page_size))
    {
      api_send_error (msg, SOUP_STATUS_BAD_REQUEST, API_CODE_INVALID_ARGUMENT,
                  "page and page_size must be positive integers");
      return;
    }
  /* Like the real deployment: ask for more, get at most the cap. */
  page_size = MIN (page_size, self->page_size_cap);
  first = (page - 1) * page_size;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "list");
  json_builder_begin_array (b);
  for (guint64 i = first; i < tokens->len && i < first + page_size; i++)
    json_builder_add_value (b, token_node (g_ptr_array_index (tokens, i), NULL));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, tokens->len);
  json_builder_end_object (b);

  send_ok (msg, json_builder_get_root (b), reply);
}

static void
handle_create (ApiServer         *self,
               SoupServerMessage *msg,
               ApiUser           *user,
               gint64             now,
               Reply             *reply)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) expire_dt = NULL;
  JsonObject *object;
  JsonNode *notes_node, *expire_node;
  const char *notes = "";
  gint64 expire = 0;
  char *secret = NULL;
  ApiToken *token;
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  if (size == 0 || size > MAX_BODY
      || !json_parser_load_from_data (parser, data, (gssize) size, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      api_send_error (msg, SOUP_STATUS_BAD_REQUEST, API_CODE_INVALID_ARGUMENT,
                  "the request body must be a JSON object");
      return;
    }
  object = json_node_get_object (json_parser_get_root (parser));

  notes_node = json_object_get_member (object, "notes");
  if (notes_node != NULL && !JSON_NODE_HOLDS_NULL (notes_node))
    {
      if (json_node_get_value_type (notes_node) != G_TYPE_STRING)
        {
          api_send_error (msg, SOUP_STATUS_BAD_REQUEST, API_CODE_INVALID_ARGUMENT,
                      "notes must be a string");
          return;
        }
      notes = json_node_get_string (notes_node);
    }
  /* json-glib has already checked the UTF-8. */
  if (g_utf8_strlen (notes, -1) > TESSERA_MAX_NOTES_CHARS)
    {
      api_send_error (msg, SOUP_STATUS_BAD_REQUEST, API_CODE_INVALID_ARGUMENT,
                  "notes can have at most 256 characters");
      return;
    }

  expire_node = json_object_get_member (object, "expire");
  if (expire_node != NULL && !JSON_NODE_HOLDS_NULL (expire_node))
    {
      const char *text = NULL;

      if (json_node_get_value_type (expire_node) == G_TYPE_STRING)
        text = json_node_get_string (expire_node);
      if (text != NULL)
        expire_dt = g_date_time_new_from_iso8601 (text, NULL);
      if (expire_dt == NULL)
        {
          api_send_error (msg, SOUP_STATUS_BAD_REQUEST, API_CODE_INVALID_ARGUMENT,
                      "expire must be an RFC 3339 time or null");
          return;
        }
      /* Go's zero time means "never" here too. */
      if (g_date_time_get_year (expire_dt) > 1)
        {
          expire = g_date_time_to_unix (expire_dt);
          if (expire <= now)
            {
              api_send_error (msg, SOUP_STATUS_BAD_REQUEST, API_CODE_INVALID_ARGUMENT,
                          "expire must be in the future");
              return;
            }
        }
    }

  if (api_store_count_tokens (self->store, user->id) >= TESSERA_MAX_TOKENS_PER_USER)
    {
      api_send_error (msg, SOUP_STATUS_BAD_REQUEST, API_CODE_RESOURCE_EXHAUSTED,
                  "an account can have at most 50 personal access tokens");
      return;
    }

  token = api_store_add_token (self->store, user->id, notes, now, expire, 0, &secret);
  send_ok (msg, token_node (token, secret), reply);
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static void
handle_delete_one (ApiServer         *self,
                   SoupServerMessage *msg,
                   const char        *id,
                   ApiUser           *user,
                   Reply             *reply)
{
  if (!api_store_delete_token (self->store, user->id, id))
    {
      api_send_error (msg, SOUP_STATUS_NOT_FOUND, API_CODE_NOT_FOUND, "no such token");
      return;
    }
  send_ok (msg, NULL, reply);
}

static void
handle_delete_all (ApiServer         *self,
                   SoupServerMessage *msg,
                   ApiUser           *user,
                   Reply             *reply)
{
  guint n = api_store_delete_all (self->store, user->id);
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (object, "deleted", n);
  json_node_take_object (node, object);
  send_ok (msg, node, reply);
}

/* ---- dispatch --------------------------------------------------------- */

static const char *
bearer_of (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return NULL;
  header += 7;
  while (*header == ' ')
    header++;
  return *header != '\0' ? header : NULL;
}

static gboolean
method_allowed (SoupServerMessage *msg,
                const char        *method,
                const char        *allowed)
{
  g_auto(GStrv) list = g_strsplit (allowed, ",", -1);

  if (g_strv_contains ((const char * const *) list, method))
    return TRUE;
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allowed);
  api_send_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, API_CODE_UNIMPLEMENTED, "method not allowed");
  return FALSE;
}

static void
route (ApiServer         *self,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       Reply             *reply)
{
  const char *method = soup_server_message_get_method (msg);
  const char *id = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  ApiToken *caller;
  ApiUser *user;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (path, PATH_ME))
    {
      if (!method_allowed (msg, method, "GET"))
        return;
    }
  else if (g_str_equal (path, PATH_TOKENS))
    {
      if (!method_allowed (msg, method, "GET,POST,DELETE"))
        return;
    }
  else if (g_str_has_prefix (path, PATH_TOKENS "/")
           && path[strlen (PATH_TOKENS "/")] != '\0'
           && strchr (path + strlen (PATH_TOKENS "/"), '/') == NULL)
    {
      if (!method_allowed (msg, method, "DELETE"))
        return;
      id = path + strlen (PATH_TOKENS "/");
    }
  else
    {
      api_send_error (msg, SOUP_STATUS_NOT_FOUND, API_CODE_NOT_FOUND, "no such endpoint");
      return;
    }

  caller = api_store_authenticate (self->store, bearer_of (msg), now);
  user = caller != NULL ? api_store_find_user (self->store, caller->user_id) : NULL;
  if (user == NULL)
    {
      api_send_error (msg, SOUP_STATUS_UNAUTHORIZED, API_CODE_UNAUTHENTICATED,
                  "the access token is missing, malformed, expired or deleted");
      return;
    }

  reply->user = user;
  reply->caller = caller;
  if (g_str_equal (path, PATH_ME))
    handle_me (self, msg, user, reply);
  else if (id != NULL)
    handle_delete_one (self, msg, id, user, reply);
  else if (g_str_equal (method, SOUP_METHOD_GET))
    handle_list (self, msg, query, user, reply);
  else if (g_str_equal (method, SOUP_METHOD_POST))
    handle_create (self, msg, user, now, reply);
  else
    handle_delete_all (self, msg, user, reply);

  /* last_used_at moved at least: keep the file in step. */
  if (!api_store_save (self->store, &error))
    g_printerr ("tessera-api-server: cannot save the state: %s\n", error->message);
}

static gboolean
unpause_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;
  ApiServer *self = g_object_get_data (G_OBJECT (msg), "tessera-api-server");

  g_hash_table_remove (self->delayed, msg);
  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

/* Every answer waits the latency without blocking the others. */
static void
delay_answer (ApiServer         *self,
              SoupServerMessage *msg,
              guint              delay_ms)
{
  guint id;

  soup_server_message_pause (msg);
  g_object_set_data (G_OBJECT (msg), "tessera-api-server", self);
  id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, unpause_cb,
                           g_object_ref (msg), g_object_unref);
  g_hash_table_insert (self->delayed, msg, GUINT_TO_POINTER (id));
}

void
api_server_handle_cb (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  ApiServer *self = user_data;
  Reply reply = { self->latency_ms, NULL, NULL, NULL };
  FaultRule *rule = NULL;
  gboolean dropped;

  if (g_str_has_prefix (path, PATH_TEST))
    {
      api_faults_handle_test (self, msg, path, query);
      return;
    }

  api_faults_record (self, msg, path);
  rule = api_faults_take (self, msg, path, query);
  if (rule != NULL)
    {
      reply.delay_ms += rule->delay_ms;
      reply.warning = rule->warning;
    }

  if (rule == NULL || !api_faults_before (self, rule, msg, path))
    {
      route (self, msg, path, query, &reply);
      if (rule != NULL)
        api_faults_after (self, rule, msg, &reply);
    }

  /* A dropped or stalled connection is paused already; no latency. */
  dropped = rule != NULL && (rule->fault == API_FAULT_CLOSE_BEFORE || rule->fault == API_FAULT_STALL ||
                             rule->fault == API_FAULT_CLOSE_AFTER || rule->fault == API_FAULT_STALL_AFTER);
  api_faults_release (rule);
  if (!dropped && reply.delay_ms > 0)
    delay_answer (self, msg, reply.delay_ms);
}
