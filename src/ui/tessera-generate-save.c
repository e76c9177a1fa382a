/* tessera-generate-save.c — the new token's secret: saved in the keyring,
 * and not lost unseen when the dialog closes
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-generate-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-a11y.h"
#include "tessera-generate-dialog-private.h"


void
tessera_generate_dialog_set_save_status (TesseraGenerateDialog *self,
                                         const char            *status,
                                         gboolean               is_error)
{
  adw_action_row_set_subtitle (self->save_row, status);
  /* "Saved" or "Not saved" comes after the focus moved on: said, and
   * the switch's description. */
  tessera_announcer_say (self->announcer, status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_switch),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, status, -1);
  tessera_generate_dialog_set_style (GTK_WIDGET (self->save_row), "error", is_error);
  gtk_widget_set_visible (self->save_spinner, self->saving);
  gtk_spinner_set_spinning (GTK_SPINNER (self->save_spinner), self->saving);
}

static void
set_switch_quietly (TesseraGenerateDialog *self,
                    gboolean               active)
{
  self->updating_switch = TRUE;
  gtk_switch_set_active (self->save_switch, active);
  self->updating_switch = FALSE;
}

static void
save_secret_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TesseraGenerateDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = tessera_saved_secrets_save_finish (TESSERA_SAVED_SECRETS (object), result, &error);
  if (self->disposed)
    return;

  self->saving = FALSE;
  g_clear_object (&self->save_cancellable);

  if (ok)
    {
      self->saved = TRUE;
      set_switch_quietly (self, TRUE);
      /* There is no taking it back from here: the item is the only copy
       * Tessera keeps, and the row now offers "Copy Token". */
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_switch), FALSE);
      tessera_generate_dialog_set_save_status (self, _("Saved in the keyring"), FALSE);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      tessera_generate_dialog_set_save_status (self, _("Not saved"), FALSE);
    }
  else
    {
      g_autofree char *status = g_strdup_printf (_("Not saved: %s"), error->message);

      set_switch_quietly (self, FALSE);
      tessera_generate_dialog_set_save_status (self, status, TRUE);
    }
}

void
tessera_generate_dialog_start_save (TesseraGenerateDialog *self)
{
  if (self->saved || self->saving || self->token == NULL || self->secret == NULL)
    return;

  self->saving = TRUE;
  self->save_cancellable = g_cancellable_new ();
  tessera_generate_dialog_set_save_status (self, _("Saving…"), FALSE);
  tessera_saved_secrets_save_async (tessera_session_get_secrets (self->session),
                                    tessera_token_get_id (self->token),
                                    tessera_token_get_notes (self->token),
                                    self->secret, self->save_cancellable,
                                    save_secret_cb, g_object_ref (self));
}

void
tessera_generate_dialog_save_switch_cb (TesseraGenerateDialog *self)
{
  if (self->updating_switch || self->token == NULL)
    return;

  if (gtk_switch_get_active (self->save_switch))
    {
      tessera_generate_dialog_start_save (self);
    }
  else
    {
      if (self->saving)
        g_cancellable_cancel (self->save_cancellable);
      else
        tessera_generate_dialog_set_save_status (self, _("Not saved"), FALSE);
    }
}

/* Closing */

static void
confirm_close_response_cb (AdwMessageDialog      *dialog,
                           const char            *response,
                           TesseraGenerateDialog *self)
{
  if (g_strcmp0 (response, "close") != 0)
    return;

  /* The confirmation goes first and lets go of us: as our transient child
   * it would otherwise outlive us, holding a dangling parent. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));

  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

void
tessera_generate_dialog_wipe_secret (TesseraGenerateDialog *self)
{
  if (self->secret_label != NULL)
    gtk_label_set_text (self->secret_label, "");
  g_clear_pointer (&self->secret, tessera_secret_free);
}

gboolean
tessera_generate_dialog_close_request (GtkWindow *window)
{
  TesseraGenerateDialog *self = TESSERA_GENERATE_DIALOG (window);
  GtkWidget *confirm;

  /* The secret is shown once: losing it unseen deserves a second thought. */
  if (self->token == NULL || self->copied || self->saved || self->close_confirmed)
    {
      /* Now, not at the last unref, which may come later. */
      tessera_generate_dialog_wipe_secret (self);
      return tessera_generate_dialog_parent_close_request (window);
    }

  confirm = adw_message_dialog_new (window, _("Close Without Saving the Token?"),
                                    _("You have neither copied it nor saved it in the keyring. "
                                      "You won't be able to see it again."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (confirm),
                                    "back", _("_Go Back"),
                                    "close", _("_Close"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (confirm), "close",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (confirm), "back");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (confirm), "back");
  g_signal_connect_object (confirm, "response",
                           G_CALLBACK (confirm_close_response_cb), self, 0);
  tessera_a11y_clean_mnemonic_names (confirm);
  gtk_window_present (GTK_WINDOW (confirm));

  return TRUE;
}
