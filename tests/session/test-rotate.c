/* test-rotate.c — Rotate against tessera-api-server: the new token keeps
 * the note and the lifetime, its secret is safe before the old token goes,
 * every fault leaves things as the words say, and the sign-in token's
 * keyring item never names a revoked token
 *
 * The server is asked over plain libsoup, the keyring with secret-tool
 * (../test-oracles.h).  "delay_ms" rules hold an answer after the work is
 * done, "status" rules fail before it.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-rotate"

#include "config.h"

#include "session-test-util.h"
#include "test-own-keyring.h"
#include "tessera-rotate.h"

#define EMAIL "demo@tessera.app"

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
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autoptr(GAsyncResult) done = NULL;

  tessera_secret_store_set_interactive (tessera_accounts_get_store (fixture->accounts), TRUE);
  sign_out_on (fixture->accounts, fixture->url);
  tessera_secret_store_delete_account_async (store, fixture->url, EMAIL, NULL, result_cb, &done);
  tessera_secret_store_delete_account_finish (store, wait_result (&done), NULL);
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

static char *
iso_from_now (GTimeSpan span)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add (now, span);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

/* A token of @session's account made over plain HTTP, listed by the
 * session; *secret_out: its secret. */
static TesseraToken *
made_elsewhere (Fixture    *fixture,
                const char *notes,
                GTimeSpan   lifetime,
                char      **secret_out)
{
  g_autofree char *expire = lifetime > 0 ? iso_from_now (lifetime) : NULL;
  g_autofree char *id = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  char *secret;

  secret = oracle_create_full (fixture->url, fixture->token, notes, expire, &id);
  tessera_token_list_reload_async (fixture->tokens, NULL, result_cb, &result);
  g_assert_true (tessera_token_list_reload_finish (fixture->tokens, wait_result (&result), NULL));
  g_assert_nonnull (tessera_token_list_find (fixture->tokens, id));

  if (secret_out != NULL)
    *secret_out = secret;
  else
    tessera_secret_free (secret);
  return g_object_ref (tessera_token_list_find (fixture->tokens, id));
}

static void
save_secret (TesseraSession *session,
             TesseraToken   *token,
             const char     *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TesseraSavedSecrets *secrets = tessera_session_get_secrets (session);

  tessera_saved_secrets_save_async (secrets, tessera_token_get_id (token),
                                    tessera_token_get_notes (token), secret, NULL, result_cb, &result);
  g_assert_true (tessera_saved_secrets_save_finish (secrets, wait_result (&result), &error));
  g_assert_no_error (error);
}

static TesseraToken *
rotate_create (TesseraRotation  *rotation,
               GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tessera_rotation_create_async (rotation, NULL, result_cb, &result);
  return tessera_rotation_create_finish (rotation, wait_result (&result), error);
}

static gboolean
rotate_delete (TesseraRotation  *rotation,
               GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tessera_rotation_delete_old_async (rotation, NULL, result_cb, &result);
  return tessera_rotation_delete_old_finish (rotation, wait_result (&result), error);
}

/* The server's own view of a token: its "created_at" to "expire" span, in
 * seconds, and its note; FALSE when it does not list it. */
static gboolean
oracle_token (Fixture    *fixture,
              const char *token,
              const char *id,
              gint64     *span_out,
              char      **notes_out)
{
  g_autoptr(JsonNode) root = oracle_request (fixture->url, token, "GET",
                                             "/api/v1/user/access_tokens?page=1&page_size=100", NULL);
  JsonObject *payload = json_object_get_object_member (json_node_get_object (root), "payload");
  JsonArray *list = json_object_get_array_member (payload, "list");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *item = json_array_get_object_element (list, i);
      g_autoptr(GDateTime) created = NULL;
      g_autoptr(GDateTime) expire = NULL;

      if (g_strcmp0 (json_object_get_string_member (item, "id"), id) != 0)
        continue;

      created = g_date_time_new_from_iso8601 (json_object_get_string_member (item, "created_at"), NULL);
      expire = g_date_time_new_from_iso8601 (json_object_get_string_member (item, "expire"), NULL);
      *span_out = g_date_time_get_year (expire) > 1
                  ? g_date_time_difference (expire, created) / G_TIME_SPAN_SECOND : 0;
      *notes_out = g_strdup (json_object_get_string_member (item, "notes"));
      return TRUE;
    }

  return FALSE;
}

