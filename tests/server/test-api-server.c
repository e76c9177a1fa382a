/* test-api-server.c — tessera-api-server alone, over plain libsoup
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-api-server"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "tessera-test-server.h"

#define TOKENS "/api/v1/user/access_tokens"
#define ME     "/api/v1/user/me"

typedef struct
{
  guint       status;
  JsonNode   *root;    /* NULL when the body is not JSON */
  char       *body;
  char       *retry_after;
  char       *content_type;
} Answer;

static void
answer_clear (Answer *a)
{
  g_clear_pointer (&a->root, json_node_unref);
  g_clear_pointer (&a->body, g_free);
  g_clear_pointer (&a->retry_after, g_free);
  g_clear_pointer (&a->content_type, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

static void
request (TesseraTestServer *server,
         const char        *method,
         const char        *path,
         const char        *token,
         const char        *body,
         Answer            *a)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (tessera_test_server_get_url (server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  SoupMessageHeaders *headers;

  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);

  headers = soup_message_get_response_headers (msg);
  a->status = soup_message_get_status (msg);
  a->body = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  a->retry_after = g_strdup (soup_message_headers_get_one (headers, "Retry-After"));
  a->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  if (json_parser_load_from_data (parser, a->body, -1, NULL))
    a->root = json_node_ref (json_parser_get_root (parser));
}

static JsonObject *
envelope (Answer *a)
{
  g_assert_nonnull (a->root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (a->root));
  return json_node_get_object (a->root);
}

static gint64
status_code (Answer *a)
{
  return json_object_get_int_member (json_object_get_object_member (envelope (a), "status"), "code");
}

static JsonObject *
payload (Answer *a)
{
  g_assert_cmpuint (a->status, ==, 200);
  g_assert_cmpint (status_code (a), ==, 0);
  return json_object_get_object_member (envelope (a), "payload");
}

static void
assert_failure (Answer *a,
                guint   http,
                gint64  code)
{
  JsonObject *o = envelope (a);

  g_assert_cmpuint (a->status, ==, http);
  g_assert_cmpint (status_code (a), ==, code);
  g_assert_true (json_object_has_member (o, "payload"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "payload")));
  g_assert_nonnull (json_object_get_string_member (o, "error"));
}

static TesseraTestServer *
start (const char * const *args)
{
  g_autoptr(GError) error = NULL;
  TesseraTestServer *server = tessera_test_server_start (args, &error);

  g_assert_no_error (error);
  g_assert_nonnull (server);
  g_assert_true (g_str_has_prefix (tessera_test_server_get_url (server), "http://127.0.0.1:"));
  return server;
}

/* Creates a token and returns its secret (and id). */
static char *
create (TesseraTestServer *server,
        const char        *body,
        char             **id_out)
{
  g_auto(Answer) a = { 0 };
  JsonObject *p;

  request (server, "POST", TOKENS, tessera_test_server_get_demo_token (server), body, &a);
  p = payload (&a);
  if (id_out != NULL)
    *id_out = g_strdup (json_object_get_string_member (p, "id"));
  return g_strdup (json_object_get_string_member (p, "token"));
}

static void
test_envelope_me (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  g_auto(Answer) a = { 0 };
  JsonObject *user, *status;

  request (server, "GET", ME, tessera_test_server_get_demo_token (server), NULL, &a);
  g_assert_cmpstr (a.content_type, ==, "application/json");
  user = payload (&a);
  status = json_object_get_object_member (envelope (&a), "status");
  g_assert_cmpstr (json_object_get_string_member (status, "message"), ==, "OK");
  g_assert_false (json_object_has_member (envelope (&a), "error"));
  g_assert_cmpstr (json_object_get_string_member (user, "email"), ==,
                   tessera_test_server_get_demo_email (server));
  g_assert_cmpstr (json_object_get_string_member (user, "first_name"), ==, "Ada");
  g_assert_cmpstr (json_object_get_string_member (user, "last_name"), ==, "Lovelace");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (user, "org_ids")), ==, 1);
}

static void
test_unauthenticated (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  const char *paths[] = { ME, TOKENS };
  g_autofree char *tampered = g_strdup (tessera_test_server_get_demo_token (server));

  /* One character of the signature changed: the hash no longer matches. */
  tampered[strlen (tampered) - 2] = tampered[strlen (tampered) - 2] == 'A' ? 'B' : 'A';

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      const char *bad[] = { NULL, "", "not-a-jwt", tampered };

      for (guint j = 0; j < G_N_ELEMENTS (bad); j++)
        {
          g_auto(Answer) a = { 0 };

          request (server, "GET", paths[i], bad[j], NULL, &a);
          assert_failure (&a, 401, 16);
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (envelope (&a), "status"), "message"), ==, "Unauthenticated");
        }
    }
}

