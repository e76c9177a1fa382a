/* test-sign-in.c — the sign-in page, the sign-in saved and restored at the
 * next start, Sign Out, a token refused mid-session, no keyring at all
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"

#define NO_BUS "unix:path=/nonexistent/tessera-test-bus"

static void
test_empty_is_insensitive (Fixture       *fixture,
                           gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autofree char *server = tessera_application_dup_server_url (ui_test_app ());

  /* The server is prefilled (the configured one); the token is not. */
  g_assert_cmpstr (gtk_editable_get_text (server_entry (window)), ==, server);
  g_assert_cmpstr (gtk_editable_get_text (token_entry (window)), ==, "");
  g_assert_false (gtk_widget_is_sensitive (sign_in_button (window)));

  gtk_editable_set_text (token_entry (window), "   ");
  g_assert_false (gtk_widget_is_sensitive (sign_in_button (window)));
  gtk_editable_set_text (token_entry (window), "x");
  g_assert_true (gtk_widget_is_sensitive (sign_in_button (window)));
  gtk_editable_set_text (token_entry (window), "");
  g_assert_false (gtk_widget_is_sensitive (sign_in_button (window)));

  /* No server, no sign in either. */
  gtk_editable_set_text (token_entry (window), "x");
  gtk_editable_set_text (server_entry (window), " ");
  g_assert_false (gtk_widget_is_sensitive (sign_in_button (window)));
}

static void
test_wrong_token (Fixture       *fixture,
                  gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  GtkWidget *token_row;

  type_sign_in (window, fixture->url, "eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJub3BlIn0.c2lnbmF0dXJl");

  g_assert_cmpstr (window_page (window), ==, "sign-in");
  g_assert_cmpstr (tessera_sign_in_page_get_error (sign_in_page (window)), ==,
                   "This token is not valid or has expired");
  g_assert_null (window_session (window));
  g_assert_cmpuint (ui_test_n_accounts (), ==, 0);
  /* Nothing of a failed sign in is kept. */
  g_assert_cmpuint (keyring_count (fixture->url, demo_email (fixture), NULL), ==, 0);

  /* The entry row says it too, and the focus is back in it; a new token
   * clears both. */
  token_row = template_child (sign_in_page (window), TESSERA_TYPE_SIGN_IN_PAGE, "token_row");
  g_assert_true (gtk_widget_has_css_class (token_row, "error"));
  g_assert_true (announced (window, "This token is not valid or has expired"));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), token_row));
  gtk_editable_set_text (token_entry (window), "another");
  g_assert_false (gtk_widget_has_css_class (token_row, "error"));
  g_assert_null (tessera_sign_in_page_get_error (sign_in_page (window)));
}

/* A server address that cannot be used: the Server row says so. */
static void
test_bad_server (Fixture       *fixture,
                 gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  GtkWidget *server_row = template_child (sign_in_page (window), TESSERA_TYPE_SIGN_IN_PAGE, "server_row");

  gtk_editable_set_text (server_entry (window), "http://example.com");
  gtk_editable_set_text (token_entry (window), "some-token");
  activate (window, "win.sign-in", NULL);
  g_assert_nonnull (tessera_sign_in_page_get_error (sign_in_page (window)));
  g_assert_true (gtk_widget_has_css_class (server_row, "error"));
  gtk_editable_set_text (server_entry (window), "https://example.com");
  g_assert_false (gtk_widget_has_css_class (server_row, "error"));
  g_assert_null (tessera_sign_in_page_get_error (sign_in_page (window)));
}

static const char * const fifteen_more[] = { "--seed-tokens", "15", NULL };

/* The next start of Tessera (this test, run again in a child process):
 * the saved sign-in brings the list back without a sign-in page. */
