/* test-faults.c — every failure the client must survive, from a real
 * SoupServer on loopback scripted per test, in this process
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "fault-fixture.h"

/* ---- transport --------------------------------------------------------- */

static void
test_connection_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(TesseraAccount) account = NULL;

  /* A port that was free a moment ago and has nobody listening. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  g_clear_object (&f->client);
  f->client = tessera_client_new (url, TEST_TOKEN, &error);
  g_assert_no_error (error);

  account = get_account (f, &error);
  g_assert_null (account);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_NETWORK);
  g_test_message ("%s", error->message);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;
  gint64 start;
  gint64 elapsed;

  use_staller (f);
  g_assert_cmpuint (tessera_client_get_timeout (f->client), ==, 15);
  tessera_client_set_timeout (f->client, 1);

  start = g_get_monotonic_time ();
  account = get_account (f, &error);
  elapsed = g_get_monotonic_time () - start;

  g_assert_null (account);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_TIMEOUT);
  g_assert_cmpuint (f->requests, ==, 1);
  g_test_message ("timed out after %" G_GINT64_FORMAT " ms", elapsed / 1000);
  g_assert_cmpint (elapsed, >=, G_USEC_PER_SEC / 2);
  g_assert_cmpint (elapsed, <, 10 * G_USEC_PER_SEC);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) already = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) list_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) list_error = NULL;
  g_autoptr(TesseraAccount) account = NULL;
  g_autoptr(GPtrArray) tokens = NULL;

  use_staller (f);

  tessera_client_get_account_async (f->client, cancellable, result_cb, f);
  g_timeout_add (100, cancel_cb, cancellable);
  result = wait_result (f);
  account = tessera_client_get_account_finish (f->client, result, &error);
  g_assert_null (account);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Cancelled before it starts: no request at all. */
  g_cancellable_cancel (already);
  f->requests = 0;
  tessera_client_list_tokens_async (f->client, already, result_cb, f);
  list_result = wait_result (f);
  tokens = tessera_client_list_tokens_finish (f->client, list_result, NULL, &list_error);
  g_assert_null (tokens);
  g_assert_error (list_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ---- HTTP statuses ----------------------------------------------------- */

static void
script_status (Fixture           *f,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query)
{
  guint http = GPOINTER_TO_UINT (f->script_data);

  switch (http)
    {
    case 401:
      reply_failure (msg, 401, 16, "Unauthenticated", "token has expired");
      break;
    case 403:
      reply_failure (msg, 403, 7, "PermissionDenied", "not allowed for this token");
      break;
    case 404:
      reply_failure (msg, 404, 5, "NotFound", "no such token");
      break;
    case 500:
      reply (msg, 500, "text/html", "<html><body><h1>500 Internal Server Error</h1></body></html>");
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  static const struct {
    guint http;
    int code;
    const char *text;
  } cases[] = {
    { 401, TESSERA_API_ERROR_UNAUTHENTICATED, "token has expired" },
    { 403, TESSERA_API_ERROR_PERMISSION_DENIED, "not allowed for this token" },
    { 404, TESSERA_API_ERROR_NOT_FOUND, "no such token" },
    { 500, TESSERA_API_ERROR_SERVER, "500" },
  };

  f->script = script_status;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraAccount) account = NULL;
      g_autoptr(GPtrArray) tokens = NULL;
      g_autoptr(GAsyncResult) result = NULL;

      f->script_data = GUINT_TO_POINTER (cases[i].http);
      f->requests = 0;

      account = get_account (f, &error);
      g_assert_null (account);
      g_assert_error (error, TESSERA_API_ERROR, cases[i].code);
      g_test_message ("%u → %s", cases[i].http, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].text));
      g_assert_cmpuint (f->requests, ==, 1);
      g_clear_error (&error);

      tokens = list_tokens (f, NULL, &error);
      g_assert_null (tokens);
      g_assert_error (error, TESSERA_API_ERROR, cases[i].code);
      g_clear_error (&error);

      tessera_client_delete_token_async (f->client, "t1", NULL, result_cb, f);
      result = wait_result (f);
      g_assert_false (tessera_client_delete_token_finish (f->client, result, &error));
      g_assert_error (error, TESSERA_API_ERROR, cases[i].code);
    }
}