/* ---- lifetime ------------------------------------------------------- */

static void
test_round_lifetime (void)
{
  g_autoptr(GDateTime) created = g_date_time_new_utc (2026, 3, 1, 12, 0, 0);
  static const struct { double days; int expected; } cases[] = {
    { 0.0001, 7 }, { 7, 7 }, { 10, 7 }, { 18.4, 7 }, { 18.6, 30 }, { 30, 30 },
    { 44.9, 30 }, { 45, 30 }, { 45.1, 60 }, { 60, 60 }, { 75, 60 }, { 76, 90 },
    { 90, 90 }, { 365, 90 },
  };

  g_assert_cmpint (tessera_rotation_round_lifetime (created, NULL), ==, 0);
  g_assert_cmpint (tessera_rotation_round_lifetime (NULL, created), ==, 30);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) expire = g_date_time_add (created, (GTimeSpan) (cases[i].days * G_TIME_SPAN_DAY));

      g_test_message ("%.4f days", cases[i].days);
      g_assert_cmpint (tessera_rotation_round_lifetime (created, expire), ==, cases[i].expected);
    }
}

/* ---- the whole path ------------------------------------------------- */

static void
test_saved_token (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *old_secret = NULL;
  g_autoptr(TesseraToken) old = made_elsewhere (fixture, "ci deploy", 31 * G_TIME_SPAN_DAY, &old_secret);
  g_autoptr(TesseraRotation) rotation = NULL;
  g_autoptr(TesseraToken) created = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_id = g_strdup (tessera_token_get_id (old));
  g_autofree char *notes = NULL;
  g_autofree char *kept = NULL;
  gint64 span = 0;

  save_secret (fixture->session, old, old_secret);
  rotation = tessera_rotation_new (fixture->session, old);
  g_assert_cmpint (tessera_rotation_get_lifetime_days (rotation), ==, 30);
  g_assert_true (tessera_rotation_get_save (rotation));
  g_assert_false (tessera_rotation_get_is_sign_in (rotation));
  g_assert_false (tessera_rotation_get_can_delete_old (rotation));

  created = rotate_create (rotation, &error);
  g_assert_no_error (error);
  g_assert_nonnull (created);
  g_assert_cmpint (tessera_rotation_get_step (rotation), ==, TESSERA_ROTATION_CREATED);
  g_assert_cmpstr (tessera_token_get_notes (created), ==, "ci deploy");
  /* At the top of the list, beside the old one. */
  g_assert_true (tessera_token_list_find (fixture->tokens, tessera_token_get_id (created)) == created);
  g_assert_nonnull (tessera_token_list_find (fixture->tokens, old_id));

  /* The server has it with the same note and 30 days to live. */
  g_assert_true (oracle_token (fixture, fixture->token, tessera_token_get_id (created), &span, &notes));
  g_assert_cmpstr (notes, ==, "ci deploy");
  g_assert_cmpint (span, >=, 30 * 86400 - 120);
  g_assert_cmpint (span, <=, 30 * 86400 + 120);
  g_assert_cmpuint (oracle_status_me (fixture->url, tessera_rotation_peek_secret (rotation)), ==, 200);

  /* Its secret in the keyring, as the old one's was. */
  WAIT_UNTIL (!tessera_rotation_get_busy (rotation));
  g_assert_true (tessera_rotation_get_saved (rotation));
  kept = keyring_generated_secret (fixture->url, EMAIL, tessera_token_get_id (created));
  g_assert_cmpstr (kept, ==, tessera_rotation_peek_secret (rotation));
  g_assert_true (tessera_rotation_get_can_delete_old (rotation));
  g_assert_true (oracle_has_id (fixture->url, fixture->token, old_id));

  g_assert_true (rotate_delete (rotation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tessera_rotation_get_step (rotation), ==, TESSERA_ROTATION_DONE);
  g_assert_false (oracle_has_id (fixture->url, fixture->token, old_id));
  g_assert_true (oracle_has_id (fixture->url, fixture->token, tessera_token_get_id (created)));
  g_assert_null (tessera_token_list_find (fixture->tokens, old_id));
  g_assert_cmpuint (oracle_status_me (fixture->url, old_secret), ==, 401);
  /* The old one's keyring item goes with it. */
  WAIT_UNTIL (!tessera_saved_secrets_contains (tessera_session_get_secrets (fixture->session), old_id));
  {
    g_autofree char *gone = keyring_generated_secret (fixture->url, EMAIL, old_id);

    g_assert_null (gone);
  }
}

static void
test_never_expires (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TesseraToken) old = made_elsewhere (fixture, "grafana", 0, NULL);
  g_autoptr(TesseraRotation) rotation = tessera_rotation_new (fixture->session, old);
  g_autoptr(TesseraToken) created = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;
  gint64 span = -1;

  g_assert_cmpint (tessera_rotation_get_lifetime_days (rotation), ==, 0);
  g_assert_false (tessera_rotation_get_save (rotation));
  created = rotate_create (rotation, &error);
  g_assert_no_error (error);
  g_assert_null (tessera_token_get_expire (created));
  g_assert_true (oracle_token (fixture, fixture->token, tessera_token_get_id (created), &span, &notes));
  g_assert_cmpint (span, ==, 0);
}

