/* test-accounts.c — several accounts, owned by TesseraAccounts: on one
 * server and on two, restored after a restart, signed out and emptied
 * one at a time, and late answers that change nothing
 *
 * Real parts only: tessera-api-server over loopback and the
 * gnome-keyring-daemon of build-aux/private-session.  The server is asked
 * with plain libsoup and the keyring with secret-tool, never with the
 * code under test.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-accounts"

#include "config.h"

#include "session-test-util.h"
#include "test-own-keyring.h"

static const char * const two_users[] = { "--users=2", NULL };

static void
assert_lists_server (TesseraSession *session,
                     const char     *url,
                     const char     *token)
{
  g_autoptr(GPtrArray) ours = session_ids (session);
  g_autoptr(GPtrArray) theirs = oracle_ids (url, token);

  assert_same_ids (ours, theirs);
}

static void
test_two_on_one_server (void)
{
  g_autoptr(TesseraTestServer) server = start_server (two_users);
  g_autoptr(TesseraAccounts) accounts = new_accounts ();
  const char *url = tessera_test_server_get_url (server);
  TesseraSession *ada, *grace;

  ada = add_account (accounts, url, tessera_test_server_get_user_token (server, 0));
  grace = add_account (accounts, url, tessera_test_server_get_user_token (server, 1));

  /* Two accounts, each with its own list: the second did not sign the
   * first out. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 2);
  g_assert_cmpint (tessera_session_get_state (ada), ==, TESSERA_SESSION_STATE_SIGNED_IN);
  g_assert_cmpstr (tessera_session_get_email (ada), ==, "demo@tessera.app");
  g_assert_cmpstr (tessera_session_get_email (grace), ==, "grace@tessera.app");
  g_assert_true (tessera_accounts_find (accounts, url, "grace@tessera.app") == grace);
  g_assert_true (tessera_accounts_find (accounts, url, "GRACE@tessera.app") == grace);
  assert_lists_server (ada, url, tessera_test_server_get_user_token (server, 0));
  assert_lists_server (grace, url, tessera_test_server_get_user_token (server, 1));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tessera_session_get_tokens (grace))), ==, 4);

  /* One sign-in item each, with the token's id. */
  g_assert_cmpuint (keyring_count (url, "demo@tessera.app", "sign-in"), ==, 1);
  g_assert_cmpuint (keyring_count (url, "grace@tessera.app", "sign-in"), ==, 1);
  {
    g_autoptr(KeyringItems) item = keyring_search (url, "account", "grace@tessera.app", NULL);

    g_assert_cmpstr (g_hash_table_lookup (item->attributes, "token-id"), ==,
                     tessera_session_get_sign_in_token_id (grace));
    g_assert_cmpstr (item->secret, ==, tessera_test_server_get_user_token (server, 1));
  }

  /* Adding an account that is there already signs it in again: still two. */
  add_account (accounts, url, tessera_test_server_get_user_token (server, 1));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 2);
  g_assert_cmpuint (keyring_count (url, "grace@tessera.app", "sign-in"), ==, 1);

  sign_out_on (accounts, url);
}

static void
test_two_servers (void)
{
  g_autoptr(TesseraTestServer) staging = start_server (NULL);
  g_autoptr(TesseraTestServer) production = start_server (NULL);
  g_autoptr(TesseraAccounts) accounts = new_accounts ();
  TesseraSession *a, *b;

  /* The same person (demo@tessera.app) on two servers: two accounts. */
  a = add_account (accounts, tessera_test_server_get_url (staging),
                   tessera_test_server_get_demo_token (staging));
  b = add_account (accounts, tessera_test_server_get_url (production),
                   tessera_test_server_get_demo_token (production));

  g_assert_true (a != b);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 2);
  g_assert_cmpstr (tessera_session_get_email (a), ==, tessera_session_get_email (b));
  assert_lists_server (a, tessera_test_server_get_url (staging), tessera_test_server_get_demo_token (staging));
  assert_lists_server (b, tessera_test_server_get_url (production), tessera_test_server_get_demo_token (production));
  g_assert_true (tessera_accounts_find (accounts, tessera_test_server_get_url (production),
                                        "demo@tessera.app") == b);

  sign_out_on (accounts, tessera_test_server_get_url (staging));
  sign_out_on (accounts, tessera_test_server_get_url (production));
}

