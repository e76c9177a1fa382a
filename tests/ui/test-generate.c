/* test-generate.c — "New Personal Access Token" (win.generate) and the
 * secret shown once, against a real tessera-api-server
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"

#define CHILD GENERATE_CHILD

static const char * const one_below_the_limit[] = { "--seed-tokens=35", NULL };

static GtkWindow *
open_dialog (Fixture *fixture)
{
  GtkWindow *dialog = open_generate (fixture->window);

  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "New Personal Access Token");
  return dialog;
}

static gboolean
can_create (GtkWindow *dialog)
{
  return gtk_widget_is_sensitive (CHILD (dialog, "create_button"));
}

static void
test_note_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWindow *dialog = open_dialog (fixture);
  GtkWidget *note_row = CHILD (dialog, "note_row");
  GtkWidget *hint = CHILD (dialog, "note_hint");
  GtkWidget *counter = CHILD (dialog, "note_counter");
  g_autoptr(GString) note = g_string_new (NULL);
  guint before = n_token_rows (fixture->window);

  /* The focus starts in the note (Ctrl+N, then type). */
  g_assert_true (gtk_widget_is_focus (note_row) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), note_row));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (hint)), ==, "What's this token for?");
  g_assert_true (can_create (dialog));

  /* 256 characters of two bytes each: characters count, not bytes. */
  for (guint i = 0; i < 256; i++)
    g_string_append (note, "é");
  gtk_editable_set_text (GTK_EDITABLE (note_row), note->str);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (counter)), ==, "256/256");
  g_assert_true (can_create (dialog));
  g_assert_false (gtk_widget_has_css_class (hint, "error"));

  g_string_append (note, "x");
  gtk_editable_set_text (GTK_EDITABLE (note_row), note->str);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (counter)), ==, "257/256");
  g_assert_false (can_create (dialog));
  g_assert_true (gtk_widget_has_css_class (counter, "error"));
  g_assert_true (gtk_widget_has_css_class (hint, "error"));
  g_assert_true (gtk_widget_get_visible (hint));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (hint)), "1 character too long"));

  /* Refused even when activated directly: nothing reaches the server. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL);
  g_assert_false (gtk_widget_get_visible (CHILD (dialog, "create_spinner")));
  spin_for (100);
  g_assert_cmpuint (n_token_rows (fixture->window), ==, before);

  gtk_editable_set_text (GTK_EDITABLE (note_row), "short again");
  g_assert_true (can_create (dialog));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (hint)), ==, "What's this token for?");
}

static void
test_expiry_choices (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWindow *dialog = open_dialog (fixture);
  AdwComboRow *expiry = ADW_COMBO_ROW (CHILD (dialog, "expiry_row"));
  GtkWidget *date_row = CHILD (dialog, "date_row");
  GtkWidget *never_row = CHILD (dialog, "no_expiry_row");
  GtkCalendar *calendar = GTK_CALENDAR (CHILD (dialog, "date_calendar"));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) a_month_ago = g_date_time_add_months (tomorrow, -1);
  GListModel *model = adw_combo_row_get_model (expiry);
  const int days[] = { 7, 30, 60, 90 };
  g_autofree char *tomorrow_text = g_date_time_format (tomorrow, "%-d %b %Y");

  /* Each preset says the date it gives: "30 days — 31 Dec 2026". */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDateTime) then = g_date_time_add_days (now, days[i]);
      g_autofree char *date = g_date_time_format (then, "%-d %b %Y");
      g_autofree char *item = g_strdup_printf ("%d days — %s", days[i], date);

      g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), ==, item);
    }
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 4), ==, "Custom…");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 5), ==, "No expiration");
  g_assert_cmpuint (adw_combo_row_get_selected (expiry), ==, 1);
  g_assert_false (gtk_widget_get_visible (date_row));
  g_assert_false (gtk_widget_get_visible (never_row));

  /* "No expiration" says it is a risk. */
  adw_combo_row_set_selected (expiry, 5);
  WAIT_UNTIL (gtk_widget_get_mapped (never_row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (never_row)), ==,
                   "Tokens that never expire are a security risk");
  g_assert_true (can_create (dialog));

  /* "Custom…": a date in the past, or today, is refused with a reason. */
  adw_combo_row_set_selected (expiry, 4);
  WAIT_UNTIL (gtk_widget_get_mapped (date_row));
  g_assert_false (gtk_widget_get_visible (never_row));
  g_assert_true (can_create (dialog));   /* 30 days ahead to start with */

  gtk_calendar_select_day (calendar, yesterday);
  g_assert_false (can_create (dialog));
  g_assert_true (gtk_widget_has_css_class (date_row, "error"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (date_row)),
                            "Choose a date after today"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL);
  g_assert_false (gtk_widget_get_visible (CHILD (dialog, "create_spinner")));

  gtk_calendar_select_day (calendar, now);
  g_assert_false (can_create (dialog));

  gtk_calendar_select_day (calendar, tomorrow);
  g_assert_true (can_create (dialog));
  g_assert_false (gtk_widget_has_css_class (date_row, "error"));
  /* The date picked is the row's value. */
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (CHILD (dialog, "date_button"))), ==,
                   tomorrow_text);

  /* The same day of another month (GtkCalendar then emits no
   * "day-selected") is checked too. */
  gtk_calendar_select_day (calendar, a_month_ago);
  g_assert_false (can_create (dialog));
  gtk_calendar_select_day (calendar, tomorrow);
  g_assert_true (can_create (dialog));
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

