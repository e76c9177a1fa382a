/* bench-list.c — how long listing a full account takes, and why paging
 * concurrently matters
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists an account of 50 tokens (the API's limit) from tessera-api-server
 * with a page-size cap of 10 (the real server's) and a simulated round trip
 * per request, through TesseraClient, several times, and prints the median.
 * The client asks for page 1, then pages 2–5 at most 4 at a time, so the
 * floor is two round trips; one page after another would be five.
 *
 *   meson test -C _build --benchmark --suite bench -v
 *   _build/tests/bench/bench-list [LATENCY-MS] [RUNS]
 */
#include "config.h"

#include <stdlib.h>

#include "tessera-client.h"
#include "tessera-test-server.h"

typedef struct
{
  GMainLoop *loop;
  GPtrArray *tokens;
  gboolean   settled;
  GError    *error;
} ListRun;

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ListRun *run = user_data;

  run->tokens = tessera_client_list_tokens_finish (TESSERA_CLIENT (object), result,
                                                   &run->settled, &run->error);
  g_main_loop_quit (run->loop);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  int latency_ms = argc > 1 ? atoi (argv[1]) : 100;
  int runs = argc > 2 ? atoi (argv[2]) : 7;
  g_autofree char *latency_arg = g_strdup_printf ("--latency-ms=%d", latency_ms);
  /* The demo account has 14 tokens; 36 more make the limit of 50. */
  const char *args[] = { "--seed-tokens=36", "--page-size-cap=10", latency_arg, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraTestServer) server = NULL;
  g_autoptr(TesseraClient) client = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree double *times = NULL;
  guint n_tokens = 0;

  if (latency_ms < 0 || runs < 1)
    {
      g_printerr ("usage: %s [LATENCY-MS] [RUNS]\n", argv[0]);
      return 2;
    }

  server = tessera_test_server_start (args, &error);
  if (server == NULL)
    g_error ("could not start tessera-api-server: %s", error->message);

  client = tessera_client_new (tessera_test_server_get_url (server),
                               tessera_test_server_get_demo_token (server), &error);
  if (client == NULL)
    g_error ("%s", error->message);

  times = g_new0 (double, runs);
  for (int i = 0; i < runs; i++)
    {
      ListRun run = { loop, NULL, FALSE, NULL };
      gint64 start = g_get_monotonic_time ();

      tessera_client_list_tokens_async (client, NULL, list_cb, &run);
      g_main_loop_run (loop);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;

      if (run.error != NULL)
        g_error ("listing failed: %s", run.error->message);
      /* Nobody changes the list here: every reading agrees with itself. */
      if (!run.settled)
        g_error ("the listing did not settle");
      n_tokens = run.tokens->len;
      g_ptr_array_unref (run.tokens);
    }

  qsort (times, runs, sizeof *times, compare_doubles);

  g_print ("tokens listed:          %u (pages of 10)\n", n_tokens);
  g_print ("simulated round trip:   %d ms\n", latency_ms);
  g_print ("median of %d runs:     %.0f ms (min %.0f, max %.0f)\n",
           runs, times[runs / 2], times[0], times[runs - 1]);
  g_print ("one page at a time:     at least %d ms (5 round trips)\n", 5 * latency_ms);
  g_print ("floor with 4 in flight: at least %d ms (2 round trips)\n", 2 * latency_ms);

  return n_tokens == 50 ? 0 : 1;
}