static void
test_list_paging (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  const char *token = tessera_test_server_get_demo_token (server);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *previous = NULL;
  gint64 count = -1;
  guint never_expire = 0, never_used = 0;

  for (guint page = 1; page <= 3; page++)
    {
      g_auto(Answer) a = { 0 };
      g_autofree char *path = g_strdup_printf (TOKENS "?page=%u&page_size=50", page);
      JsonObject *p;
      JsonArray *list;

      request (server, "GET", path, token, NULL, &a);
      p = payload (&a);
      list = json_object_get_array_member (p, "list");
      count = json_object_get_int_member (p, "count");
      g_assert_cmpint (count, ==, 14);
      /* The cap wins over page_size=50. */
      g_assert_cmpuint (json_array_get_length (list), ==, page == 1 ? 10 : page == 2 ? 4 : 0);

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *t = json_array_get_object_element (list, i);
          const char *created = json_object_get_string_member (t, "created_at");

          g_assert_false (json_object_has_member (t, "token"));
          g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (t, "id"))));
          /* Newest first: RFC 3339 in UTC sorts as text. */
          if (previous != NULL)
            g_assert_cmpstr (created, <=, previous);
          g_free (previous);
          previous = g_strdup (created);
          if (g_str_equal (json_object_get_string_member (t, "expire"), "0001-01-01T00:00:00Z"))
            never_expire++;
          if (JSON_NODE_HOLDS_NULL (json_object_get_member (t, "last_used_at")))
            never_used++;
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 14);
  g_assert_cmpuint (never_expire, >=, 2);
  g_assert_cmpuint (never_used, >=, 2);

  {
    g_auto(Answer) a = { 0 };

    request (server, "GET", TOKENS "?page=0", token, NULL, &a);
    assert_failure (&a, 400, 3);
  }
}

static void
test_page_size_cap (void)
{
  const char *args[] = { "--page-size-cap=3", "--seed-tokens=9", NULL };
  g_autoptr(TesseraTestServer) server = start (args);
  g_auto(Answer) a = { 0 };
  JsonObject *p;

  request (server, "GET", TOKENS "?page=8&page_size=100", tessera_test_server_get_demo_token (server), NULL, &a);
  p = payload (&a);
  g_assert_cmpint (json_object_get_int_member (p, "count"), ==, 23);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (p, "list")), ==, 2);
}

static JsonObject *
find_listed (Answer     *a,
             const char *id)
{
  JsonArray *list = json_object_get_array_member (payload (a), "list");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *t = json_array_get_object_element (list, i);

      if (g_str_equal (json_object_get_string_member (t, "id"), id))
        return t;
    }
  return NULL;
}

static void
test_last_used (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  const char *demo = tessera_test_server_get_demo_token (server);
  g_autofree char *id = NULL;
  g_autofree char *secret = create (server, "{\"notes\": \"fresh\"}", &id);
  g_auto(Answer) before = { 0 };
  g_auto(Answer) use = { 0 };
  g_auto(Answer) after = { 0 };
  JsonObject *t;

  request (server, "GET", TOKENS, demo, NULL, &before);
  t = find_listed (&before, id);
  g_assert_nonnull (t);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (t, "last_used_at")));
  g_assert_cmpstr (json_object_get_string_member (t, "expire"), ==, "0001-01-01T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (t, "notes"), ==, "fresh");

  request (server, "GET", ME, secret, NULL, &use);
  payload (&use);

  request (server, "GET", TOKENS, demo, NULL, &after);
  t = find_listed (&after, id);
  g_assert_nonnull (t);
  g_assert_nonnull (json_object_get_string_member (t, "last_used_at"));
}

