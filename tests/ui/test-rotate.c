/* test-rotate.c — "Rotate…" on a row and its dialog, against a real
 * tessera-api-server: the secret once, the keyring, the confirmation
 * before the old token goes, and each fault as the dialog tells it
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"
#include "tessera-rotate-dialog.h"

#define CHILD(dialog, name) template_child (dialog, TESSERA_TYPE_ROTATE_DIALOG, name)

static const char *
dialog_page (GtkWindow *dialog)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (CHILD (dialog, "stack")));
}

static TesseraRotation *
dialog_rotation (GtkWindow *dialog)
{
  return tessera_rotate_dialog_get_rotation (TESSERA_ROTATE_DIALOG (dialog));
}

static const char *
subtitle (GtkWindow  *dialog,
          const char *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (CHILD (dialog, row)));
}

static gboolean
error_shown (GtkWindow *dialog)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (CHILD (dialog, "error_revealer")));
}

static const char *
error_text (GtkWindow *dialog)
{
  return gtk_label_get_text (GTK_LABEL (CHILD (dialog, "error_label")));
}

static gboolean
can_delete_old (GtkWindow *dialog)
{
  return gtk_widget_is_sensitive (CHILD (dialog, "delete_old_button"));
}

/* "Rotate…" from the row's More Actions menu, as a person picks it. */
static GtkWindow *
open_rotate (TesseraWindow *window,
             const char    *token_id)
{
  GtkWidget *row = row_for_id (window, token_id);
  GtkWidget *more = template_child (row, TESSERA_TYPE_TOKEN_ROW, "more_button");
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (more));
  g_autofree char *wanted = g_strdup_printf ("win.rotate-token");
  GtkWindow *dialog;
  gboolean found = FALSE;

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, NULL);

      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
      if (g_strcmp0 (label, "_Rotate…") == 0 && g_strcmp0 (action, wanted) == 0 &&
          g_strcmp0 (g_variant_get_string (target, NULL), token_id) == 0)
        found = TRUE;
    }
  g_assert_true (found);

  activate (window, "win.rotate-token", g_variant_new_string (token_id));
  dialog = find_dialog (GTK_WINDOW (window), TESSERA_TYPE_ROTATE_DIALOG);
  g_assert_nonnull (dialog);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_cmpstr (dialog_page (dialog), ==, "plan");
  return dialog;
}

static void
press_rotate (GtkWindow *dialog)
{
  g_assert_true (gtk_widget_is_sensitive (CHILD (dialog, "rotate_button")));
  g_signal_emit_by_name (CHILD (dialog, "rotate_button"), "clicked");
}

/* "Delete Old Token…", then its confirmation, and the answer. */
static void
delete_old (GtkWindow *dialog)
{
  AdwMessageDialog *confirm;
  TesseraRotation *rotation = dialog_rotation (dialog);

  g_assert_true (can_delete_old (dialog));
  g_signal_emit_by_name (CHILD (dialog, "delete_old_button"), "clicked");
  WAIT_UNTIL ((confirm = find_message_dialog (dialog)) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Delete the Old Token?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "will lose access"));
  click_response (confirm, "_Delete Old Token");
  /* The delete starts at the click. */
  g_assert_cmpint (tessera_rotation_get_step (rotation), ==, TESSERA_ROTATION_DELETING);
  WAIT_UNTIL (tessera_rotation_get_step (rotation) != TESSERA_ROTATION_DELETING);
}

/* A token of the demo account made over plain HTTP, listed, and with
 * @save its secret in the keyring; returns its id. */
static char *
made_elsewhere (Fixture    *fixture,
                const char *notes,
                int         days,
                gboolean    save)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);
  g_autofree char *expire = g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *secret = NULL;
  TesseraSession *session = window_session (fixture->window);
  char *id = NULL;

  secret = oracle_create_full (fixture->url, demo_token (fixture), notes, expire, &id);
  tessera_token_list_reload (window_tokens (fixture->window));
  WAIT_UNTIL (row_for_id (fixture->window, id) != NULL);
  if (save)
    {
      g_autoptr(GAsyncResult) result = NULL;
      TesseraSavedSecrets *secrets = tessera_session_get_secrets (session);

      tessera_saved_secrets_save_async (secrets, id, notes, secret, NULL, result_cb, &result);
      g_assert_true (tessera_saved_secrets_save_finish (secrets, wait_result (&result), NULL));
    }
  explicit_bzero (secret, strlen (secret));
  return id;
}