/* One activation, then more while the request runs (the server answers
 * slowly): exactly one token, its secret shown once, copied, saved. */
static void
test_create_once (Fixture       *fixture,
                  gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) before = oracle_ids (fixture->url, demo_token (fixture));
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(JsonNode) claims = NULL;
  g_autoptr(GtkWidget) secret_label = NULL;
  g_autofree char *clipboard_text = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *jti = NULL;
  g_autoptr(KeyringItems) saved = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *new_id;
  GtkWindow *dialog;
  GtkWidget *row;
  gint64 lifetime;

  g_assert_true (tessera_test_server_add_rule (fixture->server,
                                               "{\"method\": \"POST\", \"path_prefix\": \"/api/v1/user/access_tokens\", \"delay_ms\": 500}",
                                               &error));
  g_assert_no_error (error);

  dialog = open_dialog (fixture);
  gtk_editable_set_text (GTK_EDITABLE (CHILD (dialog, "note_row")), "ui generate once");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL));
  /* A double click, and Enter, while it runs. */
  g_assert_false (can_create (dialog));
  g_signal_emit_by_name (CHILD (dialog, "create_button"), "clicked");
  g_signal_emit_by_name (CHILD (dialog, "create_button"), "clicked");
  g_signal_emit_by_name (CHILD (dialog, "note_row"), "entry-activated");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL);
  g_assert_true (gtk_widget_get_visible (CHILD (dialog, "create_spinner")));

  WAIT_UNTIL (g_strcmp0 (generate_step (dialog), "secret") == 0);
  spin_for (800);
  after = oracle_ids (fixture->url, demo_token (fixture));
  g_assert_cmpuint (after->len, ==, before->len + 1);
  new_id = g_ptr_array_index (after, 0);

  /* The new row is on top of the list, and the secret is its JWT. */
  rows = token_rows (window);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row_id (row), ==, new_id);
  g_assert_cmpstr (tessera_token_get_notes (tessera_token_row_get_token (TESSERA_TOKEN_ROW (row))), ==,
                   "ui generate once");

  secret_label = g_object_ref (CHILD (dialog, "secret_label"));
  secret = g_strdup (gtk_label_get_text (GTK_LABEL (secret_label)));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (secret_label)));
  g_assert_true (gtk_widget_has_css_class (secret_label, "token-secret"));
  claims = jwt_claims (secret);
  jti = jwt_id (secret);
  g_assert_cmpstr (jti, ==, new_id);
  /* "30 days", the default. */
  lifetime = json_object_get_int_member (json_node_get_object (claims), "exp") - g_date_time_to_unix (now);
  g_assert_cmpint (lifetime, >, 30 * 86400 - 3600);
  g_assert_cmpint (lifetime, <, 30 * 86400 + 3600);
  /* The secret works. */
  g_assert_cmpuint (oracle_status_me (fixture->url, secret), ==, 200);

  /* Saved in the keyring at once, and the row says so. */
  WAIT_UNTIL (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (CHILD (dialog, "save_row"))),
                         "Saved in the keyring") == 0);
  saved = keyring_search (fixture->url, "account", demo_email (fixture), "kind", "generated",
                          "token-id", new_id, NULL);
  g_assert_cmpuint (saved->n_items, ==, 1);
  g_assert_cmpstr (saved->secret, ==, secret);
  WAIT_UNTIL (gtk_widget_get_visible (find_action_button (row, "win.copy-token")));

  /* Copy puts it on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.copy", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), NULL,
                                 read_text_cb, &clipboard_text);
  WAIT_UNTIL (clipboard_text != NULL);
  g_assert_cmpstr (clipboard_text, ==, secret);

  /* Saved and copied: Done closes at once, and the label forgets it. */
  g_signal_emit_by_name (CHILD (dialog, "done_button"), "clicked");
  WAIT_UNTIL (!window_is_open (dialog));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (secret_label)), ==, "");
  assert_no_message_dialog (GTK_WINDOW (window));

  explicit_bzero (secret, strlen (secret));
  explicit_bzero (clipboard_text, strlen (clipboard_text));
}

