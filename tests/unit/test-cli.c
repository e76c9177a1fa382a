/* test-cli.c — the tessera binary's command line
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

static const char *tessera_bin;

/* Runs tessera with @args and no display; returns its exit status. */
static int
run_tessera (const char * const  *args,
             char               **out,
             char               **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) tessera_bin);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Option handling must not need a display or a session bus. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

static void
test_version (void)
{
  const char *args[] = { "--version", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_tessera (args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "tessera " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  const char *args[] = { "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_tessera (args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--server=URL"));
  g_assert_nonnull (strstr (out, "--version"));
}

static void
test_refused_servers (void)
{
  static const char *refused[] = {
    "--server=http://console.api7.cloud",
    "--server=http://192.168.1.10:9080",
    "--server=ftp://localhost",
    "--server=not a url",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      const char *args[] = { refused[i], NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_test_message ("%s", refused[i]);
      g_assert_cmpint (run_tessera (args, &out, &err), !=, 0);
      g_assert_true (g_str_has_prefix (err, "tessera: "));
      g_assert_cmpstr (out, ==, "");
    }
}

static void
test_plain_http_message_names_host (void)
{
  const char *args[] = { "--server", "http://console.api7.cloud", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_tessera (args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "console.api7.cloud"));
  g_assert_nonnull (strstr (err, "HTTP"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    g_error ("usage: %s TESSERA-BINARY", argv[0]);
  tessera_bin = argv[1];

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/refused-servers", test_refused_servers);
  g_test_add_func ("/cli/plain-http-message-names-host", test_plain_http_message_names_host);

  return g_test_run ();
}
