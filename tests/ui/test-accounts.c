/* test-accounts.c — several accounts in one application: the accounts in
 * every menu, switching, adding, signing one out, an account refused or
 * unreachable at start, and the account used last
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"

static const char * const two_users[] = { "--users=2", NULL };

#define ADA "demo@tessera.app"
#define GRACE "grace@tessera.app"

/* "email — host:port", as the menu names an account. */
static char *
menu_title (const char *email,
            const char *url)
{
  return g_strdup_printf ("%s — %s", email, url + strlen ("http://"));
}

static char *
menu_entry (const char *email,
            const char *url)
{
  g_autofree char *title = menu_title (email, url);

  return g_strdup_printf ("%s → win.account('%s %s')", title, url, email);
}

/* Ada, then Grace with "Add Account…": the window follows Grace. */
static void
sign_in_both (Fixture         *fixture,
              TesseraSession **ada,
              TesseraSession **grace)
{
  *ada = sign_in (fixture->window, fixture->url, user_token (fixture, 0));
  *grace = add_account (fixture->window, fixture->url, user_token (fixture, 1));
  g_assert_true (*ada != *grace);
  g_assert_true (window_session (fixture->window) == *grace);
}

/* Every page's main menu starts with the accounts, then "Add Account…". */
static void
test_menu_lists_both (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *ada_entry = menu_entry (ADA, fixture->url);
  g_autofree char *grace_entry = menu_entry (GRACE, fixture->url);
  g_autofree char *ada_title = menu_title (ADA, fixture->url);
  g_autofree char *grace_title = menu_title (GRACE, fixture->url);
  g_autoptr(GPtrArray) menus = NULL;
  TesseraSession *ada, *grace;

  sign_in_both (fixture, &ada, &grace);

  menus = main_menus (fixture->window);
  g_assert_cmpuint (menus->len, ==, 3);   /* sign-in, problem, tokens */
  for (guint i = 0; i < menus->len; i++)
    {
      g_autoptr(GPtrArray) items = menu_section_items (g_ptr_array_index (menus, i), 0);

      g_assert_cmpuint (items->len, ==, 3);
      g_assert_cmpstr (g_ptr_array_index (items, 0), ==, ada_entry);
      g_assert_cmpstr (g_ptr_array_index (items, 1), ==, grace_entry);
      g_assert_cmpstr (g_ptr_array_index (items, 2), ==, "_Add Account… → win.add-account");
    }

  /* The account shown is the one ticked. */
  g_assert_true (menu_item_active (fixture->window, grace_title));
  g_assert_false (menu_item_active (fixture->window, ada_title));
  g_assert_true (menu_item_enabled (fixture->window, ada_title));
  g_assert_true (menu_item_enabled (fixture->window, "Add Account…"));
}

static const char *
subtitle (TesseraWindow *window)
{
  GtkWidget *title = find_widget (tessera_window_get_token_page (window), match_type,
                                  GSIZE_TO_POINTER (ADW_TYPE_WINDOW_TITLE));

  return adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title));
}

static void
assert_last_account (const char *url,
                     const char *email)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last_url = NULL;
  g_autofree char *last_email = NULL;

  g_settings_get (settings, "last-account", "(ss)", &last_url, &last_email);
  g_assert_cmpstr (last_url, ==, url);
  g_assert_cmpstr (last_email, ==, email);
}

/* win.account switches what the window shows: the list, the subtitle. */
static void
test_switch (Fixture       *fixture,
             gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autofree char *ada_key = NULL;
  g_autofree char *grace_key = NULL;
  g_autofree char *ada_title = menu_title (ADA, fixture->url);
  TesseraSession *ada, *grace;

  sign_in_both (fixture, &ada, &grace);
  ada_key = account_key (ada);
  grace_key = account_key (grace);
  assert_rows_are_server_list (window, fixture->url, user_token (fixture, 1));
  g_assert_cmpstr (subtitle (window), ==, GRACE);

  activate (window, "win.account", g_variant_new_string (ada_key));
  g_assert_true (window_session (window) == ada);
  WAIT_UNTIL (list_shown (window));
  assert_rows_are_server_list (window, fixture->url, user_token (fixture, 0));
  g_assert_cmpstr (subtitle (window), ==, ADA);
  g_assert_true (menu_item_active (window, ada_title));
  assert_last_account (fixture->url, ADA);

  activate (window, "win.account", g_variant_new_string (grace_key));
  g_assert_true (window_session (window) == grace);
  assert_rows_are_server_list (window, fixture->url, user_token (fixture, 1));
  g_assert_cmpstr (subtitle (window), ==, GRACE);
  g_assert_false (menu_item_active (window, ada_title));
  assert_last_account (fixture->url, GRACE);

  /* Both stayed signed in all along. */
  g_assert_cmpint (tessera_session_get_state (ada), ==, TESSERA_SESSION_STATE_SIGNED_IN);
  g_assert_cmpint (tessera_session_get_state (grace), ==, TESSERA_SESSION_STATE_SIGNED_IN);
}