/* Not saved and not copied: the old token may not go, or the new secret
 * would be lost with it. */
static void
test_not_saved_needs_copy (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(TesseraToken) old = made_elsewhere (fixture, "backup", 8 * G_TIME_SPAN_DAY, NULL);
  g_autoptr(TesseraRotation) rotation = tessera_rotation_new (fixture->session, old);
  g_autoptr(TesseraToken) created = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (tessera_rotation_get_lifetime_days (rotation), ==, 7);
  g_assert_false (tessera_rotation_get_save (rotation));
  created = rotate_create (rotation, &error);
  g_assert_no_error (error);
  g_assert_false (tessera_rotation_get_busy (rotation));
  g_assert_false (tessera_rotation_get_saved (rotation));
  g_assert_false (tessera_rotation_get_can_delete_old (rotation));

  g_assert_false (rotate_delete (rotation, &error));
  g_assert_error (error, TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_NOT_SAFE);
  g_assert_true (oracle_has_id (fixture->url, fixture->token, tessera_token_get_id (old)));
  g_clear_error (&error);

  tessera_rotation_set_copied (rotation);
  g_assert_true (tessera_rotation_get_can_delete_old (rotation));
  g_assert_true (rotate_delete (rotation, &error));
  g_assert_false (oracle_has_id (fixture->url, fixture->token, tessera_token_get_id (old)));
  {
    g_autofree char *none = keyring_generated_secret (fixture->url, EMAIL, tessera_token_get_id (created));

    g_assert_null (none);
  }
}

/* ---- faults --------------------------------------------------------- */