/* Neither copied nor saved: closing asks first. */
static void
test_close_confirmation (Fixture       *fixture,
                         gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  GtkWindow *dialog = open_dialog (fixture);
  AdwMessageDialog *confirm;
  GtkWidget *save_switch;
  GtkWidget *row;

  save_switch = CHILD (dialog, "save_switch");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (save_switch)));
  gtk_switch_set_active (GTK_SWITCH (save_switch), FALSE);

  adw_combo_row_set_selected (ADW_COMBO_ROW (CHILD (dialog, "expiry_row")), 5);
  gtk_editable_set_text (GTK_EDITABLE (CHILD (dialog, "note_row")), "ui never saved");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL));
  WAIT_UNTIL (g_strcmp0 (generate_step (dialog), "secret") == 0);

  WAIT_UNTIL ((row = row_for_notes (window, "ui never saved")) != NULL);
  {
    g_autofree char *text = widget_text (row);

    g_assert_nonnull (strstr (text, "Does not expire"));
  }
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (CHILD (dialog, "save_row"))), ==,
                   "Not saved");

  /* Escape asks; "Go Back" keeps the dialog. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  WAIT_UNTIL (find_message_dialog (dialog) != NULL);
  confirm = find_message_dialog (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Close Without Saving the Token?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (confirm), ==, "back");
  click_response (confirm, "_Go Back");
  spin_for (100);
  g_assert_true (window_is_open (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  /* "Close" closes. */
  gtk_window_close (dialog);
  WAIT_UNTIL (find_message_dialog (dialog) != NULL);
  click_response (find_message_dialog (dialog), "_Close");
  WAIT_UNTIL (!window_is_open (dialog));

  g_assert_cmpuint (keyring_count (fixture->url, demo_email (fixture), "generated"), ==, 0);
  g_assert_false (gtk_widget_get_visible (find_action_button (row, "win.copy-token")));
}

/* A failed request says why, inline, and Create Token works again. */
static void
test_create_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog = open_dialog (fixture);
  g_autoptr(GPtrArray) before = oracle_ids (fixture->url, demo_token (fixture));
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GtkWidget *revealer = CHILD (dialog, "error_revealer");

  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  /* A 400: refused, not lost (a lost answer is the next test's). */
  g_assert_true (tessera_test_server_fail_next (fixture->server, "POST", "/api/v1/user/access_tokens",
                                                400, 1, &error));
  g_assert_no_error (error);

  gtk_editable_set_text (GTK_EDITABLE (CHILD (dialog, "note_row")), "ui fails");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL));
  WAIT_UNTIL (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (CHILD (dialog, "error_label"))), !=, "");
  g_assert_cmpstr (generate_step (dialog), ==, "form");
  g_assert_true (can_create (dialog));
  failed = oracle_ids (fixture->url, demo_token (fixture));
  assert_same_ids (failed, before);

  /* And again, this time through. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL));
  WAIT_UNTIL (g_strcmp0 (generate_step (dialog), "secret") == 0);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  after = oracle_ids (fixture->url, demo_token (fixture));
  g_assert_cmpuint (after->len, ==, before->len + 1);
}

/* The server made the token but its answer never came (it stalls after
 * the work, past the timeout): the list is read again, the token is in
 * it, and the dialog says that its secret is lost, instead of offering to
 * make a second one as if nothing had happened. */
