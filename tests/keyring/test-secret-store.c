/* test-secret-store.c — TesseraSecretStore against a real gnome-keyring-daemon
 *
 * Runs inside build-aux/private-session: its own D-Bus session bus and an
 * unlocked keyring in a throwaway XDG_DATA_HOME.  Every test uses its own
 * server origin so tests running at the same time never see each other's
 * items.  What the store wrote is checked with secret-tool, not with the
 * store itself.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-secret-store"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "tessera-secret-store.h"

#define JACK "jack@example.com"
#define JILL "jill@example.com"

static const char *self_path;

/* Helpers -------------------------------------------------------------- */

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static char *
new_origin (void)
{
  /* A loopback origin no other test (or run) uses. */
  return g_strdup_printf ("http://127.0.0.1:%d", g_random_int_range (1024, 65536));
}

static void
save_sign_in_with_id (TesseraSecretStore *store,
                      const char         *server,
                      const char         *account,
                      const char         *token_id,
                      const char         *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tessera_secret_store_save_sign_in_async (store, server, account, token_id, secret, NULL,
                                           store_result_cb, &result);
  g_assert_true (tessera_secret_store_save_sign_in_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
save_sign_in (TesseraSecretStore *store,
              const char         *server,
              const char         *account,
              const char         *secret)
{
  save_sign_in_with_id (store, server, account, NULL, secret);
}

static char *
lookup_sign_in (TesseraSecretStore *store,
                const char         *server,
                const char         *account,
                char              **token_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  tessera_secret_store_lookup_sign_in_async (store, server, account, NULL, store_result_cb, &result);
  secret = tessera_secret_store_lookup_sign_in_finish (store, wait_for (&result), token_id, &error);
  g_assert_no_error (error);
  return secret;
}

static GPtrArray *
list_sign_ins_full (TesseraSecretStore *store,
                    gboolean            load_secrets)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  tessera_secret_store_list_sign_ins_async (store, load_secrets, NULL, store_result_cb, &result);
  items = tessera_secret_store_list_sign_ins_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static GPtrArray *
list_sign_ins (TesseraSecretStore *store)
{
  return list_sign_ins_full (store, FALSE);
}

/* The saved sign-in of @account on @server among @items, or NULL. */
static TesseraSignInItem *
find_sign_in (GPtrArray  *items,
              const char *server,
              const char *account)
{
  for (guint i = 0; i < items->len; i++)
    {
      TesseraSignInItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (item->server, server) && g_str_equal (item->account, account))
        return item;
    }
  return NULL;
}

static void
clear_sign_in (TesseraSecretStore *store,
               const char         *server,
               const char         *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tessera_secret_store_clear_sign_in_async (store, server, account, NULL, store_result_cb, &result);
  g_assert_true (tessera_secret_store_clear_sign_in_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
save_generated (TesseraSecretStore *store,
                const char         *server,
                const char         *account,
                const char         *token_id,
                const char         *notes,
                const char         *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tessera_secret_store_save_generated_async (store, server, account, token_id, notes, secret,
                                             NULL, store_result_cb, &result);
  g_assert_true (tessera_secret_store_save_generated_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
}

static char *
lookup_generated (TesseraSecretStore *store,
                  const char         *server,
                  const char         *account,
                  const char         *token_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  tessera_secret_store_lookup_generated_async (store, server, account, token_id, NULL,
                                               store_result_cb, &result);
  secret = tessera_secret_store_lookup_generated_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return secret;
}

static GStrv
list_generated (TesseraSecretStore *store,
                const char         *server,
                const char         *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GStrv ids;

  tessera_secret_store_list_generated_async (store, server, account, NULL,
                                             store_result_cb, &result);
  ids = tessera_secret_store_list_generated_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

static void
delete_generated (TesseraSecretStore *store,
                  const char         *server,
                  const char         *account,
                  const char         *token_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tessera_secret_store_delete_generated_async (store, server, account, token_id, NULL,
                                               store_result_cb, &result);
  g_assert_true (tessera_secret_store_delete_generated_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
delete_account (TesseraSecretStore *store,
                const char         *server,
                const char         *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tessera_secret_store_delete_account_async (store, server, account, NULL,
                                             store_result_cb, &result);
  g_assert_true (tessera_secret_store_delete_account_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
}

/* secret-tool ------------------------------------------------------------ */

/* What `secret-tool search --all --unlock server ORIGIN [NAME VALUE…]`
 * prints.  secret-tool 0.20 writes the item lines to stdout and the
 * attribute lines to stderr, so both are read; only known prefixes count. */
typedef struct
{
  guint       n_items;
  char       *label;
  char       *secret;
  char       *schema;
  GHashTable *attributes;
} Found;

static void
found_free (Found *found)
{
  g_free (found->label);
  if (found->secret != NULL)
    explicit_bzero (found->secret, strlen (found->secret));
  g_free (found->secret);
  g_free (found->schema);
  g_hash_table_unref (found->attributes);
  g_free (found);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Found, found_free)

static void
replace_str (char       **slot,
             const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

static void
parse_lines (Found      *found,
             const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *eq = strstr (line, " = ");

      if (line[0] == '[' && g_str_has_suffix (line, "]"))
        {
          found->n_items++;
          continue;
        }
      if (eq == NULL)
        continue;

      if (g_str_has_prefix (line, "label = "))
        replace_str (&found->label, eq + 3);
      else if (g_str_has_prefix (line, "secret = "))
        replace_str (&found->secret, eq + 3);
      else if (g_str_has_prefix (line, "schema = "))
        replace_str (&found->schema, eq + 3);
      else if (g_str_has_prefix (line, "attribute."))
        g_hash_table_insert (found->attributes,
                             g_strndup (line + strlen ("attribute."), eq - line - strlen ("attribute.")),
                             g_strdup (eq + 3));
    }
}

static Found *
secret_tool_search (const char *server,
                    ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  Found *found;
  int status = 0;
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, (gpointer) "secret-tool");
  g_ptr_array_add (argv, (gpointer) "search");
  g_ptr_array_add (argv, (gpointer) "--all");
  g_ptr_array_add (argv, (gpointer) "--unlock");
  g_ptr_array_add (argv, (gpointer) "server");
  g_ptr_array_add (argv, (gpointer) server);
  va_start (args, server);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);

  found = g_new0 (Found, 1);
  found->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  parse_lines (found, out);
  parse_lines (found, err);

  /* Finding nothing is exit status 1 with no output. */
  if (found->n_items > 0)
    g_assert_true (g_spawn_check_wait_status (status, NULL));

  if (out != NULL)
    explicit_bzero (out, strlen (out));
  return found;
}

static void
assert_attribute (Found      *found,
                  const char *name,
                  const char *value)
{
  g_assert_cmpstr (g_hash_table_lookup (found->attributes, name), ==, value);
}

/* Tests ------------------------------------------------------------------ */

static void
test_sign_in_round_trip (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autofree char *server = new_origin ();
  g_autofree char *slashed = g_strconcat (server, "/", NULL);
  g_autofree char *token_id = NULL;
  g_autofree char *label = NULL;
  g_autoptr(Found) found = NULL;
  char *secret;

  save_sign_in_with_id (store, server, JACK, "pat-jack", "a7ee-sign-in-secret-1");

  secret = lookup_sign_in (store, server, JACK, &token_id);
  g_assert_cmpstr (secret, ==, "a7ee-sign-in-secret-1");
  g_assert_cmpstr (token_id, ==, "pat-jack");
  tessera_secret_free (secret);

  /* The key is the origin: a trailing slash names the same server. */
  secret = lookup_sign_in (store, slashed, JACK, NULL);
  g_assert_cmpstr (secret, ==, "a7ee-sign-in-secret-1");
  tessera_secret_free (secret);

  /* Another account on that server has nothing saved. */
  g_assert_null (lookup_sign_in (store, server, JILL, NULL));

  found = secret_tool_search (server, NULL);
  g_assert_cmpuint (found->n_items, ==, 1);
  label = g_strdup_printf ("Tessera sign-in token for " JACK " on %s", server + strlen ("http://"));
  g_assert_cmpstr (found->label, ==, label);
  g_assert_cmpstr (found->schema, ==, "app.tessera.Tessera");
  g_assert_cmpstr (found->secret, ==, "a7ee-sign-in-secret-1");
  assert_attribute (found, "server", server);
  assert_attribute (found, "account", JACK);
  assert_attribute (found, "kind", "sign-in");
  assert_attribute (found, "token-id", "pat-jack");
  g_assert_cmpuint (g_hash_table_size (found->attributes), ==, 4);

  clear_sign_in (store, server, JACK);
}

static void
test_sign_in_replace (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autofree char *server = new_origin ();
  g_autoptr(Found) found = NULL;
  g_autoptr(Found) jack = NULL;
  char *secret;

  save_sign_in_with_id (store, server, JACK, "pat-1", "first-secret");
  save_sign_in_with_id (store, server, JACK, "pat-2", "second-secret");
  /* Another account signing in on the same server has an item of its
   * own: the first account stays signed in. */
  save_sign_in (store, server, JILL, "third-secret");

  secret = lookup_sign_in (store, server, JACK, NULL);
  g_assert_cmpstr (secret, ==, "second-secret");
  tessera_secret_free (secret);
  secret = lookup_sign_in (store, server, JILL, NULL);
  g_assert_cmpstr (secret, ==, "third-secret");
  tessera_secret_free (secret);

  found = secret_tool_search (server, NULL);
  g_assert_cmpuint (found->n_items, ==, 2);
  jack = secret_tool_search (server, "account", JACK, NULL);
  g_assert_cmpuint (jack->n_items, ==, 1);
  g_assert_cmpstr (jack->secret, ==, "second-secret");
  assert_attribute (jack, "token-id", "pat-2");

  clear_sign_in (store, server, JACK);
  clear_sign_in (store, server, JILL);
}

static void
test_sign_in_none (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autofree char *server = new_origin ();
  char *token_id = (char *) "untouched";
  char *secret;

  secret = lookup_sign_in (store, server, JACK, &token_id);
  g_assert_null (secret);
  g_assert_null (token_id);

  /* A generated item of the account is not a sign-in token. */
  save_generated (store, server, JACK, "tok-1", "ci", "generated-secret");
  secret = lookup_sign_in (store, server, JACK, NULL);
  g_assert_null (secret);

  delete_account (store, server, JACK);
}

static void
test_sign_in_clear (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autofree char *server = new_origin ();
  g_autofree char *secret = NULL;
  g_autoptr(Found) found = NULL;
  g_autoptr(Found) left = NULL;

  save_sign_in (store, server, JACK, "to-be-cleared");
  save_sign_in (store, server, JILL, "jill-stays");
  save_generated (store, server, JACK, "tok-1", "kept", "kept-secret");

  clear_sign_in (store, server, JACK);
  g_assert_null (lookup_sign_in (store, server, JACK, NULL));

  /* Clearing with nothing saved is no error. */
  clear_sign_in (store, server, JACK);

  /* Only that account's sign-in went: not its generated item, not the
   * other account's sign-in. */
  found = secret_tool_search (server, "kind", "sign-in", NULL);
  g_assert_cmpuint (found->n_items, ==, 1);
  assert_attribute (found, "account", JILL);
  left = secret_tool_search (server, "account", JACK, NULL);
  g_assert_cmpuint (left->n_items, ==, 1);
  assert_attribute (left, "kind", "generated");
  secret = lookup_sign_in (store, server, JILL, NULL);
  g_assert_cmpstr (secret, ==, "jill-stays");

  delete_account (store, server, JACK);
  delete_account (store, server, JILL);
}

static void
test_sign_in_list (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autofree char *server = new_origin ();
  g_autofree char *other = new_origin ();
  g_autoptr(GPtrArray) items = NULL;
  TesseraSignInItem *item;

  save_sign_in_with_id (store, server, JACK, "pat-j", "jack-here");
  save_sign_in (store, server, JILL, "jill-here");
  save_sign_in_with_id (store, other, JACK, "pat-j2", "jack-there");
  save_generated (store, server, JACK, "pat-g", "not a sign-in", "generated");

  items = list_sign_ins (store);
  item = find_sign_in (items, server, JACK);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->token_id, ==, "pat-j");
  item = find_sign_in (items, server, JILL);
  g_assert_nonnull (item);
  g_assert_null (item->token_id);
  item = find_sign_in (items, other, JACK);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->token_id, ==, "pat-j2");
  g_assert_null (item->secret);
  g_assert_null (find_sign_in (items, other, JILL));

  /* With their secrets, in one search: what a start-up restores. */
  {
    g_autoptr(GPtrArray) loaded = list_sign_ins_full (store, TRUE);

    g_assert_cmpstr (find_sign_in (loaded, server, JACK)->secret, ==, "jack-here");
    g_assert_cmpstr (find_sign_in (loaded, server, JILL)->secret, ==, "jill-here");
    g_assert_cmpstr (find_sign_in (loaded, other, JACK)->secret, ==, "jack-there");
  }

  /* Sorted by server, then account. */
  for (guint i = 1; i < items->len; i++)
    {
      TesseraSignInItem *a = g_ptr_array_index (items, i - 1);
      TesseraSignInItem *b = g_ptr_array_index (items, i);
      int order = g_strcmp0 (a->server, b->server);

      g_assert_true (order < 0 || (order == 0 && g_strcmp0 (a->account, b->account) < 0));
    }

  delete_account (store, server, JACK);
  delete_account (store, server, JILL);
  delete_account (store, other, JACK);
}

/* An account signed out while the start-up reads every sign-in with its
 * secret: the list has the other accounts, and the one signed out with
 * its secret or not at all, never an error, and libsecret never trips
 * over the item deleted under it. */
static guint libsecret_double_returns;

/* libsecret 0.20 returns a search or a clear twice when an item it found
 * is deleted before it has read it: a GIO critical, after the first
 * return.  Counted here, so that the test says so; any other critical
 * fails it as usual. */
static void
count_libsecret_double_return (const char     *log_domain,
                               GLogLevelFlags  log_level,
                               const char     *message,
                               gpointer        user_data)
{
  if (strstr (message, "!task->ever_returned") != NULL)
    libsecret_double_returns++;
  else
    {
      g_log_default_handler (log_domain, log_level, message, user_data);
      g_test_fail ();
    }
}

static void
test_sign_in_list_while_clearing (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autofree char *server = new_origin ();
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  guint handler = g_log_set_handler ("GLib-GIO", G_LOG_LEVEL_CRITICAL,
                                     count_libsecret_double_return, NULL);

  for (guint round = 0; round < 15; round++)
    {
      g_autoptr(GAsyncResult) listed = NULL;
      g_autoptr(GAsyncResult) cleared = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) items = NULL;
      TesseraSignInItem *jill;

      save_sign_in (store, server, JACK, "jack-here");
      save_sign_in (store, server, JILL, "jill-here");

      tessera_secret_store_list_sign_ins_async (store, TRUE, NULL, store_result_cb, &listed);
      tessera_secret_store_clear_sign_in_async (store, server, JILL, NULL, store_result_cb, &cleared);

      g_assert_true (tessera_secret_store_clear_sign_in_finish (store, wait_for (&cleared), &error));
      g_assert_no_error (error);
      items = tessera_secret_store_list_sign_ins_finish (store, wait_for (&listed), &error);
      g_assert_no_error (error);
      g_assert_nonnull (items);
      g_assert_cmpstr (find_sign_in (items, server, JACK)->secret, ==, "jack-here");
      jill = find_sign_in (items, server, JILL);
      g_assert_true (jill == NULL || g_strcmp0 (jill->secret, "jill-here") == 0);

      /* Nothing of this round is still to come. */
      for (guint i = 0; i < 20; i++)
        g_main_context_iteration (NULL, FALSE);
    }
  g_log_remove_handler ("GLib-GIO", handler);
  g_log_set_always_fatal (fatal);
  /* The store never lets a clear run beside a read. */
  g_assert_cmpuint (libsecret_double_returns, ==, 0);

  delete_account (store, server, JACK);
}

/* A store that may not ask anything (the Shell's search started Tessera):
 * reads work on an unlocked keyring, writes fail at once. */
static void
test_not_interactive (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autoptr(TesseraSecretStore) quiet = tessera_secret_store_new ();
  g_autofree char *server = new_origin ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Found) found = NULL;
  char *secret;

  save_sign_in (store, server, JACK, "readable-without-asking");
  tessera_secret_store_set_interactive (quiet, FALSE);
  g_assert_false (tessera_secret_store_get_interactive (quiet));

  secret = lookup_sign_in (quiet, server, JACK, NULL);
  g_assert_cmpstr (secret, ==, "readable-without-asking");
  tessera_secret_free (secret);

  tessera_secret_store_save_generated_async (quiet, server, JACK, "pat-q", "quiet", "never-stored",
                                             NULL, store_result_cb, &result);
  g_assert_false (tessera_secret_store_save_generated_finish (quiet, wait_for (&result), &error));
  g_assert_error (error, TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE);
  found = secret_tool_search (server, "kind", "generated", NULL);
  g_assert_cmpuint (found->n_items, ==, 0);

  clear_sign_in (store, server, JACK);
}

/* An item as Tessera 0.1 wrote it: no token-id, the old label. */
static void
store_legacy_sign_in (const char *server,
                      const char *account,
                      const char *secret)
{
  const char *argv[] = { "secret-tool", "store", "--label", NULL,
                         "xdg:schema", "app.tessera.Tessera",
                         "server", server, "account", account, "kind", "sign-in", NULL };
  g_autofree char *label = g_strdup_printf ("Tessera sign-in token for %s", account);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) input = g_bytes_new (secret, strlen (secret));
  g_autoptr(GError) error = NULL;

  argv[3] = label;
  /* Its output is not TAP. */
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
}

static void
test_sign_in_legacy (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autofree char *server = new_origin ();
  g_autofree char *token_id = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(Found) upgraded = NULL;
  TesseraSignInItem *item;
  char *secret;

  store_legacy_sign_in (server, JACK, "legacy-sign-in-secret");

  /* Found by account, listed, and told apart by its missing token id. */
  items = list_sign_ins (store);
  item = find_sign_in (items, server, JACK);
  g_assert_nonnull (item);
  g_assert_null (item->token_id);
  secret = lookup_sign_in (store, server, JACK, &token_id);
  g_assert_cmpstr (secret, ==, "legacy-sign-in-secret");
  g_assert_null (token_id);

  /* Saving it again is the upgrade: one item, the new label, the id. */
  save_sign_in_with_id (store, server, JACK, "pat-legacy", secret);
  tessera_secret_free (secret);
  upgraded = secret_tool_search (server, NULL);
  g_assert_cmpuint (upgraded->n_items, ==, 1);
  assert_attribute (upgraded, "token-id", "pat-legacy");
  g_assert_true (g_str_has_suffix (upgraded->label, server + strlen ("http://")));
  g_assert_cmpstr (upgraded->secret, ==, "legacy-sign-in-secret");

  clear_sign_in (store, server, JACK);
}

static void
test_generated_round_trip (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autofree char *server = new_origin ();
  g_autoptr(Found) found = NULL;
  g_autoptr(Found) plain = NULL;
  char *secret;

  save_generated (store, server, JACK, "pat-0001", "ci deploy", "a7ee-generated-1");
  save_generated (store, server, JACK, "pat-0002", "", "a7ee-generated-2");
  save_generated (store, server, JACK, "pat-0003", NULL, "a7ee-generated-3");

  secret = lookup_generated (store, server, JACK, "pat-0001");
  g_assert_cmpstr (secret, ==, "a7ee-generated-1");
  tessera_secret_free (secret);
  secret = lookup_generated (store, server, JACK, "pat-0003");
  g_assert_cmpstr (secret, ==, "a7ee-generated-3");
  tessera_secret_free (secret);

  /* Another account's, or an unknown id: nothing, and no error. */
  g_assert_null (lookup_generated (store, server, JILL, "pat-0001"));
  g_assert_null (lookup_generated (store, server, JACK, "pat-9999"));

  found = secret_tool_search (server, "token-id", "pat-0001", NULL);
  g_assert_cmpuint (found->n_items, ==, 1);
  g_assert_cmpstr (found->label, ==, "API7 Cloud token “ci deploy” (" JACK ")");
  g_assert_cmpstr (found->schema, ==, "app.tessera.Tessera");
  g_assert_cmpstr (found->secret, ==, "a7ee-generated-1");
  assert_attribute (found, "server", server);
  assert_attribute (found, "account", JACK);
  assert_attribute (found, "kind", "generated");
  assert_attribute (found, "token-id", "pat-0001");
  g_assert_cmpuint (g_hash_table_size (found->attributes), ==, 4);

  /* No notes: the id names the token. */
  plain = secret_tool_search (server, "token-id", "pat-0002", NULL);
  g_assert_cmpuint (plain->n_items, ==, 1);
  g_assert_cmpstr (plain->label, ==, "API7 Cloud token pat-0002 (" JACK ")");
  g_assert_cmpstr (plain->secret, ==, "a7ee-generated-2");

  /* Saving the same id again replaces the item. */
  save_generated (store, server, JACK, "pat-0001", "ci deploy", "a7ee-generated-1b");
  secret = lookup_generated (store, server, JACK, "pat-0001");
  g_assert_cmpstr (secret, ==, "a7ee-generated-1b");
  tessera_secret_free (secret);
  {
    g_autoptr(Found) again = secret_tool_search (server, "token-id", "pat-0001", NULL);
    g_assert_cmpuint (again->n_items, ==, 1);
  }

  delete_account (store, server, JACK);
}

static void
test_generated_unicode_notes (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autofree char *server = new_origin ();
  g_autoptr(Found) found = NULL;
  char *secret;

  save_generated (store, server, "zoë@example.com", "pat-ü", "部署 ✓ — ci", "sécret-✓");

  secret = lookup_generated (store, server, "zoë@example.com", "pat-ü");
  g_assert_cmpstr (secret, ==, "sécret-✓");
  tessera_secret_free (secret);

  found = secret_tool_search (server, NULL);
  g_assert_cmpuint (found->n_items, ==, 1);
  g_assert_cmpstr (found->label, ==, "API7 Cloud token “部署 ✓ — ci” (zoë@example.com)");
  assert_attribute (found, "account", "zoë@example.com");
  assert_attribute (found, "token-id", "pat-ü");
  g_assert_cmpstr (found->secret, ==, "sécret-✓");

  delete_account (store, server, "zoë@example.com");
}

static void
test_generated_list (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autofree char *server = new_origin ();
  g_autofree char *other = new_origin ();
  g_auto(GStrv) jack_ids = NULL;
  g_auto(GStrv) jill_ids = NULL;
  g_auto(GStrv) other_ids = NULL;
  g_auto(GStrv) none = NULL;
  const char * const jack_expected[] = { "pat-a", "pat-b", "pat-c", NULL };
  const char * const jill_expected[] = { "pat-d", NULL };

  save_sign_in (store, server, JACK, "sign-in");
  save_generated (store, server, JACK, "pat-c", "three", "s3");
  save_generated (store, server, JACK, "pat-a", "one", "s1");
  save_generated (store, server, JACK, "pat-b", "two", "s2");
  save_generated (store, server, JILL, "pat-d", "hers", "s4");
  save_generated (store, other, JACK, "pat-e", "elsewhere", "s5");

  /* Sorted, only the account's generated items on that server. */
  jack_ids = list_generated (store, server, JACK);
  g_assert_cmpstrv (jack_ids, jack_expected);
  jill_ids = list_generated (store, server, JILL);
  g_assert_cmpstrv (jill_ids, jill_expected);
  other_ids = list_generated (store, other, JACK);
  g_assert_cmpuint (g_strv_length (other_ids), ==, 1);
  g_assert_cmpstr (other_ids[0], ==, "pat-e");

  none = list_generated (store, other, JILL);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  delete_account (store, server, JACK);
  delete_account (store, server, JILL);
  delete_account (store, other, JACK);
}

static void
test_generated_delete (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autofree char *server = new_origin ();
  g_auto(GStrv) ids = NULL;
  g_autoptr(Found) found = NULL;
  char *secret;

  save_generated (store, server, JACK, "pat-1", "one", "secret-1");
  save_generated (store, server, JACK, "pat-2", "two", "secret-2");

  delete_generated (store, server, JACK, "pat-1");
  g_assert_null (lookup_generated (store, server, JACK, "pat-1"));

  secret = lookup_generated (store, server, JACK, "pat-2");
  g_assert_cmpstr (secret, ==, "secret-2");
  tessera_secret_free (secret);

  ids = list_generated (store, server, JACK);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, "pat-2");

  found = secret_tool_search (server, NULL);
  g_assert_cmpuint (found->n_items, ==, 1);
  assert_attribute (found, "token-id", "pat-2");

  /* Deleting what is not there is no error. */
  delete_generated (store, server, JACK, "pat-1");

  delete_account (store, server, JACK);
}