static void
assert_create_changes_nothing (Fixture    *fixture,
                               const char *rule,
                               GQuark      domain,
                               int         code)
{
  g_autoptr(TesseraToken) old = made_elsewhere (fixture, "terraform", 30 * G_TIME_SPAN_DAY, NULL);
  g_autoptr(TesseraRotation) rotation = tessera_rotation_new (fixture->session, old);
  g_autoptr(GPtrArray) before = oracle_ids (fixture->url, fixture->token);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(TesseraToken) created = NULL;
  g_autoptr(GError) error = NULL;

  add_rule (fixture, rule);
  created = rotate_create (rotation, &error);
  g_assert_null (created);
  g_assert_error (error, domain, code);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpint (tessera_rotation_get_step (rotation), ==, TESSERA_ROTATION_READY);
  g_assert_null (tessera_rotation_get_new_token (rotation));
  g_assert_false (tessera_rotation_get_can_delete_old (rotation));

  after = oracle_ids (fixture->url, fixture->token);
  assert_same_ids (before, after);
  g_assert_true (tessera_token_list_find (fixture->tokens, tessera_token_get_id (old)) == old);
}

static void
test_create_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  assert_create_changes_nothing (fixture, "{\"method\": \"POST\", \"status\": 403}",
                                 TESSERA_API_ERROR, TESSERA_API_ERROR_PERMISSION_DENIED);
}

/* A 502 may hide a create that happened: the list says it did not. */
static void
test_create_lost (Fixture       *fixture,
                  gconstpointer  data)
{
  assert_create_changes_nothing (fixture, "{\"method\": \"POST\", \"status\": 502}",
                                 TESSERA_API_ERROR, TESSERA_API_ERROR_SERVER);
}

static void
test_delete_fails_both_exist (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *secret = NULL;
  g_autoptr(TesseraToken) old = made_elsewhere (fixture, "staging smoke", 60 * G_TIME_SPAN_DAY, &secret);
  g_autoptr(TesseraRotation) rotation = NULL;
  g_autoptr(TesseraToken) created = NULL;
  g_autoptr(GError) error = NULL;

  save_secret (fixture->session, old, secret);
  rotation = tessera_rotation_new (fixture->session, old);
  g_assert_cmpint (tessera_rotation_get_lifetime_days (rotation), ==, 60);
  created = rotate_create (rotation, &error);
  g_assert_no_error (error);
  WAIT_UNTIL (tessera_rotation_get_can_delete_old (rotation));

  add_rule (fixture, "{\"method\": \"DELETE\", \"status\": 403}");
  g_assert_false (rotate_delete (rotation, &error));
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "“staging smoke” could not be deleted"));
  g_assert_nonnull (strstr (error->message, "Both tokens exist now"));
  g_clear_error (&error);

  /* Both exist, and the delete is offered again. */
  g_assert_cmpint (tessera_rotation_get_step (rotation), ==, TESSERA_ROTATION_CREATED);
  g_assert_true (oracle_has_id (fixture->url, fixture->token, tessera_token_get_id (old)));
  g_assert_true (oracle_has_id (fixture->url, fixture->token, tessera_token_get_id (created)));
  g_assert_true (tessera_rotation_get_can_delete_old (rotation));

  g_assert_true (rotate_delete (rotation, &error));
  g_assert_no_error (error);
  g_assert_false (oracle_has_id (fixture->url, fixture->token, tessera_token_get_id (old)));
}

/* The keyring refuses the new secret: it stays on hand, and the old token
 * stays until the secret is copied; saving may be tried again. */