/* "Add Account…" opens the sign-in page with a Cancel that goes back;
 * adding an account signs none of the others out. */
static void
test_add_and_cancel (Fixture       *fixture,
                     gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autofree char *saved = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) rows_after = NULL;
  TesseraSession *ada, *grace;

  ada = sign_in (window, fixture->url, user_token (fixture, 0));
  rows = token_rows (window);

  activate (window, "win.add-account", NULL);
  g_assert_cmpstr (window_page (window), ==, "sign-in");
  g_assert_true (on_screen (cancel_button (window)));
  g_assert_cmpstr (gtk_editable_get_text (server_entry (window)), !=, "");
  g_assert_true (gtk_editable_get_editable (server_entry (window)));
  g_assert_null (tessera_sign_in_page_get_notice (sign_in_page (window)));

  /* Cancel: back to the account, as it was. */
  gtk_editable_set_text (token_entry (window), "half typed");
  g_signal_emit_by_name (cancel_button (window), "clicked");
  g_assert_cmpstr (window_page (window), ==, "tokens");
  g_assert_true (window_session (window) == ada);
  rows_after = token_rows (window);
  g_assert_cmpuint (rows_after->len, ==, rows->len);
  g_assert_true (g_ptr_array_index (rows_after, 0) == g_ptr_array_index (rows, 0));
  g_assert_cmpstr (gtk_editable_get_text (token_entry (window)), ==, "");
  g_assert_cmpuint (ui_test_n_accounts (), ==, 1);

  /* Adding Grace leaves Ada signed in, listed and saved. */
  grace = add_account (window, fixture->url, user_token (fixture, 1));
  g_assert_true (window_session (window) == grace);
  g_assert_cmpuint (ui_test_n_accounts (), ==, 2);
  g_assert_cmpint (tessera_session_get_state (ada), ==, TESSERA_SESSION_STATE_SIGNED_IN);
  WAIT_UNTIL (keyring_count (fixture->url, GRACE, "sign-in") == 1);
  saved = keyring_sign_in_secret (fixture->url, ADA);
  g_assert_cmpstr (saved, ==, user_token (fixture, 0));
  assert_rows_are_server_list (window, fixture->url, user_token (fixture, 1));

  /* Once added, the sign-in page is a plain one again: when every account
   * is gone there is nothing to go back to. */
  sign_out (window);
  WAIT_UNTIL (window_session (window) == ada);
  sign_out (window);
  WAIT_UNTIL (window_shows (window, "sign-in"));
  g_assert_false (on_screen (cancel_button (window)));
  g_assert_true (gtk_editable_get_editable (server_entry (window)));
}

/* The user picks an account in the menu while a sign-in of "Add
 * Account…" still runs: that leaves the sign-in behind, as Cancel does;
 * its answer, when it comes, does not take the window away from the
 * account chosen. */