/* A reader racing a deleter: the item a search found can be gone by the
 * time its attributes or secret are read.  Neither call may fail for it
 * (the session lists saved ids while a delete runs). */
static void
test_generated_delete_while_reading (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autofree char *server = new_origin ();

  for (guint round = 0; round < 15; round++)
    {
      g_autoptr(GAsyncResult) deleted = NULL;
      g_autoptr(GAsyncResult) listed = NULL;
      g_autoptr(GAsyncResult) looked_up = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) ids = NULL;
      char *secret;

      save_generated (store, server, JACK, "pat-race", "race", "secret-race");

      tessera_secret_store_lookup_generated_async (store, server, JACK, "pat-race", NULL,
                                                   store_result_cb, &looked_up);
      tessera_secret_store_list_generated_async (store, server, JACK, NULL,
                                                 store_result_cb, &listed);
      tessera_secret_store_delete_generated_async (store, server, JACK, "pat-race", NULL,
                                                   store_result_cb, &deleted);

      g_assert_true (tessera_secret_store_delete_generated_finish (store, wait_for (&deleted), &error));
      g_assert_no_error (error);

      ids = tessera_secret_store_list_generated_finish (store, wait_for (&listed), &error);
      g_assert_no_error (error);
      g_assert_nonnull (ids);

      /* Either the secret (read before the delete) or nothing. */
      secret = tessera_secret_store_lookup_generated_finish (store, wait_for (&looked_up), &error);
      g_assert_no_error (error);
      g_assert_true (secret == NULL || g_str_equal (secret, "secret-race"));
      tessera_secret_free (secret);
    }

  delete_account (store, server, JACK);
}

