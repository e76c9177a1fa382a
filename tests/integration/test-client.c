/* test-client.c — every TesseraClient call against a real tessera-api-server
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-client"

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "tessera-client.h"
#include "tessera-jwt.h"
#include "tessera-secret.h"
#include "tessera-test-server.h"

#define N_SEEDED 14   /* the demo account's tokens, sign-in token included */

/* ---- helpers ---------------------------------------------------------- */

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* Spins the default main context until the callback has stored a result. */
static GAsyncResult *
await (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static TesseraTestServer *
start (const char * const *args)
{
  g_autoptr(GError) error = NULL;
  TesseraTestServer *server = tessera_test_server_start (args, &error);

  g_assert_no_error (error);
  g_assert_nonnull (server);
  return server;
}

static TesseraClient *
client_for (TesseraTestServer *server)
{
  g_autoptr(GError) error = NULL;
  TesseraClient *client = tessera_client_new (tessera_test_server_get_url (server),
                                              tessera_test_server_get_demo_token (server),
                                              &error);

  g_assert_no_error (error);
  g_assert_nonnull (client);
  return client;
}

static TesseraAccount *
get_account (TesseraClient  *client,
             GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tessera_client_get_account_async (client, NULL, result_cb, &result);
  return tessera_client_get_account_finish (client, await (&result), error);
}

static GPtrArray *
list_tokens (TesseraClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *tokens;

  tessera_client_list_tokens_async (client, NULL, result_cb, &result);
  tokens = tessera_client_list_tokens_finish (client, await (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tokens);
  return tokens;
}

/* *secret_out may be NULL: the secret is then wiped at once. */
static TesseraToken *
create_token (TesseraClient  *client,
              const char     *notes,
              GDateTime      *expire,
              char          **secret_out,
              GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(TesseraSecret) secret = NULL;
  TesseraToken *token;

  tessera_client_create_token_async (client, notes, expire, NULL, result_cb, &result);
  token = tessera_client_create_token_finish (client, await (&result), &secret, error);
  if (token != NULL)
    g_assert_nonnull (secret);
  if (secret_out != NULL)
    *secret_out = g_steal_pointer (&secret);
  return token;
}

static gboolean
delete_token (TesseraClient  *client,
              const char     *id,
              GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tessera_client_delete_token_async (client, id, NULL, result_cb, &result);
  return tessera_client_delete_token_finish (client, await (&result), error);
}

static TesseraToken *
find_token (GPtrArray  *tokens,
            const char *id)
{
  for (guint i = 0; i < tokens->len; i++)
    if (g_str_equal (tessera_token_get_id (g_ptr_array_index (tokens, i)), id))
      return g_ptr_array_index (tokens, i);
  return NULL;
}

/* The ids as the server pages them, asked for with plain libsoup. */
static GPtrArray *
server_ids (TesseraTestServer *server)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *auth = g_strconcat ("Bearer ", tessera_test_server_get_demo_token (server), NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint page = 1; ; page++)
    {
      g_autofree char *uri = g_strdup_printf ("%s/api/v1/user/access_tokens?page=%u&page_size=10",
                                              tessera_test_server_get_url (server), page);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonArray *list;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      body = soup_session_send_and_read (session, msg, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                 (gssize) g_bytes_get_size (body), NULL));
      list = json_object_get_array_member (json_object_get_object_member (
        json_node_get_object (json_parser_get_root (parser)), "payload"), "list");
      if (json_array_get_length (list) == 0)
        break;
      for (guint i = 0; i < json_array_get_length (list); i++)
        g_ptr_array_add (ids, g_strdup (json_object_get_string_member (
          json_array_get_object_element (list, i), "id")));
    }
  return ids;
}

/* ---- tests ------------------------------------------------------------ */

