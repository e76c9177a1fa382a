/* test-sign-in.c — the sign-in page, restore, sign out, a 401 mid-session
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "window-test-util.h"

#define NO_BUS "unix:path=/nonexistent/tessera-test-bus"

static GtkEditable *
token_entry (TesseraWindow *window)
{
  GtkWidget *row = find_widget (GTK_WIDGET (sign_in_page (window)), match_type,
                                GSIZE_TO_POINTER (ADW_TYPE_PASSWORD_ENTRY_ROW));

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

static GtkWidget *
sign_in_button (TesseraWindow *window)
{
  GtkWidget *button = find_widget (GTK_WIDGET (sign_in_page (window)), match_action, "win.sign-in");

  g_assert_nonnull (button);
  return button;
}

/* Types @token and presses "Sign In", then waits for the answer. */
static void
sign_in_by_typing (TesseraWindow *window,
                   const char    *token)
{
  gtk_editable_set_text (token_entry (window), token);
  g_assert_true (gtk_widget_is_sensitive (sign_in_button (window)));
  /* "clicked", as a mouse click does ("activate" waits for a key animation). */
  g_signal_emit_by_name (sign_in_button (window), "clicked");
  g_assert_true (tessera_sign_in_page_get_busy (sign_in_page (window)));
  WAIT_UNTIL (!tessera_sign_in_page_get_busy (sign_in_page (window)) ||
              g_strcmp0 (window_page (window), "tokens") == 0);
}

static void
test_empty_is_insensitive (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraTestServer) server = tessera_test_server_start (NULL, &error);
  g_autoptr(TesseraApplication) app = new_test_application ();
  TesseraWindow *window;

  g_assert_no_error (error);
  window = open_test_window (app, tessera_test_server_get_url (server), NULL);
  WAIT_UNTIL (g_strcmp0 (window_page (window), "sign-in") == 0);

  /* The server is prefilled; the token is not. */
  g_assert_cmpstr (tessera_sign_in_page_get_server (sign_in_page (window)), ==,
                   tessera_test_server_get_url (server));
  g_assert_false (gtk_widget_is_sensitive (sign_in_button (window)));

  gtk_editable_set_text (token_entry (window), "   ");
  g_assert_false (gtk_widget_is_sensitive (sign_in_button (window)));
  gtk_editable_set_text (token_entry (window), "x");
  g_assert_true (gtk_widget_is_sensitive (sign_in_button (window)));
  gtk_editable_set_text (token_entry (window), "");
  g_assert_false (gtk_widget_is_sensitive (sign_in_button (window)));

  close_test_window (window);
}

static void
test_wrong_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraTestServer) server = tessera_test_server_start (NULL, &error);
  g_autoptr(TesseraApplication) app = new_test_application ();
  g_autofree char *saved = NULL;
  TesseraWindow *window;

  g_assert_no_error (error);
  window = open_test_window (app, tessera_test_server_get_url (server), NULL);
  WAIT_UNTIL (g_strcmp0 (window_page (window), "sign-in") == 0);

  sign_in_by_typing (window, "eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJub3BlIn0.c2lnbmF0dXJl");

  g_assert_cmpstr (window_page (window), ==, "sign-in");
  g_assert_cmpstr (tessera_sign_in_page_get_error (sign_in_page (window)), ==,
                   "This token is not valid or has expired");
  /* Nothing of a failed sign in is kept. */
  saved = keyring_sign_in (tessera_test_server_get_url (server));
  g_assert_null (saved);

  close_test_window (window);
}