static void
test_delete_account (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autofree char *server = new_origin ();
  g_autofree char *other = new_origin ();
  g_auto(GStrv) jack_ids = NULL;
  g_auto(GStrv) jill_ids = NULL;
  g_auto(GStrv) other_ids = NULL;
  g_autoptr(Found) gone = NULL;
  g_autoptr(Found) left = NULL;
  char *secret;

  save_sign_in (store, server, JACK, "jack-sign-in");
  save_generated (store, server, JACK, "pat-1", "one", "jack-1");
  save_generated (store, server, JACK, "pat-2", "two", "jack-2");
  save_generated (store, server, JILL, "pat-3", "hers", "jill-3");
  save_sign_in (store, other, JACK, "jack-other-sign-in");
  save_generated (store, other, JACK, "pat-4", "elsewhere", "jack-other-4");

  delete_account (store, server, JACK);

  gone = secret_tool_search (server, "account", JACK, NULL);
  g_assert_cmpuint (gone->n_items, ==, 0);
  g_assert_null (lookup_sign_in (store, server, JACK, NULL));
  jack_ids = list_generated (store, server, JACK);
  g_assert_cmpuint (g_strv_length (jack_ids), ==, 0);

  /* Another account on the same server keeps its items… */
  left = secret_tool_search (server, NULL);
  g_assert_cmpuint (left->n_items, ==, 1);
  assert_attribute (left, "account", JILL);
  jill_ids = list_generated (store, server, JILL);
  g_assert_cmpuint (g_strv_length (jill_ids), ==, 1);
  secret = lookup_generated (store, server, JILL, "pat-3");
  g_assert_cmpstr (secret, ==, "jill-3");
  tessera_secret_free (secret);

  /* …and so does the same account on another server. */
  secret = lookup_sign_in (store, other, JACK, NULL);
  g_assert_cmpstr (secret, ==, "jack-other-sign-in");
  tessera_secret_free (secret);
  other_ids = list_generated (store, other, JACK);
  g_assert_cmpuint (g_strv_length (other_ids), ==, 1);

  delete_account (store, server, JILL);
  delete_account (store, other, JACK);
}

