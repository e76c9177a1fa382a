/* test-delete.c — "Delete" on a row and the Danger Zone's "Delete All",
 * against a real tessera-api-server and keyring
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"

/* The id of the newest row (a token just made). */
static char *
top_id (TesseraWindow *window)
{
  g_autoptr(GPtrArray) rows = token_rows (window);

  g_assert_cmpuint (rows->len, >, 0);
  return g_strdup (row_id (g_ptr_array_index (rows, 0)));
}

/* A token made elsewhere, shown after a refresh; returns its id. */
static char *
token_from_elsewhere (Fixture    *fixture,
                      const char *notes)
{
  g_autofree char *secret = NULL;
  char *id = NULL;

  secret = oracle_create_full (fixture->url, demo_token (fixture), notes, NULL, &id);
  explicit_bzero (secret, strlen (secret));
  activate (fixture->window, "win.refresh", NULL);
  WAIT_UNTIL (row_for_id (fixture->window, id) != NULL);
  return id;
}

/* The row's Delete button, and the dialog it opens. */
static AdwMessageDialog *
open_delete (Fixture    *fixture,
             const char *id)
{
  GtkWidget *row = row_for_id (fixture->window, id);
  GtkWidget *button;
  AdwMessageDialog *dialog;

  g_assert_nonnull (row);
  button = find_action_button (row, "win.delete-token");
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  WAIT_UNTIL ((dialog = find_message_dialog (GTK_WINDOW (fixture->window))) != NULL);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));

  return dialog;
}

static void
test_delete_confirmed (Fixture       *fixture,
                       gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autofree char *secret = generate_token (window, "ui delete me", TRUE);
  g_autofree char *id = top_id (window);
  AdwMessageDialog *dialog;

  g_assert_cmpuint (keyring_count (fixture->url, demo_email (fixture), "generated"), ==, 1);

  dialog = open_delete (fixture, id);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete Token “ui delete me”?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Apps and scripts that use it will lose access. This cannot be undone.");
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "signed out"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);

  /* Cancel deletes nothing. */
  click_response (dialog, "_Cancel");
  spin_for (300);
  g_assert_nonnull (row_for_id (window, id));
  g_assert_true (oracle_has_id (fixture->url, demo_token (fixture), id));

  click_response (open_delete (fixture, id), "_Delete");
  WAIT_UNTIL (row_for_id (window, id) == NULL);
  g_assert_false (oracle_has_id (fixture->url, demo_token (fixture), id));
  g_assert_cmpuint (oracle_status_me (fixture->url, secret), ==, 401);
  WAIT_UNTIL (find_text (window, "Token deleted") != NULL);
  /* Toasts are silent to screen readers in libadwaita 1.2: announced. */
  g_assert_true (announced (window, "Token deleted"));

  /* Its keyring item goes with it. */
  WAIT_UNTIL (keyring_count (fixture->url, demo_email (fixture), "generated") == 0);
  assert_no_message_dialog (GTK_WINDOW (window));
  assert_rows_are_server_list (window, fixture->url, demo_token (fixture));

  explicit_bzero (secret, strlen (secret));
}

/* Already gone on the server: the row goes too, and no error. */
static void
test_delete_not_found (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *id = token_from_elsewhere (fixture, "ui gone already");
  AdwMessageDialog *dialog = open_delete (fixture, id);

  oracle_delete (fixture->url, demo_token (fixture), id);
  g_assert_nonnull (row_for_id (fixture->window, id));

  click_response (dialog, "_Delete");
  WAIT_UNTIL (row_for_id (fixture->window, id) == NULL);
  spin_for (200);
  assert_no_message_dialog (GTK_WINDOW (fixture->window));
}

/* A server error: the row stays (the server still has it) and the error is
 * shown. */