static void
restored_at_start (void)
{
  g_autoptr(PageLog) log = NULL;
  g_autofree char *secret = NULL;
  TesseraWindow *window;
  TesseraSession *session;

  window = ui_window_new ();
  log = page_log_start (window);
  g_assert_cmpstr (window_page (window), ==, "loading");
  WAIT_UNTIL (list_shown (window) && tessera_token_list_get_loaded (window_tokens (window)));
  /* Straight from "loading" to the list: never the sign-in page on the way. */
  {
    g_autofree char *pages = page_log_text (log);

    g_test_message ("pages: %s", pages);
    g_assert_false (page_log_has (log, "sign-in"));
  }

  session = window_session (window);
  g_assert_cmpuint (ui_test_n_accounts (), ==, 1);
  g_assert_cmpstr (tessera_session_get_email (session), ==, "demo@tessera.app");
  secret = keyring_sign_in_secret (tessera_session_get_server_url (session), "demo@tessera.app");
  g_assert_nonnull (secret);
  assert_rows_are_server_list (window, tessera_session_get_server_url (session), secret);
  explicit_bzero (secret, strlen (secret));

  /* The parent signs out: its keyring item stays for it. */
  g_clear_pointer (&log, page_log_free);
  g_object_unref (window);
}

static void
test_sign_in_restore_sign_out (Fixture       *fixture,
                               gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *saved = NULL;
  TesseraWindow *second;

  if (g_test_subprocess ())
    {
      restored_at_start ();
      return;
    }

  sign_in (window, fixture->url, demo_token (fixture));

  /* Every token, over more than one page of 10. */
  ids = oracle_ids (fixture->url, demo_token (fixture));
  g_assert_cmpuint (ids->len, >, 10);
  assert_rows_are_server_list (window, fixture->url, demo_token (fixture));
  /* The typed token does not linger in the entry. */
  g_assert_cmpstr (gtk_editable_get_text (token_entry (window)), ==, "");

  /* Saved as the account's sign-in. */
  WAIT_UNTIL (keyring_count (fixture->url, demo_email (fixture), "sign-in") == 1);
  saved = keyring_sign_in_secret (fixture->url, demo_email (fixture));
  g_assert_cmpstr (saved, ==, demo_token (fixture));

  /* A new window shows the account at once… */
  second = ui_window_new ();
  g_assert_true (window_session (second) == window_session (window));
  WAIT_UNTIL (list_shown (second));
  g_assert_cmpuint (n_token_rows (second), ==, ids->len);
  ui_window_close (second);

  /* …and so does the next start of Tessera. */
  ui_test_run_in_child ();

  /* Sign out: the sign-in page, and the keyring item is gone. */
  sign_out (window);
  WAIT_UNTIL (window_shows (window, "sign-in"));
  g_assert_null (window_session (window));
  g_assert_cmpuint (ui_test_n_accounts (), ==, 0);
  WAIT_UNTIL (keyring_count (fixture->url, demo_email (fixture), "sign-in") == 0);
  g_assert_null (tessera_sign_in_page_get_notice (sign_in_page (window)));
  g_assert_cmpuint (n_token_rows (window), ==, 0);
  /* Signing out is not deleting: the token still works. */
  g_assert_cmpuint (oracle_status_me (fixture->url, demo_token (fixture)), ==, 200);
}

/* The server refuses the sign-in token while the list is open (it was
 * deleted elsewhere): "problem", with Sign In Again, and the saved
 * sign-in kept; Sign In Again with a new token replaces it. */
