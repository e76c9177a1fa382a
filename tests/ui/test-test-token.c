/* test-test-token.c — "Test a Token…" (win.test-token), against a real
 * tessera-api-server
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tessera-test-token-dialog.h"
#include "ui-test-util.h"

#define CHILD(dialog, name) template_child (dialog, TESSERA_TYPE_TEST_TOKEN_DIALOG, name)
#define TOKEN_ENTRY(dialog) secret_entry (dialog, TESSERA_TYPE_TEST_TOKEN_DIALOG, "token_row")

static GtkWindow *
open_dialog (Fixture *fixture)
{
  GtkWindow *dialog;

  g_assert_true (menu_item_enabled (fixture->window, "Test a Token…"));
  activate (fixture->window, "win.test-token", NULL);
  dialog = find_dialog (GTK_WINDOW (fixture->window), TESSERA_TYPE_TEST_TOKEN_DIALOG);
  g_assert_nonnull (dialog);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Test a Token");

  return dialog;
}

static void
run_test (GtkWindow  *dialog,
          const char *token)
{
  GtkWidget *result_box = CHILD (dialog, "result_box");

  gtk_editable_set_text (GTK_EDITABLE (TOKEN_ENTRY (dialog)), token);
  g_assert_true (gtk_widget_is_sensitive (CHILD (dialog, "test_button")));
  g_signal_emit_by_name (CHILD (dialog, "test_button"), "clicked");
  /* Running: no second test, a spinner instead. */
  g_assert_false (gtk_widget_is_sensitive (CHILD (dialog, "test_button")));
  g_assert_true (gtk_widget_get_visible (CHILD (dialog, "spinner")));
  WAIT_UNTIL (gtk_widget_get_visible (result_box));
  g_assert_true (gtk_widget_is_sensitive (CHILD (dialog, "test_button")));
  g_assert_false (gtk_widget_get_visible (CHILD (dialog, "spinner")));
}

/* The window's account, its list and its saved sign-in are as they were. */
static void
assert_untouched (Fixture        *fixture,
                  TesseraSession *session,
                  GPtrArray      *rows)
{
  g_autoptr(GPtrArray) now = token_rows (fixture->window);
  g_autofree char *saved = keyring_sign_in_secret (fixture->url, demo_email (fixture));

  g_assert_true (window_session (fixture->window) == session);
  g_assert_cmpint (tessera_session_get_state (session), ==, TESSERA_SESSION_STATE_SIGNED_IN);
  g_assert_cmpuint (ui_test_n_accounts (), ==, 1);
  g_assert_true (list_shown (fixture->window));
  g_assert_cmpuint (now->len, ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (g_ptr_array_index (now, i) == g_ptr_array_index (rows, i));
  g_assert_cmpstr (saved, ==, demo_token (fixture));
}

static void
test_valid (Fixture       *fixture,
            gconstpointer  data)
{
  TesseraSession *session = window_session (fixture->window);
  g_autoptr(GPtrArray) rows = token_rows (fixture->window);
  g_autofree char *other = oracle_create (fixture->url, demo_token (fixture), "to be tested");
  g_autofree char *expected = NULL;
  GtkWindow *dialog;
  const char *label;
  const char *detail;

  WAIT_UNTIL (keyring_count (fixture->url, demo_email (fixture), "sign-in") == 1);
  dialog = open_dialog (fixture);

  /* Nothing to test yet, and Enter does nothing. */
  g_assert_false (gtk_widget_is_sensitive (CHILD (dialog, "test_button")));
  gtk_widget_grab_focus (TOKEN_ENTRY (dialog));
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (TOKEN_ENTRY (dialog))), "activate");
  g_assert_false (gtk_widget_get_visible (CHILD (dialog, "spinner")));

  run_test (dialog, other);
  label = gtk_label_get_text (GTK_LABEL (CHILD (dialog, "result_label")));
  expected = g_strdup_printf ("Valid — belongs to %s", demo_email (fixture));
  g_assert_true (g_str_has_prefix (label, expected));
  {
    g_autofree char *said = g_strdup_printf ("%s. Does not expire", label);

    g_assert_true (announced (dialog, said));
  }
  /* Made without an expiry: a JWT that says so. */
  detail = gtk_label_get_text (GTK_LABEL (CHILD (dialog, "result_detail")));
  g_assert_cmpstr (detail, ==, "Does not expire");

  assert_untouched (fixture, session, rows);
  explicit_bzero (other, strlen (other));
}

static void
test_invalid (Fixture       *fixture,
              gconstpointer  data)
{
  TesseraSession *session = window_session (fixture->window);
  g_autoptr(GPtrArray) rows = token_rows (fixture->window);
  GtkWindow *dialog;
  GtkWidget *token_row;

  WAIT_UNTIL (keyring_count (fixture->url, demo_email (fixture), "sign-in") == 1);
  dialog = open_dialog (fixture);
  token_row = TOKEN_ENTRY (dialog);

  run_test (dialog, "not-a-token-at-all");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (CHILD (dialog, "result_label"))), ==,
                   "This token does not work");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (CHILD (dialog, "result_detail"))), !=, "");
  g_assert_true (gtk_widget_get_visible (CHILD (dialog, "result_detail")));

  /* A new text hides the old verdict. */
  gtk_editable_set_text (GTK_EDITABLE (token_row), "something else");
  g_assert_false (gtk_widget_get_visible (CHILD (dialog, "result_box")));

  /* Enter tests it. */
  gtk_widget_grab_focus (token_row);
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (token_row)), "activate");
  WAIT_UNTIL (gtk_widget_get_visible (CHILD (dialog, "result_box")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (CHILD (dialog, "result_label"))), ==,
                   "This token does not work");

  /* A refused token signs nothing out. */
  assert_untouched (fixture, session, rows);

  /* Closing wipes what was typed. */
  g_object_ref (token_row);
  gtk_window_destroy (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (token_row)), ==, "");
  g_object_unref (token_row);
}

/* From the sign-in page (no account yet) it tests against the server
 * typed there, and signs nobody in. */
static void
test_from_sign_in_page (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWindow *dialog;

  gtk_editable_set_text (server_entry (fixture->window), fixture->url);
  dialog = open_dialog (fixture);
  run_test (dialog, demo_token (fixture));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (CHILD (dialog, "result_label"))),
                                   "Valid — belongs to demo@tessera.app"));

  g_assert_cmpuint (ui_test_n_accounts (), ==, 0);
  g_assert_cmpstr (window_page (fixture->window), ==, "sign-in");
  g_assert_cmpuint (keyring_count (fixture->url, demo_email (fixture), NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "test-ui-test-token"))
    return 0;

  g_test_add ("/test-token/valid", Fixture, NULL, fixture_set_up_signed_in, test_valid, fixture_tear_down);
  g_test_add ("/test-token/invalid", Fixture, NULL, fixture_set_up_signed_in, test_invalid, fixture_tear_down);
  g_test_add ("/test-token/from-sign-in-page", Fixture, NULL, fixture_set_up, test_from_sign_in_page,
              fixture_tear_down);

  return ui_test_run ();
}
