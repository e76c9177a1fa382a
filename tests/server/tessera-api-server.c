/* tessera-api-server.c — a local API7 Cloud personal access token API
 *
 * Implements /work/shared/api-contract.md (see docs/api.md) over plain HTTP
 * on 127.0.0.1, for the tests and for build-aux/run.  It is not installed.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tessera-api-server"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "tessera-api-handlers.h"

/* ---- demo account ----------------------------------------------------- */

#define DAY (24 * 60 * 60)

static void
seed_demo_tokens (ApiStore *store,
                  ApiUser  *user,
                  gint64    now)
{
  /* created (days ago), expire (days from now, 0: never), last used (hours ago, 0: never) */
  static const struct { const char *notes; int created; int expire; int used_hours; } demo[] = {
    { "old laptop", 300, -20, 24 * 40 },
    { "ci deploy", 160, 200, 26 },
    { "grafana dashboard", 120, 0, 2 },
    { "terraform", 95, 3, 24 * 5 },
    { "", 80, 60, 0 },
    { "github actions: release pipeline", 70, 300, 72 },
    { "prometheus exporter", 60, 0, 1 },
    { "backup script", 45, 15, 0 },
    { "staging smoke tests", 30, 30, 8 },
    { "local dev", 20, 0, 0 },
    { "Jenkins — nightly build for the café's Übersicht dashboard; rotate after the "
      "migration to the new cluster is done", 14, 120, 30 },
    { "k8s ingress controller", 7, 83, 3 },
    { "temporary debugging", 2, 5, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (demo); i++)
    {
      gint64 created = now - (gint64) demo[i].created * DAY - (gint64) i * 3607;
      gint64 expire = demo[i].expire != 0 ? now + (gint64) demo[i].expire * DAY : 0;
      gint64 used = demo[i].used_hours != 0 ? now - (gint64) demo[i].used_hours * 3600 : 0;

      /* Straight into the store: the expired one could not be created
       * through the API. */
      api_store_add_token (store, user->id, demo[i].notes, created, expire, used, NULL);
    }
}

static char *
seed_demo (ApiStore *store,
           guint     extra_tokens)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  ApiUser *user = api_store_find_user_by_email (store, TESSERA_DEMO_EMAIL);
  const char *demo_id = api_store_get_demo_token_id (store);
  ApiToken *token = NULL;
  char *secret = NULL;

  if (user == NULL)
    {
      user = api_store_add_user (store, "Ada", "Lovelace", TESSERA_DEMO_EMAIL, now - 400 * DAY);
      seed_demo_tokens (store, user, now);
      for (guint i = 0; i < extra_tokens; i++)
        {
          g_autofree char *notes = g_strdup_printf ("seed token %u", i + 1);

          api_store_add_token (store, user->id, notes, now - 3600 + i, 0, 0, NULL);
        }
    }
  else if (extra_tokens > 0)
    g_printerr ("tessera-api-server: the demo account exists already; --seed-tokens ignored\n");

  /* The sign-in token survives restarts: sign it again from what is kept. */
  if (demo_id != NULL)
    token = api_store_find_token (store, user->id, demo_id);
  if (token != NULL && (token->expire == 0 || token->expire > now))
    return api_store_mint_secret (store, token);

  token = api_store_add_token (store, user->id, "Tessera demo sign-in", now, 0, 0, &secret);
  api_store_set_demo_token_id (store, token->id);
  return secret;
}

/* The other accounts of --users N: user 2 is Grace Hopper, the rest are
 * plain test users.  Each has a few tokens of its own and a sign-in token,
 * found again by its note after a restart with the same state file. */
#define SIGN_IN_NOTES "Tessera sign-in"

static char *
user_email (guint number)
{
  if (number == 2)
    return g_strdup ("grace@tessera.app");
  return g_strdup_printf ("user%u@tessera.app", number);
}

static char *
seed_user (ApiStore *store,
           guint     number)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *email = user_email (number);
  g_autofree char *last = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  ApiUser *user;
  ApiToken *token;
  char *secret = NULL;

  user = api_store_find_user_by_email (store, email);
  if (user == NULL)
    {
      static const char * const notes[] = { "cobol compiler", "navy payroll", "" };

      if (number == 2)
        user = api_store_add_user (store, "Grace", "Hopper", email, now - 200 * DAY);
      else
        {
          last = g_strdup_printf ("%u", number);
          user = api_store_add_user (store, "Test User", last, email, now - 100 * DAY);
        }
      for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
        api_store_add_token (store, user->id, notes[i], now - (gint64) (i + 1) * 9 * DAY,
                             i == 0 ? now + 40 * DAY : 0, 0, NULL);
    }

  tokens = api_store_list_tokens (store, user->id);
  for (guint i = 0; i < tokens->len; i++)
    {
      token = g_ptr_array_index (tokens, i);
      if (g_strcmp0 (token->notes, SIGN_IN_NOTES) == 0 &&
          (token->expire == 0 || token->expire > now))
        return api_store_mint_secret (store, token);
    }

  token = api_store_add_token (store, user->id, SIGN_IN_NOTES, now, 0, 0, &secret);
  return secret;
}

static char *
default_token_file (void)
{
  const char *runtime = g_getenv ("XDG_RUNTIME_DIR");

  if (runtime != NULL && g_file_test (runtime, G_FILE_TEST_IS_DIR))
    return g_build_filename (runtime, "tessera-demo-token", NULL);
  return g_strdup_printf ("%s/tessera-demo-token-%u", g_get_tmp_dir (), (guint) getuid ());
}