static void
test_account (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  g_autoptr(TesseraClient) client = client_for (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = get_account (client, &error);
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (tessera_account_get_email (account), ==, tessera_test_server_get_demo_email (server));
  g_assert_cmpstr (tessera_account_get_first_name (account), ==, "Ada");
  g_assert_cmpstr (tessera_account_get_last_name (account), ==, "Lovelace");
  g_assert_cmpuint (g_strv_length ((char **) tessera_account_get_org_ids (account)), ==, 1);
  g_assert_cmpstr (tessera_account_get_id (account), !=, "");
  name = tessera_account_dup_display_name (account);
  g_assert_cmpstr (name, ==, "Ada Lovelace");
}

/* 23 tokens through a cap of 10: three pages, all of them, in order. */
static void
test_list_paged (void)
{
  const char *args[] = { "--seed-tokens=9", "--page-size-cap=10", NULL };
  g_autoptr(TesseraTestServer) server = start (args);
  g_autoptr(TesseraClient) client = client_for (server);
  g_autoptr(GPtrArray) tokens = list_tokens (client);
  g_autoptr(GPtrArray) expected = server_ids (server);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint never = 0, expired = 0, unused = 0;

  g_assert_cmpuint (expected->len, ==, 23);
  g_assert_cmpuint (tokens->len, ==, 23);
  for (guint i = 0; i < tokens->len; i++)
    {
      TesseraToken *token = g_ptr_array_index (tokens, i);

      g_assert_cmpstr (tessera_token_get_id (token), ==, g_ptr_array_index (expected, i));
      g_assert_true (g_hash_table_add (seen, (gpointer) tessera_token_get_id (token)));
      g_assert_nonnull (tessera_token_get_created_at (token));
      if (i > 0)
        g_assert_cmpint (g_date_time_compare (tessera_token_get_created_at (token),
                                              tessera_token_get_created_at (g_ptr_array_index (tokens, i - 1))), <=, 0);
      if (tessera_token_get_expire (token) == NULL)
        never++;
      if (tessera_token_get_expire (token) != NULL &&
          g_date_time_compare (tessera_token_get_expire (token), now) <= 0)
        expired++;
      if (tessera_token_get_last_used_at (token) == NULL)
        unused++;
    }
  /* The seed's variety came through: Go's zero time parsed as "never". */
  g_assert_cmpuint (never, >=, 3);
  g_assert_cmpuint (expired, ==, 1);
  g_assert_cmpuint (unused, >=, 9);
}

static void
test_create (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  g_autoptr(TesseraClient) client = client_for (server);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expire = g_date_time_add_days (now, 30);
  g_auto(TesseraSecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) token = create_token (client, "ci deploy (staging)", expire, &secret, &error);
  g_autoptr(GDateTime) exp = NULL;
  g_autofree char *jti = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  TesseraToken *listed;

  g_assert_no_error (error);
  g_assert_cmpstr (tessera_token_get_notes (token), ==, "ci deploy (staging)");
  g_assert_nonnull (tessera_token_get_expire (token));
  g_assert_cmpint (g_date_time_to_unix (tessera_token_get_expire (token)), ==, g_date_time_to_unix (expire));
  g_assert_null (tessera_token_get_last_used_at (token));
  g_assert_cmpint (tessera_token_get_state (token), ==, TESSERA_TOKEN_STATE_ACTIVE);

  /* The secret is a JWT naming the token and its expiry. */
  g_assert_true (tessera_jwt_read_claims (secret, &exp, &jti, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (jti, ==, tessera_token_get_id (token));
  g_assert_nonnull (exp);
  g_assert_cmpint (g_date_time_to_unix (exp), ==, g_date_time_to_unix (expire));

  tokens = list_tokens (client);
  g_assert_cmpuint (tokens->len, ==, N_SEEDED + 1);
  /* Newest first. */
  listed = g_ptr_array_index (tokens, 0);
  g_assert_cmpstr (tessera_token_get_id (listed), ==, tessera_token_get_id (token));
  g_assert_cmpstr (tessera_token_get_notes (listed), ==, "ci deploy (staging)");
}

static void
test_create_never (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  g_autoptr(TesseraClient) client = client_for (server);
  g_auto(TesseraSecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) token = create_token (client, "", NULL, &secret, &error);
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GDateTime) exp = NULL;
  g_autofree char *jti = NULL;
  TesseraToken *listed;

  g_assert_no_error (error);
  g_assert_null (tessera_token_get_expire (token));
  g_assert_cmpstr (tessera_token_get_notes (token), ==, "");
  g_assert_true (tessera_jwt_read_claims (secret, &exp, &jti, &error));
  g_assert_null (exp);

  tokens = list_tokens (client);
  listed = find_token (tokens, tessera_token_get_id (token));
  g_assert_nonnull (listed);
  g_assert_null (tessera_token_get_expire (listed));
  g_assert_cmpint (tessera_token_get_state (listed), ==, TESSERA_TOKEN_STATE_ACTIVE);
}

static void
test_token_limit (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  g_autoptr(TesseraClient) client = client_for (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) refused = NULL;
  g_autoptr(GPtrArray) tokens = NULL;

  for (guint i = N_SEEDED; i < 50; i++)
    {
      g_autofree char *notes = g_strdup_printf ("token %u", i + 1);
      g_autoptr(TesseraToken) token = create_token (client, notes, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (token);
    }
  refused = create_token (client, "token 51", NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_TOKEN_LIMIT);
  g_test_message ("51st create: %s", error->message);

  tokens = list_tokens (client);
  g_assert_cmpuint (tokens->len, ==, 50);
}

static void
test_notes_length (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  g_autoptr(TesseraClient) client = client_for (server);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) too_long = NULL;
  g_autoptr(TesseraToken) fits = NULL;

  /* Characters, not bytes: 256 of "ü" are 512 bytes and fit. */
  for (guint i = 0; i < 256; i++)
    g_string_append (notes, "ü");
  fits = create_token (client, notes->str, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tessera_token_get_notes (fits), ==, notes->str);

  g_string_append_c (notes, 'x');
  too_long = create_token (client, notes->str, NULL, NULL, &error);
  g_assert_null (too_long);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_ARGUMENT);
}

static void
test_expire_in_past (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  g_autoptr(TesseraClient) client = client_for (server);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) token = create_token (client, "late", yesterday, NULL, &error);

  g_assert_null (token);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_ARGUMENT);
}