static void
test_cancelled (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) early = g_cancellable_new ();
  g_autofree char *server = new_origin ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) early_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) early_error = NULL;
  char *secret;

  /* Registered first, so this runs while the process has no bus
   * connection yet: cancelling the first operation in flight must not
   * spoil the ones that follow it. */
  tessera_secret_store_list_generated_async (store, server, JACK, early,
                                             store_result_cb, &early_result);
  g_cancellable_cancel (early);
  save_sign_in (store, server, JACK, "saved-after-a-cancel");
  tessera_secret_store_list_generated_finish (store, wait_for (&early_result), &early_error);
  g_assert_error (early_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  secret = lookup_sign_in (store, server, JACK, NULL);
  g_assert_cmpstr (secret, ==, "saved-after-a-cancel");
  tessera_secret_free (secret);

  /* The caller's own cancel is reported as such, not as "unavailable",
   * and nothing is saved. */
  g_cancellable_cancel (cancellable);
  tessera_secret_store_save_sign_in_async (store, server, JACK, NULL, "never-saved", cancellable,
                                           store_result_cb, &result);
  g_assert_false (tessera_secret_store_save_sign_in_finish (store, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  secret = lookup_sign_in (store, server, JACK, NULL);
  g_assert_cmpstr (secret, ==, "saved-after-a-cancel");
  tessera_secret_free (secret);

  clear_sign_in (store, server, JACK);
}

/* Every log line of the process, whatever its level, for the test below. */
static GString *captured_log;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") || g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      {
        if (fields[i].length < 0)
          g_string_append (captured_log, fields[i].value);
        else
          g_string_append_len (captured_log, fields[i].value, fields[i].length);
        g_string_append_c (captured_log, '\n');
      }

  /* Debug and info lines to stderr: stdout is the TAP stream. */
  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    {
      g_autofree char *line = g_log_writer_format_fields (log_level, fields, n_fields, FALSE);

      g_printerr ("%s\n", line);
      return G_LOG_WRITER_HANDLED;
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
test_no_secret_in_logs (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autoptr(TesseraSecretStore) impatient = tessera_secret_store_new ();
  g_autofree char *server = new_origin ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  /* Debug output of every domain is on (see main()): a whole round trip,
   * a failure and a timeout, and no secret reaches the log. */
  g_string_truncate (captured_log, 0);

  save_sign_in (store, server, JACK, "log-canary-sign-in-8d1f");
  save_generated (store, server, JACK, "pat-log", "notes", "log-canary-generated-51c2");
  tessera_secret_free (lookup_sign_in (store, server, JACK, NULL));
  secret = lookup_generated (store, server, JACK, "pat-log");
  tessera_secret_free (secret);

  /* A 1 ms limit: the operation ends with UNAVAILABLE, logged at debug. */
  tessera_secret_store_set_timeout (impatient, 1);
  tessera_secret_store_save_generated_async (impatient, server, JACK, "pat-slow", "slow",
                                             "log-canary-timeout-0b7e", NULL,
                                             store_result_cb, &result);
  if (!tessera_secret_store_save_generated_finish (impatient, wait_for (&result), &error))
    g_assert_error (error, TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE);

  delete_account (store, server, JACK);

  g_assert_true (strstr (captured_log->str, "tessera-secret-store") != NULL);
  g_assert_null (strstr (captured_log->str, "log-canary"));
}

/* A session with no usable keyring ------------------------------------- */

/* Run by the child process: every operation once, one line each,
 * "<operation> <error domain> <error code>" or "<operation> ok". */
static void
report (const char *name,
        gboolean    ok,
        GError     *error)
{
  if (error != NULL)
    g_print ("%s %s %d %s\n", name, g_quark_to_string (error->domain), error->code, error->message);
  else
    g_print ("%s %s\n", name, ok ? "ok" : "no-error");
}

static int
run_child (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  const char *server = "http://127.0.0.1:9";

#define RUN(name, start, finish_expr)                          \
  {                                                            \
    g_autoptr(GAsyncResult) result = NULL;                     \
    g_autoptr(GError) error = NULL;                            \
    gboolean ok;                                               \
    start;                                                     \
    wait_for (&result);                                        \
    ok = (finish_expr);                                        \
    report (name, ok, error);                                  \
  }

  RUN ("save_sign_in",
       tessera_secret_store_save_sign_in_async (store, server, JACK, NULL, "secret", NULL, store_result_cb, &result),
       tessera_secret_store_save_sign_in_finish (store, result, &error));
  RUN ("lookup_sign_in",
       tessera_secret_store_lookup_sign_in_async (store, server, JACK, NULL, store_result_cb, &result),
       ({ char *s = tessera_secret_store_lookup_sign_in_finish (store, result, NULL, &error);
          gboolean r = s != NULL; tessera_secret_free (s); r; }));
  RUN ("clear_sign_in",
       tessera_secret_store_clear_sign_in_async (store, server, JACK, NULL, store_result_cb, &result),
       tessera_secret_store_clear_sign_in_finish (store, result, &error));
  RUN ("list_sign_ins",
       tessera_secret_store_list_sign_ins_async (store, TRUE, NULL, store_result_cb, &result),
       ({ GPtrArray *items = tessera_secret_store_list_sign_ins_finish (store, result, &error);
          gboolean r = items != NULL; g_clear_pointer (&items, g_ptr_array_unref); r; }));
  RUN ("save_generated",
       tessera_secret_store_save_generated_async (store, server, JACK, "pat-1", "ci", "secret", NULL, store_result_cb, &result),
       tessera_secret_store_save_generated_finish (store, result, &error));
  RUN ("lookup_generated",
       tessera_secret_store_lookup_generated_async (store, server, JACK, "pat-1", NULL, store_result_cb, &result),
       ({ char *s = tessera_secret_store_lookup_generated_finish (store, result, &error);
          gboolean r = s != NULL; tessera_secret_free (s); r; }));
  RUN ("list_generated",
       tessera_secret_store_list_generated_async (store, server, JACK, NULL, store_result_cb, &result),
       ({ GStrv ids = tessera_secret_store_list_generated_finish (store, result, &error);
          gboolean r = ids != NULL; g_strfreev (ids); r; }));
  RUN ("delete_generated",
       tessera_secret_store_delete_generated_async (store, server, JACK, "pat-1", NULL, store_result_cb, &result),
       tessera_secret_store_delete_generated_finish (store, result, &error));
  RUN ("delete_account",
       tessera_secret_store_delete_account_async (store, server, JACK, NULL, store_result_cb, &result),
       tessera_secret_store_delete_account_finish (store, result, &error));
#undef RUN

  return 0;
}

typedef struct
{
  char        *dir;
  GSubprocess *daemon;
  char        *address;
} PrivateBus;

/* A D-Bus session bus of our own.  With @service_dir NULL its only
 * service directory is empty: nothing can be activated on it,
 * gnome-keyring included. */
static PrivateBus *
private_bus_start (const char *service_dir)
{
  PrivateBus *bus = g_new0 (PrivateBus, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *services = NULL;
  g_autofree char *config = NULL;
  g_autofree char *config_path = NULL;
  g_autoptr(GDataInputStream) out = NULL;

  bus->dir = g_dir_make_tmp ("tessera-empty-bus.XXXXXX", &error);
  g_assert_no_error (error);
  services = g_build_filename (bus->dir, "services", NULL);
  g_assert_cmpint (g_mkdir (services, 0700), ==, 0);

  config = g_strdup_printf ("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                            " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                            "<busconfig>\n"
                            "  <type>session</type>\n"
                            "  <listen>unix:dir=%s</listen>\n"
                            "  <servicedir>%s</servicedir>\n"
                            "  <policy context=\"default\">\n"
                            "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                            "    <allow eavesdrop=\"true\"/>\n"
                            "    <allow own=\"*\"/>\n"
                            "  </policy>\n"
                            "</busconfig>\n",
                            bus->dir, service_dir != NULL ? service_dir : services);
  config_path = g_build_filename (bus->dir, "session.conf", NULL);
  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);

  bus->daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                  &error,
                                  "dbus-daemon", "--nofork", "--print-address=1",
                                  "--config-file", config_path, NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus->daemon));
  bus->address = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bus->address);
  g_test_message ("private bus without a Secret Service: %s", bus->address);

  return bus;
}