static void
test_delete_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *id = token_from_elsewhere (fixture, "ui survives");
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *shown;

  g_assert_true (tessera_test_server_fail_next (fixture->server, "DELETE",
                                                "/api/v1/user/access_tokens/", 500, 1, &error));
  g_assert_no_error (error);

  click_response (open_delete (fixture, id), "_Delete");
  WAIT_UNTIL ((shown = find_message_dialog (GTK_WINDOW (fixture->window))) != NULL &&
              g_strcmp0 (adw_message_dialog_get_heading (shown), "Could Not Delete the Token") == 0);
  g_assert_cmpstr (adw_message_dialog_get_body (shown), !=, "");

  /* After the re-sync the row is still there, as on the server. */
  WAIT_UNTIL (!tessera_token_list_get_loading (window_tokens (fixture->window)));
  g_assert_nonnull (row_for_id (fixture->window, id));
  g_assert_true (oracle_has_id (fixture->url, demo_token (fixture), id));
  click_response (shown, "_Close");
}

/* The server deletes the token but its answer never comes (a stall after
 * the work, past the timeout): the list read again says it went, so it
 * did, with no error. */
static void
test_delete_lost_answer (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  sign_in (fixture->window, fixture->url, demo_token (fixture));
  id = token_from_elsewhere (fixture, "ui answer lost");
  /* Only now: a slow machine (or a sanitizer) must not fail the listings
   * above as well. */
  tessera_accounts_set_request_timeout (ui_test_accounts (), 1);
  g_assert_true (tessera_test_server_add_rule (fixture->server,
                                               "{\"method\": \"DELETE\", \"delay_ms\": 2500}", &error));
  g_assert_no_error (error);

  click_response (open_delete (fixture, id), "_Delete");
  WAIT_UNTIL (row_for_id (fixture->window, id) == NULL);
  g_assert_false (oracle_has_id (fixture->url, demo_token (fixture), id));
  WAIT_UNTIL (find_text (fixture->window, "Token deleted") != NULL);
  assert_no_message_dialog (GTK_WINDOW (fixture->window));
  assert_rows_are_server_list (fixture->window, fixture->url, demo_token (fixture));
}

/* Deleting the token Tessera is signed in with ends the account: back to
 * the sign-in page, saying why, the sign-in item gone. */
static void
test_delete_sign_in_token (Fixture       *fixture,
                           gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autofree char *id = jwt_id (demo_token (fixture));
  AdwMessageDialog *dialog;

  WAIT_UNTIL (keyring_count (fixture->url, demo_email (fixture), "sign-in") == 1);
  dialog = open_delete (fixture, id);
  /* The confirmation says what else it does. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "you will be signed out"));
  click_response (dialog, "_Delete");
  WAIT_UNTIL (window_shows (window, "sign-in"));
  g_assert_null (window_session (window));
  g_assert_cmpuint (ui_test_n_accounts (), ==, 0);
  g_assert_cmpstr (tessera_sign_in_page_get_notice (sign_in_page (window)), ==,
                   "The token Tessera was signed in with was deleted. Sign in with another token.");
  g_assert_cmpuint (oracle_status_me (fixture->url, demo_token (fixture)), ==, 401);
  WAIT_UNTIL (keyring_count (fixture->url, demo_email (fixture), "sign-in") == 0);
}

/* Delete All: type the email to confirm; then nothing is left, on the
 * server or in the keyring, and the window is back at the sign-in page
 * saying so. */
static void
test_delete_all (Fixture       *fixture,
                 gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autofree char *secret = generate_token (window, "ui in the keyring", TRUE);
  g_autofree char *wrong = NULL;
  const char *email = demo_email (fixture);
  AdwMessageDialog *dialog;
  GtkWidget *extra;
  GtkWidget *entry = NULL;
  GtkWidget *button;

  g_assert_cmpuint (keyring_count (fixture->url, email, "generated"), ==, 1);
  WAIT_UNTIL (keyring_count (fixture->url, email, "sign-in") == 1);

  button = find_action_button (token_page (window), "win.delete-all");
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  WAIT_UNTIL ((dialog = find_message_dialog (GTK_WINDOW (window))) != NULL);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete All Tokens?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "including the one Tessera is signed in with"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete-all"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");

  extra = adw_message_dialog_get_extra_child (dialog);
  for (GtkWidget *child = gtk_widget_get_first_child (extra); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_ENTRY (child))
      entry = child;
  g_assert_nonnull (entry);

  /* Disabled until the email is typed exactly. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete-all"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "demo");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete-all"));
  wrong = g_strconcat (email, "x", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), wrong);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete-all"));
  gtk_editable_set_text (GTK_EDITABLE (entry), email);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "delete-all"));

  click_response (dialog, "_Delete All");
  WAIT_UNTIL (window_shows (window, "sign-in"));
  g_assert_cmpstr (tessera_sign_in_page_get_notice (sign_in_page (window)), ==,
                   "All tokens were deleted. Sign in with a new token.");
  g_assert_null (window_session (window));
  g_assert_cmpuint (ui_test_n_accounts (), ==, 0);

  /* The server holds nothing: even the sign-in token is refused now. */
  g_assert_cmpuint (oracle_status_me (fixture->url, demo_token (fixture)), ==, 401);
  g_assert_cmpuint (oracle_status_me (fixture->url, secret), ==, 401);

  /* And the keyring holds nothing of this account on this server. */
  WAIT_UNTIL (keyring_count (fixture->url, email, NULL) == 0);
  assert_no_message_dialog (GTK_WINDOW (window));

  explicit_bzero (secret, strlen (secret));
}

