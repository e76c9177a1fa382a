/* test-calls.c — each call of the client against a scripted in-process
 * server: what it sends, and what it makes of right and wrong answers
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fault-fixture.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

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