static void
private_bus_stop (PrivateBus *bus)
{
  g_autoptr(GFile) dir = g_file_new_for_path (bus->dir);
  g_autoptr(GFileEnumerator) children = NULL;

  g_subprocess_force_exit (bus->daemon);
  g_subprocess_wait (bus->daemon, NULL, NULL);
  g_object_unref (bus->daemon);

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL)
    {
      GFileInfo *info = g_file_enumerator_next_file (children, NULL, NULL);
      g_autoptr(GFile) child = NULL;

      if (info == NULL)
        break;
      child = g_file_get_child (dir, g_file_info_get_name (info));
      g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (dir, NULL, NULL);

  g_free (bus->address);
  g_free (bus->dir);
  g_free (bus);
}

typedef struct
{
  char     *out;
  gboolean  done;
} ChildRun;

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ChildRun *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, NULL, &error);
  g_assert_no_error (error);
  run->done = TRUE;
  g_main_context_wakeup (NULL);
}

static gboolean
child_too_slow_cb (gpointer user_data)
{
  g_subprocess_force_exit (user_data);
  g_test_message ("the child hung: killed after 60 s");
  return G_SOURCE_REMOVE;
}

/* Runs the child against @address with the environment in @env (pairs of
 * name and value); asserts every operation failed with UNAVAILABLE, or
 * with @writes_only every save did and the rest either did too or
 * succeeded; returns the seconds it took. */