/* The entry of the Delete All confirmation. */
static GtkWidget *
delete_all_entry (AdwMessageDialog *dialog)
{
  GtkWidget *extra = adw_message_dialog_get_extra_child (dialog);

  for (GtkWidget *child = gtk_widget_get_first_child (extra); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_ENTRY (child))
      return child;

  g_assert_not_reached ();
  return NULL;
}

static AdwMessageDialog *
open_delete_all (TesseraWindow *window)
{
  AdwMessageDialog *dialog;

  activate (window, "win.delete-all", NULL);
  WAIT_UNTIL ((dialog = find_message_dialog (GTK_WINDOW (window))) != NULL);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  return dialog;
}

/* Enter in the email field confirms, as the button does: the dialog goes
 * with it (libadwaita 1.2's adw_message_dialog_response() alone leaves it
 * open, and a second press then failed with "Not signed in"). */
static void
test_delete_all_enter (Fixture       *fixture,
                       gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  AdwMessageDialog *dialog = open_delete_all (window);
  GtkWidget *entry = delete_all_entry (dialog);
  G_GNUC_UNUSED g_autoptr(GtkWidget) held = g_object_ref (GTK_WIDGET (dialog));

  /* Enter before the email is right does nothing. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "demo");
  g_signal_emit_by_name (entry, "activate");
  spin_for (200);
  g_assert_true (window_is_open (dialog));
  g_assert_true (oracle_status_me (fixture->url, demo_token (fixture)) == 200);

  gtk_editable_set_text (GTK_EDITABLE (entry), demo_email (fixture));
  g_signal_emit_by_name (entry, "activate");
  WAIT_UNTIL (!window_is_open (dialog));
  WAIT_UNTIL (window_shows (window, "sign-in"));
  g_assert_cmpuint (oracle_status_me (fixture->url, demo_token (fixture)), ==, 401);
  assert_no_message_dialog (GTK_WINDOW (window));
}

/* While one Delete All confirmation is up, asking again shows that one. */
static void
test_delete_all_once (Fixture       *fixture,
                      gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  AdwMessageDialog *first = open_delete_all (window);
  guint n = 0;
  GList *toplevels;

  activate (window, "win.delete-all", NULL);
  spin_for (100);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      n++;
  g_list_free (toplevels);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (find_message_dialog (GTK_WINDOW (window)) == first);

  click_response (first, "_Cancel");
  WAIT_UNTIL (!window_is_open (first));
  /* Closed, it can be asked for again. */
  click_response (open_delete_all (window), "_Cancel");
}

/* A note is the server's text: its control characters and bidi overrides
 * are written out, in the row and in the confirmation, and a newline makes
 * no second line. */
static void
test_note_escaped (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *spoof = "invoice\xe2\x80\xae" "fdp.exe\nsecond line";
  g_autofree char *id = token_from_elsewhere (fixture, spoof);
  GtkWidget *row = row_for_id (fixture->window, id);
  g_autofree char *text = widget_text (row);
  AdwMessageDialog *dialog;
  const char *heading;

  g_test_message ("row: %s", text);
  g_assert_nonnull (strstr (text, "invoice\\u202Efdp.exe\\u000Asecond line"));
  g_assert_null (strstr (text, "\xe2\x80\xae"));

  dialog = open_delete (fixture, id);
  heading = adw_message_dialog_get_heading (dialog);
  g_assert_cmpstr (heading, ==, "Delete Token “invoice\\u202Efdp.exe\\u000Asecond line”?");
  click_response (dialog, "_Cancel");
}

#define PAGE_CHILD(window, name) template_child (token_page (window), TESSERA_TYPE_TOKEN_PAGE, name)

static void
set_selection_mode (TesseraWindow *window,
                    gboolean       on)
{
  g_object_set (token_page (window), "selection-mode", on, NULL);
}

/* The label listing the tokens in a many-delete confirmation. */
static char *
listed (AdwMessageDialog *dialog)
{
  return widget_text (adw_message_dialog_get_extra_child (dialog));
}

/* Selection mode: rows chosen by activating them, deleted with one
 * confirmation that lists them; the one the server fails is named with
 * its reason, the others are gone. */
static void
test_delete_selected (Fixture       *fixture,
                      gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autofree char *a = token_from_elsewhere (fixture, "ui pick a");
  g_autofree char *b = token_from_elsewhere (fixture, "ui pick b");
  g_autofree char *c = token_from_elsewhere (fixture, "ui pick c");
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  GtkWidget *delete_button = PAGE_CHILD (window, "delete_selected_button");
  AdwMessageDialog *dialog;
  AdwMessageDialog *failure;

  set_selection_mode (window, TRUE);
  WAIT_UNTIL (on_screen (delete_button));
  g_assert_false (gtk_widget_is_sensitive (delete_button));
  g_assert_true (tessera_token_row_get_selection_mode (TESSERA_TOKEN_ROW (row_for_id (window, a))));
  /* Activating a row chooses it, now. */
  g_signal_emit_by_name (row_for_id (window, a), "activate");
  g_signal_emit_by_name (row_for_id (window, b), "activate");
  g_signal_emit_by_name (row_for_id (window, c), "activate");
  g_assert_null (find_dialog (GTK_WINDOW (window), TESSERA_TYPE_TOKEN_DETAILS_DIALOG));
  g_assert_true (gtk_widget_is_sensitive (delete_button));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (PAGE_CHILD (window, "selection_title"))),
                   ==, "3 Selected");

  /* The newest (c) goes first: the server fails that one. */
  g_assert_true (tessera_test_server_fail_next (fixture->server, "DELETE", "/api/v1/user/access_tokens/",
                                                500, 1, &error));
  g_assert_no_error (error);
  g_signal_emit_by_name (delete_button, "clicked");
  WAIT_UNTIL ((dialog = find_message_dialog (GTK_WINDOW (window))) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete 3 Tokens?");
  names = listed (dialog);
  g_assert_nonnull (strstr (names, "• ui pick c\n• ui pick b\n• ui pick a"));
  click_response (dialog, "_Delete");

  WAIT_UNTIL ((failure = find_message_dialog (GTK_WINDOW (window))) != NULL && failure != dialog);
  g_test_message ("%s: %s", adw_message_dialog_get_heading (failure), adw_message_dialog_get_body (failure));
  g_assert_cmpstr (adw_message_dialog_get_heading (failure), ==, "Could Not Delete 1 Token");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (failure),
                                   "2 tokens were deleted; these were not:\n“ui pick c”: "));
  g_assert_true (oracle_has_id (fixture->url, demo_token (fixture), c));
  g_assert_false (oracle_has_id (fixture->url, demo_token (fixture), a));
  g_assert_false (oracle_has_id (fixture->url, demo_token (fixture), b));
  WAIT_UNTIL (row_for_id (window, a) == NULL && row_for_id (window, b) == NULL);
  g_assert_nonnull (row_for_id (window, c));
  /* Done choosing. */
  g_assert_false (tessera_token_row_get_selection_mode (TESSERA_TOKEN_ROW (row_for_id (window, c))));
  click_response (failure, "_Close");
}