static void
test_create_checks (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  const char *demo = tessera_test_server_get_demo_token (server);
  g_autoptr(GString) notes = g_string_new (NULL);
  const char *bad[] = {
    "not json", "[1]", "{\"notes\": 5}", "{\"expire\": \"tomorrow\"}",
    "{\"expire\": \"2020-01-01T00:00:00Z\"}", "{\"expire\": 12}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(Answer) a = { 0 };

      request (server, "POST", TOKENS, demo, bad[i], &a);
      assert_failure (&a, 400, 3);
    }

  /* 256 two-byte characters pass (512 bytes), 257 do not. */
  g_string_append (notes, "{\"notes\": \"");
  for (guint i = 0; i < 256; i++)
    g_string_append (notes, "é");
  g_string_append (notes, "\", \"expire\": null}");
  {
    g_autofree char *secret = create (server, notes->str, NULL);

    g_assert_nonnull (secret);
  }
  g_string_insert (notes, strlen ("{\"notes\": \""), "x");
  {
    g_auto(Answer) a = { 0 };

    request (server, "POST", TOKENS, demo, notes->str, &a);
    assert_failure (&a, 400, 3);
  }
}

static void
test_token_limit (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  const char *demo = tessera_test_server_get_demo_token (server);
  g_auto(Answer) a = { 0 };

  /* 14 seeded; 36 more make 50. */
  for (guint i = 0; i < 36; i++)
    {
      g_autofree char *secret = create (server, "{\"notes\": \"filler\"}", NULL);

      g_assert_nonnull (secret);
    }
  request (server, "POST", TOKENS, demo, "{\"notes\": \"one too many\"}", &a);
  assert_failure (&a, 400, 8);
}

static void
test_delete (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  const char *demo = tessera_test_server_get_demo_token (server);
  g_autofree char *id = NULL;
  g_autofree char *secret = create (server, "{}", &id);
  g_autofree char *path = g_strconcat (TOKENS "/", id, NULL);
  g_auto(Answer) once = { 0 };
  g_auto(Answer) twice = { 0 };
  g_auto(Answer) used = { 0 };
  g_auto(Answer) all = { 0 };
  g_auto(Answer) after = { 0 };

  request (server, "DELETE", path, demo, NULL, &once);
  g_assert_cmpuint (once.status, ==, 200);
  g_assert_cmpint (status_code (&once), ==, 0);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (envelope (&once), "payload")));

  request (server, "DELETE", path, demo, NULL, &twice);
  assert_failure (&twice, 404, 5);
  request (server, "GET", ME, secret, NULL, &used);
  assert_failure (&used, 401, 16);

  request (server, "DELETE", TOKENS, demo, NULL, &all);
  g_assert_cmpint (json_object_get_int_member (payload (&all), "deleted"), ==, 14);
  request (server, "GET", ME, demo, NULL, &after);
  assert_failure (&after, 401, 16);
}

static void
test_expired_token (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  g_autoptr(GDateTime) soon = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC + 2);
  g_autofree char *when = g_date_time_format_iso8601 (soon);
  g_autofree char *body = g_strdup_printf ("{\"notes\": \"brief\", \"expire\": \"%s\"}", when);
  g_autofree char *secret = create (server, body, NULL);
  g_auto(Answer) ok = { 0 };
  g_auto(Answer) late = { 0 };

  request (server, "GET", ME, secret, NULL, &ok);
  payload (&ok);
  g_usleep (3 * G_USEC_PER_SEC);
  request (server, "GET", ME, secret, NULL, &late);
  assert_failure (&late, 401, 16);
}

