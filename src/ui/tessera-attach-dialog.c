/* tessera-attach-dialog.c — "Attach Secret": the secret of a token made
 * elsewhere, checked and saved in the keyring
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-attach-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-dialogs.h"
#include "tessera-secret.h"
#include "tessera-secret-row.h"
#include "tessera-text.h"

struct _TesseraAttachDialog
{
  AdwWindow            parent_instance;

  TesseraWindow       *window;
  TesseraSession      *session;
  TesseraToken        *token;
  GCancellable        *cancellable;
  gboolean             running;

  /* Template children */
  GtkWidget           *attach_button;
  GtkSpinner          *spinner;
  GtkLabel            *intro_label;
  TesseraSecretRow    *secret_row;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (TesseraAttachDialog, tessera_attach_dialog, ADW_TYPE_WINDOW)

static void
update_state (TesseraAttachDialog *self)
{
  const char *text = tessera_secret_row_get_secret (self->secret_row);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attach.attach",
                                 !self->running && text[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->running);
  gtk_spinner_set_spinning (self->spinner, self->running);
  gtk_editable_set_editable (GTK_EDITABLE (tessera_secret_row_get_entry (self->secret_row)),
                             !self->running);
}

static void
on_secret_changed_cb (TesseraAttachDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->secret_row), "error");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (tessera_secret_row_get_entry (self->secret_row)),
                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  update_state (self);
}

static void
attached_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TesseraAttachDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tessera_session_attach_secret_finish (TESSERA_SESSION (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->running = FALSE;
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->secret_row), "error");
      /* The focus goes back to the entry: its description says why. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (tessera_secret_row_get_entry (self->secret_row)),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
      update_state (self);
      gtk_widget_grab_focus (tessera_secret_row_get_entry (self->secret_row));
      return;
    }

  tessera_window_toast (self->window, _("Secret saved in the keyring"));
  gtk_window_close (GTK_WINDOW (self));
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TesseraAttachDialog *self = TESSERA_ATTACH_DIALOG (widget);
  g_auto(TesseraSecret) secret = NULL;

  if (self->running)
    return;

  secret = tessera_secret_dup (tessera_secret_row_get_secret (self->secret_row));
  self->running = TRUE;
  update_state (self);
  tessera_session_attach_secret_async (self->session, self->token, secret, self->cancellable,
                                       attached_cb, g_object_ref (self));
}

static void
on_secret_activated_cb (TesseraAttachDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "attach.attach", NULL);
}

static void
tessera_attach_dialog_dispose (GObject *object)
{
  TesseraAttachDialog *self = TESSERA_ATTACH_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  /* The pasted secret does not outlive the dialog in a widget's buffer. */
  if (self->secret_row != NULL)
    tessera_secret_row_clear (self->secret_row);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_ATTACH_DIALOG);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->token);
  g_clear_object (&self->session);
  g_clear_object (&self->window);

  G_OBJECT_CLASS (tessera_attach_dialog_parent_class)->dispose (object);
}

static void
tessera_attach_dialog_class_init (TesseraAttachDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_attach_dialog_dispose;

  g_type_ensure (TESSERA_TYPE_SECRET_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-attach-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraAttachDialog, attach_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraAttachDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TesseraAttachDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraAttachDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraAttachDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_secret_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_secret_activated_cb);

  gtk_widget_class_install_action (widget_class, "attach.attach", NULL, attach_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tessera_attach_dialog_init (TesseraAttachDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  update_state (self);
}

GtkWindow *
tessera_attach_dialog_present (TesseraWindow  *window,
                               TesseraSession *session,
                               TesseraToken   *token)
{
  TesseraAttachDialog *self;
  g_autofree char *notes = NULL;
  g_autofree char *intro = NULL;

  g_return_val_if_fail (TESSERA_IS_WINDOW (window), NULL);
  g_return_val_if_fail (TESSERA_IS_SESSION (session), NULL);
  g_return_val_if_fail (TESSERA_IS_TOKEN (token), NULL);

  self = g_object_new (TESSERA_TYPE_ATTACH_DIALOG, "transient-for", window, NULL);
  self->window = g_object_ref (window);
  self->session = g_object_ref (session);
  self->token = g_object_ref (token);

  notes = tessera_text_escape_controls (tessera_token_get_notes (token));
  if (notes[0] != '\0')
    /* Translators: %s is a token's note. */
    intro = g_strdup_printf (_("Paste the secret of “%s”, as it was shown when the token was generated. Tessera checks that it is this token’s and that the server takes it, then keeps it in the keyring, ready to copy."),
                             notes);
  else
    intro = g_strdup (_("Paste the secret of this token, as it was shown when the token was generated. Tessera checks that it is this token’s and that the server takes it, then keeps it in the keyring, ready to copy."));
  gtk_label_set_text (self->intro_label, intro);

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (tessera_secret_row_get_entry (self->secret_row));
  return GTK_WINDOW (self);
}
