/* test-search-provider.c — GNOME Shell's search, asked over D-Bus as the
 * Shell asks: the real binary started as a D-Bus service, against
 * tessera-api-server and the keyring of build-aux/private-session
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-search-provider"

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include <gio/gio.h>

#include "private-session.h"
#include "tessera-secret-store.h"
#include "tessera-test-server.h"
#include "test-oracles.h"
#include "test-own-keyring.h"
#include "test-wait.h"

#define BUS_NAME "app.tessera.Tessera"
#define PATH "/app/tessera/Tessera/SearchProvider"
#define IFACE "org.gnome.Shell.SearchProvider2"

static const char *tessera_path;

typedef struct
{
  TesseraTestServer *server;
  GSubprocess       *app;
  GDBusConnection   *bus;
  const char        *url;
  char              *saved_id;      /* a token whose secret is saved */
  char              *saved_secret;
} Fixture;

static GVariant *
call (Fixture    *fixture,
      const char *method,
      GVariant   *parameters,
      const char *reply_type)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  g_dbus_connection_call (fixture->bus, BUS_NAME, PATH, IFACE, method, parameters,
                          reply_type != NULL ? G_VARIANT_TYPE (reply_type) : NULL,
                          G_DBUS_CALL_FLAGS_NONE, (int) (wait_usec () / 1000), NULL, result_cb, &result);
  WAIT_UNTIL (result != NULL);
  reply = g_dbus_connection_call_finish (fixture->bus, result, &error);
  if (error != NULL)
    {
      /* Say what became of the app, or the failure says nothing. */
      gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

      while (g_subprocess_get_identifier (fixture->app) != NULL && g_get_monotonic_time () < end)
        g_usleep (50 * 1000);
      if (g_subprocess_get_identifier (fixture->app) != NULL)
        g_test_message ("%s: the app is still running", method);
      else if (g_subprocess_get_if_signaled (fixture->app))
        g_test_message ("%s: the app was killed by signal %d", method,
                        g_subprocess_get_term_sig (fixture->app));
      else
        g_test_message ("%s: the app exited with status %d", method,
                        g_subprocess_get_exit_status (fixture->app));
    }
  g_assert_no_error (error);
  return reply;
}

static gboolean
name_owned (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                          "org.freedesktop.DBus", "NameHasOwner",
                                                          g_variant_new ("(s)", BUS_NAME), G_VARIANT_TYPE ("(b)"),
                                                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  gboolean owned = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static void
save (const char *kind,
      Fixture    *fixture,
      const char *id,
      const char *secret)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (kind, "sign-in"))
    {
      tessera_secret_store_save_sign_in_async (store, fixture->url, "demo@tessera.app", NULL, secret,
                                               NULL, result_cb, &result);
      WAIT_UNTIL (result != NULL);
      g_assert_true (tessera_secret_store_save_sign_in_finish (store, result, &error));
    }
  else
    {
      tessera_secret_store_save_generated_async (store, fixture->url, "demo@tessera.app", id,
                                                 "search me", secret, NULL, result_cb, &result);
      WAIT_UNTIL (result != NULL);
      g_assert_true (tessera_secret_store_save_generated_finish (store, result, &error));
    }
  g_assert_no_error (error);
}

/* The app goes with the test, even when a failed assertion aborts it
 * before the tear-down: it would otherwise hold meson's pipe open until
 * the suite's time limit. */
