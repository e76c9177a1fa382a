/* tessera-rotate-dialog.c — "Rotate Token": a new token in the old one's
 * place, its secret shown once, then the old one deleted
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The order and its rules live in TesseraRotation (src/session); the
 * dialog shows where it stands and asks before the old token goes.
 */
#define G_LOG_DOMAIN "tessera-rotate-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-clipboard.h"
#include "tessera-rotate-dialog.h"
#include "tessera-time.h"
#include "tessera-words.h"

struct _TesseraRotateDialog
{
  AdwWindow        parent_instance;

  TesseraWindow   *window;          /* for the toast when both tokens stay */
  TesseraRotation *rotation;
  GCancellable    *cancellable;
  guint            updating_switch : 1;
  guint            close_confirmed : 1;
  guint            disposed : 1;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkWidget       *cancel_button;
  GtkWidget       *rotate_button;
  GtkWidget       *spinner;
  GtkWidget       *done_button;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  GtkStack        *stack;
  AdwPreferencesGroup *plan_group;
  AdwActionRow    *note_row;
  AdwActionRow    *expiry_row;
  GtkWidget       *plan_sign_in_row;
  GtkLabel        *secret_label;
  AdwActionRow    *save_row;
  GtkWidget       *save_spinner;
  GtkSwitch       *save_switch;
  AdwActionRow    *sign_in_row;
  GtkWidget       *retry_sign_in_button;
  AdwActionRow    *old_row;
  GtkWidget       *delete_old_button;
  AdwStatusPage   *done_status;
};

G_DEFINE_FINAL_TYPE (TesseraRotateDialog, tessera_rotate_dialog, ADW_TYPE_WINDOW)

static const char *
old_name (TesseraRotateDialog *self)
{
  const char *notes = tessera_token_get_notes (tessera_rotation_get_old_token (self->rotation));

  return notes[0] != '\0' ? notes : NULL;
}