static void
test_switch_while_signing_in (Fixture       *fixture,
                              gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *ada_key = NULL;
  g_autoptr(PageLog) log = NULL;
  TesseraSession *ada;

  ada = sign_in (window, fixture->url, user_token (fixture, 0));
  ada_key = account_key (ada);
  g_assert_true (tessera_test_server_add_rule (fixture->server,
                                               "{\"path_prefix\": \"/api/v1/user/me\", \"delay_ms\": 600}",
                                               &error));
  g_assert_no_error (error);

  activate (window, "win.add-account", NULL);
  gtk_editable_set_text (server_entry (window), fixture->url);
  gtk_editable_set_text (token_entry (window), user_token (fixture, 1));
  g_signal_emit_by_name (sign_in_button (window), "clicked");
  g_assert_true (tessera_sign_in_page_get_busy (sign_in_page (window)));

  activate (window, "win.account", g_variant_new_string (ada_key));
  g_assert_true (window_session (window) == ada);
  g_assert_cmpstr (window_page (window), ==, "tokens");
  g_assert_false (tessera_sign_in_page_get_busy (sign_in_page (window)));

  /* The answer would have come by now. */
  log = page_log_start (window);
  spin_for (1200);
  g_assert_true (window_session (window) == ada);
  g_assert_cmpuint (log->pages->len, ==, 0);
  g_assert_cmpuint (ui_test_n_accounts (), ==, 1);
  g_assert_cmpuint (keyring_count (fixture->url, GRACE, NULL), ==, 0);
}

/* Sign Out of one account leaves the other shown next, without passing
 * through the sign-in page. */
static void
test_sign_out_one (Fixture       *fixture,
                   gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autoptr(PageLog) log = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) menus = NULL;
  g_autofree char *ada_entry = menu_entry (ADA, fixture->url);
  g_autofree char *pages = NULL;
  TesseraSession *ada, *grace;

  sign_in_both (fixture, &ada, &grace);
  WAIT_UNTIL (keyring_count (fixture->url, GRACE, "sign-in") == 1);

  log = page_log_start (window);
  sign_out (window);
  g_assert_true (window_session (window) == ada);
  WAIT_UNTIL (list_shown (window));
  pages = page_log_text (log);
  g_test_message ("pages: %s", pages);
  g_assert_false (page_log_has (log, "sign-in"));
  assert_rows_are_server_list (window, fixture->url, user_token (fixture, 0));
  g_assert_cmpstr (subtitle (window), ==, ADA);

  /* Grace is gone from Tessera and from the keyring; Ada is not. */
  g_assert_cmpuint (ui_test_n_accounts (), ==, 1);
  WAIT_UNTIL (keyring_count (fixture->url, GRACE, "sign-in") == 0);
  g_assert_cmpuint (keyring_count (fixture->url, ADA, "sign-in"), ==, 1);
  g_assert_cmpint (tessera_session_get_state (ada), ==, TESSERA_SESSION_STATE_SIGNED_IN);
  menus = main_menus (window);
  items = menu_section_items (g_ptr_array_index (menus, 0), 0);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (items, 0), ==, ada_entry);
  /* Signing out is not deleting. */
  g_assert_cmpuint (oracle_status_me (fixture->url, user_token (fixture, 1)), ==, 200);
}

/* ---- at start --------------------------------------------------------- */

/* A server for the child, with what an earlier run left in the keyring. */
static TesseraTestServer *
start_with_saved (const char * const *args,
                  gboolean            save_grace)
{
  TesseraTestServer *server = start_server (args);
  const char *url = tessera_test_server_get_url (server);

  keyring_store_sign_in (url, ADA, tessera_test_server_get_user_token (server, 0));
  if (save_grace)
    keyring_store_sign_in (url, GRACE, tessera_test_server_get_user_token (server, 1));
  return server;
}

static const char *
problem_title (TesseraWindow *window)
{
  AdwStatusPage *status = ADW_STATUS_PAGE (find_widget (GTK_WIDGET (window), match_type,
                                                        GSIZE_TO_POINTER (ADW_TYPE_STATUS_PAGE)));

  /* The first status page of the window is the problem page's (the token
   * page's come later). */
  g_assert_nonnull (status);
  return adw_status_page_get_title (status);
}

/* The saved sign-in meets a 401 at start (its token was deleted since):
 * "problem" with Sign In Again and Remove Account, the item kept; Sign In
 * Again with a token of another account says so; with one of this
 * account it replaces the saved sign-in. */
