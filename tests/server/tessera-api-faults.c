/* tessera-api-faults.c — the test-only side of tessera-api-server: the
 * /_test/fail rules and the faults they inject, and the /_test/requests
 * log that tells a test how often a request really arrived
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
#define PATH_TEST_FAIL "/_test/fail"
#define PATH_TEST_LOG  "/_test/requests"

/* A stall outlasts any client timeout the tests use. */
#define DEFAULT_STALL_MS 30000
#define HUGE_BODY        (3 * 1024 * 1024)
#define DEEP_LEVELS      180000

static const struct { const char *name; ApiFault fault; } fault_names[] = {
  { "close-before", API_FAULT_CLOSE_BEFORE },
  { "close-after", API_FAULT_CLOSE_AFTER },
  { "stall", API_FAULT_STALL },
  { "stall-after", API_FAULT_STALL_AFTER },
  { "huge", API_FAULT_HUGE },
  { "malformed", API_FAULT_MALFORMED },
  { "deep", API_FAULT_DEEP },
  { "wrong-shape", API_FAULT_WRONG_SHAPE },
  { "delete-after-page", API_FAULT_DELETE_AFTER_PAGE },
  { "insert-after-page", API_FAULT_INSERT_AFTER_PAGE },
};

static void
fault_rule_free (FaultRule *rule)
{
  g_free (rule->method);
  g_free (rule->path_prefix);
  g_free (rule->warning);
  g_free (rule);
}

void
api_faults_release (FaultRule *rule)
{
  if (rule != NULL && rule->count == 0)
    fault_rule_free (rule);
}

void
api_server_clear_rules (ApiServer *self)
{
  g_list_free_full (g_steal_pointer (&self->rules), (GDestroyNotify) fault_rule_free);
  g_clear_pointer (&self->received, g_ptr_array_unref);
}

/* ---- the request log --------------------------------------------------- */

void
api_faults_record (ApiServer         *self,
                   SoupServerMessage *msg,
                   const char        *path)
{
  if (self->received == NULL)
    self->received = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->received,
                   g_strconcat (soup_server_message_get_method (msg), " ", path, NULL));
}

/* GET /_test/requests?method=M&path_prefix=P → {"count": N}. */
static void
handle_log (ApiServer         *self,
            SoupServerMessage *msg,
            GHashTable        *query)
{
  const char *method = query != NULL ? g_hash_table_lookup (query, "method") : NULL;
  const char *prefix = query != NULL ? g_hash_table_lookup (query, "path_prefix") : NULL;
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  guint count = 0;

  for (guint i = 0; self->received != NULL && i < self->received->len; i++)
    {
      const char *entry = g_ptr_array_index (self->received, i);
      const char *space = strchr (entry, ' ');

      if (method != NULL && (strlen (method) != (gsize) (space - entry) ||
                             g_ascii_strncasecmp (entry, method, space - entry) != 0))
        continue;
      if (prefix != NULL && !g_str_has_prefix (space + 1, prefix))
        continue;
      count++;
    }

  json_object_set_int_member (object, "count", count);
  json_node_take_object (node, object);
  api_send_envelope (msg, SOUP_STATUS_OK, API_CODE_OK, node, NULL, NULL);
}

/* ---- rules --------------------------------------------------------------- */

static gboolean
parse_fault (JsonObject *o,
             ApiFault   *out)
{
  const char *name = json_object_get_string_member_with_default (o, "fault", NULL);

  *out = API_FAULT_NONE;
  if (name == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
    if (g_str_equal (name, fault_names[i].name))
      {
        *out = fault_names[i].fault;
        return TRUE;
      }
  return FALSE;
}

static JsonObject *
request_object (SoupServerMessage *msg)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  if (size == 0 || !json_parser_load_from_data (parser, data, (gssize) size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* POST /_test/fail {"method", "path_prefix", "status", "count", "delay_ms",
 * "retry_after", "warning", "fault", "page"}. */
static void
add_rule (ApiServer         *self,
          SoupServerMessage *msg)
{
  g_autoptr(JsonObject) o = request_object (msg);
  FaultRule *rule;
  gint64 status, count;
  ApiFault fault;

  if (o == NULL)
    {
      api_send_error (msg, SOUP_STATUS_BAD_REQUEST, API_CODE_INVALID_ARGUMENT, "expected a JSON object");
      return;
    }
  status = json_object_get_int_member_with_default (o, "status", 0);
  count = json_object_get_int_member_with_default (o, "count", 1);
  if ((status != 0 && (status < 200 || status > 599)) || count < 1 || count > 1000000 ||
      !parse_fault (o, &fault))
    {
      api_send_error (msg, SOUP_STATUS_BAD_REQUEST, API_CODE_INVALID_ARGUMENT, "bad status, count or fault");
      return;
    }

  rule = g_new0 (FaultRule, 1);
  rule->method = g_strdup (json_object_get_string_member_with_default (o, "method", NULL));
  rule->path_prefix = g_strdup (json_object_get_string_member_with_default (o, "path_prefix", NULL));
  rule->warning = g_strdup (json_object_get_string_member_with_default (o, "warning", NULL));
  rule->status = (guint) status;
  rule->count = (guint) count;
  rule->fault = fault;
  rule->delay_ms = (guint) CLAMP (json_object_get_int_member_with_default (o, "delay_ms", 0), 0, 600000);
  rule->retry_after = (guint) CLAMP (json_object_get_int_member_with_default (o, "retry_after", 1), 0, 3600);
  rule->page = (guint) CLAMP (json_object_get_int_member_with_default (o, "page", 1), 1, 1000);
  self->rules = g_list_append (self->rules, rule);
  api_send_envelope (msg, SOUP_STATUS_OK, API_CODE_OK, NULL, NULL, NULL);
}

void
api_faults_handle_test (ApiServer         *self,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, PATH_TEST_LOG) && g_str_equal (method, SOUP_METHOD_GET))
    handle_log (self, msg, query);
  else if (g_str_equal (path, PATH_TEST_LOG) && g_str_equal (method, SOUP_METHOD_DELETE))
    {
      g_clear_pointer (&self->received, g_ptr_array_unref);
      api_send_envelope (msg, SOUP_STATUS_OK, API_CODE_OK, NULL, NULL, NULL);
    }
  else if (g_str_equal (path, PATH_TEST_FAIL) && g_str_equal (method, SOUP_METHOD_POST))
    add_rule (self, msg);
  else if (g_str_equal (path, PATH_TEST_FAIL) && g_str_equal (method, SOUP_METHOD_DELETE))
    {
      api_server_clear_rules (self);
      api_send_envelope (msg, SOUP_STATUS_OK, API_CODE_OK, NULL, NULL, NULL);
    }
  else
    api_send_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, API_CODE_UNIMPLEMENTED,
                    "use POST or DELETE on /_test/fail, GET or DELETE on /_test/requests");
}

