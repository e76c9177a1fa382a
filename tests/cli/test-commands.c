/* test-commands.c — `tessera token|list|generate|delete|accounts` as a
 * script runs them: the real binary, no display, against tessera-api-server
 * and the keyring of build-aux/private-session
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli-commands"

#include "config.h"

#include "session-test-util.h"
#include "test-own-keyring.h"

static const char *tessera_path;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  if (run->out != NULL)
    explicit_bzero (run->out, strlen (run->out));
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* Runs tessera with @args (NULL-terminated), no DISPLAY, @input on stdin
 * (NULL: /dev/null, not a terminal). */
static Run *
run_tessera (const char         *input,
             const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_ptr_array_add (argv, (gpointer) tessera_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("tessera %s → %d; stderr: %s", args[0], run->status, run->err);

  return run;
}

#define TESSERA(input, ...) run_tessera ((input), (const char * const[]) { __VA_ARGS__, NULL })

typedef struct
{
  TesseraTestServer *server;
  const char        *url;
  char              *server_arg;
} Fixture;

static void
save_sign_in (const char *url,
              const char *email,
              const char *token)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tessera_secret_store_save_sign_in_async (store, url, email, NULL, token, NULL, result_cb, &result);
  g_assert_true (tessera_secret_store_save_sign_in_finish (store, wait_result (&result), &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const args[] = { "--users=2", NULL };

  fixture->server = start_server (args);
  fixture->url = tessera_test_server_get_url (fixture->server);
  fixture->server_arg = g_strconcat ("--server=", fixture->url, NULL);
  save_sign_in (fixture->url, "demo@tessera.app", tessera_test_server_get_demo_token (fixture->server));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      tessera_secret_store_delete_account_async (store, fixture->url,
                                                 tessera_test_server_get_user_email (fixture->server, i),
                                                 NULL, result_cb, &result);
      tessera_secret_store_delete_account_finish (store, wait_result (&result), NULL);
    }
  g_free (fixture->server_arg);
  tessera_test_server_stop (fixture->server);
}

static void
test_token_sign_in (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(Run) run = TESSERA (NULL, "token", fixture->server_arg);
  g_autofree char *expected = g_strconcat (tessera_test_server_get_demo_token (fixture->server), "\n", NULL);

  /* stdout holds the secret alone: `$(tessera token)` takes it. */
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, expected);
  g_assert_cmpstr (run->err, ==, "");
}

static void
test_generate_then_token (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(Run) made = TESSERA (NULL, "generate", fixture->server_arg, "--note", "cli deploy", "--expires", "30d");
  g_autoptr(Run) by_note = NULL;
  g_autoptr(Run) by_id = NULL;
  g_autoptr(KeyringItems) saved = NULL;
  g_autofree char *secret = NULL;

  g_assert_cmpint (made->status, ==, 0);
  secret = g_strndup (made->out, strlen (made->out) - 1);
  g_assert_cmpuint (strlen (made->out), >, 20);
  g_assert_true (g_str_has_suffix (made->out, "\n"));
  g_assert_null (strchr (secret, '\n'));
  g_assert_cmpuint (oracle_status_me (fixture->url, secret), ==, 200);

  /* Saved in the keyring (by default), found by note and by id. */
  saved = keyring_search (fixture->url, "kind", "generated", NULL);
  g_assert_cmpuint (saved->n_items, ==, 1);
  g_assert_cmpstr (saved->secret, ==, secret);
  by_note = TESSERA (NULL, "token", fixture->server_arg, "cli deploy");
  g_assert_cmpint (by_note->status, ==, 0);
  g_assert_cmpstr (by_note->out, ==, made->out);
  by_id = TESSERA (NULL, "token", fixture->server_arg,
                   (const char *) g_hash_table_lookup (saved->attributes, "token-id"));
  g_assert_cmpint (by_id->status, ==, 0);
  g_assert_cmpstr (by_id->out, ==, made->out);

  /* A second "cli deploy": now the note is shared. */
  {
    g_autoptr(Run) second = TESSERA (NULL, "generate", fixture->server_arg, "--note", "cli deploy",
                                     "--expires", "never", "--no-save");
    g_autoptr(Run) ambiguous = NULL;
    g_autoptr(KeyringItems) still = keyring_search (fixture->url, "kind", "generated", NULL);

    g_assert_cmpint (second->status, ==, 0);
    g_assert_cmpuint (still->n_items, ==, 1);
    ambiguous = TESSERA (NULL, "token", fixture->server_arg, "cli deploy");
    g_assert_cmpint (ambiguous->status, ==, 2);
    g_assert_cmpstr (ambiguous->out, ==, "");
    g_assert_nonnull (strstr (ambiguous->err, (const char *) g_hash_table_lookup (saved->attributes, "token-id")));
  }
  explicit_bzero (secret, strlen (secret));
}

