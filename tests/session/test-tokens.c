/* test-tokens.c — the token repository: the list equals the server's,
 * changes apply as differences, a failed refresh keeps the rows, an answer
 * that was lost is found out, and states change on the clock
 *
 * Against tessera-api-server (its /_test/fail rules: "delay_ms" holds the
 * answer after the work is done, "status" fails before doing it) and the
 * keyring of build-aux/private-session.  The server is asked over plain
 * libsoup, the keyring with secret-tool.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-tokens"

#include "config.h"

#include "session-test-util.h"
#include "test-own-keyring.h"

typedef struct
{
  TesseraTestServer *server;
  TesseraAccounts   *accounts;
  TesseraSession    *session;
  TesseraTokenList  *tokens;
  const char        *url;
  const char        *token;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = start_server (NULL);
  fixture->url = tessera_test_server_get_url (fixture->server);
  fixture->token = tessera_test_server_get_demo_token (fixture->server);
  fixture->accounts = new_accounts ();
  /* A stall of 3 s outlasts it: the answer is lost after the work. */
  tessera_accounts_set_request_timeout (fixture->accounts, 1);
  fixture->session = g_object_ref (add_account (fixture->accounts, fixture->url, fixture->token));
  fixture->tokens = tessera_session_get_tokens (fixture->session);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  sign_out_on (fixture->accounts, fixture->url);
  {
    g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
    g_autoptr(GAsyncResult) done = NULL;

    tessera_secret_store_delete_account_async (store, fixture->url, "demo@tessera.app", NULL,
                                               result_cb, &done);
    tessera_secret_store_delete_account_finish (store, wait_result (&done), NULL);
  }
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->accounts);
  g_clear_pointer (&fixture->server, tessera_test_server_stop);
}

static void
add_rule (Fixture    *fixture,
          const char *rule)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_test_server_add_rule (fixture->server, rule, &error));
  g_assert_no_error (error);
}

static gboolean
reload (Fixture  *fixture,
        GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tessera_token_list_reload_async (fixture->tokens, NULL, result_cb, &result);
  return tessera_token_list_reload_finish (fixture->tokens, wait_result (&result), error);
}

static void
assert_equals_server (Fixture *fixture)
{
  g_autoptr(GPtrArray) ours = session_ids (fixture->session);
  g_autoptr(GPtrArray) theirs = oracle_ids (fixture->url, fixture->token);

  assert_same_ids (ours, theirs);
}

/* ---- differences ---------------------------------------------------- */

typedef struct
{
  guint position, removed, added;
} Change;

static void
record_change_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
test_reload_applies_difference (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GPtrArray) before = session_ids (fixture->session);
  g_autoptr(TesseraToken) kept = g_list_model_get_item (G_LIST_MODEL (fixture->tokens), 0);
  g_autoptr(TesseraToken) last = NULL;
  g_autofree char *made = NULL;
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->tokens));
  gulong id;

  id = g_signal_connect (fixture->tokens, "items-changed", G_CALLBACK (record_change_cb), changes);

  /* Listed again, unchanged: nothing to announce. */
  g_assert_true (reload (fixture, &error));
  g_assert_cmpuint (changes->len, ==, 0);

  /* One deleted elsewhere, in the middle: one removal, of that one. */
  oracle_delete (fixture->url, fixture->token, g_ptr_array_index (before, 5));
  g_assert_true (reload (fixture, &error));
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, 5);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 0);

  /* One made elsewhere: one insertion, at the top (newest first). */
  made = oracle_create (fixture->url, fixture->token, "made elsewhere");
  g_array_set_size (changes, 0);
  g_assert_true (reload (fixture, &error));
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->tokens)), ==, n);

  /* The tokens that stayed are the same objects: views keep their rows. */
  last = g_list_model_get_item (G_LIST_MODEL (fixture->tokens), 1);
  g_assert_true (last == kept);
  assert_equals_server (fixture);

  g_signal_handler_disconnect (fixture->tokens, id);
}

/* ---- a failed refresh ---------------------------------------------- */

static void
test_failed_refresh_keeps_rows (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) before = session_ids (fixture->session);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  GDateTime *refreshed;

  refreshed = g_date_time_ref (tessera_token_list_get_refreshed_at (fixture->tokens));
  add_rule (fixture, "{\"method\": \"GET\", \"path_prefix\": \"/api/v1/user/access_tokens\", \"status\": 500}");
  g_assert_false (reload (fixture, &error));
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_SERVER);

  /* The rows stay, marked as not current, with the time they are from. */
  after = session_ids (fixture->session);
  assert_same_ids (before, after);
  g_assert_true (tessera_token_list_get_stale (fixture->tokens));
  g_assert_true (tessera_token_list_get_loaded (fixture->tokens));
  g_assert_error (tessera_token_list_get_error (fixture->tokens), TESSERA_API_ERROR, TESSERA_API_ERROR_SERVER);
  g_assert_true (g_date_time_equal (tessera_token_list_get_refreshed_at (fixture->tokens), refreshed));
  g_assert_true (tessera_token_list_get_can_create (fixture->tokens));
  g_assert_cmpint (tessera_session_get_state (fixture->session), ==, TESSERA_SESSION_STATE_SIGNED_IN);

  g_clear_error (&error);
  g_assert_true (reload (fixture, &error));
  g_assert_false (tessera_token_list_get_stale (fixture->tokens));
  g_assert_null (tessera_token_list_get_error (fixture->tokens));
  g_date_time_unref (refreshed);
}