static void
test_refused_mid_session (Fixture       *fixture,
                          gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autofree char *spare = oracle_create (fixture->url, demo_token (fixture), "spare");
  g_autofree char *sign_in_id = jwt_id (demo_token (fixture));
  g_autofree char *saved = NULL;
  GtkWidget *again;

  oracle_delete (fixture->url, demo_token (fixture), sign_in_id);

  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_F5, 0));
  WAIT_UNTIL (window_shows (window, "problem"));
  again = find_action_button (window, "win.sign-in-again");
  g_assert_true (on_screen (again));
  g_assert_true (on_screen (find_action_button (window, "win.remove-account")));
  g_assert_false (on_screen (find_action_button (window, "win.retry")));
  g_assert_nonnull (find_text (window, "The Server Refused the Sign-In Token"));
  g_assert_cmpint (tessera_session_get_state (window_session (window)), ==, TESSERA_SESSION_STATE_REFUSED);

  /* Kept: a proxy or a portal can say 401 too. */
  spin_for (200);
  saved = keyring_sign_in_secret (fixture->url, demo_email (fixture));
  g_assert_cmpstr (saved, ==, demo_token (fixture));
  g_clear_pointer (&saved, g_free);

  /* Sign In Again: the sign-in page for this account, its server fixed. */
  g_signal_emit_by_name (again, "clicked");
  g_assert_cmpstr (window_page (window), ==, "sign-in");
  g_assert_cmpstr (gtk_editable_get_text (server_entry (window)), ==, fixture->url);
  g_assert_false (gtk_editable_get_editable (server_entry (window)));
  g_assert_cmpstr (tessera_sign_in_page_get_notice (sign_in_page (window)), ==,
                   "Sign in again as demo@tessera.app with a new personal access token.");
  g_assert_true (on_screen (cancel_button (window)));

  sign_in (window, NULL, spare);
  g_assert_cmpint (tessera_session_get_state (window_session (window)), ==, TESSERA_SESSION_STATE_SIGNED_IN);
  assert_rows_are_server_list (window, fixture->url, spare);
  WAIT_UNTIL (({ g_autofree char *now = keyring_sign_in_secret (fixture->url, demo_email (fixture));
                 g_strcmp0 (now, spare) == 0; }));
  g_assert_cmpuint (keyring_count (fixture->url, demo_email (fixture), "sign-in"), ==, 1);
  g_assert_cmpuint (ui_test_n_accounts (), ==, 1);

  /* Signed in again, the sign-in page is a plain one: after Sign Out its
   * server can be changed, it has no Cancel and no notice. */
  sign_out (window);
  WAIT_UNTIL (window_shows (window, "sign-in"));
  g_assert_true (gtk_editable_get_editable (server_entry (window)));
  g_assert_false (on_screen (cancel_button (window)));
  g_assert_null (tessera_sign_in_page_get_notice (sign_in_page (window)));

  explicit_bzero (spare, strlen (spare));
}

static void
test_unreachable_server (Fixture       *fixture,
                         gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  const char *message;

  /* Nobody listens on port 1. */
  type_sign_in (window, "http://127.0.0.1:1", "some-token");
  g_assert_cmpstr (window_page (window), ==, "sign-in");
  message = tessera_sign_in_page_get_error (sign_in_page (window));
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "This token is not valid or has expired");
  g_test_message ("Unreachable: %s", message);
  /* The token stays for another try. */
  g_assert_cmpstr (tessera_sign_in_page_get_token (sign_in_page (window)), ==, "some-token");
  g_assert_cmpuint (ui_test_n_accounts (), ==, 0);
}

/* The server typed in is the one signed in to, normalized. */
static void
test_other_server (Fixture       *fixture,
                   gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autofree char *typed = g_strdup_printf ("%s/", fixture->url);
  TesseraSession *session;

  g_assert_true (gtk_editable_get_editable (server_entry (window)));
  session = sign_in (window, typed, demo_token (fixture));
  g_assert_cmpstr (tessera_session_get_server_url (session), ==, fixture->url);
  assert_rows_are_server_list (window, fixture->url, demo_token (fixture));
  WAIT_UNTIL (keyring_count (fixture->url, demo_email (fixture), "sign-in") == 1);
}

/* With no keyring at all (no session bus: main() took it away in the
 * child before GTK started) Tessera still signs in and lists the tokens,
 * and says that the keyring could not keep the token. */