static void
test_token_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(Run) missing = TESSERA (NULL, "token", fixture->server_arg, "no such token");
  g_autoptr(Run) unsaved = TESSERA (NULL, "token", fixture->server_arg, "terraform");
  g_autoptr(Run) nobody = TESSERA (NULL, "token", "--server=http://127.0.0.1:9");
  g_autoptr(Run) usage = TESSERA (NULL, "token", "a", "b");

  g_assert_cmpint (missing->status, ==, 1);
  g_assert_cmpstr (missing->out, ==, "");
  g_assert_nonnull (strstr (missing->err, "No token has the id or the note"));
  g_assert_cmpint (unsaved->status, ==, 1);
  g_assert_nonnull (strstr (unsaved->err, "not saved in the keyring"));
  g_assert_cmpint (nobody->status, ==, 3);
  g_assert_cmpint (usage->status, ==, 64);
}

static void
test_list_json (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(Run) run = TESSERA (NULL, "list", fixture->server_arg, "--json");
  g_autoptr(GPtrArray) ids = oracle_ids (fixture->url, tessera_test_server_get_demo_token (fixture->server));
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  guint n_never = 0, n_expired = 0;

  g_assert_cmpint (run->status, ==, 0);
  root = json_from_string (run->out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, ids->len);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *token = json_array_get_object_element (array, i);
      const char *status = json_object_get_string_member (token, "status");

      g_assert_cmpstr (json_object_get_string_member (token, "id"), ==, g_ptr_array_index (ids, i));
      g_assert_true (json_object_has_member (token, "note"));
      g_assert_true (g_str_equal (status, "active") || g_str_equal (status, "expiring-soon") ||
                     g_str_equal (status, "expired"));
      n_expired += g_str_equal (status, "expired");
      g_assert_true (JSON_NODE_TYPE (json_object_get_member (token, "saved")) == JSON_NODE_VALUE);
      g_assert_false (json_object_get_boolean_member (token, "saved"));
      if (json_object_get_null_member (token, "expires"))
        n_never++;
      else
        {
          g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (json_object_get_string_member (token, "expires"), NULL);

          g_assert_nonnull (when);
        }
      if (!json_object_get_null_member (token, "last_used"))
        {
          g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (json_object_get_string_member (token, "last_used"), NULL);

          g_assert_nonnull (when);
        }
    }
  g_assert_cmpuint (n_never, >=, 3);
  g_assert_cmpuint (n_expired, ==, 1);
}

static void
test_list_table (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(Run) run = TESSERA (NULL, "list", fixture->server_arg);
  g_auto(GStrv) lines = NULL;
  const char *status_column;

  g_assert_cmpint (run->status, ==, 0);
  lines = g_strsplit (run->out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "ID"));
  g_assert_cmpuint (g_strv_length (lines), ==, 14 + 2);   /* header, rows, "" */

  /* Aligned: every row's status starts under STATUS. */
  status_column = strstr (lines[0], "STATUS");
  for (guint i = 1; lines[i][0] != '\0'; i++)
    {
      glong offset = g_utf8_pointer_to_offset (lines[0], status_column);
      const char *at = g_utf8_offset_to_pointer (lines[i], offset);

      g_assert_true (g_str_has_prefix (at, "Active") || g_str_has_prefix (at, "Expires soon") ||
                     g_str_has_prefix (at, "Expired"));
    }
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  const char *token = tessera_test_server_get_demo_token (fixture->server);
  g_autoptr(GPtrArray) before = oracle_ids (fixture->url, token);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(Run) refused = TESSERA (NULL, "delete", fixture->server_arg, "terraform");
  g_autoptr(Run) done = NULL;

  /* No terminal to ask on: --yes or nothing. */
  g_assert_cmpint (refused->status, ==, 64);
  g_assert_nonnull (strstr (refused->err, "--yes"));
  after = oracle_ids (fixture->url, token);
  assert_same_ids (before, after);
  g_clear_pointer (&after, g_ptr_array_unref);

  done = TESSERA (NULL, "delete", fixture->server_arg, "terraform", "--yes");
  g_assert_cmpint (done->status, ==, 0);
  g_assert_cmpstr (done->out, ==, "");
  after = oracle_ids (fixture->url, token);
  g_assert_cmpuint (after->len, ==, before->len - 1);

  {
    g_autoptr(Run) again = TESSERA (NULL, "delete", fixture->server_arg, "terraform", "--yes");

    g_assert_cmpint (again->status, ==, 1);
  }
}

