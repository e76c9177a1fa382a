/* tessera-generate-dialog.c — "New Personal Access Token", then the secret once
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-generate-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-a11y.h"
#include "tessera-clipboard.h"
#include "tessera-dialogs.h"
#include "tessera-generate-dialog.h"
#include "tessera-limits.h"
#include "tessera-secret.h"
#include "tessera-words.h"

/* The rows of the "Expiry" choice, in the order of the .ui file. */
enum {
  EXPIRY_7_DAYS,
  EXPIRY_30_DAYS,
  EXPIRY_60_DAYS,
  EXPIRY_90_DAYS,
  EXPIRY_CUSTOM,
  EXPIRY_NEVER,
};

static const int expiry_days[] = { 7, 30, 60, 90 };

struct _TesseraGenerateDialog
{
  AdwWindow        parent_instance;

  TesseraSession  *session;
  GCancellable    *cancellable;       /* the create request */
  GCancellable    *save_cancellable;  /* the keyring save */

  TesseraToken    *token;             /* once created */
  TesseraToken    *orphan;            /* created, but its answer was lost */
  char            *secret;            /* once created; wiped at dispose */

  guint            creating : 1;
  guint            saving : 1;
  guint            saved : 1;
  guint            copied : 1;
  guint            close_confirmed : 1;
  guint            updating_switch : 1;
  guint            disposed : 1;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkWidget       *cancel_button;
  GtkWidget       *create_button;
  GtkWidget       *create_spinner;
  GtkWidget       *done_button;
  GtkStack        *stack;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  AdwEntryRow     *note_row;
  GtkLabel        *note_counter;
  GtkLabel        *note_hint;
  AdwComboRow     *expiry_row;
  AdwActionRow    *date_row;
  GtkMenuButton   *date_button;
  GtkCalendar     *date_calendar;
  GtkLabel        *date_reason;
  GtkWidget       *no_expiry_row;
  GtkLabel        *secret_label;
  AdwActionRow    *save_row;
  GtkSwitch       *save_switch;
  GtkWidget       *save_spinner;
};

G_DEFINE_FINAL_TYPE (TesseraGenerateDialog, tessera_generate_dialog, ADW_TYPE_WINDOW)

static void
set_style (GtkWidget  *widget,
           const char *style_class,
           gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, style_class);
  else
    gtk_widget_remove_css_class (widget, style_class);
}

/* The last day the token works, picked in the calendar, or NULL when it is
 * not after today. */
static GDateTime *
dup_custom_date (TesseraGenerateDialog *self)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->date_calendar);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_year (picked) * 10000 + g_date_time_get_month (picked) * 100
      + g_date_time_get_day_of_month (picked)
      <= g_date_time_get_year (now) * 10000 + g_date_time_get_month (now) * 100
      + g_date_time_get_day_of_month (now))
    return NULL;

  return g_steal_pointer (&picked);
}

/* When the new token stops working, in UTC; NULL for "No expiration". */
static GDateTime *
dup_expire (TesseraGenerateDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->expiry_row);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (selected < G_N_ELEMENTS (expiry_days))
    return g_date_time_add_days (now, expiry_days[selected]);

  if (selected == EXPIRY_CUSTOM)
    {
      g_autoptr(GDateTime) day = dup_custom_date (self);
      g_autoptr(GDateTime) end_of_day = NULL;

      if (day == NULL)
        return NULL;

      /* Valid through the whole chosen day, in the user's time zone. */
      end_of_day = g_date_time_new_local (g_date_time_get_year (day),
                                          g_date_time_get_month (day),
                                          g_date_time_get_day_of_month (day),
                                          23, 59, 59);
      return g_date_time_to_utc (end_of_day);
    }

  return NULL;
}

static gboolean
note_too_long (TesseraGenerateDialog *self,
               glong                 *n_chars_out)
{
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  glong n_chars = g_utf8_strlen (note, -1);

  if (n_chars_out != NULL)
    *n_chars_out = n_chars;

  return n_chars > TESSERA_MAX_NOTES_CHARS;
}

