/* test-window.c — the main window, in-process under Xvfb
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include "window-test-util.h"

static void
test_window_title (void)
{
  g_autoptr(TesseraApplication) app = new_test_application ();
  TesseraWindow *window;

  window = open_test_window (app, "http://127.0.0.1:1", NULL);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Tessera");
  g_assert_cmpstr (tessera_window_get_server_url (window), ==, "http://127.0.0.1:1");
  g_assert_true (gtk_window_get_application (GTK_WINDOW (window)) == GTK_APPLICATION (app));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, 360);

  /* Nothing saved for that server (and nobody listens there): sign in. */
  WAIT_UNTIL (g_strcmp0 (window_page (window), "sign-in") == 0);

  close_test_window (window);
}

static gboolean
is_signed_in (TesseraWindow *window)
{
  return tessera_session_get_state (tessera_window_get_session (window)) == TESSERA_SESSION_STATE_SIGNED_IN;
}

/* What `tessera --with-token` does: straight to the list, titled with the
 * account's email; the window's actions follow the session. */
static void
test_sign_in_with_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraTestServer) server = tessera_test_server_start (NULL, &error);
  g_autoptr(TesseraApplication) app = new_test_application ();
  TesseraWindow *window;
  GtkWidget *title;

  g_assert_no_error (error);
  window = open_test_window (app, tessera_test_server_get_url (server),
                             tessera_test_server_get_demo_token (server));
  /* Never the sign-in page on the way. */
  while (!list_shown (window))
    {
      g_assert_cmpstr (window_page (window), !=, "sign-in");
      g_main_context_iteration (NULL, TRUE);
    }

  title = find_widget (tessera_window_get_token_page (window), match_type,
                       GSIZE_TO_POINTER (ADW_TYPE_WINDOW_TITLE));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, "Personal Access Tokens");
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==,
                   tessera_test_server_get_demo_email (server));

  g_assert_true (is_signed_in (window));
  g_assert_true (gtk_widget_is_sensitive (find_widget (tessera_window_get_token_page (window),
                                                       match_action, "win.generate")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  WAIT_UNTIL (g_strcmp0 (window_page (window), "sign-in") == 0);
  /* Signed out, the token actions are off. */
  g_assert_false (is_signed_in (window));
  g_assert_false (gtk_widget_is_sensitive (find_widget (tessera_window_get_token_page (window),
                                                        match_action, "win.generate")));

  close_test_window (window);
}

/* A token whose secret is in the keyring shows the key and "Copy Token",
 * which puts the secret on the clipboard. */
static void
test_copy_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraTestServer) server = tessera_test_server_start (NULL, &error);
  g_autoptr(TesseraApplication) app = new_test_application ();
  g_autoptr(GAsyncResult) created = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(TesseraToken) token = NULL;
  g_autofree char *secret = NULL;
  TesseraSession *session;
  TesseraWindow *window;
  GtkWidget *row;
  GtkWidget *copy;
  GdkClipboard *clipboard;

  g_assert_no_error (error);
  window = open_test_window (app, tessera_test_server_get_url (server),
                             tessera_test_server_get_demo_token (server));
  WAIT_UNTIL (list_shown (window));
  session = tessera_window_get_session (window);

  tessera_session_create_token_async (session, "copy me", NULL, NULL, result_cb, &created);
  WAIT_UNTIL (created != NULL);
  token = tessera_session_create_token_finish (session, created, &secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (secret);

  /* New tokens come first. */
  WAIT_UNTIL ((row = row_for_notes (window, "copy me")) != NULL);
  {
    g_autoptr(GPtrArray) rows = token_rows (window);
    g_assert_true (g_ptr_array_index (rows, 0) == row);
  }
  copy = find_widget (row, match_action, "win.copy-token");
  g_assert_false (gtk_widget_get_visible (copy));

  tessera_session_save_secret_async (session, token, secret, NULL, result_cb, &saved);
  WAIT_UNTIL (saved != NULL);
  g_assert_true (tessera_session_save_secret_finish (session, saved, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_get_visible (copy));

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  gdk_clipboard_set_text (clipboard, "something else");
  g_signal_emit_by_name (copy, "clicked");
  {
    GdkContentProvider *content;
    GValue text = G_VALUE_INIT;

    /* The clipboard is ours (same process): read its content directly,
     * once the keyring lookup has answered. */
    g_value_init (&text, G_TYPE_STRING);
    WAIT_UNTIL ((content = gdk_clipboard_get_content (clipboard)) != NULL &&
                gdk_content_provider_get_value (content, &text, NULL) &&
                g_strcmp0 (g_value_get_string (&text), secret) == 0);
    g_assert_cmpstr (g_value_get_string (&text), ==, secret);
    g_value_unset (&text);
  }

  explicit_bzero (secret, strlen (secret));
  close_test_window (window);
}

static char *
tessera_binary (void)
{
  const char *root = g_getenv ("TESSERA_BUILD_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "src", "tessera", NULL);
}

/* `tessera --with-token` with nothing usable on standard input refuses at
 * once, on the terminal. */
static void
test_cli_with_token_refuses_empty (void)
{
  g_autofree char *binary = tessera_binary ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                              G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              binary, "--server=http://127.0.0.1:1", "--with-token", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, " \n\t\n", NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (strstr (err, "No token on standard input"));
}

/* The real binary signs in with a token piped in (the README's run
 * command): the proof is the sign-in token it saves in the keyring. */
static void
test_cli_with_token_signs_in (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraTestServer) server = tessera_test_server_start (NULL, &error);
  g_autofree char *binary = tessera_binary ();
  g_autofree char *server_arg = NULL;
  g_autofree char *input = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GOutputStream) in = NULL;
  g_autofree char *saved = NULL;
  const char *url;

  g_assert_no_error (error);
  url = tessera_test_server_get_url (server);
  g_assert_false (keyring_has_sign_in (url));

  server_arg = g_strdup_printf ("--server=%s", url);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE, &error,
                              binary, server_arg, "--with-token", NULL);
  g_assert_no_error (error);

  /* Surrounding whitespace, as from `echo` or a file, is not the token's. */
  input = g_strdup_printf ("  %s\n", tessera_test_server_get_demo_token (server));
  in = g_object_ref (g_subprocess_get_stdin_pipe (process));
  g_assert_true (g_output_stream_write_all (in, input, strlen (input), NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (in, NULL, &error));
  explicit_bzero (input, strlen (input));

  WAIT_UNTIL ((saved = keyring_sign_in (url)) != NULL);
  g_assert_cmpstr (saved, ==, tessera_test_server_get_demo_token (server));
  explicit_bzero (saved, strlen (saved));

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}