/* The server's note and created→expire span, in days, of @id. */
static gboolean
server_token (Fixture    *fixture,
              const char *id,
              char      **notes_out,
              double     *days_out)
{
  g_autoptr(JsonNode) root = oracle_request (fixture->url, demo_token (fixture), "GET",
                                             "/api/v1/user/access_tokens?page=1&page_size=10", NULL);
  JsonArray *list = json_object_get_array_member (json_object_get_object_member (json_node_get_object (root),
                                                                                 "payload"), "list");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *item = json_array_get_object_element (list, i);
      g_autoptr(GDateTime) created = NULL;
      g_autoptr(GDateTime) expire = NULL;

      if (g_strcmp0 (json_object_get_string_member (item, "id"), id) != 0)
        continue;
      created = g_date_time_new_from_iso8601 (json_object_get_string_member (item, "created_at"), NULL);
      expire = g_date_time_new_from_iso8601 (json_object_get_string_member (item, "expire"), NULL);
      *notes_out = g_strdup (json_object_get_string_member (item, "notes"));
      *days_out = g_date_time_get_year (expire) > 1
                  ? (double) g_date_time_difference (expire, created) / G_TIME_SPAN_DAY : 0;
      return TRUE;
    }
  return FALSE;
}

static void
add_rule (Fixture    *fixture,
          const char *rule)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_test_server_add_rule (fixture->server, rule, &error));
  g_assert_no_error (error);
}

/* ---- the whole path ------------------------------------------------- */

static void
test_rotate_saved (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *old_id = made_elsewhere (fixture, "ci deploy", 30, TRUE);
  GtkWindow *dialog = open_rotate (fixture->window, old_id);
  TesseraRotation *rotation = dialog_rotation (dialog);
  g_autofree char *notes = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *text = NULL;
  double days = 0;

  /* What will happen, before anything does. */
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (CHILD (dialog, "plan_group"))),
                   ==, "Rotate “ci deploy”");
  g_assert_cmpstr (subtitle (dialog, "note_row"), ==, "ci deploy");
  g_assert_true (g_str_has_prefix (subtitle (dialog, "expiry_row"), "30 days, until "));
  g_assert_false (gtk_widget_get_visible (CHILD (dialog, "plan_sign_in_row")));

  press_rotate (dialog);
  WAIT_UNTIL (g_strcmp0 (dialog_page (dialog), "secret") == 0);
  new_id = g_strdup (tessera_token_get_id (tessera_rotation_get_new_token (rotation)));

  /* The secret once, as Generate shows it, saved as the old one was. */
  text = widget_text (CHILD (dialog, "stack"));
  g_assert_nonnull (strstr (text, "The new token is ready"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (CHILD (dialog, "secret_label"))), ==,
                   tessera_rotation_peek_secret (rotation));
  WAIT_UNTIL (g_strcmp0 (subtitle (dialog, "save_row"), "Saved in the keyring") == 0);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (CHILD (dialog, "save_switch"))));
  kept = keyring_generated_secret (fixture->url, demo_email (fixture), new_id);
  g_assert_cmpstr (kept, ==, tessera_rotation_peek_secret (rotation));
  g_assert_cmpstr (subtitle (dialog, "old_row"), ==,
                   "Apps and scripts that still use it lose access when it is deleted.");
  /* Both rows for now. */
  g_assert_nonnull (row_for_id (fixture->window, old_id));
  g_assert_nonnull (row_for_id (fixture->window, new_id));

  delete_old (dialog);
  g_assert_cmpstr (dialog_page (dialog), ==, "done");
  g_assert_false (error_shown (dialog));
  g_assert_false (oracle_has_id (fixture->url, demo_token (fixture), old_id));
  g_assert_true (server_token (fixture, new_id, &notes, &days));
  g_assert_cmpstr (notes, ==, "ci deploy");
  g_assert_cmpfloat_with_epsilon (days, 30.0, 0.01);
  WAIT_UNTIL (row_for_id (fixture->window, old_id) == NULL);
  g_assert_nonnull (row_for_id (fixture->window, new_id));

  g_signal_emit_by_name (CHILD (dialog, "done_button"), "clicked");
  WAIT_UNTIL (!window_is_open (dialog));
}

/* ---- faults --------------------------------------------------------- */