static void
update_state (TesseraGenerateDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->expiry_row);
  g_autoptr(GDateTime) custom = dup_custom_date (self);
  g_autofree char *counter = NULL;
  gboolean on_form;
  gboolean too_long;
  gboolean date_ok = TRUE;
  glong n_chars;

  /* The note: a live count, and the reason once it is too long. */
  too_long = note_too_long (self, &n_chars);
  counter = g_strdup_printf ("%ld/%d", n_chars, TESSERA_MAX_NOTES_CHARS);
  gtk_label_set_text (self->note_counter, counter);
  set_style (GTK_WIDGET (self->note_counter), "error", too_long);
  set_style (GTK_WIDGET (self->note_counter), "dim-label", !too_long);
  set_style (GTK_WIDGET (self->note_hint), "error", too_long);
  set_style (GTK_WIDGET (self->note_hint), "dim-label", !too_long);
  set_style (GTK_WIDGET (self->note_row), "error", too_long);
  if (too_long)
    {
      g_autofree char *reason = tessera_words_notes_too_long (n_chars - TESSERA_MAX_NOTES_CHARS);

      gtk_label_set_text (self->note_hint, reason);
    }
  else
    {
      gtk_label_set_text (self->note_hint, _("What's this token for?"));
    }
  /* The hint and the count, in words, describe the entry to a screen
   * reader (GTK 4.8 takes no description from a described-by label). */
  {
    /* Translators: the note's count for screen readers, "12 of 256 characters" */
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%ld of %d character",
                                                           "%ld of %d characters", TESSERA_MAX_NOTES_CHARS),
                                              n_chars, TESSERA_MAX_NOTES_CHARS);
    g_autofree char *description = g_strdup_printf ("%s %s", gtk_label_get_text (self->note_hint), count);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  }

  /* The expiry: a date for "Custom…", a warning for "No expiration". */
  gtk_widget_set_visible (GTK_WIDGET (self->date_row), selected == EXPIRY_CUSTOM);
  gtk_widget_set_visible (self->no_expiry_row, selected == EXPIRY_NEVER);
  if (custom != NULL)
    {
      g_autofree char *date = g_date_time_format (custom, _("%-d %b %Y"));
      g_autofree char *subtitle = g_strdup_printf (_("Expires at the end of %s"), date);

      adw_action_row_set_subtitle (self->date_row, subtitle);
      gtk_widget_set_visible (GTK_WIDGET (self->date_reason), FALSE);
      set_style (GTK_WIDGET (self->date_row), "error", FALSE);
    }
  else
    {
      const char *reason = _("Choose a date after today: a token cannot expire in the past.");

      adw_action_row_set_subtitle (self->date_row, reason);
      gtk_label_set_text (self->date_reason, reason);
      gtk_widget_set_visible (GTK_WIDGET (self->date_reason), TRUE);
      set_style (GTK_WIDGET (self->date_row), "error", selected == EXPIRY_CUSTOM);
      date_ok = selected != EXPIRY_CUSTOM;
    }

  on_form = self->token == NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "generate.create",
                                 on_form && !self->creating && !too_long && date_ok);
  gtk_widget_set_sensitive (GTK_WIDGET (self->note_row), on_form && !self->creating);
  gtk_widget_set_sensitive (GTK_WIDGET (self->expiry_row), on_form && !self->creating);
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_row), on_form && !self->creating);
  gtk_widget_set_visible (self->create_spinner, self->creating);
  gtk_spinner_set_spinning (GTK_SPINNER (self->create_spinner), self->creating);
}

static void
show_error (TesseraGenerateDialog *self,
            const char            *message)
{
  if (message != NULL)
    gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* Keyring */

static void
set_save_status (TesseraGenerateDialog *self,
                 const char            *status,
                 gboolean               is_error)
{
  adw_action_row_set_subtitle (self->save_row, status);
  set_style (GTK_WIDGET (self->save_row), "error", is_error);
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
      set_save_status (self, _("Saved in the keyring"), FALSE);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_save_status (self, _("Not saved"), FALSE);
    }
  else
    {
      g_autofree char *status = g_strdup_printf (_("Not saved: %s"), error->message);

      set_switch_quietly (self, FALSE);
      set_save_status (self, status, TRUE);
    }
}