static void
test_accounts_and_choice (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(Run) one = NULL;
  g_autoptr(Run) both = NULL;
  g_autoptr(Run) grace = NULL;
  g_autofree char *expected = NULL;

  one = TESSERA (NULL, "accounts", fixture->server_arg);
  g_assert_cmpint (one->status, ==, 0);
  expected = g_strdup_printf ("* demo@tessera.app %s\n", fixture->url);
  g_assert_cmpstr (one->out, ==, expected);

  save_sign_in (fixture->url, "grace@tessera.app", tessera_test_server_get_user_token (fixture->server, 1));
  both = TESSERA (NULL, "accounts", fixture->server_arg);
  g_assert_cmpint (both->status, ==, 0);
  g_assert_nonnull (strstr (both->out, "grace@tessera.app"));
  g_assert_nonnull (strstr (both->out, "demo@tessera.app"));

  /* --account picks one. */
  grace = TESSERA (NULL, "token", fixture->server_arg, "--account", "grace@tessera.app");
  g_assert_cmpint (grace->status, ==, 0);
  g_assert_true (g_str_has_prefix (grace->out, tessera_test_server_get_user_token (fixture->server, 1)));
  {
    g_autoptr(Run) listed = TESSERA (NULL, "list", fixture->server_arg, "--account", "grace@tessera.app", "--json");
    g_autoptr(JsonNode) root = json_from_string (listed->out, NULL);

    g_assert_cmpint (listed->status, ==, 0);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 4);
  }
}

static void
test_refused_sign_in (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_test_server_fail_next (fixture->server, "GET", "/api/v1/user/me", 401, 1, &error));
  run = TESSERA (NULL, "list", fixture->server_arg);
  g_assert_cmpint (run->status, ==, 3);
  g_assert_nonnull (strstr (run->err, "refused the sign-in token"));
  /* …and the sign-in stays saved. */
  g_assert_cmpuint (keyring_count (fixture->url, "demo@tessera.app", "sign-in"), ==, 1);
}

static void
test_generate_usage (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(Run) no_expiry = TESSERA (NULL, "generate", fixture->server_arg, "--note", "x");
  g_autoptr(Run) past = TESSERA (NULL, "generate", fixture->server_arg, "--note", "x", "--expires", "2020-01-01");
  g_autoptr(Run) bad = TESSERA (NULL, "generate", fixture->server_arg, "--note", "x", "--expires", "5d");
  g_autoptr(GPtrArray) ids = oracle_ids (fixture->url, tessera_test_server_get_demo_token (fixture->server));

  g_assert_cmpint (no_expiry->status, ==, 64);
  g_assert_cmpint (past->status, ==, 64);
  g_assert_cmpint (bad->status, ==, 64);
  g_assert_cmpuint (ids->len, ==, 14);
}

/* A word that is no command, with no display: a usage error that names
 * it, not a window that cannot open. */
static void
test_unknown_command (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(Run) unknown = TESSERA (NULL, "frobnicate");
  g_autoptr(Run) typo = TESSERA (NULL, "lsit", fixture->server_arg);

  g_assert_cmpint (unknown->status, ==, 64);
  g_assert_cmpstr (unknown->out, ==, "");
  g_assert_nonnull (strstr (unknown->err, "“frobnicate” is not a command"));
  g_assert_null (strstr (unknown->err, "display"));
  g_assert_cmpint (typo->status, ==, 64);
  g_assert_nonnull (strstr (typo->err, "“lsit” is not a command"));
}

int
main (int   argc,
      char *argv[])
{
  if (!tessera_test_in_private_session ("test-cli-commands"))
    return 0;

  /* A keyring (and bus) of its own: the Tessera it starts lists every
   * saved sign-in, and the suite's other programs add and remove theirs. */
  own_keyring_up ();
  g_test_init (&argc, &argv, NULL);
  tessera_path = argc > 1 ? argv[1] : "tessera";

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/token/sign-in", test_token_sign_in);
  ADD ("/cli/generate-then-token", test_generate_then_token);
  ADD ("/cli/token/errors", test_token_errors);
  ADD ("/cli/list/json", test_list_json);
  ADD ("/cli/list/table", test_list_table);
  ADD ("/cli/delete", test_delete);
  ADD ("/cli/accounts", test_accounts_and_choice);
  ADD ("/cli/refused-sign-in", test_refused_sign_in);
  ADD ("/cli/generate/usage", test_generate_usage);
  ADD ("/cli/unknown-command", test_unknown_command);

  {
    int status = g_test_run ();

    own_keyring_down ();
    return status;
  }
}