static void
test_refused_at_start (void)
{
  g_autoptr(TesseraTestServer) server = NULL;
  g_autofree char *old = NULL;
  g_autofree char *old_id = NULL;
  g_autofree char *saved = NULL;
  TesseraWindow *window;
  TesseraSession *session;
  const char *url;

  if (!g_test_subprocess ())
    {
      ui_test_run_in_child ();
      return;
    }

  server = start_server (two_users);
  url = tessera_test_server_get_url (server);
  old = oracle_create_full (url, tessera_test_server_get_user_token (server, 0), "old sign-in",
                            NULL, &old_id);
  keyring_store_sign_in (url, ADA, old);
  oracle_delete (url, old, old_id);

  window = ui_window_new ();
  WAIT_UNTIL (window_shows (window, "problem"));
  session = window_session (window);
  g_assert_cmpstr (tessera_session_get_email (session), ==, ADA);
  g_assert_cmpint (tessera_session_get_state (session), ==, TESSERA_SESSION_STATE_REFUSED);
  g_assert_cmpstr (problem_title (window), ==, "The Server Refused the Sign-In Token");
  g_assert_true (on_screen (find_action_button (window, "win.sign-in-again")));
  g_assert_true (on_screen (find_action_button (window, "win.remove-account")));
  g_assert_false (on_screen (find_action_button (window, "win.retry")));
  g_assert_true (menu_item_enabled (window, "Add Account…"));

  /* Kept, as it was. */
  spin_for (200);
  saved = keyring_sign_in_secret (url, ADA);
  g_assert_cmpstr (saved, ==, old);
  g_clear_pointer (&saved, g_free);

  /* Sign In Again, then Cancel: back to the problem. */
  g_signal_emit_by_name (find_action_button (window, "win.sign-in-again"), "clicked");
  g_assert_cmpstr (window_page (window), ==, "sign-in");
  g_signal_emit_by_name (cancel_button (window), "clicked");
  g_assert_cmpstr (window_page (window), ==, "problem");

  /* A token of Grace's is not Ada's. */
  g_signal_emit_by_name (find_action_button (window, "win.sign-in-again"), "clicked");
  type_sign_in (window, NULL, tessera_test_server_get_user_token (server, 1));
  g_assert_cmpstr (window_page (window), ==, "sign-in");
  g_assert_nonnull (strstr (tessera_sign_in_page_get_error (sign_in_page (window)), GRACE));
  saved = keyring_sign_in_secret (url, ADA);
  g_assert_cmpstr (saved, ==, old);
  g_clear_pointer (&saved, g_free);
  g_assert_cmpuint (keyring_count (url, GRACE, NULL), ==, 0);
  g_assert_cmpuint (ui_test_n_accounts (), ==, 1);

  /* Ada's own token replaces the saved one. */
  sign_in (window, NULL, tessera_test_server_get_user_token (server, 0));
  g_assert_true (window_session (window) == session);
  g_assert_cmpint (tessera_session_get_state (session), ==, TESSERA_SESSION_STATE_SIGNED_IN);
  assert_rows_are_server_list (window, url, tessera_test_server_get_user_token (server, 0));
  WAIT_UNTIL (({ g_autofree char *now = keyring_sign_in_secret (url, ADA);
                 g_strcmp0 (now, tessera_test_server_get_user_token (server, 0)) == 0; }));
  g_assert_cmpuint (keyring_count (url, ADA, "sign-in"), ==, 1);

  g_object_unref (window);
  ui_test_clean_up (url);
}

/* Remove Account… on a refused account: asks, then forgets it (its saved
 * sign-in too); Cancel keeps it. */
static void
test_remove_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autofree char *sign_in_id = jwt_id (demo_token (fixture));
  g_autofree char *heading = NULL;
  g_autofree char *title = menu_title (ADA, fixture->url);
  AdwMessageDialog *dialog;

  sign_in (window, fixture->url, demo_token (fixture));
  WAIT_UNTIL (keyring_count (fixture->url, ADA, "sign-in") == 1);
  oracle_delete (fixture->url, demo_token (fixture), sign_in_id);
  activate (window, "win.refresh", NULL);
  WAIT_UNTIL (window_shows (window, "problem"));

  g_signal_emit_by_name (find_action_button (window, "win.remove-account"), "clicked");
  WAIT_UNTIL ((dialog = find_message_dialog (GTK_WINDOW (window))) != NULL);
  heading = g_strdup_printf ("Remove %s?", title);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  click_response (dialog, "_Cancel");
  spin_for (100);
  g_assert_cmpuint (ui_test_n_accounts (), ==, 1);
  g_assert_cmpuint (keyring_count (fixture->url, ADA, "sign-in"), ==, 1);

  g_signal_emit_by_name (find_action_button (window, "win.remove-account"), "clicked");
  WAIT_UNTIL ((dialog = find_message_dialog (GTK_WINDOW (window))) != NULL);
  click_response (dialog, "_Remove");
  WAIT_UNTIL (window_shows (window, "sign-in"));
  g_assert_null (window_session (window));
  g_assert_cmpuint (ui_test_n_accounts (), ==, 0);
  WAIT_UNTIL (keyring_count (fixture->url, ADA, "sign-in") == 0);
}