static void
test_delete (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  g_autoptr(TesseraClient) client = client_for (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) token = create_token (client, "short-lived", NULL, NULL, &error);
  g_autoptr(GPtrArray) tokens = NULL;

  g_assert_no_error (error);
  g_assert_true (delete_token (client, tessera_token_get_id (token), &error));
  g_assert_no_error (error);

  tokens = list_tokens (client);
  g_assert_cmpuint (tokens->len, ==, N_SEEDED);
  g_assert_null (find_token (tokens, tessera_token_get_id (token)));

  g_assert_false (delete_token (client, tessera_token_get_id (token), &error));
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_NOT_FOUND);
}

static void
test_delete_all (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  g_autoptr(TesseraClient) client = client_for (server);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;
  guint n_deleted = 0;

  tessera_client_delete_all_async (client, NULL, result_cb, &result);
  g_assert_true (tessera_client_delete_all_finish (client, await (&result), &n_deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_deleted, ==, N_SEEDED);

  /* The sign-in token went too. */
  account = get_account (client, &error);
  g_assert_null (account);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED);
}

static TesseraAccount *
test_token (TesseraTestServer  *server,
            const char         *token,
            GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tessera_client_test_token_async (tessera_test_server_get_url (server), token, NULL, result_cb, &result);
  return tessera_client_test_token_finish (await (&result), error);
}

static void
test_test_token (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) good = test_token (server, tessera_test_server_get_demo_token (server), &error);
  g_autoptr(TesseraAccount) bad = NULL;
  g_autoptr(TesseraAccount) garbage = NULL;
  g_autofree char *tampered = g_strdup (tessera_test_server_get_demo_token (server));

  g_assert_no_error (error);
  g_assert_cmpstr (tessera_account_get_email (good), ==, tessera_test_server_get_demo_email (server));

  tampered[strlen (tampered) - 1] = tampered[strlen (tampered) - 1] == 'A' ? 'B' : 'A';
  bad = test_token (server, tampered, &error);
  g_assert_null (bad);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED);
  g_clear_error (&error);

  garbage = test_token (server, "not-a-token", &error);
  g_assert_null (garbage);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED);
}

static void
test_last_used (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  g_autoptr(TesseraClient) client = client_for (server);
  g_auto(TesseraSecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) token = create_token (client, "used once", NULL, &secret, &error);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(TesseraAccount) account = NULL;
  g_autoptr(GDateTime) now = NULL;
  TesseraToken *listed;

  g_assert_no_error (error);
  before = list_tokens (client);
  listed = find_token (before, tessera_token_get_id (token));
  g_assert_nonnull (listed);
  g_assert_null (tessera_token_get_last_used_at (listed));
  g_assert_true (tessera_token_get_has_last_used (listed));

  account = test_token (server, secret, &error);
  g_assert_no_error (error);

  after = list_tokens (client);
  listed = find_token (after, tessera_token_get_id (token));
  g_assert_nonnull (tessera_token_get_last_used_at (listed));
  now = g_date_time_new_now_utc ();
  g_assert_cmpint (ABS (g_date_time_difference (now, tessera_token_get_last_used_at (listed))),
                   <, 60 * G_TIME_SPAN_SECOND);
}

/* Another client deletes or creates a token right after page 1 was
 * answered: the listing notices, reads again, and shows exactly the
 * server's set. */