/* A page fault follows only the list GET for its page. */
static gboolean
rule_matches (FaultRule         *rule,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query)
{
  const char *page;

  if (rule->method != NULL && g_ascii_strcasecmp (rule->method, soup_server_message_get_method (msg)) != 0)
    return FALSE;
  if (rule->path_prefix != NULL && !g_str_has_prefix (path, rule->path_prefix))
    return FALSE;
  if (rule->fault != API_FAULT_DELETE_AFTER_PAGE && rule->fault != API_FAULT_INSERT_AFTER_PAGE)
    return TRUE;

  page = query != NULL ? g_hash_table_lookup (query, "page") : NULL;
  return g_str_equal (soup_server_message_get_method (msg), SOUP_METHOD_GET) &&
         g_str_equal (path, PATH_TOKENS) &&
         g_ascii_strtoull (page != NULL ? page : "1", NULL, 10) == rule->page;
}

FaultRule *
api_faults_take (ApiServer         *self,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query)
{
  for (GList *l = self->rules; l != NULL; l = l->next)
    {
      FaultRule *rule = l->data;

      if (!rule_matches (rule, msg, path, query))
        continue;
      rule->count--;
      if (rule->count == 0)
        self->rules = g_list_delete_link (self->rules, l);
      return rule;
    }
  return NULL;
}

/* ---- what a fault does --------------------------------------------------- */

/* The kind of answer a proxy in front of a real deployment gives. */
static void
send_status (SoupServerMessage *msg,
             FaultRule         *rule)
{
  const char *phrase = soup_status_get_phrase (rule->status);

  if (rule->status >= 500)
    {
      char *html = g_strdup_printf ("<html><head><title>%u %s</title></head>\n"
                                    "<body><h1>%u %s</h1><hr><p>tessera-api-server "
                                    "(injected failure)</p></body></html>\n",
                                    rule->status, phrase, rule->status, phrase);

      soup_server_message_set_status (msg, rule->status, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_TAKE, html, strlen (html));
      return;
    }

  if (rule->status == 429)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", rule->retry_after);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", seconds);
    }
  api_send_error (msg, rule->status, rule->status == 429 ? API_CODE_RESOURCE_EXHAUSTED
                                     : rule->status == 401 ? API_CODE_UNAUTHENTICATED
                                     : rule->status == 403 ? API_CODE_PERMISSION_DENIED
                                     : rule->status == 404 ? API_CODE_NOT_FOUND
                                     : rule->status == 400 ? API_CODE_INVALID_ARGUMENT
                                     : API_CODE_UNKNOWN,
                  "injected failure");
}

/* A 200 payload of the wrong shape for each endpoint. */
static const char *
wrong_payload (SoupServerMessage *msg,
               const char        *path)
{
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, PATH_ME))
    return "{\"id\":7,\"email\":[]}";
  if (g_str_has_prefix (path, PATH_TOKENS "/"))
    return "{\"deleted\":1}";
  if (g_str_equal (method, SOUP_METHOD_GET))
    return "{\"list\":{\"id\":\"t\"},\"count\":\"many\"}";
  if (g_str_equal (method, SOUP_METHOD_POST))
    return "{\"id\":\"t\",\"token\":5}";
  return "null";
}