/* ---- main ------------------------------------------------------------- */

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  int port = 0;
  int latency_ms = 0;
  int page_size_cap = 10;
  int seed_tokens = 0;
  int n_users = 1;
  gboolean seed = FALSE;
  gboolean exit_with_parent = FALSE;
  g_autofree char *state = NULL;
  g_autofree char *token_file = NULL;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0: any free one)", "N" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &state, "Keep accounts and tokens in this JSON file", "FILE" },
    { "seed-demo", 0, 0, G_OPTION_ARG_NONE, &seed, "Create the demo account and print its sign-in token", NULL },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file, "Where to write the demo sign-in token (mode 0600)", "FILE" },
    { "seed-tokens", 0, 0, G_OPTION_ARG_INT, &seed_tokens, "Extra plain tokens on a new demo account", "N" },
    { "users", 0, 0, G_OPTION_ARG_INT, &n_users, "With --seed-demo: N accounts in all, each with its own tokens (default 1)", "N" },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency_ms, "Delay every answer", "MS" },
    { "page-size-cap", 0, 0, G_OPTION_ARG_INT, &page_size_cap, "Largest page size served (default 10)", "N" },
    { "exit-with-parent", 0, 0, G_OPTION_ARG_NONE, &exit_with_parent, "Stop when the process that started it dies (Linux)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— a local API7 Cloud token API");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(GPtrArray) user_secrets = g_ptr_array_new ();
  ApiServer self = { 0 };
  GHashTableIter iter;
  gpointer key, value;
  guint sig_int, sig_term;
  int bound_port;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("tessera-api-server: %s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535 || latency_ms < 0 || page_size_cap < 1 || seed_tokens < 0 ||
      n_users < 1 || n_users > 100)
    {
      g_printerr ("tessera-api-server: a number is out of range\n");
      return 2;
    }

  if (exit_with_parent)
    {
      pid_t parent = getppid ();

#ifdef __linux__
      /* A test that crashes, or a script killed with SIGKILL, must not
       * leave a server behind. */
      if (prctl (PR_SET_PDEATHSIG, SIGTERM) != 0)
        g_printerr ("tessera-api-server: prctl: %s\n", g_strerror (errno));
#endif
      if (getppid () != parent || parent == 1)
        return 0;
    }

  self.store = api_store_new (state, &error);
  if (self.store == NULL)
    {
      g_printerr ("tessera-api-server: %s\n", error->message);
      return 1;
    }
  self.latency_ms = (guint) latency_ms;
  self.page_size_cap = (guint) page_size_cap;
  self.delayed = g_hash_table_new (NULL, NULL);
  self.loop = g_main_loop_new (NULL, FALSE);

  if (seed)
    {
      secret = seed_demo (self.store, (guint) seed_tokens);
      for (int i = 2; i <= n_users; i++)
        g_ptr_array_add (user_secrets, seed_user (self.store, (guint) i));
    }
  if (!api_store_save (self.store, &error))
    {
      g_printerr ("tessera-api-server: cannot save the state: %s\n", error->message);
      return 1;
    }

  self.server = soup_server_new ("server-header", "tessera-api-server/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (self.server, NULL, api_server_handle_cb, &self, NULL);
  /* Loopback only: this server has no TLS and test-grade secrets. */
  if (!soup_server_listen_local (self.server, (guint) port, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      g_printerr ("tessera-api-server: cannot listen on 127.0.0.1:%d: %s\n", port, error->message);
      return 1;
    }
  uris = soup_server_get_uris (self.server);
  bound_port = g_uri_get_port (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  /* Before the banner: whoever read it may stop us at once. */
  sig_int = g_unix_signal_add (SIGINT, quit_cb, self.loop);
  sig_term = g_unix_signal_add (SIGTERM, quit_cb, self.loop);

  printf ("listening on http://127.0.0.1:%d\n", bound_port);
  if (secret != NULL)
    {
      if (token_file == NULL)
        token_file = default_token_file ();
      /* Before the demo token: readers stop at that line. */
      for (guint i = 0; i < user_secrets->len; i++)
        {
          char *user_secret = g_ptr_array_index (user_secrets, i);
          g_autofree char *email = user_email (i + 2);

          printf ("user %u: %s %s\n", i + 2, email, user_secret);
          explicit_bzero (user_secret, strlen (user_secret));
          g_free (user_secret);
        }
      printf ("demo account: %s\n", TESSERA_DEMO_EMAIL);
      printf ("demo token: %s\n", secret);
      if (g_file_set_contents_full (token_file, secret, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                    0600, &error))
        printf ("demo token file: %s\n", token_file);
      else
        {
          g_printerr ("tessera-api-server: %s\n", error->message);
          g_clear_error (&error);
        }
      explicit_bzero (secret, strlen (secret));
    }
  fflush (stdout);

  g_main_loop_run (self.loop);
  g_source_remove (sig_int);
  g_source_remove (sig_term);

  /* Answers still waiting out their latency: let them go before closing. */
  g_hash_table_iter_init (&iter, self.delayed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_source_remove (GPOINTER_TO_UINT (value));
      g_hash_table_iter_remove (&iter);
    }
  soup_server_disconnect (self.server);
  g_object_unref (self.server);
  g_hash_table_unref (self.delayed);
  api_server_clear_rules (&self);
  g_main_loop_unref (self.loop);
  api_store_free (self.store);
  return 0;
}