static void
test_create_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *old_id = made_elsewhere (fixture, "terraform", 60, FALSE);
  GtkWindow *dialog = open_rotate (fixture->window, old_id);
  g_autoptr(GPtrArray) before = oracle_ids (fixture->url, demo_token (fixture));
  g_autoptr(GPtrArray) after = NULL;

  add_rule (fixture, "{\"method\": \"POST\", \"status\": 403}");
  press_rotate (dialog);
  WAIT_UNTIL (error_shown (dialog));
  g_assert_cmpstr (dialog_page (dialog), ==, "plan");
  g_assert_cmpstr (error_text (dialog), !=, "");
  /* Nothing changed, and Rotate may be pressed again. */
  after = oracle_ids (fixture->url, demo_token (fixture));
  assert_same_ids (before, after);
  WAIT_UNTIL (gtk_widget_is_sensitive (CHILD (dialog, "rotate_button")));

  press_rotate (dialog);
  WAIT_UNTIL (g_strcmp0 (dialog_page (dialog), "secret") == 0);
  g_assert_false (error_shown (dialog));
}

static void
test_delete_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *old_id = made_elsewhere (fixture, "staging smoke", 90, TRUE);
  GtkWindow *dialog = open_rotate (fixture->window, old_id);
  TesseraRotation *rotation = dialog_rotation (dialog);
  g_autofree char *new_id = NULL;

  press_rotate (dialog);
  WAIT_UNTIL (can_delete_old (dialog));
  new_id = g_strdup (tessera_token_get_id (tessera_rotation_get_new_token (rotation)));

  add_rule (fixture, "{\"method\": \"DELETE\", \"status\": 403}");
  delete_old (dialog);
  WAIT_UNTIL (error_shown (dialog));
  g_assert_cmpstr (dialog_page (dialog), ==, "secret");
  g_assert_nonnull (strstr (error_text (dialog), "“staging smoke” could not be deleted"));
  g_assert_nonnull (strstr (error_text (dialog), "Both tokens exist now"));
  g_assert_true (oracle_has_id (fixture->url, demo_token (fixture), old_id));
  g_assert_true (oracle_has_id (fixture->url, demo_token (fixture), new_id));

  /* "Delete Old Token" is offered again, and works. */
  delete_old (dialog);
  g_assert_cmpstr (dialog_page (dialog), ==, "done");
  g_assert_false (oracle_has_id (fixture->url, demo_token (fixture), old_id));
}

/* The keyring refuses: the secret stays on screen, and the old token
 * stays until the user copied the new one and confirmed. */
static void
test_keyring_fails (Fixture       *fixture,
                    gconstpointer  data)
{
  TesseraSecretStore *store = tessera_accounts_get_store (ui_test_accounts ());
  g_autofree char *old_id = made_elsewhere (fixture, "exporter", 7, TRUE);
  GtkWindow *dialog = open_rotate (fixture->window, old_id);
  TesseraRotation *rotation = dialog_rotation (dialog);

  tessera_secret_store_set_interactive (store, FALSE);
  press_rotate (dialog);
  WAIT_UNTIL (g_str_has_prefix (subtitle (dialog, "save_row"), "Not saved: "));
  tessera_secret_store_set_interactive (store, TRUE);
  g_assert_cmpstr (dialog_page (dialog), ==, "secret");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (CHILD (dialog, "secret_label"))), ==,
                   tessera_rotation_peek_secret (rotation));
  g_assert_false (can_delete_old (dialog));
  g_assert_nonnull (strstr (subtitle (dialog, "old_row"), "copy it before the old token is deleted"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "rotate.copy", NULL));
  g_assert_true (can_delete_old (dialog));
  delete_old (dialog);
  g_assert_cmpstr (dialog_page (dialog), ==, "done");
  g_assert_false (oracle_has_id (fixture->url, demo_token (fixture), old_id));
}