static void
test_no_keyring (void)
{
  g_autoptr(TesseraTestServer) server = NULL;
  TesseraWindow *window;
  const char *url;

  if (!g_test_subprocess ())
    {
      ui_test_run_in_child ();
      return;
    }

  g_assert_cmpstr (g_getenv ("DBUS_SESSION_BUS_ADDRESS"), ==, NO_BUS);
  server = start_server (NULL);
  url = tessera_test_server_get_url (server);

  window = ui_window_new ();
  WAIT_UNTIL (window_shows (window, "sign-in"));
  sign_in (window, url, tessera_test_server_get_demo_token (server));
  assert_rows_are_server_list (window, url, tessera_test_server_get_demo_token (server));
  WAIT_UNTIL (find_text (window, "Signed in, but the keyring is not available") != NULL);

  g_object_unref (window);
}

/* Sign Out asks first, naming the account; Cancel keeps it signed in. */
static void
test_sign_out_asks (Fixture       *fixture,
                    gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  TesseraSession *session = window_session (window);
  g_autofree char *heading = g_strdup_printf ("Sign Out of %s?", demo_email (fixture));
  AdwMessageDialog *dialog;

  WAIT_UNTIL (keyring_count (fixture->url, demo_email (fixture), "sign-in") == 1);
  activate (window, "win.sign-out", NULL);
  WAIT_UNTIL ((dialog = find_message_dialog (GTK_WINDOW (window))) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  click_response (dialog, "_Cancel");
  spin_for (200);
  g_assert_true (window_session (window) == session);
  g_assert_cmpint (tessera_session_get_state (session), ==, TESSERA_SESSION_STATE_SIGNED_IN);
  g_assert_cmpuint (keyring_count (fixture->url, demo_email (fixture), "sign-in"), ==, 1);

  sign_out (window);
  WAIT_UNTIL (window_shows (window, "sign-in"));
  WAIT_UNTIL (keyring_count (fixture->url, demo_email (fixture), "sign-in") == 0);
}

int
main (int   argc,
      char *argv[])
{
  gboolean subprocess = FALSE, no_keyring = FALSE;

  /* The no-keyring child runs without a session bus: it must be gone before
   * GTK connects to it, that is before gtk_test_init(). */
  for (int i = 1; i < argc; i++)
    {
      subprocess |= g_str_equal (argv[i], "--GTestSubprocess");
      no_keyring |= g_str_equal (argv[i], "/sign-in/no-keyring");
    }
  if (subprocess && no_keyring)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", NO_BUS, TRUE);
  if (!ui_test_init (&argc, &argv, "test-ui-sign-in"))
    return 0;

  g_test_add ("/sign-in/empty-is-insensitive", Fixture, NULL, fixture_set_up,
              test_empty_is_insensitive, fixture_tear_down);
  g_test_add ("/sign-in/wrong-token", Fixture, NULL, fixture_set_up, test_wrong_token, fixture_tear_down);
  g_test_add ("/sign-in/bad-server", Fixture, NULL, fixture_set_up, test_bad_server, fixture_tear_down);
  g_test_add ("/sign-in/sign-out-asks", Fixture, NULL, fixture_set_up_signed_in, test_sign_out_asks,
              fixture_tear_down);
  g_test_add ("/sign-in/sign-in-restore-sign-out", Fixture, fifteen_more, fixture_set_up,
              test_sign_in_restore_sign_out, fixture_tear_down);
  g_test_add ("/sign-in/refused-mid-session", Fixture, NULL, fixture_set_up_signed_in,
              test_refused_mid_session, fixture_tear_down);
  g_test_add ("/sign-in/unreachable-server", Fixture, NULL, fixture_set_up,
              test_unreachable_server, fixture_tear_down);
  g_test_add ("/sign-in/other-server", Fixture, NULL, fixture_set_up, test_other_server, fixture_tear_down);
  g_test_add_func ("/sign-in/no-keyring", test_no_keyring);

  return ui_test_run ();
}
