/* bench-startup.c — from a cold start to the list drawn, next to a bare
 * window's first frame
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saves the demo sign-in in the keyring, then starts, several times each
 * and in turn, two fresh processes of this program:
 *   bare     an AdwApplication whose AdwApplicationWindow (Tessera's size)
 *            reports its first frame;
 *   tessera  TesseraApplication, which restores the saved sign-in from the
 *            keyring and reports when its list of 50 tokens (pages of 10,
 *            a simulated round trip per request) is drawn.
 * Times count from the parent's spawn.  For Tessera it also reports when the
 * listing started (the moment the keyring answered) and when it finished,
 * in round trips: /user/me goes out with page 1, pages 2–5 follow, so the
 * floor is two.
 *
 * Run inside build-aux/private-session (a keyring and a display):
 *   meson test -C _build --benchmark --suite bench -v
 * and to see where a start's time goes, every message with its time:
 *   build-aux/private-session env GSETTINGS_SCHEMA_DIR=_build/data \
 *     TESSERA_BENCH_TRACE=1 _build/tests/bench/bench-startup 100 1
 */
#include "config.h"

#include <stdlib.h>

#include <adwaita.h>

#include "tessera-application.h"
#include "tessera-test-server.h"
#include "tessera-token-page.h"
#include "tessera-window.h"

#define RUNS_DEFAULT 5

static gint64 t0;

static double
since_start_ms (void)
{
  return (g_get_monotonic_time () - t0) / 1000.0;
}

/* With TESSERA_BENCH_TRACE=1 a child prints every message, debug ones
 * too, on standard error with the time since its spawn: where a start's
 * time goes.  (Standard output is the parent's to read.) */
static GLogWriterOutput
trace_writer (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  const char *domain = "", *message = "";

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN") && fields[i].length < 0)
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        message = fields[i].value;
    }
  g_printerr ("%8.1f %s: %s\n", since_start_ms (), domain, message);
  return G_LOG_WRITER_HANDLED;
}

/* ---------------------------------------------------------------- bare */

static void
bare_painted_cb (GdkFrameClock *clock,
                 GApplication  *app)
{
  g_print ("first-frame %.1f\n", since_start_ms ());
  g_signal_handlers_disconnect_by_func (clock, bare_painted_cb, app);
  g_application_quit (app);
}

static void
bare_realized_cb (GtkWidget    *window,
                  GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (bare_painted_cb), app);
}

static void
bare_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 640);
  g_signal_connect (window, "realize", G_CALLBACK (bare_realized_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_bare (void)
{
  g_autoptr(AdwApplication) app = adw_application_new ("app.tessera.Bench",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (bare_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

/* ---------------------------------------------------------------- tessera */

typedef struct
{
  GApplication *app;
  TesseraWindow *window;
  double listing_started;
  double listed;
  gboolean reported;
} Run;

static void
tessera_painted_cb (GdkFrameClock *clock,
                    Run           *run)
{
  TesseraTokenPage *page = TESSERA_TOKEN_PAGE (tessera_window_get_token_page (run->window));
  TesseraSession *session = tessera_window_get_session (run->window);

  if (run->reported || session == NULL ||
      g_strcmp0 (tessera_window_get_page (run->window), "tokens") != 0 ||
      g_strcmp0 (tessera_token_page_get_view (page), "list") != 0 ||
      g_list_model_get_n_items (G_LIST_MODEL (tessera_session_get_tokens (session))) < 50)
    return;

  /* This frame drew the list. */
  run->reported = TRUE;
  g_print ("listing-started %.1f\nlisted %.1f\nlist-drawn %.1f\n",
           run->listing_started, run->listed, since_start_ms ());
  g_application_quit (run->app);
}

static void
tokens_notify_cb (TesseraTokenList *tokens,
                  GParamSpec       *pspec,
                  Run              *run)
{
  if (tessera_token_list_get_loading (tokens) && run->listing_started == 0)
    run->listing_started = since_start_ms ();
  if (tessera_token_list_get_loaded (tokens) && run->listed == 0)
    run->listed = since_start_ms ();
}

static void
accounts_changed_cb (GListModel *accounts,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Run        *run)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(TesseraSession) session = g_list_model_get_item (accounts, i);

      g_signal_connect (tessera_session_get_tokens (session), "notify",
                        G_CALLBACK (tokens_notify_cb), run);
    }
}

static void
tessera_startup_cb (GApplication *app,
                    Run          *run)
{
  g_signal_connect (tessera_application_get_accounts (TESSERA_APPLICATION (app)), "items-changed",
                    G_CALLBACK (accounts_changed_cb), run);
}

static void
window_realized_cb (GtkWidget *widget,
                    Run       *run)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (tessera_painted_cb), run);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 Run            *run)
{
  if (!TESSERA_IS_WINDOW (window))
    return;

  run->window = TESSERA_WINDOW (window);
  g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), run);
}