/* ---- 429 --------------------------------------------------------------- */

static void
script_rate_limited (Fixture           *f,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query)
{
  guint limited = GPOINTER_TO_UINT (f->script_data);

  if (f->requests <= limited)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "1");
      reply_failure (msg, 429, 8, "ResourceExhausted", "slow down");
      return;
    }

  script_user (f, msg, path, query);
}

static void
test_429_retried (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;
  gint64 start = g_get_monotonic_time ();

  f->script = script_rate_limited;
  f->script_data = GUINT_TO_POINTER (1);

  account = get_account (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tessera_account_get_email (account), ==, "jack@example.com");
  g_assert_cmpuint (f->requests, ==, 2);
  /* Retry-After: 1 was honoured. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC * 9 / 10);
}

static void
test_429_twice (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;

  f->script = script_rate_limited;
  f->script_data = GUINT_TO_POINTER (100);

  account = get_account (f, &error);
  g_assert_null (account);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "slow down"));
  g_assert_cmpuint (f->requests, ==, 2);
}

static void
test_429_post_not_retried (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  char *secret = (char *) "untouched";

  f->script = script_rate_limited;
  f->script_data = GUINT_TO_POINTER (100);

  token = create_token (f, "ci", NULL, &secret, &error);
  g_assert_null (token);
  g_assert_null (secret);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (f->requests, ==, 1);
  g_assert_cmpstr (f->method, ==, "POST");
  g_clear_error (&error);

  f->requests = 0;
  tessera_client_delete_all_async (f->client, NULL, result_cb, f);
  result = wait_result (f);
  g_assert_false (tessera_client_delete_all_finish (f->client, result, NULL, &error));
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (f->requests, ==, 1);
  g_assert_cmpstr (f->method, ==, "DELETE");
}

static void
script_rate_limited_long (Fixture           *f,
                          SoupServerMessage *msg,
                          const char        *path,
                          GHashTable        *query)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "3600");
  reply_failure (msg, 429, 8, "ResourceExhausted", "come back in an hour");
}

static void
test_429_long_retry_after (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;

  /* Waiting an hour is not a retry: the 429 stands at once. */
  f->script = script_rate_limited_long;
  account = get_account (f, &error);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (f->requests, ==, 1);
}

static void
test_429_cancel_while_waiting (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;
  gint64 start = g_get_monotonic_time ();

  f->script = script_rate_limited;
  f->script_data = GUINT_TO_POINTER (1);

  tessera_client_get_account_async (f->client, cancellable, result_cb, f);
  g_timeout_add (200, cancel_cb, cancellable);
  result = wait_result (f);
  account = tessera_client_get_account_finish (f->client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->requests, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC * 9 / 10);
}

/* ---- bodies ------------------------------------------------------------ */

static void
test_bad_bodies (Fixture       *f,
                 gconstpointer  data)
{
  static const char *bodies[] = {
    "",
    "Hello, world",
    "<html><body>Welcome to nginx</body></html>",
    "{\"payload\":" USER_JSON ",\"status\":{\"code\":0}",          /* truncated */
    "[" USER_JSON "]",
    "{\"payload\":" USER_JSON "}",                                  /* no status */
    "{\"payload\":" USER_JSON ",\"status\":{\"code\":\"0\"}}",
    "{\"payload\":[],\"status\":{\"code\":0}}",
    "{\"payload\":null,\"status\":{\"code\":0}}",
    "{\"payload\":{\"id\":7,\"email\":\"a@b.c\"},\"status\":{\"code\":0}}",
    "{\"payload\":{\"id\":\"u\",\"email\":\"a@b.c\",\"org_ids\":{}},\"status\":{\"code\":0}}",
  };

  f->script = script_body;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraAccount) account = NULL;

      g_test_message ("%s", bodies[i]);
      f->script_data = (gpointer) bodies[i];
      account = get_account (f, &error);
      g_assert_null (account);
      g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_BAD_RESPONSE);
    }
}

