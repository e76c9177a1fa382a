/* test-generate.c — "New Personal Access Token" and the secret shown once,
 * against a real tessera-api-server
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dialogs-test-util.h"
#include "tessera-generate-dialog.h"
#include "tessera-jwt.h"

#define CHILD(dialog, name) template_child (dialog, TESSERA_TYPE_GENERATE_DIALOG, name)

static GtkWindow *
open_dialog (Fixture *fixture)
{
  GtkWindow *dialog = tessera_generate_dialog_present (fixture->window, fixture->session);

  g_assert_true (TESSERA_IS_GENERATE_DIALOG (dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
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
  const char * const expected[] = { "7 days", "30 days", "60 days", "90 days",
                                    "Custom…", "No expiration" };

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), ==, expected[i]);
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

/* One activation, then more while the request runs (it is slowed down by
 * the server): exactly one token, its secret shown once, copied, saved. */
static void
test_create_once (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) exp = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *jti = NULL;
  g_autofree char *clipboard_text = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(GtkWidget) secret_label = NULL;
  g_autoptr(TesseraToken) first = NULL;
  TesseraTokenList *tokens = tessera_session_get_tokens (fixture->session);
  GtkWindow *dialog;
  GtkWidget *save_row;
  guint before;
  GTimeSpan lifetime;

  before = server_count_tokens (fixture);
  g_assert_true (tessera_test_server_add_rule (fixture->server,
                                               "{\"method\": \"POST\", \"path_prefix\": \"/api/v1/user/access_tokens\", \"delay_ms\": 500}",
                                               &error));
  g_assert_no_error (error);

  dialog = open_dialog (fixture);
  gtk_editable_set_text (GTK_EDITABLE (CHILD (dialog, "note_row")), "ui generate once");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL));
  /* A double click, and Enter, while it runs. */
  g_assert_false (can_create (dialog));
  gtk_widget_activate (CHILD (dialog, "create_button"));
  gtk_widget_activate (CHILD (dialog, "create_button"));
  g_signal_emit_by_name (CHILD (dialog, "note_row"), "entry-activated");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL);
  g_assert_true (gtk_widget_get_visible (CHILD (dialog, "create_spinner")));

  WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (CHILD (dialog, "stack"))), "secret") == 0);
  spin_for (800);
  g_assert_cmpuint (server_count_tokens (fixture), ==, before + 1);

  /* The new row is on top of the list, and the secret is its JWT. */
  first = g_list_model_get_item (G_LIST_MODEL (tokens), 0);
  g_assert_cmpstr (tessera_token_get_notes (first), ==, "ui generate once");
  g_assert_true (server_has_token (fixture, tessera_token_get_id (first)));

  secret_label = g_object_ref (CHILD (dialog, "secret_label"));
  secret = g_strdup (gtk_label_get_text (GTK_LABEL (secret_label)));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (secret_label)));
  g_assert_true (gtk_widget_has_css_class (secret_label, "token-secret"));
  g_assert_true (tessera_jwt_read_claims (secret, &exp, &jti, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (jti, ==, tessera_token_get_id (first));
  /* "30 days", the default. */
  g_assert_nonnull (exp);
  lifetime = g_date_time_difference (exp, now);
  g_assert_cmpint (lifetime, >, 30 * G_TIME_SPAN_DAY - G_TIME_SPAN_HOUR);
  g_assert_cmpint (lifetime, <, 30 * G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR);

  /* Saved in the keyring at once. */
  save_row = CHILD (dialog, "save_row");
  WAIT_UNTIL (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (save_row)),
                         "Saved in the keyring") == 0);
  saved = keyring_lookup_generated (fixture, tessera_token_get_id (first));
  g_assert_cmpstr (saved, ==, secret);
  g_assert_true (tessera_token_get_secret_saved (first));

  /* Copy puts it on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.copy", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), NULL,
                                 read_text_cb, &clipboard_text);
  WAIT_UNTIL (clipboard_text != NULL);
  g_assert_cmpstr (clipboard_text, ==, secret);

  /* Saved and copied: Done closes at once, and the label forgets it. */
  gtk_widget_activate (CHILD (dialog, "done_button"));
  WAIT_UNTIL (!window_is_open (dialog));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (secret_label)), ==, "");
  assert_no_message_dialog (GTK_WINDOW (fixture->window));

  explicit_bzero (secret, strlen (secret));
}