static void
test_lost_answer (Fixture       *fixture,
                  gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GtkWindow *dialog;
  const char *message;

  tessera_accounts_set_request_timeout (ui_test_accounts (), 1);
  sign_in (window, fixture->url, demo_token (fixture));
  before = oracle_ids (fixture->url, demo_token (fixture));
  g_assert_true (tessera_test_server_add_rule (fixture->server,
                                               "{\"method\": \"POST\", \"path_prefix\": \"/api/v1/user/access_tokens\", "
                                               "\"delay_ms\": 2500}", &error));
  g_assert_no_error (error);

  dialog = open_dialog (fixture);
  gtk_editable_set_text (GTK_EDITABLE (CHILD (dialog, "note_row")), "ui lost answer");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL));
  WAIT_UNTIL (gtk_revealer_get_reveal_child (GTK_REVEALER (CHILD (dialog, "error_revealer"))));

  message = gtk_label_get_text (GTK_LABEL (CHILD (dialog, "error_label")));
  g_test_message ("lost: %s", message);
  g_assert_nonnull (strstr (message, "“ui lost answer”"));
  g_assert_nonnull (strstr (message, "its secret cannot be shown"));
  g_assert_cmpstr (generate_step (dialog), ==, "form");

  /* It is on the server, and in the list, once. */
  after = oracle_ids (fixture->url, demo_token (fixture));
  g_assert_cmpuint (after->len, ==, before->len + 1);
  WAIT_UNTIL (row_for_id (window, g_ptr_array_index (after, 0)) != NULL);
  assert_rows_are_server_list (window, fixture->url, demo_token (fixture));
  g_assert_cmpuint (keyring_count (fixture->url, demo_email (fixture), "generated"), ==, 0);

  /* Nothing more is made until that one is settled: Delete It. */
  g_assert_false (can_create (dialog));
  WAIT_UNTIL (on_screen (CHILD (dialog, "delete_orphan_button")));
  g_assert_false (gtk_widget_get_visible (CHILD (dialog, "check_again_button")));
  tessera_accounts_set_request_timeout (ui_test_accounts (), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.delete-orphan", NULL));
  WAIT_UNTIL (!gtk_widget_get_visible (CHILD (dialog, "delete_orphan_button")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (CHILD (dialog, "error_label"))),
                            "was deleted. You can create the token again."));
  g_assert_false (oracle_has_id (fixture->url, demo_token (fixture), g_ptr_array_index (after, 0)));
  g_assert_true (can_create (dialog));
}

/* The answer was lost and the list could not be read either: the dialog
 * says it cannot tell, offers Check Again (not Create Token), and the
 * second look finds the token the server made. */
static void
test_uncertain (Fixture       *fixture,
                gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  const char *message;

  tessera_accounts_set_request_timeout (ui_test_accounts (), 1);
  sign_in (window, fixture->url, demo_token (fixture));
  g_assert_true (tessera_test_server_add_rule (fixture->server,
                                               "{\"method\": \"POST\", \"path_prefix\": \"/api/v1/user/access_tokens\", "
                                               "\"delay_ms\": 2500, \"count\": 1}", &error));
  g_assert_no_error (error);
  g_assert_true (tessera_test_server_fail_next (fixture->server, "GET", "/api/v1/user/access_tokens",
                                                500, 1, &error));
  g_assert_no_error (error);

  dialog = open_dialog (fixture);
  gtk_editable_set_text (GTK_EDITABLE (CHILD (dialog, "note_row")), "ui uncertain");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL));
  WAIT_UNTIL (on_screen (CHILD (dialog, "check_again_button")));
  message = gtk_label_get_text (GTK_LABEL (CHILD (dialog, "error_label")));
  g_test_message ("uncertain: %s", message);
  g_assert_nonnull (strstr (message, "could not find out whether the server made the token"));
  g_assert_false (can_create (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.check-again", NULL));
  WAIT_UNTIL (on_screen (CHILD (dialog, "delete_orphan_button")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (CHILD (dialog, "error_label"))),
                            "“ui uncertain”"));
  g_assert_false (can_create (dialog));
}

/* A 401 to the create: the account is refused and the window shows why;
 * the dialog does not stay open over it. */
static void
test_refused_closes (Fixture       *fixture,
                     gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog = open_dialog (fixture);

  g_assert_true (tessera_test_server_fail_next (fixture->server, "POST", "/api/v1/user/access_tokens",
                                                401, 1, &error));
  g_assert_no_error (error);
  gtk_editable_set_text (GTK_EDITABLE (CHILD (dialog, "note_row")), "ui refused");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL));
  WAIT_UNTIL (!window_is_open (dialog));
  WAIT_UNTIL (window_shows (window, "problem"));
}

/* The dialog is as tall as its form (nothing to scroll) and fits a phone
 * 360 px wide. */