/* A 401 to a refresh marks the account refused and keeps its sign-in. */
static void
test_refused_refresh (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_rule (fixture, "{\"method\": \"GET\", \"path_prefix\": \"/api/v1/user/access_tokens\", \"status\": 401}");
  g_assert_false (reload (fixture, &error));
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED);
  g_assert_cmpint (tessera_session_get_state (fixture->session), ==, TESSERA_SESSION_STATE_REFUSED);
  spin_for (200);
  g_assert_cmpuint (keyring_count (fixture->url, "demo@tessera.app", "sign-in"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->accounts)), ==, 1);
}

/* ---- answers that were lost ---------------------------------------- */

static void
test_create_lost_after_work (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TesseraToken) orphan = NULL;
  g_autoptr(TesseraToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) server_ids = NULL;
  char *secret = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->tokens));

  /* The server makes the token, then stalls past the client's patience. */
  add_rule (fixture, "{\"method\": \"POST\", \"delay_ms\": 3000}");
  tessera_token_list_create_async (fixture->tokens, "lost in transit", NULL, NULL, result_cb, &result);
  token = tessera_token_list_create_finish (fixture->tokens, wait_result (&result), &secret,
                                            &orphan, &error);

  /* Found out, and said so plainly: the token is there, its secret lost. */
  g_assert_null (token);
  g_assert_null (secret);
  g_assert_error (error, TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_ORPHAN);
  g_assert_nonnull (strstr (error->message, "lost in transit"));
  g_assert_nonnull (orphan);
  g_assert_cmpstr (tessera_token_get_notes (orphan), ==, "lost in transit");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->tokens)), ==, n + 1);
  server_ids = oracle_ids (fixture->url, fixture->token);
  g_assert_true (ids_contain (server_ids, tessera_token_get_id (orphan)));
  assert_equals_server (fixture);
}

static void
test_create_failed_before_work (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TesseraToken) orphan = NULL;
  g_autoptr(TesseraToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = oracle_ids (fixture->url, fixture->token);
  g_autoptr(GPtrArray) after = NULL;

  /* A 502 from a proxy: the server did nothing.  Listing again shows no
   * new token, so it is safe to try again: the first error stands. */
  add_rule (fixture, "{\"method\": \"POST\", \"status\": 502}");
  tessera_token_list_create_async (fixture->tokens, "never made", NULL, NULL, result_cb, &result);
  token = tessera_token_list_create_finish (fixture->tokens, wait_result (&result), NULL,
                                            &orphan, &error);
  g_assert_null (token);
  g_assert_null (orphan);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_SERVER);
  after = oracle_ids (fixture->url, fixture->token);
  assert_same_ids (before, after);
  assert_equals_server (fixture);
}

static void
test_delete_lost_after_work (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) victim = g_list_model_get_item (G_LIST_MODEL (fixture->tokens), 3);
  g_autofree char *id = g_strdup (tessera_token_get_id (victim));
  TesseraSavedSecrets *secrets = tessera_session_get_secrets (fixture->session);
  g_autoptr(GPtrArray) server_ids = NULL;

  tessera_saved_secrets_save_async (secrets, id, "victim", "victim-secret", NULL, result_cb, &saved);
  g_assert_true (tessera_saved_secrets_save_finish (secrets, wait_result (&saved), NULL));

  add_rule (fixture, "{\"method\": \"DELETE\", \"delay_ms\": 3000}");
  tessera_token_list_delete_async (fixture->tokens, victim, NULL, result_cb, &result);

  /* It went through: success, the row and the keyring item gone. */
  g_assert_true (tessera_token_list_delete_finish (fixture->tokens, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_null (tessera_token_list_find (fixture->tokens, id));
  server_ids = oracle_ids (fixture->url, fixture->token);
  g_assert_false (ids_contain (server_ids, id));
  WAIT_UNTIL (keyring_count (fixture->url, "demo@tessera.app", "generated") == 0);
  WAIT_UNTIL (!tessera_saved_secrets_contains (secrets, id));
}

static void
test_delete_refused_keeps_row (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) victim = g_list_model_get_item (G_LIST_MODEL (fixture->tokens), 2);

  add_rule (fixture, "{\"method\": \"DELETE\", \"status\": 403}");
  tessera_token_list_delete_async (fixture->tokens, victim, NULL, result_cb, &result);
  g_assert_false (tessera_token_list_delete_finish (fixture->tokens, wait_result (&result), &error));
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_PERMISSION_DENIED);
  g_assert_true (tessera_token_list_find (fixture->tokens, tessera_token_get_id (victim)) == victim);
  assert_equals_server (fixture);
}