static void
test_sign_in_restore_sign_out (void)
{
  const char *args[] = { "--seed-tokens", "15", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraTestServer) server = tessera_test_server_start (args, &error);
  g_autoptr(TesseraApplication) app = new_test_application ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *saved = NULL;
  const char *url;
  TesseraWindow *window;
  TesseraWindow *second;

  g_assert_no_error (error);
  url = tessera_test_server_get_url (server);
  window = open_test_window (app, url, NULL);
  WAIT_UNTIL (g_strcmp0 (window_page (window), "sign-in") == 0);

  sign_in_by_typing (window, tessera_test_server_get_demo_token (server));
  WAIT_UNTIL (list_shown (window));

  /* Every token, over more than one page of 10. */
  ids = server_token_ids (server);
  g_assert_cmpuint (ids->len, >, 10);
  g_assert_cmpuint (n_token_rows (window), ==, ids->len);
  /* The typed token does not linger in the entry. */
  WAIT_UNTIL (g_str_equal (gtk_editable_get_text (token_entry (window)), ""));

  /* Saved as the sign-in token of this server. */
  WAIT_UNTIL ((saved = keyring_sign_in (url)) != NULL);
  g_assert_cmpstr (saved, ==, tessera_test_server_get_demo_token (server));

  /* A new window for the server goes straight to the list. */
  second = open_test_window (app, url, NULL);
  WAIT_UNTIL (list_shown (second));
  g_assert_cmpuint (n_token_rows (second), ==, ids->len);
  close_test_window (second);

  /* Sign out: the sign-in page, and the keyring item is gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  WAIT_UNTIL (g_strcmp0 (window_page (window), "sign-in") == 0);
  WAIT_UNTIL (!keyring_has_sign_in (url));
  g_assert_null (tessera_sign_in_page_get_notice (sign_in_page (window)));
  g_assert_cmpuint (n_token_rows (window), ==, 0);

  close_test_window (window);
}

static void
test_unauthenticated_mid_session (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraTestServer) server = tessera_test_server_start (NULL, &error);
  g_autoptr(TesseraApplication) app = new_test_application ();
  g_autoptr(TesseraClient) other = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  TesseraWindow *window;

  g_assert_no_error (error);
  window = open_test_window (app, tessera_test_server_get_url (server),
                             tessera_test_server_get_demo_token (server));
  WAIT_UNTIL (list_shown (window));

  /* Someone deletes every token behind the window's back. */
  other = tessera_client_new (tessera_test_server_get_url (server),
                              tessera_test_server_get_demo_token (server), &error);
  g_assert_no_error (error);
  tessera_client_delete_all_async (other, NULL, result_cb, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (tessera_client_delete_all_finish (other, result, NULL, &error));
  g_assert_no_error (error);

  /* The next request meets a 401: back to the sign-in page, saying why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
  WAIT_UNTIL (g_strcmp0 (window_page (window), "sign-in") == 0);
  g_assert_cmpstr (tessera_sign_in_page_get_notice (sign_in_page (window)), ==,
                   "Your sign-in token is no longer valid");
  g_assert_null (tessera_session_get_account (tessera_window_get_session (window)));
  /* The dead token is not tried again at the next start. */
  WAIT_UNTIL (!keyring_has_sign_in (tessera_test_server_get_url (server)));

  close_test_window (window);
}

/* After Delete All the window is back at the sign-in page, saying so, and
 * nothing of the account is left in the keyring. */
static void
test_after_delete_all (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraTestServer) server = tessera_test_server_start (NULL, &error);
  g_autoptr(TesseraApplication) app = new_test_application ();
  g_autoptr(GAsyncResult) result = NULL;
  TesseraSession *session;
  TesseraWindow *window;
  const char *url;

  g_assert_no_error (error);
  url = tessera_test_server_get_url (server);
  window = open_test_window (app, url, tessera_test_server_get_demo_token (server));
  WAIT_UNTIL (list_shown (window));
  WAIT_UNTIL (keyring_has_sign_in (url));

  session = tessera_window_get_session (window);
  tessera_session_delete_all_async (session, NULL, result_cb, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (tessera_session_delete_all_finish (session, result, &error));
  g_assert_no_error (error);

  WAIT_UNTIL (g_strcmp0 (window_page (window), "sign-in") == 0);
  g_assert_cmpstr (tessera_sign_in_page_get_notice (sign_in_page (window)), ==,
                   "All tokens were deleted. Sign in with a new token.");
  g_assert_false (keyring_has_sign_in (url));

  close_test_window (window);
}

static void
test_unreachable_server (void)
{
  g_autoptr(TesseraApplication) app = new_test_application ();
  TesseraWindow *window;
  const char *message;

  /* Nobody listens on port 1. */
  window = open_test_window (app, "http://127.0.0.1:1", NULL);
  WAIT_UNTIL (g_strcmp0 (window_page (window), "sign-in") == 0);

  sign_in_by_typing (window, "some-token");
  g_assert_cmpstr (window_page (window), ==, "sign-in");
  message = tessera_sign_in_page_get_error (sign_in_page (window));
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "This token is not valid or has expired");
  g_test_message ("Unreachable: %s", message);
  /* The token stays for another try. */
  g_assert_cmpstr (gtk_editable_get_text (token_entry (window)), ==, "some-token");

  close_test_window (window);
}

/* Editing "Server" signs in to that server instead: the window gets a
 * session for it. */