static void
start_save (TesseraGenerateDialog *self)
{
  if (self->saved || self->saving || self->token == NULL || self->secret == NULL)
    return;

  self->saving = TRUE;
  self->save_cancellable = g_cancellable_new ();
  set_save_status (self, _("Saving…"), FALSE);
  tessera_saved_secrets_save_async (tessera_session_get_secrets (self->session),
                                    tessera_token_get_id (self->token),
                                    tessera_token_get_notes (self->token),
                                    self->secret, self->save_cancellable,
                                    save_secret_cb, g_object_ref (self));
}

static void
on_save_switch_active_cb (TesseraGenerateDialog *self)
{
  if (self->updating_switch || self->token == NULL)
    return;

  if (gtk_switch_get_active (self->save_switch))
    {
      start_save (self);
    }
  else
    {
      if (self->saving)
        g_cancellable_cancel (self->save_cancellable);
      else
        set_save_status (self, _("Not saved"), FALSE);
    }
}

/* Creating */

static void
show_secret (TesseraGenerateDialog *self)
{
  /* Done takes the focus before the form goes: left to itself, the focus
   * would fall to the selectable secret, which then selects it all. */
  gtk_widget_set_visible (self->done_button, TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->done_button);
  gtk_widget_grab_focus (self->done_button);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->create_button, FALSE);
  gtk_label_set_text (self->secret_label, self->secret);
  gtk_stack_set_visible_child_name (self->stack, "secret");
  update_state (self);

  if (gtk_switch_get_active (self->save_switch))
    start_save (self);
  else
    set_save_status (self, _("Not saved"), FALSE);
}

static void
create_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TesseraGenerateDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) token = NULL;
  g_autoptr(TesseraToken) orphan = NULL;
  char *secret = NULL;

  token = tessera_token_list_create_finish (TESSERA_TOKEN_LIST (object), result, &secret,
                                            &orphan, &error);
  if (self->disposed)
    {
      tessera_secret_free (secret);
      return;
    }

  self->creating = FALSE;

  if (token == NULL)
    {
      show_error (self, error->message);
      if (orphan != NULL)
        g_set_object (&self->orphan, orphan);
      update_state (self);
      /* Back to the note, to change it or press Enter again. */
      gtk_widget_grab_focus (GTK_WIDGET (self->note_row));
      return;
    }

  self->token = g_steal_pointer (&token);
  self->secret = secret;
  show_error (self, NULL);
  show_secret (self);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TesseraGenerateDialog *self = TESSERA_GENERATE_DIALOG (widget);
  g_autoptr(GDateTime) expire = NULL;
  const char *notes;

  /* One click, one token: the action is disabled at once, and this guard
   * holds even if a second activation was already queued. */
  if (self->creating || self->token != NULL || note_too_long (self, NULL))
    return;
  if (adw_combo_row_get_selected (self->expiry_row) == EXPIRY_CUSTOM)
    {
      g_autoptr(GDateTime) custom = dup_custom_date (self);

      if (custom == NULL)
        return;
    }

  notes = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  expire = dup_expire (self);

  self->creating = TRUE;
  show_error (self, NULL);
  /* The form goes insensitive while the token is created: the focus leaves
   * it first (a focused text made insensitive keeps blinking, and GTK warns
   * it missed its focus-out), for Cancel, which stays usable. */
  gtk_widget_grab_focus (self->cancel_button);
  update_state (self);

  tessera_token_list_create_async (tessera_session_get_tokens (self->session), notes, expire,
                                   self->cancellable, create_token_cb, g_object_ref (self));
}

/* Enter in the note creates, through the same guarded action as the
 * button (not "activates-default": with Create Token off, GTK would then
 * activate whatever has the focus). */
