/* test-faults.c — every failure the client must survive, from a real
 * SoupServer on loopback scripted per test, in this process
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

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

#undef ADD

  return g_test_run ();
}