/* A Remove Account dialog removes the account it asked about, even when
 * the window follows another one by the time the user answers. */
static void
test_remove_dialog_keeps_its_account (Fixture       *fixture,
                                      gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autofree char *ada_id = jwt_id (user_token (fixture, 0));
  g_autofree char *ada_key = NULL;
  TesseraWindow *other;
  AdwMessageDialog *dialog;
  TesseraSession *ada, *grace;

  sign_in_both (fixture, &ada, &grace);
  ada_key = account_key (ada);
  activate (window, "win.account", g_variant_new_string (ada_key));
  oracle_delete (fixture->url, user_token (fixture, 0), ada_id);
  activate (window, "win.refresh", NULL);
  WAIT_UNTIL (window_shows (window, "problem"));

  g_signal_emit_by_name (find_action_button (window, "win.remove-account"), "clicked");
  WAIT_UNTIL ((dialog = find_message_dialog (GTK_WINDOW (window))) != NULL);

  /* Meanwhile a second window removes Ada: the first one moves on to
   * Grace, its dialog still open. */
  other = ui_window_new ();
  g_assert_true (window_session (other) == ada);
  activate (other, "win.remove-account", NULL);
  click_response (find_message_dialog (GTK_WINDOW (other)), "_Remove");
  WAIT_UNTIL (window_session (window) == grace);
  g_assert_null (ui_test_find_account (fixture->url, ADA));

  /* The dialog asked about Ada, who is gone: Grace stays. */
  click_response (dialog, "_Remove");
  spin_for (200);
  g_assert_true (ui_test_find_account (fixture->url, GRACE) == grace);
  g_assert_cmpint (tessera_session_get_state (grace), ==, TESSERA_SESSION_STATE_SIGNED_IN);
  g_assert_cmpuint (ui_test_n_accounts (), ==, 1);
  g_assert_cmpuint (keyring_count (fixture->url, GRACE, "sign-in"), ==, 1);
  g_assert_true (window_session (window) == grace);

  ui_window_close (other);
}

/* The server is down at start (a 5xx to /user/me, twice): "problem" with
 * Retry; F5 retries (and fails again), then Retry gets in. */
static void
test_failed_at_start (void)
{
  g_autoptr(TesseraTestServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  TesseraWindow *window;
  TesseraSession *session;
  const char *url;
  GtkWidget *retry;

  if (!g_test_subprocess ())
    {
      ui_test_run_in_child ();
      return;
    }

  server = start_with_saved (NULL, FALSE);
  url = tessera_test_server_get_url (server);
  g_assert_true (tessera_test_server_fail_next (server, "GET", "/api/v1/user/me", 503, 2, &error));
  g_assert_no_error (error);

  window = ui_window_new ();
  WAIT_UNTIL (window_shows (window, "problem"));
  session = window_session (window);
  g_assert_cmpint (tessera_session_get_state (session), ==, TESSERA_SESSION_STATE_FAILED);
  g_assert_cmpstr (problem_title (window), ==, "Could Not Sign In");
  retry = find_action_button (window, "win.retry");
  g_assert_true (on_screen (retry));
  g_assert_true (gtk_widget_is_sensitive (retry));
  g_assert_false (on_screen (find_action_button (window, "win.sign-in-again")));
  g_assert_true (on_screen (find_action_button (window, "win.remove-account")));
  saved = keyring_sign_in_secret (url, ADA);
  g_assert_cmpstr (saved, ==, tessera_test_server_get_user_token (server, 0));

  /* F5: tried again, and refused again by the (still failing) server. */
  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_F5, 0));
  g_assert_cmpint (tessera_session_get_state (session), ==, TESSERA_SESSION_STATE_RESTORING);
  WAIT_UNTIL (tessera_session_get_state (session) == TESSERA_SESSION_STATE_FAILED);
  g_assert_cmpstr (window_page (window), ==, "problem");

  /* Retry: in. */
  g_signal_emit_by_name (retry, "clicked");
  WAIT_UNTIL (list_shown (window) && tessera_token_list_get_loaded (window_tokens (window)));
  g_assert_true (window_session (window) == session);
  assert_rows_are_server_list (window, url, tessera_test_server_get_user_token (server, 0));

  g_object_unref (window);
  ui_test_clean_up (url);
}