static void
test_bad_list_bodies (Fixture       *f,
                      gconstpointer  data)
{
  static const char *bodies[] = {
    "{\"payload\":{\"count\":1},\"status\":{\"code\":0}}",
    "{\"payload\":{\"list\":\"t1\",\"count\":1},\"status\":{\"code\":0}}",
    "{\"payload\":{\"list\":[],\"count\":\"1\"},\"status\":{\"code\":0}}",
    "{\"payload\":{\"list\":[]},\"status\":{\"code\":0}}",
    "{\"payload\":{\"list\":[42],\"count\":1},\"status\":{\"code\":0}}",
    "{\"payload\":{\"list\":[{\"id\":\"t1\",\"expire\":12}],\"count\":1},\"status\":{\"code\":0}}",
    "{\"payload\":{\"list\":[{\"notes\":\"no id\"}],\"count\":1},\"status\":{\"code\":0}}",
  };

  f->script = script_body;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) tokens = NULL;

      g_test_message ("%s", bodies[i]);
      f->script_data = (gpointer) bodies[i];
      tokens = list_tokens (f, NULL, &error);
      g_assert_null (tokens);
      g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_BAD_RESPONSE);
    }
}

static char *
huge_body (void)
{
  GString *body = g_string_new ("{\"payload\":{\"id\":\"u\",\"email\":\"a@b.c\",\"pad\":\"");

  while (body->len < 3 * 1024 * 1024)
    g_string_append (body, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_string_append (body, "\"},\"status\":{\"code\":0}}");
  return g_string_free (body, FALSE);
}

static void
script_huge (Fixture           *f,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query)
{
  g_autofree char *body = huge_body ();
  gboolean chunked = GPOINTER_TO_INT (f->script_data);

  soup_server_message_set_status (msg, 200, NULL);
  if (chunked)
    {
      /* No Content-Length to go by: the cap must hold while reading. */
      SoupMessageBody *response = soup_server_message_get_response_body (msg);
      gsize length = strlen (body);

      soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                         SOUP_ENCODING_CHUNKED);
      for (gsize offset = 0; offset < length; offset += 65536)
        soup_message_body_append (response, SOUP_MEMORY_COPY, body + offset, MIN (65536, length - offset));
      soup_message_body_complete (response);
    }
  else
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
test_oversize (Fixture       *f,
               gconstpointer  data)
{
  f->script = script_huge;

  for (int chunked = 0; chunked <= 1; chunked++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraAccount) account = NULL;

      f->script_data = GINT_TO_POINTER (chunked);
      account = get_account (f, &error);
      g_assert_null (account);
      g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_BAD_RESPONSE);
      g_test_message ("%s: %s", chunked ? "chunked" : "Content-Length", error->message);
    }
}

/* ---- the rest of the calls --------------------------------------------- */

static void
script_create (Fixture           *f,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query)
{
  g_assert_cmpstr (path, ==, "/api/v1/user/access_tokens");
  g_assert_cmpstr (soup_server_message_get_method (msg), ==, "POST");
  reply_ok (msg, "{\"id\":\"new1\",\"notes\":\"ci deploy\",\"expire\":\"2027-01-01T00:00:00Z\","
                 "\"created_at\":\"2026-11-27T10:00:00Z\",\"last_used_at\":null,"
                 "\"token\":\"eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJuZXcxIn0.c2ln\"}");
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) token = NULL;
  g_autoptr(TesseraToken) never = NULL;
  g_autoptr(GDateTime) expire = g_date_time_new_from_iso8601 ("2027-01-01T01:00:00+01:00", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *sent;
  g_auto(TesseraSecret) secret = NULL;

  f->script = script_create;
  token = create_token (f, "ci deploy", expire, &secret, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tessera_token_get_id (token), ==, "new1");
  g_assert_cmpstr (secret, ==, "eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJuZXcxIn0.c2ln");
  g_assert_true (tessera_token_get_has_last_used (token));

  g_assert_true (json_parser_load_from_data (parser, f->request_body, -1, NULL));
  sent = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (sent, "notes"), ==, "ci deploy");
  g_assert_cmpstr (json_object_get_string_member (sent, "expire"), ==, "2027-01-01T00:00:00Z");

  /* Never expires: expire is null.  The secret need not be taken. */
  never = create_token (f, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, f->request_body, -1, NULL));
  sent = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (sent, "notes"), ==, "");
  g_assert_true (json_object_get_null_member (sent, "expire"));
}