/* GNOME's narrowest phones are 360 px wide: every page must fit in that,
 * i.e. ask for no more than 360 px. */
static void
assert_fits_360 (TesseraWindow *window,
                 const char    *what)
{
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_test_message ("%s: minimum width %d", what, minimum);
  g_assert_cmpint (minimum, <=, 360);
}

static void
test_narrow (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraTestServer) server = tessera_test_server_start (NULL, &error);
  g_autoptr(TesseraApplication) app = new_test_application ();
  TesseraWindow *window;

  g_assert_no_error (error);

  /* The sign-in page (nothing saved for this server). */
  window = open_test_window (app, tessera_test_server_get_url (server), NULL);
  WAIT_UNTIL (g_strcmp0 (window_page (window), "sign-in") == 0);
  assert_fits_360 (window, "sign-in page");
  close_test_window (window);

  /* The token list, with its longest notes and the Danger Zone. */
  window = open_test_window (app, tessera_test_server_get_url (server),
                             tessera_test_server_get_demo_token (server));
  WAIT_UNTIL (list_shown (window));
  assert_fits_360 (window, "token list");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  WAIT_UNTIL (g_strcmp0 (window_page (window), "sign-in") == 0);
  close_test_window (window);
}

int
main (int   argc,
      char *argv[])
{
  /* Under Xvfb GTK renders with software GL, whose frames took seconds on
   * a loaded machine (the main thread waits for each swap); Cairo draws the
   * same widgets cheaply.  These tests drive widgets, not pixels. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/title", test_window_title);
  g_test_add_func ("/window/narrow", test_narrow);
  g_test_add_func ("/window/sign-in-with-token", test_sign_in_with_token);
  g_test_add_func ("/window/copy-token", test_copy_token);
  g_test_add_func ("/window/cli-with-token-refuses-empty", test_cli_with_token_refuses_empty);
  g_test_add_func ("/window/cli-with-token-signs-in", test_cli_with_token_signs_in);

  return g_test_run ();
}