static void
test_faults (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  const char *demo = tessera_test_server_get_demo_token (server);
  g_autoptr(GError) error = NULL;
  g_auto(Answer) html = { 0 };
  g_auto(Answer) unaffected = { 0 };
  g_auto(Answer) limited = { 0 };
  g_auto(Answer) warned = { 0 };
  g_auto(Answer) normal = { 0 };

  g_assert_true (tessera_test_server_fail_next (server, "DELETE", TOKENS "/", 502, 1, &error));
  g_assert_no_error (error);
  request (server, "GET", TOKENS, demo, NULL, &unaffected);
  payload (&unaffected);
  request (server, "DELETE", TOKENS "/nope", demo, NULL, &html);
  g_assert_cmpuint (html.status, ==, 502);
  g_assert_cmpstr (html.content_type, ==, "text/html");
  g_assert_null (html.root);
  g_assert_nonnull (strstr (html.body, "Bad Gateway"));
  {
    g_auto(Answer) used_up = { 0 };

    request (server, "DELETE", TOKENS "/nope", demo, NULL, &used_up);
    assert_failure (&used_up, 404, 5);
  }

  g_assert_true (tessera_test_server_fail_next (server, NULL, NULL, 429, 1, &error));
  request (server, "GET", ME, demo, NULL, &limited);
  assert_failure (&limited, 429, 8);
  g_assert_cmpstr (limited.retry_after, ==, "1");

  g_assert_true (tessera_test_server_add_rule (server, "{\"method\": \"GET\", \"warning\": \"Maintenance tonight\"}", &error));
  g_assert_no_error (error);
  request (server, "GET", ME, demo, NULL, &warned);
  payload (&warned);
  g_assert_cmpstr (json_object_get_string_member (envelope (&warned), "warning"), ==, "Maintenance tonight");
  request (server, "GET", ME, demo, NULL, &normal);
  payload (&normal);
  g_assert_false (json_object_has_member (envelope (&normal), "warning"));

  g_assert_false (tessera_test_server_add_rule (server, "{\"status\": 42}", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A stall on one path only. */
  g_assert_true (tessera_test_server_add_rule (server, "{\"path_prefix\": \"/api/v1/user/me\", \"delay_ms\": 300}", &error));
  g_assert_no_error (error);
  {
    g_auto(Answer) slow = { 0 };
    gint64 start_us = g_get_monotonic_time ();

    request (server, "GET", ME, demo, NULL, &slow);
    payload (&slow);
    g_assert_cmpint (g_get_monotonic_time () - start_us, >=, 300 * 1000);
  }

  /* DELETE /_test/fail forgets pending rules. */
  g_assert_true (tessera_test_server_fail_next (server, NULL, NULL, 500, 5, &error));
  {
    g_auto(Answer) cleared = { 0 };
    g_auto(Answer) fine = { 0 };

    request (server, "DELETE", "/_test/fail", NULL, NULL, &cleared);
    payload (&cleared);
    request (server, "GET", ME, demo, NULL, &fine);
    payload (&fine);
  }
}

/* The body as is (never parsed: the deep one would overflow json-glib's
 * stack), or NULL with @error when no answer came. */
static GBytes *
request_raw (TesseraTestServer  *server,
             const char         *method,
             const char         *path,
             guint              *status_out,
             GError            **error)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 5, NULL);
  g_autofree char *uri = g_strconcat (tessera_test_server_get_url (server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autofree char *auth = g_strconcat ("Bearer ", tessera_test_server_get_demo_token (server), NULL);
  GBytes *reply;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  reply = soup_session_send_and_read (session, msg, NULL, error);
  if (status_out != NULL)
    *status_out = soup_message_get_status (msg);
  return reply;
}

static guint
reads (TesseraTestServer *server,
       const char        *method,
       const char        *prefix)
{
  g_autoptr(GError) error = NULL;
  guint n = tessera_test_server_count_requests (server, method, prefix, &error);

  g_assert_no_error (error);
  return n;
}

/* The /_test/fail faults at the HTTP level, and the request log. */
static void
test_fault_modes (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *victim = NULL;
  g_autofree char *secret = create (server, "{\"notes\":\"victim\"}", &victim);
  g_autofree char *victim_path = g_strconcat (TOKENS "/", victim, NULL);
  g_autoptr(GBytes) huge = NULL;
  g_autoptr(GBytes) deep = NULL;
  g_autoptr(GBytes) malformed = NULL;
  g_autoptr(GBytes) dropped = NULL;
  g_autoptr(GBytes) gone = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint status = 0;

  g_assert_nonnull (secret);
  g_assert_true (tessera_test_server_reset (server, &error));
  g_assert_cmpuint (reads (server, NULL, NULL), ==, 0);
  g_assert_false (tessera_test_server_add_rule (server, "{\"fault\":\"explode\"}", &error));
  g_clear_error (&error);

  g_assert_true (tessera_test_server_add_rule (server, "{\"path_prefix\":\"" ME "\",\"fault\":\"huge\"}", &error));
  huge = request_raw (server, "GET", ME, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (huge), >, 2 * 1024 * 1024);

  g_assert_true (tessera_test_server_add_rule (server, "{\"fault\":\"deep\",\"status\":500}", &error));
  deep = request_raw (server, "GET", ME, &status, &error);
  g_assert_cmpuint (status, ==, 500);
  g_assert_cmpuint (g_bytes_get_size (deep), >, 350 * 1000);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (deep, NULL), 200, "/*"));

  g_assert_true (tessera_test_server_add_rule (server, "{\"fault\":\"malformed\"}", &error));
  malformed = request_raw (server, "GET", TOKENS, &status, &error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_false (json_parser_load_from_data (parser, g_bytes_get_data (malformed, NULL),
                                              (gssize) g_bytes_get_size (malformed), NULL));

  /* close-after: no answer, yet the token is gone. */
  g_assert_true (tessera_test_server_add_rule (server, "{\"method\":\"DELETE\",\"fault\":\"close-after\"}", &error));
  dropped = request_raw (server, "DELETE", victim_path, NULL, &error);
  g_assert_null (dropped);
  g_assert_nonnull (error);
  g_clear_error (&error);
  gone = request_raw (server, "DELETE", victim_path, &status, &error);
  g_assert_cmpuint (status, ==, 404);

  g_assert_cmpuint (reads (server, "DELETE", TOKENS "/"), ==, 2);
  g_assert_cmpuint (reads (server, "GET", NULL), ==, 3);
  g_assert_cmpuint (reads (server, NULL, NULL), ==, 5);
  g_assert_true (tessera_test_server_reset (server, &error));
  g_assert_cmpuint (reads (server, NULL, NULL), ==, 0);
}

typedef struct
{
  GMainLoop *loop;
  guint      pending;
} Parallel;

static void
parallel_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Parallel *p = user_data;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  g_assert_nonnull (bytes);
  if (--p->pending == 0)
    g_main_loop_quit (p->loop);
}