static void
test_create_no_secret (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) token = NULL;
  char *secret = NULL;

  f->script = script_body;
  f->script_data = "{\"payload\":{\"id\":\"new1\",\"notes\":\"\"},\"status\":{\"code\":0}}";
  token = create_token (f, "x", NULL, &secret, &error);
  g_assert_null (token);
  g_assert_null (secret);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_BAD_RESPONSE);
}

static void
script_delete (Fixture           *f,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query)
{
  g_assert_cmpstr (soup_server_message_get_method (msg), ==, "DELETE");
  if (g_str_equal (path, "/api/v1/user/access_tokens"))
    reply_ok (msg, "{\"deleted\":3}");
  else if (g_str_equal (path, "/api/v1/user/access_tokens/t1"))
    reply_ok (msg, "null");
  else
    reply_failure (msg, 404, 5, "NotFound", "no such token");
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GAsyncResult) one = NULL;
  g_autoptr(GAsyncResult) unknown = NULL;
  g_autoptr(GAsyncResult) all = NULL;
  g_autoptr(GError) error = NULL;
  guint deleted = 0;

  f->script = script_delete;

  tessera_client_delete_token_async (f->client, "t1", NULL, result_cb, f);
  one = wait_result (f);
  g_assert_true (tessera_client_delete_token_finish (f->client, one, &error));
  g_assert_no_error (error);

  /* An unknown id (sent escaped, as one path segment). */
  tessera_client_delete_token_async (f->client, "a/b", NULL, result_cb, f);
  unknown = wait_result (f);
  g_assert_false (tessera_client_delete_token_finish (f->client, unknown, &error));
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_NOT_FOUND);
  g_clear_error (&error);

  tessera_client_delete_all_async (f->client, NULL, result_cb, f);
  all = wait_result (f);
  g_assert_true (tessera_client_delete_all_finish (f->client, all, &deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deleted, ==, 3);
}

/* A 200 of the wrong shape is no success: the row must stay, the count
 * must not be made up. */
static void
test_delete_wrong_shapes (Fixture       *f,
                          gconstpointer  data)
{
  static const char *one[] = {
    "{\"deleted\":1}", "[]", "\"ok\"", "{}", "0", "true",
  };
  static const char *all[] = {
    "null", "{}", "{\"deleted\":\"3\"}", "{\"deleted\":-1}", "{\"deleted\":1.5}",
    "[]", "{\"deleted\":null}", "7",
  };

  f->script = script_body;
  for (guint i = 0; i < G_N_ELEMENTS (one) + G_N_ELEMENTS (all); i++)
    {
      gboolean is_one = i < G_N_ELEMENTS (one);
      const char *payload = is_one ? one[i] : all[i - G_N_ELEMENTS (one)];
      g_autofree char *body = g_strdup_printf ("{\"payload\":%s,\"status\":{\"code\":0}}", payload);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      guint deleted = 99;
      gboolean ok;

      g_test_message ("%s: %s", is_one ? "delete one" : "delete all", payload);
      f->script_data = body;
      if (is_one)
        tessera_client_delete_token_async (f->client, "t1", NULL, result_cb, f);
      else
        tessera_client_delete_all_async (f->client, NULL, result_cb, f);
      result = wait_result (f);
      ok = is_one ? tessera_client_delete_token_finish (f->client, result, &error)
                  : tessera_client_delete_all_finish (f->client, result, &deleted, &error);
      g_assert_false (ok);
      g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_BAD_RESPONSE);
      if (!is_one)
        g_assert_cmpuint (deleted, ==, 0);
    }
}

