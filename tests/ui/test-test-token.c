/* test-test-token.c — "Test a Token", against a real tessera-api-server
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dialogs-test-util.h"
#include "tessera-test-token-dialog.h"

#define CHILD(dialog, name) template_child (dialog, TESSERA_TYPE_TEST_TOKEN_DIALOG, name)

static GtkWindow *
open_dialog (Fixture *fixture)
{
  GtkWindow *dialog = tessera_test_token_dialog_present (fixture->window,
                                                         tessera_test_server_get_url (fixture->server));

  g_assert_true (TESSERA_IS_TEST_TOKEN_DIALOG (dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Test a Token");

  return dialog;
}

static void
run_test (GtkWindow  *dialog,
          const char *token)
{
  GtkWidget *result_box = CHILD (dialog, "result_box");

  gtk_editable_set_text (GTK_EDITABLE (CHILD (dialog, "token_row")), token);
  g_assert_true (gtk_widget_is_sensitive (CHILD (dialog, "test_button")));
  g_signal_emit_by_name (CHILD (dialog, "test_button"), "clicked");
  /* Running: no second test, a spinner instead. */
  g_assert_false (gtk_widget_is_sensitive (CHILD (dialog, "test_button")));
  g_assert_true (gtk_widget_get_visible (CHILD (dialog, "spinner")));
  WAIT_UNTIL (gtk_widget_get_visible (result_box));
  g_assert_true (gtk_widget_is_sensitive (CHILD (dialog, "test_button")));
  g_assert_false (gtk_widget_get_visible (CHILD (dialog, "spinner")));
}

static void
test_valid (Fixture       *fixture,
            gconstpointer  data)
{
  TesseraClient *client_before = tessera_session_get_client (fixture->session);
  TesseraAccount *account_before = tessera_session_get_account (fixture->session);
  GtkWindow *dialog = open_dialog (fixture);
  g_autofree char *expected = NULL;
  const char *label;
  const char *detail;

  /* Nothing to test yet, and Enter does nothing. */
  g_assert_false (gtk_widget_is_sensitive (CHILD (dialog, "test_button")));
  gtk_widget_grab_focus (CHILD (dialog, "token_row"));
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (CHILD (dialog, "token_row"))), "activate");
  g_assert_false (gtk_widget_get_visible (CHILD (dialog, "spinner")));

  run_test (dialog, tessera_test_server_get_demo_token (fixture->server));
  label = gtk_label_get_text (GTK_LABEL (CHILD (dialog, "result_label")));
  expected = g_strdup_printf ("Valid — belongs to %s", fixture_email (fixture));
  g_assert_true (g_str_has_prefix (label, expected));
  /* The demo token is a JWT: its expiry, or that it has none, is said. */
  detail = gtk_label_get_text (GTK_LABEL (CHILD (dialog, "result_detail")));
  g_assert_true (g_str_has_prefix (detail, "Expires on ") || g_str_equal (detail, "Does not expire"));

  /* The session is untouched. */
  g_assert_true (tessera_session_get_client (fixture->session) == client_before);
  g_assert_true (tessera_session_get_account (fixture->session) == account_before);
  g_assert_cmpint (tessera_session_get_state (fixture->session), ==, TESSERA_SESSION_STATE_SIGNED_IN);
}

static void
test_invalid (Fixture       *fixture,
              gconstpointer  data)
{
  TesseraClient *client_before = tessera_session_get_client (fixture->session);
  GtkWindow *dialog = open_dialog (fixture);
  GtkWidget *token_row = CHILD (dialog, "token_row");

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

  g_assert_true (tessera_session_get_client (fixture->session) == client_before);
  g_assert_cmpint (tessera_session_get_state (fixture->session), ==, TESSERA_SESSION_STATE_SIGNED_IN);
  g_assert_false (fixture->signed_out);

  /* Closing wipes what was typed. */
  g_object_ref (token_row);
  gtk_window_destroy (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (token_row)), ==, "");
  g_object_unref (token_row);
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);

  g_test_add ("/test-token/valid", Fixture, NULL, fixture_set_up, test_valid, fixture_tear_down);
  g_test_add ("/test-token/invalid", Fixture, NULL, fixture_set_up, test_invalid, fixture_tear_down);

  return g_test_run ();
}