static char *
bad_body (ApiFault           fault,
          SoupServerMessage *msg,
          const char        *path)
{
  GString *body;

  switch (fault)
    {
    case API_FAULT_HUGE:
      body = g_string_new ("{\"status\":{\"code\":0},\"payload\":{\"pad\":\"");
      while (body->len < HUGE_BODY)
        g_string_append (body, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
      g_string_append (body, "\"}}");
      return g_string_free (body, FALSE);
    case API_FAULT_MALFORMED:
      return g_strdup ("{\"status\":{\"code\":0},\"payload\":{\"id\":\"u1\",\"email\":");
    case API_FAULT_DEEP:
      /* A quote in a comment and one in single quotes hide the brackets
       * from a scanner that only knows double-quoted strings. */
      body = g_string_new ("{\"status\":{\"code\":0},'x':'\"',\"payload\":/*\"*/");
      for (guint i = 0; i < DEEP_LEVELS; i++)
        g_string_append_c (body, '[');
      for (guint i = 0; i < DEEP_LEVELS; i++)
        g_string_append_c (body, ']');
      g_string_append (body, "/*\"*/}");
      return g_string_free (body, FALSE);
    case API_FAULT_WRONG_SHAPE:
    default:
      return g_strdup_printf ("{\"payload\":%s,\"status\":{\"code\":0,\"message\":\"OK\"}}",
                              wrong_payload (msg, path));
    }
}

static gboolean
drop_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;
  ApiServer *self = g_object_get_data (G_OBJECT (msg), "tessera-api-server");
  GIOStream *stream;

  g_hash_table_remove (self->delayed, msg);
  /* The message was paused: its connection is ours to end. */
  stream = soup_server_message_steal_connection (msg);
  if (stream != NULL)
    {
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
    }
  return G_SOURCE_REMOVE;
}

/* Ends the connection after @after_ms with no answer at all.  The message
 * is paused first, so libsoup is not in the middle of it when it goes. */
static void
drop_connection (ApiServer         *self,
                 SoupServerMessage *msg,
                 guint              after_ms)
{
  guint id;

  soup_server_message_pause (msg);
  g_object_set_data (G_OBJECT (msg), "tessera-api-server", self);
  id = g_timeout_add_full (G_PRIORITY_DEFAULT, after_ms, drop_cb, g_object_ref (msg), g_object_unref);
  g_hash_table_insert (self->delayed, msg, GUINT_TO_POINTER (id));
}

gboolean
api_faults_before (ApiServer         *self,
                   FaultRule         *rule,
                   SoupServerMessage *msg,
                   const char        *path)
{
  g_autofree char *body = NULL;

  switch (rule->fault)
    {
    case API_FAULT_NONE:
      if (rule->status < 400)
        return FALSE;
      send_status (msg, rule);
      return TRUE;
    case API_FAULT_CLOSE_BEFORE:
      drop_connection (self, msg, 0);
      return TRUE;
    case API_FAULT_STALL:
      drop_connection (self, msg, rule->delay_ms > 0 ? rule->delay_ms : DEFAULT_STALL_MS);
      return TRUE;
    case API_FAULT_HUGE:
    case API_FAULT_MALFORMED:
    case API_FAULT_DEEP:
    case API_FAULT_WRONG_SHAPE:
      body = bad_body (rule->fault, msg, path);
      soup_server_message_set_status (msg, rule->status >= 200 ? rule->status : SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                        g_steal_pointer (&body), strlen (body));
      return TRUE;
    default:
      return FALSE;   /* the work goes on; the rest comes after */
    }
}

/* Another client, between two page requests: delete the newest token of
 * the account other than the caller's, or create a new newest one. */
static void
change_list (ApiServer *self,
             ApiFault   fault,
             Reply     *reply)
{
  g_autoptr(GPtrArray) tokens = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (reply->user == NULL)
    return;

  if (fault == API_FAULT_INSERT_AFTER_PAGE)
    {
      api_store_add_token (self->store, reply->user->id, "created between pages", now, 0, 0, NULL);
      return;
    }

  tokens = api_store_list_tokens (self->store, reply->user->id);
  for (guint i = 0; i < tokens->len; i++)
    {
      ApiToken *token = g_ptr_array_index (tokens, i);

      if (token != reply->caller)
        {
          g_autofree char *id = g_strdup (token->id);

          api_store_delete_token (self->store, reply->user->id, id);
          return;
        }
    }
}

void
api_faults_after (ApiServer         *self,
                  FaultRule         *rule,
                  SoupServerMessage *msg,
                  Reply             *reply)
{
  g_autoptr(GError) error = NULL;

  switch (rule->fault)
    {
    case API_FAULT_CLOSE_AFTER:
      drop_connection (self, msg, 0);
      break;
    case API_FAULT_STALL_AFTER:
      drop_connection (self, msg, rule->delay_ms > 0 ? rule->delay_ms : DEFAULT_STALL_MS);
      break;
    case API_FAULT_DELETE_AFTER_PAGE:
    case API_FAULT_INSERT_AFTER_PAGE:
      change_list (self, rule->fault, reply);
      if (!api_store_save (self->store, &error))
        g_printerr ("tessera-api-server: cannot save the state: %s\n", error->message);
      break;
    default:
      break;
    }
}