static void
test_list_changes_between_pages (void)
{
  static const char *faults[] = { "delete-after-page", "insert-after-page" };
  const char *args[] = { "--seed-tokens=9", "--page-size-cap=10", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(TesseraTestServer) server = start (args);
      g_autoptr(TesseraClient) client = client_for (server);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) tokens = NULL;
      g_autoptr(GPtrArray) expected = NULL;
      g_autofree char *rule = g_strdup_printf ("{\"fault\":\"%s\",\"page\":1}", faults[i]);
      gboolean settled = FALSE;
      guint reads;

      g_assert_true (tessera_test_server_add_rule (server, rule, &error));
      tessera_client_list_tokens_async (client, NULL, result_cb, &result);
      tokens = tessera_client_list_tokens_finish (client, await (&result), &settled, &error);
      g_assert_no_error (error);
      g_assert_true (settled);

      expected = server_ids (server);
      g_assert_cmpuint (expected->len, ==, i == 0 ? 22 : 24);
      g_assert_cmpuint (tokens->len, ==, expected->len);
      for (guint t = 0; t < tokens->len; t++)
        g_assert_cmpstr (tessera_token_get_id (g_ptr_array_index (tokens, t)), ==,
                         g_ptr_array_index (expected, t));

      /* Three pages read twice, and the server_ids() pages. */
      reads = tessera_test_server_count_requests (server, "GET", "/api/v1/user/access_tokens", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (reads, ==, 3 + 3 + 4);
    }
}

/* Faults of the real server reach the client as the right codes. */
static void
test_server_faults (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  g_autoptr(TesseraClient) client = client_for (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = list_tokens (client);
  g_autoptr(TesseraAccount) account = NULL;
  const char *id = tessera_token_get_id (g_ptr_array_index (tokens, 0));

  g_assert_true (tessera_test_server_fail_next (server, "DELETE", "/api/v1/user/access_tokens/", 502, 1, &error));
  g_assert_false (delete_token (client, id, &error));
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_SERVER);
  g_clear_error (&error);

  /* A GET answered 429 is retried once, after Retry-After: 1. */
  g_assert_true (tessera_test_server_fail_next (server, "GET", "/api/v1/user/me", 429, 1, &error));
  account = get_account (client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
}

static void
warning_cb (TesseraClient *client,
            const char    *message,
            gpointer       user_data)
{
  char **out = user_data;

  g_free (*out);
  *out = g_strdup (message);
}

static void
test_warning (void)
{
  g_autoptr(TesseraTestServer) server = start (NULL);
  g_autoptr(TesseraClient) client = client_for (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;
  g_autofree char *warning = NULL;

  g_signal_connect (client, "warning", G_CALLBACK (warning_cb), &warning);
  g_assert_true (tessera_test_server_add_rule (server, "{\"warning\": \"Maintenance at 02:00 UTC\"}", &error));
  account = get_account (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (warning, ==, "Maintenance at 02:00 UTC");
}

static void
test_state_restart (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-client-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (dir, "state.json", NULL);
  g_autofree char *state_arg = g_strconcat ("--state=", state, NULL);
  const char *args[] = { state_arg, NULL };
  g_autofree char *id = NULL;

  {
    g_autoptr(TesseraTestServer) server = start (args);
    g_autoptr(TesseraClient) client = client_for (server);
    g_autoptr(GError) error = NULL;
    g_autoptr(TesseraToken) token = create_token (client, "survives a restart", NULL, NULL, &error);

    g_assert_no_error (error);
    id = g_strdup (tessera_token_get_id (token));
  }

  {
    g_autoptr(TesseraTestServer) server = start (args);
    g_autoptr(TesseraClient) client = client_for (server);
    g_autoptr(GPtrArray) tokens = list_tokens (client);
    TesseraToken *listed = find_token (tokens, id);

    g_assert_nonnull (listed);
    g_assert_cmpstr (tessera_token_get_notes (listed), ==, "survives a restart");
    g_assert_cmpuint (tokens->len, ==, N_SEEDED + 1);
  }

  g_unlink (state);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/account", test_account);
  g_test_add_func ("/client/list-paged", test_list_paged);
  g_test_add_func ("/client/list-changes-between-pages", test_list_changes_between_pages);
  g_test_add_func ("/client/create", test_create);
  g_test_add_func ("/client/create-never", test_create_never);
  g_test_add_func ("/client/token-limit", test_token_limit);
  g_test_add_func ("/client/notes-length", test_notes_length);
  g_test_add_func ("/client/expire-in-past", test_expire_in_past);
  g_test_add_func ("/client/delete", test_delete);
  g_test_add_func ("/client/delete-all", test_delete_all);
  g_test_add_func ("/client/test-token", test_test_token);
  g_test_add_func ("/client/last-used", test_last_used);
  g_test_add_func ("/client/server-faults", test_server_faults);
  g_test_add_func ("/client/warning", test_warning);
  g_test_add_func ("/client/state-restart", test_state_restart);

  return g_test_run ();
}