static void
test_other_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraTestServer) server = tessera_test_server_start (NULL, &error);
  g_autoptr(TesseraApplication) app = new_test_application ();
  GtkWidget *server_row;
  TesseraWindow *window;

  g_assert_no_error (error);
  window = open_test_window (app, "http://127.0.0.1:1", NULL);
  WAIT_UNTIL (g_strcmp0 (window_page (window), "sign-in") == 0);

  server_row = find_widget (GTK_WIDGET (sign_in_page (window)), match_type,
                            GSIZE_TO_POINTER (ADW_TYPE_ENTRY_ROW));
  g_assert_nonnull (server_row);
  g_assert_false (ADW_IS_PASSWORD_ENTRY_ROW (server_row));
  /* A trailing slash is normalized away. */
  {
    g_autofree char *typed = g_strdup_printf ("%s/", tessera_test_server_get_url (server));
    gtk_editable_set_text (GTK_EDITABLE (server_row), typed);
  }

  sign_in_by_typing (window, tessera_test_server_get_demo_token (server));
  WAIT_UNTIL (list_shown (window));
  g_assert_cmpstr (tessera_window_get_server_url (window), ==, tessera_test_server_get_url (server));
  g_assert_cmpstr (tessera_session_get_server_url (tessera_window_get_session (window)), ==,
                   tessera_test_server_get_url (server));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  WAIT_UNTIL (!keyring_has_sign_in (tessera_test_server_get_url (server)));
  close_test_window (window);
}

/* With no keyring at all the session still signs in and lists tokens; it
 * says the token could not be saved. */
static void
test_no_keyring (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) keyring_error = NULL;
      g_autoptr(TesseraTestServer) server = tessera_test_server_start (NULL, &error);
      g_autoptr(TesseraSecretStore) store = NULL;
      g_autoptr(TesseraSession) session = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      TesseraTokenList *tokens;

      g_assert_no_error (error);
      /* main() took the session bus away before GTK could connect to it. */
      g_assert_cmpstr (g_getenv ("DBUS_SESSION_BUS_ADDRESS"), ==, NO_BUS);

      store = tessera_secret_store_new ();
      session = tessera_session_new (tessera_test_server_get_url (server), store);
      tessera_session_sign_in_async (session, tessera_test_server_get_demo_token (server),
                                     NULL, result_cb, &result);
      WAIT_UNTIL (result != NULL);
      g_assert_true (tessera_session_sign_in_finish (session, result, &keyring_error, &error));
      g_assert_no_error (error);
      g_assert_error (keyring_error, TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE);
      g_assert_false (tessera_session_get_keyring_available (session));
      g_assert_cmpint (tessera_session_get_state (session), ==, TESSERA_SESSION_STATE_SIGNED_IN);

      tokens = tessera_session_get_tokens (session);
      WAIT_UNTIL (!tessera_token_list_get_loading (tokens) &&
                  g_list_model_get_n_items (G_LIST_MODEL (tokens)) > 0);
      g_assert_null (tessera_token_list_get_error (tokens));
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  gboolean subprocess = FALSE, no_keyring = FALSE;

  /* The no-keyring child runs without a session bus: it must be gone before
   * GTK and libadwaita connect to it, that is before gtk_test_init(). */
  for (int i = 1; i < argc; i++)
    {
      subprocess |= g_str_equal (argv[i], "--GTestSubprocess");
      no_keyring |= g_str_equal (argv[i], "/sign-in/no-keyring");
    }
  if (subprocess && no_keyring)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", NO_BUS, TRUE);

  /* Under Xvfb GTK renders with software GL, whose frames took seconds on
   * a loaded machine (the main thread waits for each swap); Cairo draws the
   * same widgets cheaply.  These tests drive widgets, not pixels. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/sign-in/empty-is-insensitive", test_empty_is_insensitive);
  g_test_add_func ("/sign-in/wrong-token", test_wrong_token);
  g_test_add_func ("/sign-in/sign-in-restore-sign-out", test_sign_in_restore_sign_out);
  g_test_add_func ("/sign-in/unauthenticated-mid-session", test_unauthenticated_mid_session);
  g_test_add_func ("/sign-in/after-delete-all", test_after_delete_all);
  g_test_add_func ("/sign-in/unreachable-server", test_unreachable_server);
  g_test_add_func ("/sign-in/other-server", test_other_server);
  g_test_add_func ("/sign-in/no-keyring", test_no_keyring);

  return g_test_run ();
}