static void
test_keyring_fails (Fixture       *fixture,
                    gconstpointer  data)
{
  TesseraSecretStore *store = tessera_accounts_get_store (fixture->accounts);
  g_autofree char *secret = NULL;
  g_autoptr(TesseraToken) old = made_elsewhere (fixture, "k8s ingress", 90 * G_TIME_SPAN_DAY, &secret);
  g_autoptr(TesseraRotation) rotation = NULL;
  g_autoptr(TesseraToken) created = NULL;
  g_autoptr(GError) error = NULL;

  save_secret (fixture->session, old, secret);
  rotation = tessera_rotation_new (fixture->session, old);
  g_assert_true (tessera_rotation_get_save (rotation));

  /* A store that may not write (as when the unlock prompt is refused). */
  tessera_secret_store_set_interactive (store, FALSE);
  created = rotate_create (rotation, &error);
  g_assert_no_error (error);
  WAIT_UNTIL (!tessera_rotation_get_busy (rotation));
  g_assert_false (tessera_rotation_get_saved (rotation));
  g_assert_error ((GError *) tessera_rotation_get_save_error (rotation),
                  TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE);
  g_assert_nonnull (tessera_rotation_peek_secret (rotation));
  g_assert_false (tessera_rotation_get_can_delete_old (rotation));

  g_assert_false (rotate_delete (rotation, &error));
  g_assert_error (error, TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_NOT_SAFE);
  g_clear_error (&error);
  g_assert_true (oracle_has_id (fixture->url, fixture->token, tessera_token_get_id (old)));

  /* The keyring is back: saving again works. */
  tessera_secret_store_set_interactive (store, TRUE);
  tessera_rotation_set_save (rotation, TRUE);
  WAIT_UNTIL (!tessera_rotation_get_busy (rotation));
  g_assert_true (tessera_rotation_get_saved (rotation));
  g_assert_null (tessera_rotation_get_save_error (rotation));
  g_assert_true (tessera_rotation_get_can_delete_old (rotation));
  {
    g_autofree char *kept = keyring_generated_secret (fixture->url, EMAIL, tessera_token_get_id (created));

    g_assert_cmpstr (kept, ==, tessera_rotation_peek_secret (rotation));
  }
}

/* Copied is enough when the keyring stays away. */
static void
test_keyring_fails_copied (Fixture       *fixture,
                           gconstpointer  data)
{
  TesseraSecretStore *store = tessera_accounts_get_store (fixture->accounts);
  g_autofree char *secret = NULL;
  g_autoptr(TesseraToken) old = made_elsewhere (fixture, "exporter", 30 * G_TIME_SPAN_DAY, &secret);
  g_autoptr(TesseraRotation) rotation = NULL;
  g_autoptr(TesseraToken) created = NULL;
  g_autoptr(GError) error = NULL;

  save_secret (fixture->session, old, secret);
  rotation = tessera_rotation_new (fixture->session, old);
  tessera_secret_store_set_interactive (store, FALSE);
  created = rotate_create (rotation, &error);
  WAIT_UNTIL (!tessera_rotation_get_busy (rotation));
  g_assert_nonnull (tessera_rotation_get_save_error (rotation));
  g_assert_false (tessera_rotation_get_can_delete_old (rotation));

  tessera_rotation_set_copied (rotation);
  g_assert_true (tessera_rotation_get_can_delete_old (rotation));
  g_assert_true (rotate_delete (rotation, &error));
  g_assert_no_error (error);
  g_assert_false (oracle_has_id (fixture->url, fixture->token, tessera_token_get_id (old)));
  g_assert_true (oracle_has_id (fixture->url, fixture->token, tessera_token_get_id (created)));
}

/* ---- the sign-in token ---------------------------------------------- */

typedef struct
{
  TesseraAccounts *accounts;
  TesseraSession  *session;
  char            *old_secret;
  char            *old_id;
} SignedIn;

/* A second start on the same account, signed in with a token of 60 days
 * made for it (the fixture's demo token never expires). */
static void
signed_in_set_up (Fixture  *fixture,
                  SignedIn *signed_in)
{
  g_autofree char *expire = iso_from_now (60 * G_TIME_SPAN_DAY);

  signed_in->old_secret = oracle_create_full (fixture->url, fixture->token, "Tessera on my laptop",
                                              expire, &signed_in->old_id);
  sign_out_on (fixture->accounts, fixture->url);
  signed_in->accounts = new_accounts ();
  tessera_accounts_set_request_timeout (signed_in->accounts, 1);
  signed_in->session = g_object_ref (add_account (signed_in->accounts, fixture->url,
                                                  signed_in->old_secret));
  g_assert_cmpstr (tessera_session_get_sign_in_token_id (signed_in->session), ==, signed_in->old_id);
}