static void
die_with_test (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  const char *token;

  fixture->server = tessera_test_server_start (NULL, &error);
  g_assert_no_error (error);
  fixture->url = tessera_test_server_get_url (fixture->server);
  token = tessera_test_server_get_demo_token (fixture->server);
  fixture->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (name_owned (fixture->bus));

  /* A sign-in, and a token whose secret Tessera keeps. */
  save ("sign-in", fixture, NULL, token);
  fixture->saved_secret = oracle_create (fixture->url, token, "search me: deploy key");
  ids = oracle_ids (fixture->url, token);
  fixture->saved_id = g_strdup (g_ptr_array_index (ids, 0));
  save ("generated", fixture, fixture->saved_id, fixture->saved_secret);

  /* As the Shell's D-Bus activation starts it. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  fixture->app = g_subprocess_launcher_spawn (launcher, &error, tessera_path,
                                              "--gapplication-service", NULL);
  g_assert_no_error (error);
  WAIT_UNTIL (name_owned (fixture->bus));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_subprocess_send_signal (fixture->app, SIGTERM);
  g_subprocess_wait (fixture->app, NULL, NULL);
  g_clear_object (&fixture->app);
  tessera_secret_store_delete_account_async (store, fixture->url, "demo@tessera.app", NULL,
                                             result_cb, &result);
  WAIT_UNTIL (result != NULL);
  explicit_bzero (fixture->saved_secret, strlen (fixture->saved_secret));
  g_free (fixture->saved_secret);
  g_free (fixture->saved_id);
  g_clear_object (&fixture->bus);
  tessera_test_server_stop (fixture->server);
}

/* No secret in anything the provider says. */
static void
assert_no_secret (GVariant   *reply,
                  const char *secret)
{
  g_autofree char *text = g_variant_print (reply, FALSE);

  g_assert_null (strstr (text, secret));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  const char * const terms[] = { "DEPLOY", "search", NULL };
  const char * const narrower[] = { "deploy", "key", NULL };
  const char * const nothing[] = { "no-such-note", NULL };
  g_autoptr(GVariant) initial = NULL;
  g_autoptr(GVariant) sub = NULL;
  g_autoptr(GVariant) none = NULL;
  g_autoptr(GVariant) metas = NULL;
  g_autofree const char **results = NULL;
  g_autofree char *expected_id = g_strdup_printf ("%s demo@tessera.app %s", fixture->url, fixture->saved_id);
  const char *token = tessera_test_server_get_demo_token (fixture->server);
  GVariant *meta;
  const char *name = NULL, *description = NULL, *id = NULL;

  /* Asked before the accounts are even listed: the answer waits for them. */
  initial = call (fixture, "GetInitialResultSet", g_variant_new ("(^as)", terms), "(as)");
  g_variant_get (initial, "(^a&s)", &results);
  g_assert_cmpuint (g_strv_length ((char **) results), ==, 1);
  g_assert_cmpstr (results[0], ==, expected_id);
  assert_no_secret (initial, fixture->saved_secret);
  assert_no_secret (initial, token);

  sub = call (fixture, "GetSubsearchResultSet",
              g_variant_new ("(^as^as)", results, narrower), "(as)");
  assert_no_secret (sub, fixture->saved_secret);
  g_assert_cmpuint (g_variant_n_children (g_variant_get_child_value (sub, 0)), ==, 1);
  none = call (fixture, "GetInitialResultSet", g_variant_new ("(^as)", nothing), "(as)");
  g_assert_cmpuint (g_variant_n_children (g_variant_get_child_value (none, 0)), ==, 0);

  /* The note as name; the account and expiry as description. */
  metas = call (fixture, "GetResultMetas", g_variant_new ("(^as)", results), "(aa{sv})");
  assert_no_secret (metas, fixture->saved_secret);
  assert_no_secret (metas, token);
  meta = g_variant_get_child_value (g_variant_get_child_value (metas, 0), 0);
  g_assert_true (g_variant_lookup (meta, "id", "&s", &id));
  g_assert_true (g_variant_lookup (meta, "name", "&s", &name));
  g_assert_true (g_variant_lookup (meta, "description", "&s", &description));
  g_assert_cmpstr (id, ==, expected_id);
  g_assert_cmpstr (name, ==, "search me: deploy key");
  g_assert_nonnull (strstr (description, "demo@tessera.app"));
  g_assert_nonnull (strstr (description, "Does not expire"));
  g_assert_true (g_variant_lookup (meta, "gicon", "&s", &name));
  g_variant_unref (meta);
}

static char *
clipboard_text (void)
{
  g_autofree char *out = NULL;
  int status = 0;
  const char *argv[] = { "xclip", "-o", "-selection", "clipboard", NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_steal_pointer (&out);
}

/* Whether a Tessera window is on the X display (there is no window manager). */
static gboolean
tessera_window_mapped (void)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { "xwininfo", "-root", "-tree", NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, NULL, NULL))
    return FALSE;
  /* GDK's client leader, 1×1 px off screen, has the application's name too. */
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "\"Tessera\"") != NULL && strstr (lines[i], " 1x1+") == NULL)
      return TRUE;
  return FALSE;
}

static void
test_activate_copies (Fixture       *fixture,
                      gconstpointer  data)
{
  const char * const terms[] = { "deploy", "key", NULL };
  g_autoptr(GVariant) initial = call (fixture, "GetInitialResultSet", g_variant_new ("(^as)", terms), "(as)");
  g_autofree const char **results = NULL;
  g_autoptr(GVariant) done = NULL;

  g_variant_get (initial, "(^a&s)", &results);
  g_assert_cmpuint (g_strv_length ((char **) results), ==, 1);
  g_assert_false (tessera_window_mapped ());

  done = call (fixture, "ActivateResult", g_variant_new ("(s^asu)", results[0], terms, 0), NULL);

  /* A window, and the token's secret on the clipboard (the e2e test
   * checks through AT-SPI that it shows that row). */
  WAIT_UNTIL (tessera_window_mapped ());
  WAIT_UNTIL (({ g_autofree char *text = clipboard_text ();
                 gboolean same = g_strcmp0 (text, fixture->saved_secret) == 0;
                 if (text != NULL) explicit_bzero (text, strlen (text));
                 same; }));
}

static void
test_launch_search (Fixture       *fixture,
                    gconstpointer  data)
{
  const char * const terms[] = { "deploy", "key", NULL };
  g_autoptr(GVariant) done = NULL;

  g_assert_false (tessera_window_mapped ());
  done = call (fixture, "LaunchSearch", g_variant_new ("(^asu)", terms, 0), NULL);
  WAIT_UNTIL (tessera_window_mapped ());
}

int
main (int   argc,
      char *argv[])
{
  if (!tessera_test_in_private_session ("test-search-provider"))
    return 0;

  /* A keyring (and bus) of its own: the Tessera it starts lists every
   * saved sign-in, and the suite's other programs add and remove theirs. */
  own_keyring_up ();
  g_test_init (&argc, &argv, NULL);
  tessera_path = argc > 1 ? argv[1] : "tessera";

  g_test_add ("/search/results", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/search/activate-copies", Fixture, NULL, fixture_set_up, test_activate_copies,
              fixture_tear_down);
  g_test_add ("/search/launch-search", Fixture, NULL, fixture_set_up, test_launch_search,
              fixture_tear_down);

  {
    int status = g_test_run ();

    own_keyring_down ();
    return status;
  }
}
