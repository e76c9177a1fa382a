/* test-delete.c — "Delete" and the Danger Zone's "Delete All", against a
 * real tessera-api-server and keyring
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dialogs-test-util.h"

static gboolean
list_has (Fixture    *fixture,
          const char *id)
{
  return tessera_token_list_find (tessera_session_get_tokens (fixture->session), id) != NULL;
}

static AdwMessageDialog *
open_delete (Fixture      *fixture,
             TesseraToken *token)
{
  GtkWindow *dialog = tessera_delete_dialog_present (fixture->window, fixture->session, token);

  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));

  return ADW_MESSAGE_DIALOG (dialog);
}

static void
test_delete_confirmed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TesseraToken) token = create_token (fixture, "ui delete me", TRUE);
  g_autofree char *id = g_strdup (tessera_token_get_id (token));
  g_autofree char *saved = keyring_lookup_generated (fixture, id);
  AdwMessageDialog *dialog;

  g_assert_nonnull (saved);
  g_assert_true (list_has (fixture, id));

  dialog = open_delete (fixture, token);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete token “ui delete me”?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Apps and scripts that use it will lose access. This cannot be undone.");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);

  /* Cancel deletes nothing. */
  click_response (dialog, "_Cancel");
  spin_for (300);
  g_assert_true (list_has (fixture, id));
  g_assert_true (server_has_token (fixture, id));

  dialog = open_delete (fixture, token);
  click_response (dialog, "_Delete");
  WAIT_UNTIL (!list_has (fixture, id));
  g_assert_false (server_has_token (fixture, id));

  /* Its keyring item goes with it (removed right after the server said
   * yes). */
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *left = keyring_lookup_generated (fixture, id);

      if (left == NULL)
        break;
      spin_for (50);
    }
  g_clear_pointer (&saved, g_free);
  saved = keyring_lookup_generated (fixture, id);
  g_assert_null (saved);
  assert_no_message_dialog (GTK_WINDOW (fixture->window));
}

/* Already gone on the server: the row goes too, and no error. */
static void
test_delete_not_found (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TesseraToken) token = create_token (fixture, "ui gone already", FALSE);
  g_autofree char *id = g_strdup (tessera_token_get_id (token));
  g_autoptr(TesseraClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  client = tessera_client_new (tessera_test_server_get_url (fixture->server),
                               tessera_test_server_get_demo_token (fixture->server), &error);
  g_assert_no_error (error);
  tessera_client_delete_token_async (client, id, NULL, result_cb, &result);
  WAIT_RESULT (result);
  g_assert_true (tessera_client_delete_token_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_true (list_has (fixture, id));

  click_response (open_delete (fixture, token), "_Delete");
  WAIT_UNTIL (!list_has (fixture, id));
  spin_for (200);
  assert_no_message_dialog (GTK_WINDOW (fixture->window));
}

/* A server error: the row stays (the server still has it) and the error is
 * shown. */
static void
test_delete_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TesseraToken) token = create_token (fixture, "ui survives", FALSE);
  g_autofree char *id = g_strdup (tessera_token_get_id (token));
  g_autoptr(GError) error = NULL;
  TesseraTokenList *tokens = tessera_session_get_tokens (fixture->session);
  AdwMessageDialog *shown;

  g_assert_true (tessera_test_server_fail_next (fixture->server, "DELETE",
                                                "/api/v1/user/access_tokens/", 500, 1, &error));
  g_assert_no_error (error);

  click_response (open_delete (fixture, token), "_Delete");
  WAIT_UNTIL (find_message_dialog (GTK_WINDOW (fixture->window)) != NULL);
  shown = find_message_dialog (GTK_WINDOW (fixture->window));
  g_assert_cmpstr (adw_message_dialog_get_heading (shown), ==, "Could Not Delete the Token");
  g_assert_cmpstr (adw_message_dialog_get_body (shown), !=, "");

  /* After the re-sync the row is still there, as on the server. */
  WAIT_UNTIL (!tessera_token_list_get_loading (tokens));
  g_assert_true (list_has (fixture, id));
  g_assert_true (server_has_token (fixture, id));
}

static void
test_delete_all (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TesseraToken) token = create_token (fixture, "ui in the keyring", TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) ids_result = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *account = NULL;
  g_autofree char *sign_in = NULL;
  g_autofree char *wrong = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *extra;
  GtkWidget *entry = NULL;
  const char *email = fixture_email (fixture);

  dialog = ADW_MESSAGE_DIALOG (tessera_delete_all_dialog_present (fixture->window, fixture->session));
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

  g_assert_false (fixture->signed_out);
  click_response (dialog, "_Delete All");
  WAIT_UNTIL (fixture->signed_out);
  g_assert_cmpstr (fixture->signed_out_reason, ==, "All tokens were deleted. Sign in with a new token.");
  g_assert_cmpint (tessera_session_get_state (fixture->session), ==, TESSERA_SESSION_STATE_SIGNED_OUT);

  /* The server holds nothing: even the sign-in token is refused now. */
  after = server_list_tokens (fixture, &error);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED);
  g_assert_null (after);

  /* And the keyring holds nothing of this account on this server. */
  tessera_secret_store_lookup_sign_in_async (fixture->store, tessera_test_server_get_url (fixture->server),
                                             NULL, result_cb, &result);
  WAIT_RESULT (result);
  g_clear_error (&error);
  sign_in = tessera_secret_store_lookup_sign_in_finish (fixture->store, result, &account, &error);
  g_assert_no_error (error);
  g_assert_null (sign_in);

  tessera_secret_store_list_generated_async (fixture->store, tessera_test_server_get_url (fixture->server),
                                             email, NULL, result_cb, &ids_result);
  WAIT_RESULT (ids_result);
  ids = tessera_secret_store_list_generated_finish (fixture->store, ids_result, &error);
  g_assert_no_error (error);
  g_assert_true (ids == NULL || g_strv_length (ids) == 0);
  assert_no_message_dialog (GTK_WINDOW (fixture->window));
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);

  g_test_add ("/delete/confirmed", Fixture, NULL, fixture_set_up, test_delete_confirmed, fixture_tear_down);
  g_test_add ("/delete/not-found", Fixture, NULL, fixture_set_up, test_delete_not_found, fixture_tear_down);
  g_test_add ("/delete/server-error", Fixture, NULL, fixture_set_up, test_delete_error, fixture_tear_down);
  g_test_add ("/delete/all", Fixture, NULL, fixture_set_up, test_delete_all, fixture_tear_down);

  return g_test_run ();
}