static void
signed_in_tear_down (Fixture  *fixture,
                     SignedIn *signed_in)
{
  tessera_secret_store_set_interactive (tessera_accounts_get_store (signed_in->accounts), TRUE);
  sign_out_on (signed_in->accounts, fixture->url);
  g_clear_object (&signed_in->session);
  g_clear_object (&signed_in->accounts);
  g_clear_pointer (&signed_in->old_secret, tessera_secret_free);
  g_clear_pointer (&signed_in->old_id, g_free);
}

/* The keyring's sign-in item names a token the server accepts. */
static void
assert_sign_in_item_works (Fixture *fixture)
{
  g_autofree char *stored = keyring_sign_in_secret (fixture->url, EMAIL);

  g_assert_nonnull (stored);
  g_assert_cmpuint (oracle_status_me (fixture->url, stored), ==, 200);
}

static void
test_sign_in_token (Fixture       *fixture,
                    gconstpointer  data)
{
  SignedIn signed_in = { 0 };
  g_autoptr(TesseraRotation) rotation = NULL;
  g_autoptr(TesseraToken) created = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autofree char *stored = NULL;
  TesseraTokenList *tokens;
  TesseraToken *old;

  signed_in_set_up (fixture, &signed_in);
  tokens = tessera_session_get_tokens (signed_in.session);
  old = tessera_token_list_find (tokens, signed_in.old_id);
  rotation = tessera_rotation_new (signed_in.session, old);
  g_assert_true (tessera_rotation_get_is_sign_in (rotation));
  g_assert_cmpint (tessera_rotation_get_lifetime_days (rotation), ==, 60);

  created = rotate_create (rotation, &error);
  g_assert_no_error (error);
  WAIT_UNTIL (!tessera_rotation_get_busy (rotation));
  g_assert_true (tessera_rotation_get_sign_in_replaced (rotation));
  g_assert_null (tessera_rotation_get_sign_in_error (rotation));

  /* Before the old token goes: the session and the keyring are on the new one. */
  g_assert_cmpstr (tessera_session_get_sign_in_token_id (signed_in.session), ==,
                   tessera_token_get_id (created));
  stored = keyring_sign_in_secret (fixture->url, EMAIL);
  g_assert_cmpstr (stored, ==, tessera_rotation_peek_secret (rotation));
  g_clear_pointer (&stored, g_free);
  WAIT_UNTIL (!tessera_token_list_get_loading (tokens));
  g_assert_false (tessera_token_list_get_stale (tokens));

  /* Not saved as a generated item, and not copied: the delete waits. */
  g_assert_false (tessera_rotation_get_can_delete_old (rotation));
  tessera_rotation_set_copied (rotation);
  g_assert_true (tessera_rotation_get_can_delete_old (rotation));

  /* The delete is done at once but its answer stalls: meanwhile the old
   * token is revoked, and the keyring holds the new one. */
  add_rule (fixture, "{\"method\": \"DELETE\", \"delay_ms\": 3000}");
  tessera_rotation_delete_old_async (rotation, NULL, result_cb, &deleted);
  WAIT_UNTIL (oracle_status_me (fixture->url, signed_in.old_secret) == 401);
  g_assert_null (deleted);
  assert_sign_in_item_works (fixture);
  stored = keyring_sign_in_secret (fixture->url, EMAIL);
  g_assert_cmpstr (stored, ==, tessera_rotation_peek_secret (rotation));

  g_assert_true (tessera_rotation_delete_old_finish (rotation, wait_result (&deleted), &error));
  g_assert_no_error (error);
  assert_sign_in_item_works (fixture);
  /* Deleting the token it was signed in with did not end the session. */
  g_assert_cmpint (tessera_session_get_state (signed_in.session), ==, TESSERA_SESSION_STATE_SIGNED_IN);
  g_assert_null (tessera_token_list_find (tokens, signed_in.old_id));

  /* The next start signs in with what the keyring holds. */
  {
    g_autoptr(TesseraAccounts) again = new_accounts ();
    TesseraSession *restored;

    restore (again);
    restored = tessera_accounts_find (again, fixture->url, EMAIL);
    g_assert_nonnull (restored);
    WAIT_UNTIL (tessera_session_get_state (restored) != TESSERA_SESSION_STATE_RESTORING);
    g_assert_cmpint (tessera_session_get_state (restored), ==, TESSERA_SESSION_STATE_SIGNED_IN);
    g_assert_cmpstr (tessera_session_get_sign_in_token_id (restored), ==, tessera_token_get_id (created));
  }

  signed_in_tear_down (fixture, &signed_in);
}