static int
run_tessera (void)
{
  g_autoptr(TesseraApplication) app = tessera_application_new ();
  Run run = { G_APPLICATION (app), NULL, 0, 0, FALSE };

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "startup", G_CALLBACK (tessera_startup_cb), &run);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), &run);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

/* ---------------------------------------------------------------- parent */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

/* Runs `self MODE` and returns the "name value" lines it printed. */
static GHashTable *
run_child (const char *self_path,
           const char *mode)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *out = NULL;
  g_autofree char *start = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  start = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time ());
  g_subprocess_launcher_setenv (launcher, "TESSERA_BENCH_T0", start, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, self_path, mode, NULL);
  if (child == NULL || !g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error))
    g_error ("%s %s: %s", self_path, mode, error->message);
  if (!g_subprocess_get_successful (child))
    g_error ("%s %s failed", self_path, mode);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", 2);

      if (g_strv_length (words) == 2)
        g_hash_table_insert (values, g_strdup (words[0]), g_strdup (words[1]));
    }
  return values;
}

static double
value (GHashTable *values,
       const char *name)
{
  const char *text = g_hash_table_lookup (values, name);

  if (text == NULL)
    g_error ("the child did not report %s", name);
  return g_ascii_strtod (text, NULL);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tessera_secret_store_save_sign_in_finish (TESSERA_SECRET_STORE (object), result, &error))
    g_error ("could not save the sign-in: %s", error->message);
  g_main_loop_quit (user_data);
}

static void
save_sign_in (TesseraTestServer *server)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  const char *argv[] = { "secret-tool", "clear", "xdg:schema", "app.tessera.Tessera", NULL };

  /* Only this sign-in: an earlier run's would be restored too. */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, NULL, NULL);
  tessera_secret_store_save_sign_in_async (store, tessera_test_server_get_url (server),
                                           tessera_test_server_get_demo_email (server), NULL,
                                           tessera_test_server_get_demo_token (server), NULL,
                                           saved_cb, loop);
  g_main_loop_run (loop);
}

int
main (int   argc,
      char *argv[])
{
  const char *env_t0 = g_getenv ("TESSERA_BENCH_T0");
  int latency_ms = 100;
  int runs = RUNS_DEFAULT;
  g_autofree char *latency_arg = NULL;
  g_autoptr(TesseraTestServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) drawn = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rounds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) keyring = g_array_new (FALSE, FALSE, sizeof (double));

  if (env_t0 != NULL && argc == 2)
    {
      t0 = g_ascii_strtoll (env_t0, NULL, 10);
      if (g_strcmp0 (g_getenv ("TESSERA_BENCH_TRACE"), "1") == 0)
        g_log_set_writer_func (trace_writer, NULL, NULL);
      if (g_str_equal (argv[1], "bare"))
        return run_bare ();
      if (g_str_equal (argv[1], "tessera"))
        return run_tessera ();
    }

  if (argc > 1)
    latency_ms = atoi (argv[1]);
  if (argc > 2)
    runs = atoi (argv[2]);
  latency_arg = g_strdup_printf ("--latency-ms=%d", latency_ms);
  {
    const char *args[] = { "--seed-tokens=36", "--page-size-cap=10", latency_arg, NULL };

    server = tessera_test_server_start (args, &error);
    if (server == NULL)
      g_error ("could not start tessera-api-server: %s", error->message);
  }
  save_sign_in (server);

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GHashTable) b = run_child (argv[0], "bare");
      g_autoptr(GHashTable) t = run_child (argv[0], "tessera");
      double first = value (b, "first-frame");
      double started = value (t, "listing-started");
      double listed = value (t, "listed");
      double list_drawn = value (t, "list-drawn");
      double r = (listed - started) / latency_ms;

      g_array_append_val (bare, first);
      g_array_append_val (drawn, list_drawn);
      g_array_append_val (rounds, r);
      g_array_append_val (keyring, started);
      g_print ("run %d: bare first frame %.0f ms; Tessera: keyring answered at %.0f ms, "
               "listed at %.0f ms (%.2f round trips), list drawn at %.0f ms\n",
               i + 1, first, started, listed, r, list_drawn);
    }

  g_print ("\nsimulated round trip:            %d ms, pages of 10, 50 tokens\n", latency_ms);
  g_print ("bare AdwApplicationWindow:       first frame after %.0f ms (median of %d)\n",
           median (bare), runs);
  g_print ("Tessera, restored from keyring:  list of 50 drawn after %.0f ms (median)\n",
           median (drawn));
  g_print ("ratio:                           %.2f × the bare window (target ≤ 1.10)\n",
           median (drawn) / median (bare));
  g_print ("keyring answered after:          %.0f ms (median)\n", median (keyring));
  g_print ("after the keyring answered:      %.2f round trips to the whole list (target ≤ 2)\n",
           median (rounds));

  return 0;
}