/* 31 December 9999 late in the evening, west of UTC, is already year
 * 10000 in UTC: it cannot be sent, and must never go out as null
 * ("does not expire"). */
static void
test_create_expiry_unsendable (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GTimeZone) west = g_time_zone_new_identifier ("-01:00");
  g_autoptr(GDateTime) expire = g_date_time_new (west, 9999, 12, 31, 23, 30, 0);
  g_autoptr(GDateTime) last = g_date_time_new_utc (9999, 12, 31, 23, 59, 59);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) token = NULL;
  g_autoptr(TesseraToken) fine = NULL;
  char *secret = (char *) "untouched";

  g_assert_nonnull (expire);
  f->script = script_create;
  token = create_token (f, "far", expire, &secret, &error);
  g_assert_null (token);
  g_assert_null (secret);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (f->requests, ==, 0);
  g_clear_error (&error);

  /* The last second that exists in UTC still goes out, as a date. */
  fine = create_token (f, "far", last, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (f->request_body, "\"9999-12-31T23:59:59Z\""));
}

static void
warning_cb (TesseraClient *client,
            const char    *message,
            gpointer       user_data)
{
  GPtrArray *warnings = user_data;

  g_ptr_array_add (warnings, g_strdup (message));
}

static void
test_warning (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;
  g_autoptr(TesseraAccount) quiet = NULL;

  g_signal_connect (f->client, "warning", G_CALLBACK (warning_cb), warnings);

  f->script = script_body;
  f->script_data = "{\"payload\":" USER_JSON ",\"status\":{\"code\":0,\"message\":\"OK\"},"
                   "\"warning\":\"This API is deprecated\"}";
  account = get_account (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==, "This API is deprecated");

  f->script = script_user;
  quiet = get_account (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 1);
}

static void
test_headers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;

  f->script = script_user;
  account = get_account (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->user_agent, ==, "Tessera/" PACKAGE_VERSION);
  g_assert_cmpstr (f->authorization, ==, "Bearer " TEST_TOKEN);
  g_assert_cmpstr (f->method, ==, "GET");
  g_assert_cmpstr (tessera_client_get_origin (f->client), ==, f->url);
}

static void
test_test_token (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;
  g_autoptr(GAsyncResult) bad_result = NULL;
  g_autoptr(TesseraAccount) none = NULL;

  f->script = script_user;
  tessera_client_test_token_async (f->url, "another-token", NULL, result_cb, f);
  result = wait_result (f);
  account = tessera_client_test_token_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tessera_account_get_email (account), ==, "jack@example.com");
  g_assert_cmpstr (f->authorization, ==, "Bearer another-token");

  tessera_client_test_token_async ("http://example.com", "t", NULL, result_cb, f);
  bad_result = wait_result (f);
  none = tessera_client_test_token_finish (bad_result, &error);
  g_assert_null (none);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_INSECURE_URL);
}

/* Ten megabytes pasted as a token: refused in our own words, before any
 * request (a server would answer 431 with advice about something else). */
static void
test_token_too_long (Fixture       *f,
                     gconstpointer  data)
{
  gsize length = 10 * 1024 * 1024;
  g_auto(TesseraSecret) huge = g_malloc (length + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TesseraAccount) account = NULL;
  g_autofree char *just_right = g_strnfill (TESSERA_SECRET_MAX_LENGTH, 'a');
  g_autoptr(TesseraClient) fits = NULL;

  memset (huge, 'x', length);
  huge[length] = '\0';
  f->script = script_user;

  client = tessera_client_new (f->url, huge, &error);
  g_assert_null (client);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "too long"));
  g_clear_error (&error);

  tessera_client_test_token_async (f->url, huge, NULL, result_cb, f);
  result = wait_result (f);
  account = tessera_client_test_token_finish (result, &error);
  g_assert_null (account);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "too long"));
  g_assert_cmpuint (f->requests, ==, 0);
  g_clear_error (&error);

  /* The longest token allowed is still a token. */
  fits = tessera_client_new (f->url, just_right, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fits);
}

/* ---- redirects --------------------------------------------------------- */