/* The keyring cannot take the new sign-in: the old token stays, and so
 * does the keyring's item of it, until the item is replaced. */
static void
test_sign_in_keyring_fails (Fixture       *fixture,
                            gconstpointer  data)
{
  SignedIn signed_in = { 0 };
  TesseraSecretStore *store;
  g_autoptr(TesseraRotation) rotation = NULL;
  g_autoptr(TesseraToken) created = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  signed_in_set_up (fixture, &signed_in);
  store = tessera_accounts_get_store (signed_in.accounts);
  rotation = tessera_rotation_new (signed_in.session,
                                   tessera_token_list_find (tessera_session_get_tokens (signed_in.session),
                                                            signed_in.old_id));

  tessera_secret_store_set_interactive (store, FALSE);
  created = rotate_create (rotation, &error);
  g_assert_no_error (error);
  WAIT_UNTIL (!tessera_rotation_get_busy (rotation));
  g_assert_false (tessera_rotation_get_sign_in_replaced (rotation));
  g_assert_nonnull (tessera_rotation_get_sign_in_error (rotation));
  tessera_rotation_set_copied (rotation);
  g_assert_false (tessera_rotation_get_can_delete_old (rotation));

  g_assert_false (rotate_delete (rotation, &error));
  g_assert_error (error, TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_NOT_SAFE);
  g_assert_nonnull (strstr (error->message, "lock Tessera out"));
  g_clear_error (&error);
  stored = keyring_sign_in_secret (fixture->url, EMAIL);
  g_assert_cmpstr (stored, ==, signed_in.old_secret);
  assert_sign_in_item_works (fixture);

  tessera_secret_store_set_interactive (store, TRUE);
  tessera_rotation_retry_sign_in (rotation);
  WAIT_UNTIL (!tessera_rotation_get_busy (rotation));
  g_assert_true (tessera_rotation_get_sign_in_replaced (rotation));
  g_assert_true (tessera_rotation_get_can_delete_old (rotation));
  g_assert_true (rotate_delete (rotation, &error));
  g_assert_no_error (error);
  assert_sign_in_item_works (fixture);
  g_assert_cmpint (tessera_session_get_state (signed_in.session), ==, TESSERA_SESSION_STATE_SIGNED_IN);

  signed_in_tear_down (fixture, &signed_in);
}

static void
add (const char *path,
     void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  if (!tessera_test_in_private_session (argv[0]))
    return 0;

  own_keyring_up ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rotate/lifetime", test_round_lifetime);
  add ("/rotate/saved-token", test_saved_token);
  add ("/rotate/never-expires", test_never_expires);
  add ("/rotate/not-saved-needs-copy", test_not_saved_needs_copy);
  add ("/rotate/fault/create-refused", test_create_refused);
  add ("/rotate/fault/create-lost", test_create_lost);
  add ("/rotate/fault/delete-fails", test_delete_fails_both_exist);
  add ("/rotate/fault/keyring", test_keyring_fails);
  add ("/rotate/fault/keyring-copied", test_keyring_fails_copied);
  add ("/rotate/sign-in", test_sign_in_token);
  add ("/rotate/sign-in/keyring-fails", test_sign_in_keyring_fails);

  {
    int status = g_test_run ();

    own_keyring_down ();
    return status;
  }
}