static void
test_delete_all_lost_after_work (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  add_rule (fixture, "{\"method\": \"DELETE\", \"path_prefix\": \"/api/v1/user/access_tokens\", \"delay_ms\": 3000}");
  tessera_token_list_delete_all_async (fixture->tokens, NULL, result_cb, &result);

  /* Everything was deleted: not "Could Not Delete All Tokens". */
  g_assert_true (tessera_token_list_delete_all_finish (fixture->tokens, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (tessera_session_get_state (fixture->session), ==, TESSERA_SESSION_STATE_ENDED);
  g_assert_cmpuint (oracle_status_me (fixture->url, fixture->token), ==, 401);
  WAIT_UNTIL (keyring_count (fixture->url, "demo@tessera.app", NULL) == 0);
}

/* ---- the keyring follows the server --------------------------------- */

static void
test_prune_after_listing (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) gone = g_list_model_get_item (G_LIST_MODEL (fixture->tokens), 4);
  g_autoptr(TesseraToken) stays = g_list_model_get_item (G_LIST_MODEL (fixture->tokens), 6);
  g_autoptr(GAsyncResult) saved_too = NULL;
  TesseraSavedSecrets *secrets = tessera_session_get_secrets (fixture->session);

  tessera_saved_secrets_save_async (secrets, tessera_token_get_id (gone), "gone", "gone-secret",
                                    NULL, result_cb, &saved);
  g_assert_true (tessera_saved_secrets_save_finish (secrets, wait_result (&saved), NULL));
  tessera_saved_secrets_save_async (secrets, tessera_token_get_id (stays), "stays", "stays-secret",
                                    NULL, result_cb, &saved_too);
  g_assert_true (tessera_saved_secrets_save_finish (secrets, wait_result (&saved_too), NULL));

  /* Deleted by another client: after the next listing, its secret goes. */
  oracle_delete (fixture->url, fixture->token, tessera_token_get_id (gone));
  g_assert_true (reload (fixture, &error));
  WAIT_UNTIL (keyring_count (fixture->url, "demo@tessera.app", "generated") == 1);
  {
    g_autoptr(KeyringItems) left = keyring_search (fixture->url, "kind", "generated", NULL);

    g_assert_cmpstr (g_hash_table_lookup (left->attributes, "token-id"), ==, tessera_token_get_id (stays));
  }
  WAIT_UNTIL (!tessera_saved_secrets_contains (secrets, tessera_token_get_id (gone)));
  g_assert_true (tessera_saved_secrets_contains (secrets, tessera_token_get_id (stays)));

  /* A failed listing vouches for nothing: nothing is removed. */
  oracle_delete (fixture->url, fixture->token, tessera_token_get_id (stays));
  add_rule (fixture, "{\"method\": \"GET\", \"path_prefix\": \"/api/v1/user/access_tokens\", \"status\": 500}");
  g_assert_false (reload (fixture, NULL));
  spin_for (300);
  g_assert_cmpuint (keyring_count (fixture->url, "demo@tessera.app", "generated"), ==, 1);
}

/* ---- Attach Secret ------------------------------------------------------ */

static gboolean
attach (Fixture       *fixture,
        TesseraToken  *token,
        const char    *secret,
        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tessera_session_attach_secret_async (fixture->session, token, secret, NULL, result_cb, &result);
  return tessera_session_attach_secret_finish (fixture->session, wait_result (&result), error);
}

static void
test_attach_secret (Fixture       *fixture,
                    gconstpointer  data)
{
  /* Made elsewhere (the web console): Tessera lists them, secrets unknown. */
  g_autofree char *first = oracle_create (fixture->url, fixture->token, "made in the console");
  g_autofree char *second = oracle_create (fixture->url, fixture->token, "made elsewhere too");
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) token_second = NULL;
  g_autoptr(TesseraToken) token_first = NULL;
  g_autoptr(KeyringItems) saved = NULL;
  TesseraSavedSecrets *secrets = tessera_session_get_secrets (fixture->session);
  g_autofree char *padded = NULL;

  g_assert_true (reload (fixture, &error));
  token_second = g_list_model_get_item (G_LIST_MODEL (fixture->tokens), 0);
  token_first = g_list_model_get_item (G_LIST_MODEL (fixture->tokens), 1);
  g_assert_cmpstr (tessera_token_get_notes (token_first), ==, "made in the console");

  /* Another token's secret: refused with a reason, nothing saved. */
  g_assert_false (attach (fixture, token_first, second, &error));
  g_assert_error (error, TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_WRONG_TOKEN);
  g_clear_error (&error);
  g_assert_false (attach (fixture, token_first, "not a token at all", &error));
  g_assert_error (error, TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_WRONG_TOKEN);
  g_clear_error (&error);
  g_assert_cmpuint (keyring_count (fixture->url, "demo@tessera.app", "generated"), ==, 0);
  g_assert_false (tessera_saved_secrets_contains (secrets, tessera_token_get_id (token_first)));

  /* Its own secret, pasted with a newline: checked with the server, saved. */
  padded = g_strconcat ("  ", first, "\n", NULL);
  g_assert_true (attach (fixture, token_first, padded, &error));
  g_assert_no_error (error);
  g_assert_true (tessera_saved_secrets_contains (secrets, tessera_token_get_id (token_first)));
  saved = keyring_search (fixture->url, "kind", "generated", NULL);
  g_assert_cmpuint (saved->n_items, ==, 1);
  g_assert_cmpstr (saved->secret, ==, first);
  g_assert_cmpstr (g_hash_table_lookup (saved->attributes, "token-id"), ==, tessera_token_get_id (token_first));

  /* Deleted on the server since: its claim fits, the server refuses it. */
  oracle_delete (fixture->url, fixture->token, tessera_token_get_id (token_second));
  g_assert_false (attach (fixture, token_second, second, &error));
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED);
  g_assert_cmpuint (keyring_count (fixture->url, "demo@tessera.app", "generated"), ==, 1);

  explicit_bzero (first, strlen (first));
  explicit_bzero (second, strlen (second));
}