static void
script_redirect (Fixture           *f,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query)
{
  g_autofree char *location = g_strconcat (f->script_data, path, NULL);

  soup_server_message_set_redirect (msg, 302, location);
}

static void
test_redirect_not_followed (Fixture       *f,
                            gconstpointer  data)
{
  Fixture other = { 0 };
  g_autofree char *other_url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;

  other.server = server_new (&other, &other_url);
  other.script = script_user;

  f->script = script_redirect;
  f->script_data = other_url;
  account = get_account (f, &error);
  g_assert_null (account);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_BAD_RESPONSE);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (f->requests, ==, 1);
  /* The other origin never saw a request, let alone the token. */
  g_assert_cmpuint (other.requests, ==, 0);
  g_assert_null (other.authorization);

  spin (50);
  soup_server_disconnect (other.server);
  g_clear_object (&other.server);
}

/* ---- TLS --------------------------------------------------------------- */

/* A throwaway self-signed certificate for 127.0.0.1 (valid for 100 years),
 * made for these tests only: its key protects nothing. */
static const char test_certificate[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIDHDCCAgSgAwIBAgIUedagQdPcnxG/idw7W65uFi9G9+IwDQYJKoZIhvcNAQEL\n"
  "BQAwFDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNzIzMjUyMFoYDzIxMjYx\n"
  "MTAzMjMyNTIwWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwggEiMA0GCSqGSIb3DQEB\n"
  "AQUAA4IBDwAwggEKAoIBAQDt7B6qiNj6HX4b9CeajqJAlPx1fqiwOsZw56/pzowa\n"
  "RMCRuFsgFpwI4ZW1KLO/vL0fMtRppYHcykk0f1iQB8M1su2XtYupCOC4qm3gKx3v\n"
  "oSM2o9o3VZCo0idBMjh0dQmtnAcUFe1WvBa1YdjiIZxe53L/pcMASqPW7Sw6HxHL\n"
  "CV2P2bxg+Pp28q1Do+jUM7bjDzHrLzxJtesGHvJfoPQg00SjRckEDKh/Lm/2PyyS\n"
  "DaLgU1PauzXRn7uugXvCju6aFXWLkqV1ASQpUv9OYHmcwdQNhgN2PCLCXq9hJGnl\n"
  "flW6c2Nvalb/0FGRgfzwyR+/TG14PVcLnbQuZXfhf/YbAgMBAAGjZDBiMB0GA1Ud\n"
  "DgQWBBTbQVOU/baiOE0n0pyKnTaOjH2KbTAfBgNVHSMEGDAWgBTbQVOU/baiOE0n\n"
  "0pyKnTaOjH2KbTAPBgNVHREECDAGhwR/AAABMA8GA1UdEwEB/wQFMAMBAf8wDQYJ\n"
  "KoZIhvcNAQELBQADggEBAH9u3FqkHDP5zHZzamwshpR6j+fvt7hPBMHBLDXjxiee\n"
  "p4eJFnICdAM0/18l/8oZApHzG4zMojLUEiU7efwSBNA/lMUiCAd1hyipVN0J1lc4\n"
  "TNMRByeG+KmjWg9gZlmxsHc5scHXe+Dh9/uD144eehQQF4ScMNtCbMNqnwP6JbNs\n"
  "FUKHuBrZrO77dug5CJ5tDrbTFHPMGXf/ayq9j5T8lrhy7JibMIW56IzM+9aZkvgn\n"
  "zN1zZpQl1bF7P+qnMxldzA/K09s6z2XWCtv2h4G8A0BNj/vqBJCZxkvRbWRSK/K8\n"
  "KsNr7vpAXy9ob1UYF64SWO+ZKJqtQDjoQpCsCvPRl/0=\n"
  "-----END CERTIFICATE-----\n";

static const char test_key[] =
  "-----BEGIN PRIVATE KEY-----\n"
  "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDt7B6qiNj6HX4b\n"
  "9CeajqJAlPx1fqiwOsZw56/pzowaRMCRuFsgFpwI4ZW1KLO/vL0fMtRppYHcykk0\n"
  "f1iQB8M1su2XtYupCOC4qm3gKx3voSM2o9o3VZCo0idBMjh0dQmtnAcUFe1WvBa1\n"
  "YdjiIZxe53L/pcMASqPW7Sw6HxHLCV2P2bxg+Pp28q1Do+jUM7bjDzHrLzxJtesG\n"
  "HvJfoPQg00SjRckEDKh/Lm/2PyySDaLgU1PauzXRn7uugXvCju6aFXWLkqV1ASQp\n"
  "Uv9OYHmcwdQNhgN2PCLCXq9hJGnlflW6c2Nvalb/0FGRgfzwyR+/TG14PVcLnbQu\n"
  "ZXfhf/YbAgMBAAECggEABTqvmqGM0v8aQYIvEqcRDVUFRNzo/seCsoKAzkLvt0ug\n"
  "ZUc2mw5KUFrjZM+UKuIYMxr/ZVQeCet2lKrEBKko3Mt5oBF9T15xd9T3a/U+B9nv\n"
  "UFB5FngHKxzhzv2HFUdCBZ7vBfilQEcLVwlPyPodmdfuDmWJjmWpRL7bDQhwegW0\n"
  "eqkIAY/ataB6/pS37u5IoEampH1f36nKV4+9JwItDT4AjK3MRGbslumDt5M78rJw\n"
  "w43brZvRI7jJjzM+ekde5R7RWJLSoFP1btonbLgjuH/kqdxdUDkyIWpP4yYjqIjL\n"
  "JJJyFmDQPaInOweVzahEqSlYyLhudr1245RgjscSCQKBgQD21LJXWd4xghlmsZFD\n"
  "4oCfclAz++MGLEi6SPcLzcPPDEMuFnG1jBIaH0n1ivkVGB0OO0iZ8XYRsuYY6Sia\n"
  "8XX9SgJuXmM6UlQkj0YljP+asVJty5DwFYJLwOX5hVa/U2NnC6KUmFOQonRlW0iD\n"
  "4iFEjIafMWQvVX6qqkGdUgtQswKBgQD2wrSTKkcwSyRJ2P0OEdKPNAKoiHr9vCy1\n"
  "kTWG6pKUCWCHYWiRiUehB9oc62Gu0mYHrpON2tdL+LRyCsiwzmrgnXFdgkko96ht\n"
  "SQMriBrtCa0VDa422kZg3eqGJW6Fi6y0ROxf/AMRNBPFEOaUdYaLZfvPUUZ28I7P\n"
  "eV/hTNOo+QKBgQDSohNGg4QfD3yJrAHgwkssxao3kj3bqLKvdVCMnBz6dOZnT/Pd\n"
  "DxjrfcPpa5y/KYKyAFkmNW2iEN5WZ7Gk92TOrveAI7/dpx/yyuj7ZmVBJwzGcS7Q\n"
  "EirMZmJaGjU6s/hhmQY2c/7rsBZP4CPzl2b4TksbUlTCJ90d2oh/reHGDQKBgAmB\n"
  "1O06msWMj5hcyNsq6p7j1RpjL8Ho5xwTvSk2jnEvr01n/lxlGqJkqA2nL/tJVe8D\n"
  "1eGIRfVCXslqCvNs8Ic46a49n835RL75KisaMldhoQ6HmWe5ny6KPkfu10RD7mJ/\n"
  "qU/FaOTXyc806H1dzdI/GqWRLxLUD9yEg6ItkJYZAoGAIq5q8Sux/mz+kcqjE2Dy\n"
  "IOU49dgW+DMHV2TMSDRiUbfmqnTduZpFATe75vosXWBEAeqYKqYKQjQ5Z+QNic4T\n"
  "XTw7bbeyRY8uK5Yn6lvbgdtbu8xQYdUxTswngrjgaQKcyGyul/hCOyOtVtf2s8Kf\n"
  "3nTu6ap2RXkYg0fMLZ6BDWo=\n"
  "-----END PRIVATE KEY-----\n";

static SoupServer *
tls_server_new (Fixture  *f,
                char    **url_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = g_strconcat (test_certificate, test_key, NULL);
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  SoupServer *server;
  GSList *uris;

  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, server_cb, f, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  *url_out = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

/* A trust store that holds only the test certificate. */
static GTlsDatabase *
test_database (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GTlsDatabase *database;
  int fd;

  g_assert_null (f->ca_path);
  fd = g_file_open_tmp ("tessera-test-ca-XXXXXX.pem", &f->ca_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (f->ca_path, test_certificate, -1, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (f->ca_path, &error);
  g_assert_no_error (error);
  return database;
}

/* Replaces the fixture's server and client with HTTPS ones. */
static void
use_tls (Fixture  *f,
         gboolean  trusted)
{
  g_autoptr(GError) error = NULL;

  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->url, g_free);
  g_clear_object (&f->client);

  f->server = tls_server_new (f, &f->url);
  f->client = tessera_client_new (f->url, TEST_TOKEN, &error);
  g_assert_no_error (error);

  if (trusted)
    {
      g_autoptr(GTlsDatabase) database = test_database (f);

      tessera_client_set_tls_database (f->client, database);
    }
}

static void
test_tls_untrusted (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;

  use_tls (f, FALSE);
  f->script = script_user;

  account = get_account (f, &error);
  g_assert_null (account);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_TLS);
  g_test_message ("%s", error->message);
  /* The handshake failed: no request, no token sent. */
  g_assert_cmpuint (f->requests, ==, 0);
}

static void
test_tls_trusted (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;

  use_tls (f, TRUE);
  f->script = script_user;

  account = get_account (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tessera_account_get_email (account), ==, "jack@example.com");
  g_assert_cmpstr (f->authorization, ==, "Bearer " TEST_TOKEN);
}

static void
test_https_to_http_redirect (Fixture       *f,
                             gconstpointer  data)
{
  Fixture other = { 0 };
  g_autofree char *other_url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;

  use_tls (f, TRUE);
  other.server = server_new (&other, &other_url);
  other.script = script_user;

  f->script = script_redirect;
  f->script_data = other_url;
  account = get_account (f, &error);
  g_assert_null (account);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_INSECURE_URL);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (f->requests, ==, 1);
  g_assert_cmpuint (other.requests, ==, 0);
  g_assert_null (other.authorization);

  spin (50);
  soup_server_disconnect (other.server);
  g_clear_object (&other.server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/faults/connection-refused", test_connection_refused);
  ADD ("/faults/timeout", test_timeout);
  ADD ("/faults/cancel", test_cancel);
  ADD ("/faults/status", test_status);
  ADD ("/faults/429-retried-once", test_429_retried);
  ADD ("/faults/429-twice", test_429_twice);
  ADD ("/faults/429-post-not-retried", test_429_post_not_retried);
  ADD ("/faults/429-long-retry-after", test_429_long_retry_after);
  ADD ("/faults/429-cancel-while-waiting", test_429_cancel_while_waiting);
  ADD ("/faults/bad-bodies", test_bad_bodies);
  ADD ("/faults/bad-list-bodies", test_bad_list_bodies);
  ADD ("/faults/oversize", test_oversize);
  ADD ("/faults/redirect-not-followed", test_redirect_not_followed);
  ADD ("/faults/tls-untrusted", test_tls_untrusted);
  ADD ("/faults/tls-trusted", test_tls_trusted);
  ADD ("/faults/https-to-http-redirect", test_https_to_http_redirect);
  ADD ("/client/headers", test_headers);
  ADD ("/client/warning", test_warning);
  ADD ("/client/create", test_create);
  ADD ("/client/create-without-secret", test_create_no_secret);
  ADD ("/client/delete", test_delete);
  ADD ("/client/delete-wrong-shapes", test_delete_wrong_shapes);
  ADD ("/client/create-expiry-unsendable", test_create_expiry_unsendable);
  ADD ("/client/test-token", test_test_token);
  ADD ("/client/token-too-long", test_token_too_long);

#undef ADD

  return g_test_run ();
}
