/* tessera-delete-dialogs.c — confirm and run "Delete" and "Delete All"
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-delete-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-a11y.h"
#include "tessera-dialogs.h"
#include "tessera-text.h"

/* What a delete needs once its confirmation has closed. */
typedef struct
{
  TesseraWindow  *window;
  TesseraSession *session;
  TesseraToken   *token;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->session);
  g_clear_object (&data->token);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteData, delete_data_free)

static DeleteData *
delete_data_new (TesseraWindow  *window,
                 TesseraSession *session,
                 TesseraToken   *token)
{
  DeleteData *data = g_new0 (DeleteData, 1);

  data->window = g_object_ref (window);
  data->session = g_object_ref (session);
  data->token = token != NULL ? g_object_ref (token) : NULL;

  return data;
}

/* A failure is worth more than a toast that slips by: it says why, and the
 * list has already re-synced with the server. */
void
tessera_present_error (TesseraWindow *window,
                       const char    *heading,
                       const char    *message)
{
  GtkWidget *dialog;

  if (!gtk_widget_get_realized (GTK_WIDGET (window)))
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  tessera_a11y_clean_mnemonic_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Delete one */

static void
delete_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (tessera_token_list_delete_finish (TESSERA_TOKEN_LIST (object), result, &error))
    tessera_window_toast (data->window, _("Token deleted"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    tessera_present_error (data->window, _("Could Not Delete the Token"), error->message);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DeleteData       *data)
{
  if (g_strcmp0 (response, "delete") != 0)
    return;

  tessera_token_list_delete_async (tessera_session_get_tokens (data->session), data->token, NULL,
                                   delete_token_cb,
                                   delete_data_new (data->window, data->session, data->token));
}

GtkWindow *
tessera_delete_dialog_present (TesseraWindow  *window,
                               TesseraSession *session,
                               TesseraToken   *token)
{
  AdwMessageDialog *dialog;
  g_autofree char *notes = NULL;
  gboolean signed_in_with;

  g_return_val_if_fail (TESSERA_IS_WINDOW (window), NULL);
  g_return_val_if_fail (TESSERA_IS_SESSION (session), NULL);
  g_return_val_if_fail (TESSERA_IS_TOKEN (token), NULL);

  /* A note is the server's text: never a second line, never spoofed. */
  notes = tessera_text_escape_controls (tessera_token_get_notes (token));
  signed_in_with = g_strcmp0 (tessera_session_get_sign_in_token_id (session),
                              tessera_token_get_id (token)) == 0;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window), NULL, NULL));
  if (notes[0] != '\0')
    adw_message_dialog_format_heading (dialog, _("Delete Token “%s”?"), notes);
  else
    adw_message_dialog_set_heading (dialog, _("Delete Token Without a Note?"));
  if (signed_in_with)
    adw_message_dialog_set_body (dialog, _("Tessera is signed in with this token: you will be "
                                           "signed out. Apps and scripts that use it will lose "
                                           "access. This cannot be undone."));
  else
    adw_message_dialog_set_body (dialog, _("Apps and scripts that use it will lose access. "
                                           "This cannot be undone."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb),
                         delete_data_new (window, session, token),
                         (GClosureNotify) (void (*) (void)) delete_data_free, 0);
  tessera_a11y_clean_mnemonic_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

/* Delete all */

static void
delete_all_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  g_autoptr(GError) error = NULL;

  /* On success the session signs out with its reason, and the window shows
   * the sign-in page; nothing more to say here. */
  if (!tessera_token_list_delete_all_finish (TESSERA_TOKEN_LIST (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    tessera_present_error (data->window, _("Could Not Delete All Tokens"), error->message);
}

static void
delete_all_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        DeleteData       *data)
{
  if (g_strcmp0 (response, "delete-all") != 0)
    return;

  tessera_token_list_delete_all_async (tessera_session_get_tokens (data->session), NULL,
                                       delete_all_cb,
                                       delete_data_new (data->window, data->session, NULL));
}

static const char *
account_email (TesseraSession *session)
{
  return tessera_session_get_email (session);
}

static void
on_email_changed_cb (GtkEditable      *entry,
                     AdwMessageDialog *dialog)
{
  TesseraSession *session = g_object_get_data (G_OBJECT (dialog), "tessera-session");
  const char *email = account_email (session);
  /* Exactly the account's address, so the danger is read, not clicked
   * through; surrounding blanks from a paste do not count. */
  g_autofree char *trimmed = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "delete-all",
                                           email != NULL && email[0] != '\0'
                                           && g_strcmp0 (trimmed, email) == 0);
}

/* Enter confirms as the button does.  libadwaita 1.2's
 * adw_message_dialog_response() only emits the response: the dialog is
 * closed here, as a click on a response would close it. */
static void
on_email_activate_cb (GtkEntry         *entry,
                      AdwMessageDialog *dialog)
{
  if (!adw_message_dialog_get_response_enabled (dialog, "delete-all"))
    return;

  adw_message_dialog_response (dialog, "delete-all");
  gtk_window_close (GTK_WINDOW (dialog));
}

GtkWindow *
tessera_delete_all_dialog_present (TesseraWindow  *window,
                                   TesseraSession *session)
{
  AdwMessageDialog *dialog;
  GtkWidget *box;
  GtkWidget *prompt;
  GtkWidget *entry;
  const char *email;
  g_autofree char *prompt_text = NULL;

  g_return_val_if_fail (TESSERA_IS_WINDOW (window), NULL);
  g_return_val_if_fail (TESSERA_IS_SESSION (session), NULL);

  email = account_email (session);
  if (email == NULL)
    email = "";

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                       _("Delete All Tokens?"), NULL));
  adw_message_dialog_set_body (dialog,
                               _("Every personal access token of this account will be deleted, "
                                 "including the one Tessera is signed in with. Apps and scripts "
                                 "that use them will lose access, and Tessera will sign out. "
                                 "This cannot be undone."));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* Translators: %s is the account's email address. */
  prompt_text = g_strdup_printf (_("Type %s to confirm."), email);
  prompt = gtk_label_new (prompt_text);
  gtk_label_set_wrap (GTK_LABEL (prompt), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (prompt), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (prompt), FALSE);
  gtk_label_set_justify (GTK_LABEL (prompt), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), prompt);

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), email);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_EMAIL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Account email"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, prompt_text,
                                  -1);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete-all", _("_Delete All"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete-all", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "delete-all", FALSE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "tessera-session",
                          g_object_ref (session), g_object_unref);
  g_signal_connect (entry, "changed", G_CALLBACK (on_email_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (on_email_activate_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_all_response_cb),
                         delete_data_new (window, session, NULL),
                         (GClosureNotify) (void (*) (void)) delete_data_free, 0);

  tessera_a11y_clean_mnemonic_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);

  return GTK_WINDOW (dialog);
}