/* ---- the clock --------------------------------------------------------- */

static void
test_state_changes_on_time (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  /* Enters the 7-day warning window two seconds from now. */
  g_autoptr(GDateTime) in_7_days = g_date_time_add_seconds (now, 7 * 24 * 3600 + 2.5);
  g_autofree char *expire = g_date_time_format_iso8601 (in_7_days);
  g_autoptr(GError) error = NULL;
  TesseraClock *clock = tessera_accounts_get_clock (fixture->accounts);
  TesseraToken *token;
  gint64 start;

  g_free (oracle_create_expiring (fixture->url, fixture->token, "soon", expire));
  g_assert_true (reload (fixture, &error));
  token = g_list_model_get_item (G_LIST_MODEL (fixture->tokens), 0);
  g_object_unref (token);
  g_assert_cmpstr (tessera_token_get_notes (token), ==, "soon");
  g_assert_cmpint (tessera_token_get_state (token), ==, TESSERA_TOKEN_STATE_ACTIVE);

  /* No reload, no poll: the state changes at the moment it is due. */
  start = g_get_monotonic_time ();
  WAIT_UNTIL (tessera_token_get_state (token) == TESSERA_TOKEN_STATE_EXPIRING_SOON);
  g_test_message ("changed after %.1f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);

  /* A shorter warning window applies at once. */
  tessera_clock_set_warning_days (clock, 3);
  g_assert_cmpint (tessera_token_get_state (token), ==, TESSERA_TOKEN_STATE_ACTIVE);
  tessera_clock_set_warning_days (clock, 7);
  g_assert_cmpint (tessera_token_get_state (token), ==, TESSERA_TOKEN_STATE_EXPIRING_SOON);
}

int
main (int   argc,
      char *argv[])
{
  if (!tessera_test_in_private_session ("test-tokens"))
    return 0;

  /* Its items churn: a keyring of its own, or they vanish under the
   * listings of the suite's other programs (and theirs under this one's). */
  own_keyring_up ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/tokens/reload-applies-difference", test_reload_applies_difference);
  ADD ("/tokens/failed-refresh-keeps-rows", test_failed_refresh_keeps_rows);
  ADD ("/tokens/refused-refresh", test_refused_refresh);
  ADD ("/tokens/create-lost-after-work", test_create_lost_after_work);
  ADD ("/tokens/create-failed-before-work", test_create_failed_before_work);
  ADD ("/tokens/delete-lost-after-work", test_delete_lost_after_work);
  ADD ("/tokens/delete-refused-keeps-row", test_delete_refused_keeps_row);
  ADD ("/tokens/delete-all-lost-after-work", test_delete_all_lost_after_work);
  ADD ("/tokens/prune-after-listing", test_prune_after_listing);
  ADD ("/tokens/state-changes-on-time", test_state_changes_on_time);
  ADD ("/tokens/attach-secret", test_attach_secret);

  {
    int status = g_test_run ();

    own_keyring_down ();
    return status;
  }
}