static void
test_restore_both (void)
{
  g_autoptr(TesseraTestServer) server = start_server (two_users);
  g_autoptr(TesseraTestServer) other = start_server (NULL);
  const char *url = tessera_test_server_get_url (server);
  g_autoptr(TesseraAccounts) before = new_accounts ();
  g_autoptr(TesseraAccounts) after = NULL;
  TesseraSession *ada, *grace, *elsewhere;

  add_account (before, url, tessera_test_server_get_user_token (server, 0));
  add_account (before, url, tessera_test_server_get_user_token (server, 1));
  add_account (before, tessera_test_server_get_url (other), tessera_test_server_get_demo_token (other));
  g_clear_object (&before);

  /* A new start: every saved sign-in comes back, restored at once. */
  after = new_accounts ();
  restore (after);
  g_assert_cmpuint (n_accounts_on (after, url), ==, 2);
  g_assert_cmpuint (n_accounts_on (after, tessera_test_server_get_url (other)), ==, 1);
  ada = tessera_accounts_find (after, url, "demo@tessera.app");
  grace = tessera_accounts_find (after, url, "grace@tessera.app");
  elsewhere = tessera_accounts_find (after, tessera_test_server_get_url (other), "demo@tessera.app");
  g_assert_nonnull (ada);
  g_assert_nonnull (grace);
  g_assert_nonnull (elsewhere);

  WAIT_UNTIL (tessera_session_get_state (ada) == TESSERA_SESSION_STATE_SIGNED_IN &&
              tessera_session_get_state (grace) == TESSERA_SESSION_STATE_SIGNED_IN &&
              tessera_session_get_state (elsewhere) == TESSERA_SESSION_STATE_SIGNED_IN);
  WAIT_UNTIL (tessera_token_list_get_loaded (tessera_session_get_tokens (ada)) &&
              tessera_token_list_get_loaded (tessera_session_get_tokens (grace)));
  assert_lists_server (ada, url, tessera_test_server_get_user_token (server, 0));
  assert_lists_server (grace, url, tessera_test_server_get_user_token (server, 1));
  g_assert_nonnull (tessera_session_get_account (grace));

  /* Restoring again adds nothing twice. */
  restore (after);
  g_assert_cmpuint (n_accounts_on (after, url), ==, 2);
  g_assert_cmpuint (n_accounts_on (after, tessera_test_server_get_url (other)), ==, 1);

  sign_out_on (after, url);
  sign_out_on (after, tessera_test_server_get_url (other));
}

static void
test_sign_out_one (void)
{
  g_autoptr(TesseraTestServer) server = start_server (two_users);
  g_autoptr(TesseraAccounts) accounts = new_accounts ();
  const char *url = tessera_test_server_get_url (server);
  g_autoptr(TesseraSession) ada = NULL;
  TesseraSession *grace;

  ada = g_object_ref (add_account (accounts, url, tessera_test_server_get_user_token (server, 0)));
  grace = add_account (accounts, url, tessera_test_server_get_user_token (server, 1));

  sign_out (ada);

  g_assert_cmpint (tessera_session_get_state (ada), ==, TESSERA_SESSION_STATE_ENDED);
  g_assert_null (tessera_session_get_error (ada));
  g_assert_cmpuint (n_accounts_on (accounts, url), ==, 1);
  g_assert_null (tessera_accounts_find (accounts, url, "demo@tessera.app"));
  g_assert_cmpuint (keyring_count (url, "demo@tessera.app", "sign-in"), ==, 0);

  /* The other account is untouched: signed in, listed, saved. */
  g_assert_cmpint (tessera_session_get_state (grace), ==, TESSERA_SESSION_STATE_SIGNED_IN);
  g_assert_cmpuint (keyring_count (url, "grace@tessera.app", "sign-in"), ==, 1);
  tessera_token_list_reload (tessera_session_get_tokens (grace));
  WAIT_UNTIL (!tessera_token_list_get_loading (tessera_session_get_tokens (grace)));
  g_assert_null (tessera_token_list_get_error (tessera_session_get_tokens (grace)));

  /* The token Ada signed in with still works: signing out is not
   * deleting. */
  g_assert_cmpuint (oracle_status_me (url, tessera_test_server_get_user_token (server, 0)), ==, 200);

  sign_out_on (accounts, url);
}

static void
save_secret (TesseraSession *session,
             const char     *token_id,
             const char     *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TesseraSavedSecrets *secrets = tessera_session_get_secrets (session);

  tessera_saved_secrets_save_async (secrets, token_id, "saved", secret, NULL, result_cb, &result);
  g_assert_true (tessera_saved_secrets_save_finish (secrets, wait_result (&result), &error));
  g_assert_no_error (error);
}