static double
run_child_on_bus (const char         *address,
                  const char         *timeout_ms,
                  gboolean            writes_only,
                  const char * const *env)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *domain = g_strdup (g_quark_to_string (TESSERA_SECRET_STORE_ERROR));
  ChildRun run = { NULL, FALSE };
  GSource *watchdog;
  gint64 start;
  double seconds;
  guint n_lines = 0;

  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  g_subprocess_launcher_setenv (launcher, "TESSERA_KEYRING_TEST_CHILD", "1", TRUE);
  /* Its stdout is the report: no debug lines in it. */
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  if (timeout_ms != NULL)
    g_subprocess_launcher_setenv (launcher, "TESSERA_KEYRING_TIMEOUT_MS", timeout_ms, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "TESSERA_KEYRING_TIMEOUT_MS");

  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);

  start = g_get_monotonic_time ();
  child = g_subprocess_launcher_spawn (launcher, &error, self_path, NULL);
  g_assert_no_error (error);

  watchdog = g_timeout_source_new_seconds (60);
  g_source_set_callback (watchdog, child_too_slow_cb, g_object_ref (child), g_object_unref);
  g_source_attach (watchdog, NULL);

  g_subprocess_communicate_utf8_async (child, NULL, NULL, communicate_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_wait (child, NULL, NULL);
  g_source_destroy (watchdog);
  g_source_unref (watchdog);

  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("child output (%.2f s):\n%s", seconds, run.out);

  /* No crash: it ran to the end and exited cleanly. */
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);

  lines = g_strsplit (run.out != NULL ? run.out : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], " ", 4);
      n_lines++;
      if (writes_only && !g_str_has_prefix (fields[0], "save_") &&
          g_strv_length (fields) == 2)
        {
          /* Reading an empty keyring, or deleting from it, may work. */
          g_assert_true (g_str_equal (fields[1], "ok") || g_str_equal (fields[1], "no-error"));
          continue;
        }
      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      g_assert_cmpstr (fields[1], ==, domain);
      g_assert_cmpint (atoi (fields[2]), ==, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE);
      g_assert_cmpstr (fields[3], ==, "Secrets cannot be saved: the keyring is unavailable");
    }
  g_assert_cmpuint (n_lines, ==, 9);
  g_free (run.out);

  return seconds;
}