/* "Delete Expired Tokens…": the demo account's one expired token, listed,
 * then gone. */
static void
test_delete_expired (Fixture       *fixture,
                     gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  GtkWidget *expired = row_for_notes (window, "old laptop");
  g_autofree char *id = g_strdup (row_id (expired));
  g_autofree char *names = NULL;
  AdwMessageDialog *dialog;

  activate (window, "win.delete-expired", NULL);
  WAIT_UNTIL ((dialog = find_message_dialog (GTK_WINDOW (window))) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete 1 Token?");
  names = listed (dialog);
  g_assert_cmpstr (names, ==, "• old laptop\n");
  click_response (dialog, "_Delete");
  WAIT_UNTIL (row_for_id (window, id) == NULL);
  WAIT_UNTIL (find_text (window, "1 token deleted") != NULL);
  g_assert_false (oracle_has_id (fixture->url, demo_token (fixture), id));
  assert_no_message_dialog (GTK_WINDOW (window));
}

/* With the sign-in token among them, it goes last (the others first, while
 * still signed in), and the confirmation says so. */
static void
test_delete_selected_sign_in_last (Fixture       *fixture,
                                   gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autofree char *other = token_from_elsewhere (fixture, "ui with the sign-in one");
  g_autofree char *sign_in_id = jwt_id (demo_token (fixture));
  AdwMessageDialog *dialog;

  set_selection_mode (window, TRUE);
  tessera_token_row_set_selected (TESSERA_TOKEN_ROW (row_for_id (window, sign_in_id)), TRUE);
  tessera_token_row_set_selected (TESSERA_TOKEN_ROW (row_for_id (window, other)), TRUE);
  g_signal_emit_by_name (PAGE_CHILD (window, "delete_selected_button"), "clicked");
  WAIT_UNTIL ((dialog = find_message_dialog (GTK_WINDOW (window))) != NULL);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "you will be signed out"));
  click_response (dialog, "_Delete");
  WAIT_UNTIL (window_shows (window, "sign-in"));
  g_assert_cmpuint (oracle_status_me (fixture->url, demo_token (fixture)), ==, 401);
  /* Both went: had the other come after, it would have failed, signed out. */
  WAIT_UNTIL (find_text (window, "2 tokens deleted") != NULL);
  g_assert_null (find_message_dialog (GTK_WINDOW (window)));
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "test-ui-delete"))
    return 0;

  g_test_add ("/delete/confirmed", Fixture, NULL, fixture_set_up_signed_in, test_delete_confirmed,
              fixture_tear_down);
  g_test_add ("/delete/not-found", Fixture, NULL, fixture_set_up_signed_in, test_delete_not_found,
              fixture_tear_down);
  g_test_add ("/delete/server-error", Fixture, NULL, fixture_set_up_signed_in, test_delete_error,
              fixture_tear_down);
  g_test_add ("/delete/lost-answer", Fixture, NULL, fixture_set_up, test_delete_lost_answer,
              fixture_tear_down);
  g_test_add ("/delete/sign-in-token", Fixture, NULL, fixture_set_up_signed_in, test_delete_sign_in_token,
              fixture_tear_down);
  g_test_add ("/delete/note-escaped", Fixture, NULL, fixture_set_up_signed_in, test_note_escaped,
              fixture_tear_down);
  g_test_add ("/delete/selected", Fixture, NULL, fixture_set_up_signed_in, test_delete_selected,
              fixture_tear_down);
  g_test_add ("/delete/expired", Fixture, NULL, fixture_set_up_signed_in, test_delete_expired,
              fixture_tear_down);
  g_test_add ("/delete/selected-sign-in-last", Fixture, NULL, fixture_set_up_signed_in,
              test_delete_selected_sign_in_last, fixture_tear_down);
  g_test_add ("/delete/all", Fixture, NULL, fixture_set_up_signed_in, test_delete_all, fixture_tear_down);
  g_test_add ("/delete/all-enter", Fixture, NULL, fixture_set_up_signed_in, test_delete_all_enter,
              fixture_tear_down);
  g_test_add ("/delete/all-once", Fixture, NULL, fixture_set_up_signed_in, test_delete_all_once,
              fixture_tear_down);

  return ui_test_run ();
}