/* ---- the account used last -------------------------------------------- */

/* A new window shows the account the user chose last. */
static void
test_last_used_first (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *ada_key = NULL;
  TesseraWindow *second, *third;
  TesseraSession *ada, *grace;

  sign_in_both (fixture, &ada, &grace);
  assert_last_account (fixture->url, GRACE);

  second = ui_window_new ();
  g_assert_true (window_session (second) == grace);

  ada_key = account_key (ada);
  activate (fixture->window, "win.account", g_variant_new_string (ada_key));
  assert_last_account (fixture->url, ADA);
  third = ui_window_new ();
  g_assert_true (window_session (third) == ada);
  WAIT_UNTIL (list_shown (third));
  assert_rows_are_server_list (third, fixture->url, user_token (fixture, 0));

  /* The second window did not move. */
  g_assert_true (window_session (second) == grace);

  ui_window_close (second);
  ui_window_close (third);
}

/* At start the window shows the account used last, whatever the order
 * the keyring lists the saved sign-ins in (so: once for each), and
 * never the list of the other one on the way. */
static void
test_last_used_at_start (gconstpointer data)
{
  const char *last = data;
  const char *other = g_str_equal (last, ADA) ? GRACE : ADA;
  g_autoptr(TesseraTestServer) server = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(PageLog) log = NULL;
  g_autofree char *pages = NULL;
  TesseraWindow *window;
  const char *url;

  if (!g_test_subprocess ())
    {
      ui_test_run_in_child ();
      return;
    }

  server = start_with_saved (two_users, TRUE);
  url = tessera_test_server_get_url (server);
  settings = g_settings_new (APP_ID);
  g_settings_set (settings, "last-account", "(ss)", url, last);

  window = ui_window_new ();
  log = page_log_start (window);
  WAIT_UNTIL (ui_test_n_accounts () == 2 && list_shown (window) &&
              tessera_token_list_get_loaded (window_tokens (window)));
  pages = page_log_text (log);
  g_test_message ("pages: %s", pages);
  g_assert_cmpstr (tessera_session_get_email (window_session (window)), ==, last);
  g_assert_false (page_log_showed_list_of (log, other));
  assert_last_account (url, last);

  g_clear_pointer (&log, page_log_free);
  g_object_unref (window);
  ui_test_clean_up (url);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "test-ui-accounts"))
    return 0;

  g_test_add ("/accounts/menu-lists-both", Fixture, two_users, fixture_set_up,
              test_menu_lists_both, fixture_tear_down);
  g_test_add ("/accounts/switch", Fixture, two_users, fixture_set_up, test_switch, fixture_tear_down);
  g_test_add ("/accounts/add-and-cancel", Fixture, two_users, fixture_set_up,
              test_add_and_cancel, fixture_tear_down);
  g_test_add ("/accounts/switch-while-signing-in", Fixture, two_users, fixture_set_up,
              test_switch_while_signing_in, fixture_tear_down);
  g_test_add ("/accounts/sign-out-one", Fixture, two_users, fixture_set_up,
              test_sign_out_one, fixture_tear_down);
  g_test_add_func ("/accounts/refused-at-start", test_refused_at_start);
  g_test_add ("/accounts/remove-refused", Fixture, NULL, fixture_set_up,
              test_remove_refused, fixture_tear_down);
  g_test_add ("/accounts/remove-dialog-keeps-its-account", Fixture, two_users, fixture_set_up,
              test_remove_dialog_keeps_its_account, fixture_tear_down);
  g_test_add_func ("/accounts/failed-at-start", test_failed_at_start);
  g_test_add ("/accounts/last-used-first", Fixture, two_users, fixture_set_up,
              test_last_used_first, fixture_tear_down);
  g_test_add_data_func ("/accounts/last-used-at-start/ada", ADA, test_last_used_at_start);
  g_test_add_data_func ("/accounts/last-used-at-start/grace", GRACE, test_last_used_at_start);

  return ui_test_run ();
}