static void
show_error (TesseraRotateDialog *self,
            const char          *message)
{
  if (message != NULL)
    gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
set_row_error (AdwActionRow *row,
               const char   *subtitle,
               gboolean      is_error)
{
  adw_action_row_set_subtitle (row, subtitle);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* "30 days, until 5 Feb 2027", or "Does not expire". */
static char *
dup_expiry_text (TesseraRotateDialog *self)
{
  int days = tessera_rotation_get_lifetime_days (self->rotation);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) until = NULL;
  g_autofree char *date = NULL;

  if (days == 0)
    return g_strdup (_("Does not expire"));

  until = g_date_time_add_days (now, days);
  date = tessera_time_format_date (until, now);
  /* Translators: "30 days, until 5 Feb 2027" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day, until %s", "%d days, until %s", days),
                          days, date);
}

static void
update_save_row (TesseraRotateDialog *self)
{
  TesseraRotation *rotation = self->rotation;
  const GError *error = tessera_rotation_get_save_error (rotation);
  gboolean saving = tessera_rotation_get_save (rotation) && !tessera_rotation_get_saved (rotation) &&
                    tessera_rotation_get_busy (rotation) && error == NULL;

  self->updating_switch = TRUE;
  gtk_switch_set_active (self->save_switch, tessera_rotation_get_saved (rotation) ||
                                            (tessera_rotation_get_save (rotation) && error == NULL));
  self->updating_switch = FALSE;
  /* Saved, there is no taking it back: it is the only copy Tessera keeps. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_switch), !tessera_rotation_get_saved (rotation));
  gtk_widget_set_visible (self->save_spinner, saving);
  gtk_spinner_set_spinning (GTK_SPINNER (self->save_spinner), saving);

  if (tessera_rotation_get_saved (rotation))
    set_row_error (self->save_row, _("Saved in the keyring"), FALSE);
  else if (error != NULL)
    {
      g_autofree char *status = g_strdup_printf (_("Not saved: %s"), error->message);

      set_row_error (self->save_row, status, TRUE);
    }
  else if (saving)
    set_row_error (self->save_row, _("Saving…"), FALSE);
  else
    set_row_error (self->save_row, _("Not saved"), FALSE);
}

static void
update_sign_in_row (TesseraRotateDialog *self)
{
  TesseraRotation *rotation = self->rotation;
  const GError *error = tessera_rotation_get_sign_in_error (rotation);

  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_row), tessera_rotation_get_is_sign_in (rotation));
  gtk_widget_set_visible (self->retry_sign_in_button, error != NULL);
  if (tessera_rotation_get_sign_in_replaced (rotation))
    set_row_error (self->sign_in_row, _("Tessera now signs in with the new token, and the keyring holds it"),
                   FALSE);
  else if (error != NULL)
    set_row_error (self->sign_in_row, error->message, TRUE);
  else
    set_row_error (self->sign_in_row, _("Moving the sign-in to the new token…"), FALSE);
}

static void
update_old_row (TesseraRotateDialog *self)
{
  TesseraRotation *rotation = self->rotation;
  g_autofree char *why = NULL;

  if (tessera_rotation_get_can_delete_old (rotation) ||
      tessera_rotation_get_step (rotation) == TESSERA_ROTATION_DELETING)
    {
      set_row_error (self->old_row, _("Apps and scripts that still use it lose access when it is deleted."),
                     FALSE);
      return;
    }
  if (tessera_rotation_get_busy (rotation))
    {
      set_row_error (self->old_row, _("Kept until the new token is safe…"), FALSE);
      return;
    }

  if (tessera_rotation_get_is_sign_in (rotation) && !tessera_rotation_get_sign_in_replaced (rotation))
    why = tessera_words_rotate_sign_in_not_replaced ();
  else
    why = tessera_words_rotate_secret_unsafe ();
  set_row_error (self->old_row, why, FALSE);
}

static void
update_state (TesseraRotateDialog *self)
{
  TesseraRotationStep step = tessera_rotation_get_step (self->rotation);
  gboolean creating = step == TESSERA_ROTATION_CREATING;
  gboolean deleting = step == TESSERA_ROTATION_DELETING;
  const char *page = step == TESSERA_ROTATION_READY || creating ? "plan"
                     : step == TESSERA_ROTATION_DONE ? "done" : "secret";

  if (self->disposed)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rotate.create", step == TESSERA_ROTATION_READY);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rotate.delete-old",
                                 tessera_rotation_get_can_delete_old (self->rotation));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rotate.retry-sign-in",
                                 tessera_rotation_get_sign_in_error (self->rotation) != NULL &&
                                 !tessera_rotation_get_busy (self->rotation));
  gtk_widget_set_visible (self->spinner, creating || deleting);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), creating || deleting);
  gtk_widget_set_visible (self->rotate_button, g_str_equal (page, "plan"));
  gtk_widget_set_visible (self->cancel_button, g_str_equal (page, "plan"));
  gtk_widget_set_visible (self->done_button, !g_str_equal (page, "plan"));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), page) != 0)
    {
      /* Done takes the focus before the form goes: left to itself, it
       * would fall to the selectable secret, which then selects it all. */
      if (!g_str_equal (page, "plan"))
        {
          gtk_window_set_default_widget (GTK_WINDOW (self), self->done_button);
          gtk_widget_grab_focus (self->done_button);
        }
      gtk_stack_set_visible_child_name (self->stack, page);
    }

  if (g_str_equal (page, "secret"))
    {
      update_save_row (self);
      update_sign_in_row (self);
      update_old_row (self);
    }
}