/* The latency delays every answer without holding up the others. */
static void
test_latency (void)
{
  const char *args[] = { "--latency-ms=400", NULL };
  g_autoptr(TesseraTestServer) server = start (args);
  g_autoptr(SoupSession) session = g_object_new (SOUP_TYPE_SESSION, "max-conns-per-host", 8, NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *uri = g_strconcat (tessera_test_server_get_url (server), ME, NULL);
  Parallel p = { loop, 4 };
  gint64 start_us = g_get_monotonic_time ();
  gint64 elapsed_ms;

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);

      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, parallel_cb, &p);
    }
  g_main_loop_run (loop);
  elapsed_ms = (g_get_monotonic_time () - start_us) / 1000;
  g_test_message ("4 parallel requests at 400 ms latency took %" G_GINT64_FORMAT " ms", elapsed_ms);
  g_assert_cmpint (elapsed_ms, >=, 400);
  g_assert_cmpint (elapsed_ms, <, 1200);
}

static void
test_state_restart (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-api-server-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (dir, "state.json", NULL);
  g_autofree char *state_arg = g_strconcat ("--state=", state, NULL);
  const char *args[] = { state_arg, NULL };
  g_autofree char *demo = NULL;
  g_autofree char *id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;

  {
    g_autoptr(TesseraTestServer) server = start (args);

    demo = g_strdup (tessera_test_server_get_demo_token (server));
    secret = create (server, "{\"notes\": \"keeps\"}", &id);
  }

  /* Only hashes on disk, readable by the owner only. */
  g_assert_true (g_file_get_contents (state, &contents, NULL, NULL));
  g_assert_null (strstr (contents, secret));
  g_assert_null (strstr (contents, demo));
  g_assert_cmpint (g_stat (state, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  {
    g_autoptr(TesseraTestServer) server = start (args);
    g_auto(Answer) list = { 0 };
    g_auto(Answer) me = { 0 };

    /* The same sign-in token, signed again with the kept key. */
    g_assert_cmpstr (tessera_test_server_get_demo_token (server), ==, demo);
    request (server, "GET", TOKENS, demo, NULL, &list);
    g_assert_nonnull (find_listed (&list, id));
    g_assert_cmpint (json_object_get_int_member (payload (&list), "count"), ==, 15);
    request (server, "GET", ME, secret, NULL, &me);
    payload (&me);
  }

  g_unlink (state);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api-server/envelope-me", test_envelope_me);
  g_test_add_func ("/api-server/unauthenticated", test_unauthenticated);
  g_test_add_func ("/api-server/list-paging", test_list_paging);
  g_test_add_func ("/api-server/page-size-cap", test_page_size_cap);
  g_test_add_func ("/api-server/last-used", test_last_used);
  g_test_add_func ("/api-server/create-checks", test_create_checks);
  g_test_add_func ("/api-server/token-limit", test_token_limit);
  g_test_add_func ("/api-server/delete", test_delete);
  g_test_add_func ("/api-server/expired-token", test_expired_token);
  g_test_add_func ("/api-server/faults", test_faults);
  g_test_add_func ("/api-server/fault-modes", test_fault_modes);
  g_test_add_func ("/api-server/latency", test_latency);
  g_test_add_func ("/api-server/state-restart", test_state_restart);

  return g_test_run ();
}