static void
test_unavailable_no_service (void)
{
  PrivateBus *bus = private_bus_start (NULL);
  double seconds;

  /* The default timeout: the answer must come from the bus, not the clock. */
  seconds = run_child_on_bus (bus->address, NULL, FALSE, NULL);
  g_assert_cmpfloat (seconds, <, 15.0);

  private_bus_stop (bus);
}

/* libsecret's file backend, the one it uses inside a Flatpak sandbox
 * (there it gets the file's key from the Secret portal; here from
 * SECRET_FILE_TEST_PASSWORD).  Run by the child of
 * test_file_backend(); any failed assertion aborts it. */
static int
run_file_backend_child (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  const char *server = "https://console.example.test";
  g_auto(GStrv) ids = NULL;
  const char * const expected[] = { "pat-1", "pat-2", NULL };
  g_autoptr(GPtrArray) items = NULL;
  char *secret;

  save_sign_in (store, server, JACK, "file-canary-sign-in-1");
  save_sign_in_with_id (store, server, JILL, "pat-jill", "file-canary-sign-in-2");
  secret = lookup_sign_in (store, server, JILL, NULL);
  g_assert_cmpstr (secret, ==, "file-canary-sign-in-2");
  tessera_secret_free (secret);
  items = list_sign_ins (store);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (((TesseraSignInItem *) g_ptr_array_index (items, 1))->token_id, ==, "pat-jill");

  save_generated (store, server, JILL, "pat-2", "部署 ✓ — ci", "file-canary-generated-2");
  save_generated (store, server, JILL, "pat-1", NULL, "file-canary-generated-1");
  save_generated (store, server, JACK, "pat-3", "his", "file-canary-generated-3");
  ids = list_generated (store, server, JILL);
  g_assert_cmpstrv (ids, expected);
  secret = lookup_generated (store, server, JILL, "pat-2");
  g_assert_cmpstr (secret, ==, "file-canary-generated-2");
  tessera_secret_free (secret);

  delete_generated (store, server, JILL, "pat-2");
  g_assert_null (lookup_generated (store, server, JILL, "pat-2"));

  delete_account (store, server, JILL);
  g_assert_null (lookup_sign_in (store, server, JILL, NULL));
  g_assert_null (lookup_generated (store, server, JILL, "pat-1"));
  secret = lookup_generated (store, server, JACK, "pat-3");
  g_assert_cmpstr (secret, ==, "file-canary-generated-3");
  tessera_secret_free (secret);

  g_print ("done\n");
  return 0;
}