/* ---------------------------------------------------------------- create */

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TesseraRotateDialog) self = user_data;
  g_autoptr(TesseraToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = tessera_rotation_create_finish (TESSERA_ROTATION (object), result, &error);
  if (self->disposed)
    return;

  if (token == NULL)
    {
      /* Nothing changed: say why, and Rotate may be pressed again. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      update_state (self);
      return;
    }

  show_error (self, NULL);
  gtk_label_set_text (self->secret_label, tessera_rotation_peek_secret (self->rotation));
  update_state (self);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TesseraRotateDialog *self = TESSERA_ROTATE_DIALOG (widget);

  /* One press, one token: the step guards a second activation too. */
  if (tessera_rotation_get_step (self->rotation) != TESSERA_ROTATION_READY)
    return;

  show_error (self, NULL);
  gtk_widget_grab_focus (self->cancel_button);
  tessera_rotation_create_async (self->rotation, self->cancellable, created_cb, g_object_ref (self));
  update_state (self);
}

static void
on_save_switch_active_cb (TesseraRotateDialog *self)
{
  if (self->updating_switch || self->rotation == NULL)
    return;

  tessera_rotation_set_save (self->rotation, gtk_switch_get_active (self->save_switch));
  update_state (self);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TesseraRotateDialog *self = TESSERA_ROTATE_DIALOG (widget);
  const char *secret = tessera_rotation_peek_secret (self->rotation);
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *toast = NULL;
  g_autofree char *escaped = NULL;

  if (secret == NULL)
    return;

  settings = g_settings_new (APP_ID);
  toast = tessera_clipboard_copy_secret (widget, secret,
                                         (guint) g_settings_get_int (settings, "clipboard-clear-seconds"));
  tessera_rotation_set_copied (self->rotation);
  escaped = g_markup_escape_text (toast, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
retry_sign_in_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  tessera_rotation_retry_sign_in (TESSERA_ROTATE_DIALOG (widget)->rotation);
}

/* ---------------------------------------------------------------- delete */

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TesseraRotateDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (tessera_rotation_delete_old_finish (TESSERA_ROTATION (object), result, &error))
    {
      if (!self->disposed)
        show_error (self, NULL);
    }
  else if (!self->disposed && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* Both tokens exist: the words say so, and Delete Old Token is there again. */
    show_error (self, error->message);

  if (!self->disposed)
    update_state (self);
}

static void
confirm_delete_response_cb (AdwMessageDialog    *dialog,
                            const char          *response,
                            TesseraRotateDialog *self)
{
  if (g_strcmp0 (response, "delete") != 0 || !tessera_rotation_get_can_delete_old (self->rotation))
    return;

  show_error (self, NULL);
  tessera_rotation_delete_old_async (self->rotation, self->cancellable, deleted_cb, g_object_ref (self));
  update_state (self);
}

static void
delete_old_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TesseraRotateDialog *self = TESSERA_ROTATE_DIALOG (widget);
  AdwMessageDialog *dialog;
  const char *name = old_name (self);

  if (!tessera_rotation_get_can_delete_old (self->rotation))
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Delete the Old Token?"), NULL));
  if (name != NULL)
    /* Translators: %s is the note of the old token */
    adw_message_dialog_format_body (dialog, _("Apps and scripts that still use the old token “%s” will lose "
                                              "access: give them the new one first. This cannot be undone."),
                                    name);
  else
    adw_message_dialog_set_body (dialog, _("Apps and scripts that still use the old token will lose "
                                           "access: give them the new one first. This cannot be undone."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete Old Token"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------- closing */

static void
confirm_close_response_cb (AdwMessageDialog    *dialog,
                           const char          *response,
                           TesseraRotateDialog *self)
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

static gboolean
tessera_rotate_dialog_close_request (GtkWindow *window)
{
  TesseraRotateDialog *self = TESSERA_ROTATE_DIALOG (window);
  TesseraRotation *rotation = self->rotation;
  gboolean both = tessera_rotation_get_step (rotation) == TESSERA_ROTATION_CREATED;
  GtkWidget *confirm;

  /* The new secret is shown once: losing it unseen deserves a second thought. */
  if (both && !tessera_rotation_get_saved (rotation) && !tessera_rotation_get_copied (rotation) &&
      !self->close_confirmed)
    {
      confirm = adw_message_dialog_new (window, _("Close without saving the token?"),
                                        _("You have neither copied it nor saved it in the keyring. "
                                          "You won't be able to see it again."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (confirm), "back", _("_Go Back"),
                                        "close", _("_Close"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (confirm), "close",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (confirm), "back");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (confirm), "back");
      g_signal_connect_object (confirm, "response", G_CALLBACK (confirm_close_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (confirm));
      return TRUE;
    }

  if (both && self->window != NULL)
    tessera_window_toast (self->window, _("Both tokens are kept: delete the old one from the list when "
                                          "nothing uses it any more"));
  gtk_label_set_text (self->secret_label, "");

  return GTK_WINDOW_CLASS (tessera_rotate_dialog_parent_class)->close_request (window);
}

/* ---------------------------------------------------------------- GObject */

static void
tessera_rotate_dialog_dispose (GObject *object)
{
  TesseraRotateDialog *self = TESSERA_ROTATE_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->rotation != NULL)
    g_signal_handlers_disconnect_by_data (self->rotation, self);
  if (self->secret_label != NULL)
    gtk_label_set_text (self->secret_label, "");

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_ROTATE_DIALOG);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->rotation);
  g_clear_object (&self->window);

  G_OBJECT_CLASS (tessera_rotate_dialog_parent_class)->dispose (object);
}

static void
tessera_rotate_dialog_class_init (TesseraRotateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tessera_rotate_dialog_dispose;
  window_class->close_request = tessera_rotate_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-rotate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, rotate_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, plan_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, plan_sign_in_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, secret_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, save_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, save_spinner);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, save_switch);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, sign_in_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, retry_sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, old_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, delete_old_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraRotateDialog, done_status);
  gtk_widget_class_bind_template_callback (widget_class, on_save_switch_active_cb);

  gtk_widget_class_install_action (widget_class, "rotate.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "rotate.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "rotate.retry-sign-in", NULL, retry_sign_in_action);
  gtk_widget_class_install_action (widget_class, "rotate.delete-old", NULL, delete_old_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tessera_rotate_dialog_init (TesseraRotateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), self->rotate_button);
}