static void
test_delete_all_one (void)
{
  g_autoptr(TesseraTestServer) server = start_server (two_users);
  g_autoptr(TesseraAccounts) accounts = new_accounts ();
  const char *url = tessera_test_server_get_url (server);
  const char *ada_token = tessera_test_server_get_user_token (server, 0);
  const char *grace_token = tessera_test_server_get_user_token (server, 1);
  g_autoptr(TesseraSession) ada = NULL;
  g_autoptr(GPtrArray) grace_before = oracle_ids (url, grace_token);
  g_autoptr(GPtrArray) grace_after = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TesseraSession *grace;
  TesseraTokenList *tokens;

  ada = g_object_ref (add_account (accounts, url, ada_token));
  grace = add_account (accounts, url, grace_token);
  save_secret (ada, "some-ada-token", "ada-secret");
  save_secret (grace, g_ptr_array_index (grace_before, 1), "grace-secret");

  tokens = tessera_session_get_tokens (ada);
  tessera_token_list_delete_all_async (tokens, NULL, result_cb, &result);
  g_assert_true (tessera_token_list_delete_all_finish (tokens, wait_result (&result), &error));
  g_assert_no_error (error);

  /* Ada's account is emptied and gone from Tessera, with every item… */
  g_assert_cmpint (tessera_session_get_state (ada), ==, TESSERA_SESSION_STATE_ENDED);
  g_assert_error (tessera_session_get_error (ada), TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_ENDED);
  g_assert_cmpuint (oracle_status_me (url, ada_token), ==, 401);
  WAIT_UNTIL (keyring_count (url, "demo@tessera.app", NULL) == 0);

  /* …and Grace keeps her tokens, her sign-in and her saved secret. */
  grace_after = oracle_ids (url, grace_token);
  assert_same_ids (grace_before, grace_after);
  g_assert_cmpuint (keyring_count (url, "grace@tessera.app", "sign-in"), ==, 1);
  g_assert_cmpuint (keyring_count (url, "grace@tessera.app", "generated"), ==, 1);
  g_assert_cmpint (tessera_session_get_state (grace), ==, TESSERA_SESSION_STATE_SIGNED_IN);
  g_assert_cmpuint (n_accounts_on (accounts, url), ==, 1);

  sign_out_on (accounts, url);
  {
    g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
    g_autoptr(GAsyncResult) done = NULL;

    tessera_secret_store_delete_account_async (store, url, "grace@tessera.app", NULL, result_cb, &done);
    g_assert_true (tessera_secret_store_delete_account_finish (store, wait_result (&done), NULL));
  }
}

/* The saved sign-in is refused late, after the user signed in again with
 * a good token: the late answer must neither sign out nor clear the new
 * sign-in from the keyring. */
static void
test_late_restore (void)
{
  g_autoptr(TesseraTestServer) server = start_server (NULL);
  const char *url = tessera_test_server_get_url (server);
  const char *good = tessera_test_server_get_demo_token (server);
  g_autofree char *stale = oracle_create (url, good, "soon deleted");
  g_autoptr(TesseraAccounts) accounts = new_accounts ();
  g_autoptr(GAsyncResult) restored = NULL;
  g_autoptr(GAsyncResult) signed_in = NULL;
  g_autoptr(GError) restore_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KeyringItems) item = NULL;
  TesseraSession *session;

  /* Saved, then deleted on the server: its restore will meet a 401. */
  add_account (accounts, url, stale);
  g_clear_object (&accounts);
  {
    g_autoptr(JsonNode) root = NULL;
    g_autoptr(GPtrArray) ids = oracle_ids (url, good);
    g_autofree char *path = g_strdup_printf ("/api/v1/user/access_tokens/%s",
                                             (const char *) g_ptr_array_index (ids, 0));

    root = oracle_request (url, good, "DELETE", path, NULL);
  }
  g_assert_true (tessera_test_server_add_rule (server,
                                               "{\"path_prefix\": \"/api/v1/user/me\", \"delay_ms\": 1500}",
                                               &error));
  g_assert_no_error (error);

  accounts = new_accounts ();
  restore (accounts);
  session = tessera_accounts_find (accounts, url, "demo@tessera.app");
  g_assert_nonnull (session);
  g_assert_cmpint (tessera_session_get_state (session), ==, TESSERA_SESSION_STATE_RESTORING);

  /* Overtaken by a sign-in with a good token while /user/me stalls. */
  tessera_session_restore_async (session, NULL, result_cb, &restored);
  tessera_session_sign_in_async (session, good, NULL, result_cb, &signed_in);
  g_assert_true (tessera_session_sign_in_finish (session, wait_result (&signed_in), NULL, &error));
  g_assert_no_error (error);
  g_assert_false (tessera_session_restore_finish (session, wait_result (&restored), &restore_error));
  g_assert_error (restore_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Let the stalled 401 arrive: nothing changes. */
  spin_for (2000);
  g_assert_cmpint (tessera_session_get_state (session), ==, TESSERA_SESSION_STATE_SIGNED_IN);
  item = keyring_search (url, "account", "demo@tessera.app", "kind", "sign-in", NULL);
  g_assert_cmpuint (item->n_items, ==, 1);
  g_assert_cmpstr (item->secret, ==, good);

  sign_out_on (accounts, url);
}