/* Closing between the steps keeps both tokens, and says so. */
static void
test_close_keeps_both (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *old_id = made_elsewhere (fixture, "backup", 30, FALSE);
  GtkWindow *dialog = open_rotate (fixture->window, old_id);
  TesseraRotation *rotation = dialog_rotation (dialog);
  g_autofree char *new_id = NULL;
  AdwMessageDialog *confirm;

  press_rotate (dialog);
  WAIT_UNTIL (g_strcmp0 (dialog_page (dialog), "secret") == 0);
  new_id = g_strdup (tessera_token_get_id (tessera_rotation_get_new_token (rotation)));

  /* Neither saved nor copied: asked first, as Generate asks. */
  g_signal_emit_by_name (CHILD (dialog, "done_button"), "clicked");
  WAIT_UNTIL ((confirm = find_message_dialog (dialog)) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Close without saving the token?");
  click_response (confirm, "_Close");
  WAIT_UNTIL (!window_is_open (dialog));

  WAIT_UNTIL (find_text (fixture->window, "Both tokens are kept") != NULL);
  g_assert_true (oracle_has_id (fixture->url, demo_token (fixture), old_id));
  g_assert_true (oracle_has_id (fixture->url, demo_token (fixture), new_id));
}

/* ---- the sign-in token ---------------------------------------------- */

static void
test_rotate_sign_in (Fixture       *fixture,
                     gconstpointer  data)
{
  TesseraSession *session = window_session (fixture->window);
  g_autofree char *old_id = g_strdup (tessera_session_get_sign_in_token_id (session));
  GtkWindow *dialog = open_rotate (fixture->window, old_id);
  TesseraRotation *rotation = dialog_rotation (dialog);
  g_autofree char *stored = NULL;
  g_autofree char *new_id = NULL;
  GtkWidget *new_row;

  g_assert_true (gtk_widget_get_visible (CHILD (dialog, "plan_sign_in_row")));
  /* The demo sign-in token does not expire, nor will the new one. */
  g_assert_cmpstr (subtitle (dialog, "expiry_row"), ==, "Does not expire");

  press_rotate (dialog);
  WAIT_UNTIL (g_strcmp0 (subtitle (dialog, "sign_in_row"),
                         "Tessera now signs in with the new token, and the keyring holds it") == 0);
  new_id = g_strdup (tessera_token_get_id (tessera_rotation_get_new_token (rotation)));
  g_assert_cmpstr (tessera_session_get_sign_in_token_id (session), ==, new_id);
  stored = keyring_sign_in_secret (fixture->url, demo_email (fixture));
  g_assert_cmpstr (stored, ==, tessera_rotation_peek_secret (rotation));

  /* The row that says "signed in with this token" is the new one now. */
  new_row = row_for_id (fixture->window, new_id);
  g_assert_true (gtk_widget_get_visible (template_child (new_row, TESSERA_TYPE_TOKEN_ROW, "sign_in_label")));
  g_assert_false (gtk_widget_get_visible (template_child (row_for_id (fixture->window, old_id),
                                                          TESSERA_TYPE_TOKEN_ROW, "sign_in_label")));

  /* Not saved as a token of its own: copy it, then the old one may go. */
  g_assert_false (can_delete_old (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "rotate.copy", NULL));
  delete_old (dialog);
  g_assert_cmpstr (dialog_page (dialog), ==, "done");

  /* Still signed in, on the new token; the old one is gone. */
  g_assert_cmpint (tessera_session_get_state (session), ==, TESSERA_SESSION_STATE_SIGNED_IN);
  g_assert_true (window_shows (fixture->window, "tokens"));
  g_assert_cmpuint (oracle_status_me (fixture->url, demo_token (fixture)), ==, 401);
  g_assert_cmpuint (oracle_status_me (fixture->url, stored), ==, 200);
  WAIT_UNTIL (row_for_id (fixture->window, old_id) == NULL);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "test-ui-rotate"))
    return 0;

  g_test_add ("/rotate/saved", Fixture, NULL, fixture_set_up_signed_in, test_rotate_saved,
              fixture_tear_down);
  g_test_add ("/rotate/create-fails", Fixture, NULL, fixture_set_up_signed_in, test_create_fails,
              fixture_tear_down);
  g_test_add ("/rotate/delete-fails", Fixture, NULL, fixture_set_up_signed_in, test_delete_fails,
              fixture_tear_down);
  g_test_add ("/rotate/keyring-fails", Fixture, NULL, fixture_set_up_signed_in, test_keyring_fails,
              fixture_tear_down);
  g_test_add ("/rotate/close-keeps-both", Fixture, NULL, fixture_set_up_signed_in, test_close_keeps_both,
              fixture_tear_down);
  g_test_add ("/rotate/sign-in", Fixture, NULL, fixture_set_up_signed_in, test_rotate_sign_in,
              fixture_tear_down);

  return ui_test_run ();
}
