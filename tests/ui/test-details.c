/* test-details.c — a token's details, opened by activating its row
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"

#define DETAIL(dialog, name) template_child (dialog, TESSERA_TYPE_TOKEN_DETAILS_DIALOG, name)

static const char *
subtitle (GtkWindow  *dialog,
          const char *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (DETAIL (dialog, row)));
}

static GtkWindow *
open_details (TesseraWindow *window,
              GtkWidget     *row)
{
  GtkWindow *dialog;

  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  WAIT_UNTIL ((dialog = find_dialog (GTK_WINDOW (window), TESSERA_TYPE_TOKEN_DETAILS_DIALOG)) != NULL);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  return dialog;
}

static void
read_clipboard_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static char *
read_clipboard (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, read_clipboard_cb, &text);
  WAIT_UNTIL (text != NULL);
  return text;
}

/* A token made here, its secret saved: everything, with its claims; Test
 * This Token asks the server; Copy copies; Delete… hands over to the
 * window's confirmation. */
static void
test_saved (Fixture       *fixture,
            gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autofree char *secret = generate_token (window, "ui details", TRUE);
  GtkWidget *row = row_for_notes (window, "ui details");
  const char *id = row_id (row);
  g_autofree char *copied = NULL;
  GtkWidget *claims;
  g_autofree char *claims_text = NULL;
  GtkWindow *dialog = open_details (window, row);
  AdwMessageDialog *confirm;
  GdkClipboard *clipboard;
  GdkContentProvider *before;

  g_assert_cmpstr (subtitle (dialog, "note_row"), ==, "ui details");
  g_assert_cmpstr (subtitle (dialog, "id_row"), ==, id);
  g_assert_cmpstr (subtitle (dialog, "status_row"), ==, "Active");
  /* Exact, with its time zone ("30 Jan 2027, 23:59:59 UTC"). */
  g_test_message ("expires: %s", subtitle (dialog, "expires_row"));
  g_assert_true (g_regex_match_simple ("^[0-9]+ [A-Z][a-z]+ [0-9]{4}, [0-9]{2}:[0-9]{2}:[0-9]{2} [A-Z+0-9-]+$",
                                       subtitle (dialog, "expires_row"), 0, 0));
  g_assert_cmpstr (subtitle (dialog, "last_used_row"), ==, "Never used");
  g_assert_true (g_str_has_prefix (subtitle (dialog, "stored_row"), "In your keyring"));

  /* The claims, read from the saved secret: its id among them. */
  claims = DETAIL (dialog, "claims_group");
  WAIT_UNTIL (gtk_widget_get_visible (claims));
  claims_text = widget_text (claims);
  g_test_message ("claims: %s", claims_text);
  g_assert_nonnull (strstr (claims_text, "jti"));
  g_assert_true (strstr (claims_text, secret) == NULL);

  /* Test This Token: the server's word. */
  g_assert_true (on_screen (DETAIL (dialog, "test_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "details.test", NULL));
  WAIT_UNTIL (gtk_widget_get_visible (DETAIL (dialog, "test_result")));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (DETAIL (dialog, "test_result"))),
                                   "This token works: it belongs to demo@tessera.app"));

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (dialog));
  gdk_clipboard_set_text (clipboard, "something else");
  before = gdk_clipboard_get_content (clipboard);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "details.copy", NULL));
  /* Set once the keyring has answered. */
  WAIT_UNTIL (gdk_clipboard_get_content (clipboard) != before);
  copied = read_clipboard (GTK_WIDGET (dialog));
  /* Not g_assert_cmpstr(): a failure would print the secret. */
  g_assert_true (g_str_equal (copied, secret));

  /* The window has Rotate…, so the details offer it. */
  g_assert_true (gtk_widget_get_visible (DETAIL (dialog, "rotate_button")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "details.delete", NULL));
  WAIT_UNTIL (!window_is_open (dialog));
  WAIT_UNTIL ((confirm = find_message_dialog (GTK_WINDOW (window))) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Delete Token “ui details”?");
  click_response (confirm, "_Cancel");

  explicit_bzero (secret, strlen (secret));
  explicit_bzero (copied, strlen (copied));
}

/* A token made elsewhere: no secret, so no claims, Test or Copy; its
 * note is escaped in the title too.  Deleted elsewhere, the details go. */
static void
test_not_saved (Fixture       *fixture,
                gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  const char *spoof = "abc\xe2\x80\xae" "def\nghi";
  g_autofree char *id = NULL;
  g_autofree char *secret = oracle_create_full (fixture->url, demo_token (fixture), spoof, NULL, &id);
  GtkWindow *dialog;
  g_autofree char *text = NULL;

  activate (window, "win.refresh", NULL);
  WAIT_UNTIL (row_for_id (window, id) != NULL);
  dialog = open_details (window, row_for_id (window, id));
  g_assert_cmpstr (subtitle (dialog, "note_row"), ==, "abc\\u202Edef\\u000Aghi");
  text = widget_text (GTK_WIDGET (dialog));
  g_assert_null (strstr (text, "\xe2\x80\xae"));
  g_assert_true (g_str_has_prefix (subtitle (dialog, "stored_row"), "Not saved"));
  g_assert_false (gtk_widget_get_visible (DETAIL (dialog, "claims_group")));
  g_assert_false (gtk_widget_get_visible (DETAIL (dialog, "test_button")));
  g_assert_false (gtk_widget_get_visible (DETAIL (dialog, "copy_button")));

  oracle_delete (fixture->url, demo_token (fixture), id);
  activate (window, "win.refresh", NULL);
  WAIT_UNTIL (!window_is_open (dialog));

  explicit_bzero (secret, strlen (secret));
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "test-ui-details"))
    return 0;

  g_test_add ("/details/saved", Fixture, NULL, fixture_set_up_signed_in, test_saved, fixture_tear_down);
  g_test_add ("/details/not-saved", Fixture, NULL, fixture_set_up_signed_in, test_not_saved,
              fixture_tear_down);

  return ui_test_run ();
}