/* A 401 to the saved sign-in keeps it: a proxy or a portal may say so. */
static void
test_refused_keeps_sign_in (void)
{
  g_autoptr(TesseraTestServer) server = start_server (NULL);
  const char *url = tessera_test_server_get_url (server);
  const char *good = tessera_test_server_get_demo_token (server);
  g_autoptr(TesseraAccounts) accounts = new_accounts ();
  g_autoptr(GAsyncResult) signed_in = NULL;
  g_autoptr(GAsyncResult) wrong = NULL;
  g_autoptr(GError) error = NULL;
  TesseraSession *session;

  add_account (accounts, url, good);
  g_clear_object (&accounts);
  g_assert_true (tessera_test_server_fail_next (server, "GET", "/api/v1/user/me", 401, 1, &error));

  accounts = new_accounts ();
  restore (accounts);
  session = tessera_accounts_find (accounts, url, "demo@tessera.app");
  WAIT_UNTIL (tessera_session_get_state (session) != TESSERA_SESSION_STATE_RESTORING);
  g_assert_cmpint (tessera_session_get_state (session), ==, TESSERA_SESSION_STATE_REFUSED);
  g_assert_nonnull (tessera_session_get_error (session));
  spin_for (200);
  g_assert_cmpuint (keyring_count (url, "demo@tessera.app", "sign-in"), ==, 1);
  g_assert_cmpuint (n_accounts_on (accounts, url), ==, 1);

  /* A token the server refuses too changes nothing. */
  tessera_session_sign_in_async (session, "not-a-jwt-at-all", NULL, result_cb, &wrong);
  g_assert_false (tessera_session_sign_in_finish (session, wait_result (&wrong), NULL, &error));
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED);
  g_clear_error (&error);
  g_assert_cmpint (tessera_session_get_state (session), ==, TESSERA_SESSION_STATE_REFUSED);

  /* Sign In Again replaces it. */
  tessera_session_sign_in_async (session, good, NULL, result_cb, &signed_in);
  g_assert_true (tessera_session_sign_in_finish (session, wait_result (&signed_in), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tessera_session_get_state (session), ==, TESSERA_SESSION_STATE_SIGNED_IN);

  sign_out_on (accounts, url);
}

static void
test_sign_in_again_wrong_account (void)
{
  static const char * const args[] = { "--users=2", NULL };
  g_autoptr(TesseraTestServer) server = start_server (args);
  const char *url = tessera_test_server_get_url (server);
  g_autoptr(TesseraAccounts) accounts = new_accounts ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TesseraSession *ada;

  ada = add_account (accounts, url, tessera_test_server_get_user_token (server, 0));
  tessera_session_sign_in_async (ada, tessera_test_server_get_user_token (server, 1), NULL,
                                 result_cb, &result);
  g_assert_false (tessera_session_sign_in_finish (ada, wait_result (&result), NULL, &error));
  g_assert_error (error, TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_WRONG_ACCOUNT);
  g_assert_nonnull (strstr (error->message, "grace@tessera.app"));

  /* Ada's saved sign-in is still hers. */
  {
    g_autoptr(KeyringItems) item = keyring_search (url, "account", "demo@tessera.app", "kind", "sign-in", NULL);

    g_assert_cmpstr (item->secret, ==, tessera_test_server_get_user_token (server, 0));
  }

  sign_out_on (accounts, url);
}

/* An item as Tessera 0.1 wrote it (no token id, the old label) is found,
 * signs in, and is upgraded. */