static void
test_fits (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWindow *dialog = open_dialog (fixture);
  GtkWidget *scroller = gtk_widget_get_ancestor (CHILD (dialog, "note_row"), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  int minimum = 0;

  adw_combo_row_set_selected (ADW_COMBO_ROW (CHILD (dialog, "expiry_row")), 5);
  WAIT_UNTIL (gtk_widget_get_mapped (CHILD (dialog, "no_expiry_row")));
  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("minimum width %d", minimum);
  g_assert_cmpint (minimum, <=, 360);

  WAIT_UNTIL (gtk_adjustment_get_page_size (vadjustment) > 0 &&
              gtk_adjustment_get_upper (vadjustment) <= gtk_adjustment_get_page_size (vadjustment));
  g_test_message ("form %g of %g", gtk_adjustment_get_upper (vadjustment),
                  gtk_adjustment_get_page_size (vadjustment));
}

/* The same stall, with the timeout shortened after the sign-in: the
 * accounts' request timeout is for "every request of every account"
 * (tessera-accounts.h), so the create must give up after 1 s here too. */
static void
test_timeout_set_after_sign_in (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  tessera_accounts_set_request_timeout (ui_test_accounts (), 1);
  g_assert_true (tessera_test_server_add_rule (fixture->server,
                                               "{\"method\": \"POST\", \"path_prefix\": \"/api/v1/user/access_tokens\", "
                                               "\"delay_ms\": 2500}", &error));
  g_assert_no_error (error);

  dialog = open_dialog (fixture);
  gtk_editable_set_text (GTK_EDITABLE (CHILD (dialog, "note_row")), "ui late timeout");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL));
  WAIT_UNTIL (gtk_revealer_get_reveal_child (GTK_REVEALER (CHILD (dialog, "error_revealer"))) ||
              g_strcmp0 (generate_step (dialog), "secret") == 0);

  /* The shorter timeout reached the account already signed in: the answer
   * was lost, and found out. */
  g_assert_cmpstr (generate_step (dialog), !=, "secret");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (CHILD (dialog, "error_label"))),
                            "its secret cannot be shown"));
}

/* The window thought there was room (49 tokens), but meanwhile another
 * client made the 50th: the server refuses, and the dialog says why. */
static void
test_token_limit (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *fiftieth = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GtkWindow *dialog;
  GtkWidget *revealer;

  g_assert_cmpuint (n_token_rows (fixture->window), ==, 49);
  fiftieth = oracle_create (fixture->url, demo_token (fixture), "made elsewhere");

  dialog = open_dialog (fixture);
  revealer = CHILD (dialog, "error_revealer");
  gtk_editable_set_text (GTK_EDITABLE (CHILD (dialog, "note_row")), "one too many");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL);
  WAIT_UNTIL (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_test_message ("refused: %s", gtk_label_get_text (GTK_LABEL (CHILD (dialog, "error_label"))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (CHILD (dialog, "error_label"))),
                            "at most 50 tokens"));
  g_assert_cmpstr (generate_step (dialog), ==, "form");
  after = oracle_ids (fixture->url, demo_token (fixture));
  g_assert_cmpuint (after->len, ==, 50);

  explicit_bzero (fiftieth, strlen (fiftieth));
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "test-ui-generate"))
    return 0;

  g_test_add ("/generate/note-limit", Fixture, NULL, fixture_set_up_signed_in, test_note_limit,
              fixture_tear_down);
  g_test_add ("/generate/expiry-choices", Fixture, NULL, fixture_set_up_signed_in, test_expiry_choices,
              fixture_tear_down);
  g_test_add ("/generate/create-once", Fixture, NULL, fixture_set_up_signed_in, test_create_once,
              fixture_tear_down);
  g_test_add ("/generate/close-confirmation", Fixture, NULL, fixture_set_up_signed_in,
              test_close_confirmation, fixture_tear_down);
  g_test_add ("/generate/create-error", Fixture, NULL, fixture_set_up_signed_in, test_create_error,
              fixture_tear_down);
  g_test_add ("/generate/lost-answer", Fixture, NULL, fixture_set_up, test_lost_answer, fixture_tear_down);
  g_test_add ("/generate/uncertain", Fixture, NULL, fixture_set_up, test_uncertain, fixture_tear_down);
  g_test_add ("/generate/refused-closes", Fixture, NULL, fixture_set_up_signed_in, test_refused_closes,
              fixture_tear_down);
  g_test_add ("/generate/fits", Fixture, NULL, fixture_set_up_signed_in, test_fits, fixture_tear_down);
  g_test_add ("/generate/timeout-set-after-sign-in", Fixture, NULL, fixture_set_up_signed_in,
              test_timeout_set_after_sign_in, fixture_tear_down);
  g_test_add ("/generate/token-limit", Fixture, one_below_the_limit, fixture_set_up_signed_in,
              test_token_limit, fixture_tear_down);

  return ui_test_run ();
}