static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_file_backend (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tessera-file-keyring.XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "keyrings", "default.keyring", NULL);
  g_autofree char *out = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_nonnull (dir);
  g_subprocess_launcher_setenv (launcher, "TESSERA_KEYRING_TEST_CHILD", "file-backend", TRUE);
  g_subprocess_launcher_setenv (launcher, "SECRET_BACKEND", "file", TRUE);
  g_subprocess_launcher_setenv (launcher, "SECRET_FILE_TEST_PATH", path, TRUE);
  g_subprocess_launcher_setenv (launcher, "SECRET_FILE_TEST_PASSWORD", "tessera-test-file-key", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");

  child = g_subprocess_launcher_spawn (launcher, &error, self_path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("file backend child: %s", out);
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  g_assert_cmpstr (out, ==, "done\n");

  /* The items are in that file, and encrypted: no secret, no label. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);
  g_assert_true (contains_bytes (contents, length, "GnomeKeyring"));   /* the file's magic */
  g_assert_false (contains_bytes (contents, length, "file-canary"));
  g_assert_false (contains_bytes (contents, length, "API7 Cloud token"));

  {
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));
  }
}

static void
test_unavailable_no_bus (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tessera-no-bus.XXXXXX", NULL);
  g_autofree char *address = g_strdup_printf ("unix:path=%s/no-such-socket", dir);
  double seconds;

  /* No session bus at all behind the address. */
  g_assert_nonnull (dir);
  seconds = run_child_on_bus (address, NULL, FALSE, NULL);
  g_assert_cmpfloat (seconds, <, 15.0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static GDBusMessage *
drop_method_calls_cb (GDBusConnection *connection,
                      GDBusMessage    *message,
                      gboolean         incoming,
                      gpointer         user_data)
{
  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_object_unref (message);
      return NULL;
    }
  return message;
}

static void
test_unavailable_no_answer (void)
{
  PrivateBus *bus = private_bus_start (NULL);
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  double seconds;

  /* Something owns org.freedesktop.secrets but never answers, as a keyring
   * waiting on an unlock prompt nobody sees: only the timeout ends it. */
  connection = g_dbus_connection_new_for_address_sync (bus->address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (connection, drop_method_calls_cb, NULL, NULL);
  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.secrets", 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);

  /* 9 operations × 500 ms, well under the 25 s D-Bus call timeout. */
  seconds = run_child_on_bus (bus->address, "500", FALSE, NULL);
  g_assert_cmpfloat (seconds, <, 15.0);

  g_dbus_connection_close_sync (connection, NULL, NULL);
  private_bus_stop (bus);
}

static void
test_unavailable_no_login_keyring (void)
{
  g_autofree char *home = g_dir_make_tmp ("tessera-no-keyring.XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *runtime = g_build_filename (home, "runtime", NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", home);
  const char * const env[] = {
    "XDG_DATA_HOME", data,
    "XDG_RUNTIME_DIR", runtime,
    "GNOME_KEYRING_CONTROL", "",
    NULL,
  };
  PrivateBus *bus;
  double seconds;

  /* The system's own services: the first call D-Bus-activates a real
   * gnome-keyring-daemon that has no login keyring yet.  Creating one
   * needs a password prompt nobody answers (or fails at once): either way
   * saving must say "unavailable" in bounded time. */
  if (!g_file_test ("/usr/share/dbus-1/services/org.freedesktop.secrets.service", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("gnome-keyring is not D-Bus activatable here");
      return;
    }

  g_assert_nonnull (home);
  g_assert_cmpint (g_mkdir (data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (runtime, 0700), ==, 0);
  bus = private_bus_start ("/usr/share/dbus-1/services");

  seconds = run_child_on_bus (bus->address, "1000", TRUE, env);
  g_assert_cmpfloat (seconds, <, 20.0);

  /* gnome-keyring-daemon and any prompter leave with their bus. */
  private_bus_stop (bus);
  g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  const char *data_home = g_getenv ("XDG_DATA_HOME");

  self_path = argv[0];

  if (g_strcmp0 (g_getenv ("TESSERA_KEYRING_TEST_CHILD"), "file-backend") == 0)
    return run_file_backend_child ();
  if (g_getenv ("TESSERA_KEYRING_TEST_CHILD") != NULL)
    return run_child ();

  /* Debug messages of every domain on, all of them captured: see
   * test_no_secret_in_logs(). */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);

  /* Never the user's keyring: only inside build-aux/private-session, whose
   * keyring lives in a throwaway XDG_DATA_HOME. */
  if (data_home == NULL || strstr (data_home, "tessera-session") == NULL)
    {
      g_printerr ("test-secret-store: XDG_DATA_HOME (%s) is not a private session's; "
                  "run this through build-aux/test so your own keyring stays untouched\n",
                  data_home != NULL ? data_home : "unset");
      g_print ("1..0 # SKIP not inside build-aux/private-session\n");
      return 0;
    }

  g_test_add_func ("/keyring/cancelled", test_cancelled);
  g_test_add_func ("/keyring/generated/delete-while-reading", test_generated_delete_while_reading);
  g_test_add_func ("/keyring/sign-in/round-trip", test_sign_in_round_trip);
  g_test_add_func ("/keyring/sign-in/replace", test_sign_in_replace);
  g_test_add_func ("/keyring/sign-in/none", test_sign_in_none);
  g_test_add_func ("/keyring/sign-in/clear", test_sign_in_clear);
  g_test_add_func ("/keyring/sign-in/list", test_sign_in_list);
  g_test_add_func ("/keyring/sign-in/list-while-clearing", test_sign_in_list_while_clearing);
  g_test_add_func ("/keyring/sign-in/legacy", test_sign_in_legacy);
  g_test_add_func ("/keyring/not-interactive", test_not_interactive);
  g_test_add_func ("/keyring/generated/round-trip", test_generated_round_trip);
  g_test_add_func ("/keyring/generated/unicode-notes", test_generated_unicode_notes);
  g_test_add_func ("/keyring/generated/list", test_generated_list);
  g_test_add_func ("/keyring/generated/delete", test_generated_delete);
  g_test_add_func ("/keyring/account/delete", test_delete_account);
  g_test_add_func ("/keyring/no-secret-in-logs", test_no_secret_in_logs);
  g_test_add_func ("/keyring/file-backend", test_file_backend);
  g_test_add_func ("/keyring/unavailable/no-bus", test_unavailable_no_bus);
  g_test_add_func ("/keyring/unavailable/no-secret-service", test_unavailable_no_service);
  g_test_add_func ("/keyring/unavailable/no-answer", test_unavailable_no_answer);
  g_test_add_func ("/keyring/unavailable/no-login-keyring", test_unavailable_no_login_keyring);

  return g_test_run ();
}