/* Neither copied nor saved: closing asks first. */
static void
test_close_confirmation (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(TesseraToken) first = NULL;
  g_autofree char *saved = NULL;
  TesseraTokenList *tokens = tessera_session_get_tokens (fixture->session);
  GtkWindow *dialog = open_dialog (fixture);
  AdwMessageDialog *confirm;
  GtkWidget *save_switch;

  save_switch = CHILD (dialog, "save_switch");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (save_switch)));
  gtk_switch_set_active (GTK_SWITCH (save_switch), FALSE);

  adw_combo_row_set_selected (ADW_COMBO_ROW (CHILD (dialog, "expiry_row")), 5);
  gtk_editable_set_text (GTK_EDITABLE (CHILD (dialog, "note_row")), "ui never saved");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL));
  WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (CHILD (dialog, "stack"))), "secret") == 0);

  first = g_list_model_get_item (G_LIST_MODEL (tokens), 0);
  g_assert_cmpstr (tessera_token_get_notes (first), ==, "ui never saved");
  g_assert_null (tessera_token_get_expire (first));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (CHILD (dialog, "save_row"))), ==,
                   "Not saved");


  /* Escape asks; "Go Back" keeps the dialog. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  WAIT_UNTIL (find_message_dialog (dialog) != NULL);
  confirm = find_message_dialog (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Close without saving the token?");
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

  saved = keyring_lookup_generated (fixture, tessera_token_get_id (first));
  g_assert_null (saved);
}

/* A failed request says why, inline, and Create Token works again. */
static void
test_create_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog = open_dialog (fixture);
  guint before = server_count_tokens (fixture);
  GtkWidget *revealer = CHILD (dialog, "error_revealer");

  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (tessera_test_server_fail_next (fixture->server, "POST", "/api/v1/user/access_tokens",
                                                500, 1, &error));
  g_assert_no_error (error);

  gtk_editable_set_text (GTK_EDITABLE (CHILD (dialog, "note_row")), "ui fails");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL));
  WAIT_UNTIL (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (CHILD (dialog, "error_label"))), !=, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (CHILD (dialog, "stack"))), ==, "form");
  g_assert_true (can_create (dialog));
  g_assert_cmpuint (server_count_tokens (fixture), ==, before);

  /* And again, this time through. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL));
  WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (CHILD (dialog, "stack"))), "secret") == 0);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_cmpuint (server_count_tokens (fixture), ==, before + 1);
}

/* At the limit the server refuses, and the dialog says why in words. */
static void
test_token_limit (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWindow *dialog = open_dialog (fixture);
  guint before = server_count_tokens (fixture);
  GtkWidget *revealer = CHILD (dialog, "error_revealer");

  g_assert_cmpuint (before, >=, TESSERA_MAX_TOKENS);
  gtk_editable_set_text (GTK_EDITABLE (CHILD (dialog, "note_row")), "one too many");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL);
  WAIT_UNTIL (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (CHILD (dialog, "error_label"))),
                            "already has 50 tokens"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (CHILD (dialog, "stack"))), ==, "form");
  g_assert_cmpuint (server_count_tokens (fixture), ==, before);
}

static const char * const at_limit_args[] = { "--seed-tokens=50", NULL };

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);

  g_test_add ("/generate/note-limit", Fixture, NULL, fixture_set_up, test_note_limit, fixture_tear_down);
  g_test_add ("/generate/expiry-choices", Fixture, NULL, fixture_set_up, test_expiry_choices, fixture_tear_down);
  g_test_add ("/generate/create-once", Fixture, NULL, fixture_set_up, test_create_once, fixture_tear_down);
  g_test_add ("/generate/close-confirmation", Fixture, NULL, fixture_set_up, test_close_confirmation, fixture_tear_down);
  g_test_add ("/generate/create-error", Fixture, NULL, fixture_set_up, test_create_error, fixture_tear_down);

  g_test_add ("/generate/token-limit", Fixture, at_limit_args, fixture_set_up, test_token_limit, fixture_tear_down);

  return g_test_run ();
}