static void
set_rotation (TesseraRotateDialog *self,
              TesseraRotation     *rotation)
{
  const char *name;
  g_autofree char *heading = NULL;
  g_autofree char *expiry = NULL;
  g_autofree char *done = NULL;

  self->rotation = g_object_ref (rotation);
  name = old_name (self);

  /* Translators: %s is the note of the token to rotate */
  heading = name != NULL ? g_strdup_printf (_("Rotate “%s”"), name) : g_strdup (_("Rotate Token"));
  adw_preferences_group_set_title (self->plan_group, heading);
  adw_action_row_set_subtitle (self->note_row, name != NULL ? name : _("No note"));
  expiry = dup_expiry_text (self);
  adw_action_row_set_subtitle (self->expiry_row, expiry);
  gtk_widget_set_visible (self->plan_sign_in_row, tessera_rotation_get_is_sign_in (rotation));
  done = name != NULL
         /* Translators: %s is the note of the rotated token */
         ? g_strdup_printf (_("The old “%s” is deleted; the new one takes its place."), name)
         : g_strdup (_("The old token is deleted; the new one takes its place."));
  adw_status_page_set_description (self->done_status, done);

  g_signal_connect_object (rotation, "notify", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  update_state (self);
}

TesseraRotation *
tessera_rotate_dialog_get_rotation (TesseraRotateDialog *self)
{
  g_return_val_if_fail (TESSERA_IS_ROTATE_DIALOG (self), NULL);

  return self->rotation;
}

GtkWindow *
tessera_rotate_dialog_present (TesseraWindow  *window,
                               TesseraSession *session,
                               TesseraToken   *token)
{
  g_autoptr(TesseraRotation) rotation = NULL;
  TesseraRotateDialog *self;

  g_return_val_if_fail (TESSERA_IS_WINDOW (window), NULL);
  g_return_val_if_fail (TESSERA_IS_SESSION (session), NULL);
  g_return_val_if_fail (TESSERA_IS_TOKEN (token), NULL);

  rotation = tessera_rotation_new (session, token);
  self = g_object_new (TESSERA_TYPE_ROTATE_DIALOG, "transient-for", window, NULL);
  self->window = g_object_ref (window);
  set_rotation (self, rotation);
  gtk_window_present (GTK_WINDOW (self));
  /* Once shown (see the generate dialog): Enter rotates. */
  gtk_widget_grab_focus (self->rotate_button);

  return GTK_WINDOW (self);
}