static void
test_legacy_item_upgraded (void)
{
  g_autoptr(TesseraTestServer) server = start_server (NULL);
  const char *url = tessera_test_server_get_url (server);
  const char *token = tessera_test_server_get_demo_token (server);
  const char *argv[] = { "secret-tool", "store", "--label", "Tessera sign-in token for demo@tessera.app",
                         "xdg:schema", "app.tessera.Tessera",
                         "server", url, "account", "demo@tessera.app", "kind", "sign-in", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) input = g_bytes_new (token, strlen (token));
  g_autoptr(TesseraAccounts) accounts = new_accounts ();
  g_autoptr(GError) error = NULL;
  TesseraSession *session;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));

  restore (accounts);
  session = tessera_accounts_find (accounts, url, "demo@tessera.app");
  g_assert_nonnull (session);
  WAIT_UNTIL (tessera_session_get_state (session) == TESSERA_SESSION_STATE_SIGNED_IN);
  g_assert_nonnull (tessera_session_get_sign_in_token_id (session));

  /* Upgraded in place: one item, with the token's id and the new label. */
  WAIT_UNTIL (({ g_autoptr(KeyringItems) item = keyring_search (url, "kind", "sign-in", NULL);
                 item->n_items == 1 && g_hash_table_contains (item->attributes, "token-id"); }));
  {
    g_autoptr(KeyringItems) item = keyring_search (url, "kind", "sign-in", NULL);
    g_autofree char *label = g_strdup_printf ("Tessera sign-in token for demo@tessera.app on %s",
                                              url + strlen ("http://"));

    g_assert_cmpstr (g_hash_table_lookup (item->attributes, "token-id"), ==,
                     tessera_session_get_sign_in_token_id (session));
    g_assert_cmpstr (item->label, ==, label);
    g_assert_cmpstr (item->secret, ==, token);
  }

  sign_out_on (accounts, url);
}

/* Starting while the server is down keeps the saved sign-in, and a Retry
 * once it is back gets in. */
static void
test_unreachable_then_retry (void)
{
  g_autoptr(TesseraTestServer) server = start_server (NULL);
  const char *url = tessera_test_server_get_url (server);
  g_autoptr(TesseraAccounts) accounts = new_accounts ();
  g_autoptr(GAsyncResult) retried = NULL;
  g_autoptr(GError) error = NULL;
  TesseraSession *session;

  add_account (accounts, url, tessera_test_server_get_demo_token (server));
  g_clear_object (&accounts);
  g_assert_true (tessera_test_server_fail_next (server, "GET", "/api/v1/user/me", 503, 1, &error));

  accounts = new_accounts ();
  restore (accounts);
  session = tessera_accounts_find (accounts, url, "demo@tessera.app");
  WAIT_UNTIL (tessera_session_get_state (session) != TESSERA_SESSION_STATE_RESTORING);
  g_assert_cmpint (tessera_session_get_state (session), ==, TESSERA_SESSION_STATE_FAILED);
  g_assert_error (tessera_session_get_error (session), TESSERA_API_ERROR, TESSERA_API_ERROR_SERVER);
  g_assert_cmpuint (keyring_count (url, "demo@tessera.app", "sign-in"), ==, 1);

  tessera_session_restore_async (session, NULL, result_cb, &retried);
  g_assert_true (tessera_session_restore_finish (session, wait_result (&retried), &error));
  g_assert_no_error (error);
  g_assert_cmpint (tessera_session_get_state (session), ==, TESSERA_SESSION_STATE_SIGNED_IN);

  sign_out_on (accounts, url);
}

int
main (int   argc,
      char *argv[])
{
  if (!tessera_test_in_private_session ("test-accounts"))
    return 0;

  /* Its items churn: a keyring of its own, or they vanish under the
   * listings of the suite's other programs (and theirs under this one's). */
  own_keyring_up ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/accounts/two-on-one-server", test_two_on_one_server);
  g_test_add_func ("/accounts/two-servers", test_two_servers);
  g_test_add_func ("/accounts/restore-both", test_restore_both);
  g_test_add_func ("/accounts/sign-out-one", test_sign_out_one);
  g_test_add_func ("/accounts/delete-all-one", test_delete_all_one);
  g_test_add_func ("/accounts/late-restore", test_late_restore);
  g_test_add_func ("/accounts/refused-keeps-sign-in", test_refused_keeps_sign_in);
  g_test_add_func ("/accounts/sign-in-again-wrong-account", test_sign_in_again_wrong_account);
  g_test_add_func ("/accounts/legacy-item-upgraded", test_legacy_item_upgraded);
  g_test_add_func ("/accounts/unreachable-then-retry", test_unreachable_then_retry);

  {
    int status = g_test_run ();

    own_keyring_down ();
    return status;
  }
}