static void
on_note_activated_cb (TesseraGenerateDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "generate.create", NULL);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TesseraGenerateDialog *self = TESSERA_GENERATE_DIALOG (widget);

  g_autoptr(GSettings) settings = NULL;
  g_autofree char *toast = NULL;
  g_autofree char *escaped = NULL;

  if (self->secret == NULL)
    return;

  settings = g_settings_new (APP_ID);
  toast = tessera_clipboard_copy_secret (widget, self->secret,
                                         (guint) g_settings_get_int (settings, "clipboard-clear-seconds"));
  self->copied = TRUE;
  escaped = g_markup_escape_text (toast, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
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

static void
wipe_secret (TesseraGenerateDialog *self)
{
  if (self->secret_label != NULL)
    gtk_label_set_text (self->secret_label, "");
  g_clear_pointer (&self->secret, tessera_secret_free);
}

static gboolean
tessera_generate_dialog_close_request (GtkWindow *window)
{
  TesseraGenerateDialog *self = TESSERA_GENERATE_DIALOG (window);
  GtkWidget *confirm;

  /* The secret is shown once: losing it unseen deserves a second thought. */
  if (self->token == NULL || self->copied || self->saved || self->close_confirmed)
    {
      /* Now, not at the last unref, which may come later. */
      wipe_secret (self);
      return GTK_WINDOW_CLASS (tessera_generate_dialog_parent_class)->close_request (window);
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

static void
tessera_generate_dialog_dispose (GObject *object)
{
  TesseraGenerateDialog *self = TESSERA_GENERATE_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);

  /* A save under way finishes: the user asked for it and the keyring
   * already holds its own copy.  Only ours go now. */
  wipe_secret (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_GENERATE_DIALOG);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->save_cancellable);
  g_clear_object (&self->token);
  g_clear_object (&self->orphan);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (tessera_generate_dialog_parent_class)->dispose (object);
}

static void
tessera_generate_dialog_class_init (TesseraGenerateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tessera_generate_dialog_dispose;
  window_class->close_request = tessera_generate_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-generate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, create_spinner);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, note_counter);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, note_hint);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, date_calendar);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, date_reason);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, no_expiry_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, secret_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, save_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, save_switch);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, save_spinner);
  gtk_widget_class_bind_template_callback (widget_class, update_state);
  gtk_widget_class_bind_template_callback (widget_class, on_save_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_note_activated_cb);

  gtk_widget_class_install_action (widget_class, "generate.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "generate.copy", NULL, copy_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tessera_generate_dialog_init (TesseraGenerateDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) in_a_month = g_date_time_add_days (now, 30);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->note_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->note_hint, self->note_counter, NULL,
                                  -1);
  self->cancellable = g_cancellable_new ();
  gtk_calendar_select_day (self->date_calendar, in_a_month);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->create_button);
  update_state (self);
}

TesseraGenerateDialog *
tessera_generate_dialog_new (GtkWindow      *parent,
                             TesseraSession *session)
{
  TesseraGenerateDialog *self;

  g_return_val_if_fail (TESSERA_IS_SESSION (session), NULL);

  self = g_object_new (TESSERA_TYPE_GENERATE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);

  return self;
}

GtkWindow *
tessera_generate_dialog_present (TesseraWindow  *window,
                                 TesseraSession *session)
{
  TesseraGenerateDialog *self;

  g_return_val_if_fail (TESSERA_IS_WINDOW (window), NULL);
  g_return_val_if_fail (TESSERA_IS_SESSION (session), NULL);

  self = tessera_generate_dialog_new (GTK_WINDOW (window), session);
  gtk_window_present (GTK_WINDOW (self));
  /* The note is what a person types first: without this the focus starts
   * on no widget, and the keys typed after Ctrl+N go nowhere. Only once
   * shown: a focus grab before makes the window's accessible a "filler",
   * not a window, for screen readers. */
  gtk_widget_grab_focus (GTK_WIDGET (self->note_row));

  return GTK_WINDOW (self);
}
