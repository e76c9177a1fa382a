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
#include "tessera-generate-dialog-private.h"
#include "tessera-limits.h"
#include "tessera-secret.h"
#include "tessera-text.h"
#include "tessera-time.h"
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


G_DEFINE_FINAL_TYPE (TesseraGenerateDialog, tessera_generate_dialog, ADW_TYPE_WINDOW)

void
tessera_generate_dialog_set_style (GtkWidget  *widget,
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

/* The dialog is as tall as what it shows.  A mapped GTK 4.8 window keeps
 * its size (a new default size is not applied) and only grows to its
 * minimum: when what is shown needs more height than it has (a warning
 * row, an error, the secret), the minimum grows by that much, up to what
 * a phone shows; past that, the page scrolls. */
#define MAX_FIT_HEIGHT 640

static void
grow_to_content (TesseraGenerateDialog *self,
                 GParamSpec            *pspec,
                 GtkAdjustment         *adjustment)
{
  double missing = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  int natural = 0;
  int width = -1;
  int height = -1;

  if (missing < 1 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  gtk_widget_get_size_request (GTK_WIDGET (self), &width, &height);
  gtk_widget_measure (GTK_WIDGET (self), GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (GTK_WIDGET (self)),
                      NULL, &natural, NULL, NULL);
  height = MIN (MAX (height, natural) + (int) missing, MAX_FIT_HEIGHT);
  gtk_widget_set_size_request (GTK_WIDGET (self), width, height);
}

/* The note: a live count, and the reason once it is too long; TRUE when
 * it is. */
static gboolean
update_note (TesseraGenerateDialog *self)
{
  g_autofree char *counter = NULL;
  g_autofree char *count = NULL;
  g_autofree char *description = NULL;
  gboolean too_long;
  glong n_chars;

  too_long = note_too_long (self, &n_chars);
  counter = g_strdup_printf ("%ld/%d", n_chars, TESSERA_MAX_NOTES_CHARS);
  gtk_label_set_text (self->note_counter, counter);
  tessera_generate_dialog_set_style (GTK_WIDGET (self->note_counter), "error", too_long);
  tessera_generate_dialog_set_style (GTK_WIDGET (self->note_counter), "dim-label", !too_long);
  tessera_generate_dialog_set_style (GTK_WIDGET (self->note_hint), "error", too_long);
  tessera_generate_dialog_set_style (GTK_WIDGET (self->note_hint), "dim-label", !too_long);
  tessera_generate_dialog_set_style (GTK_WIDGET (self->note_row), "error", too_long);
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
   * reader (GTK 4.8 takes no description from a described-by label).
   * Translators: the note's count for screen readers, "12 of 256 characters" */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%ld of %d character",
                                        "%ld of %d characters", TESSERA_MAX_NOTES_CHARS),
                           n_chars, TESSERA_MAX_NOTES_CHARS);
  description = g_strdup_printf ("%s %s", gtk_label_get_text (self->note_hint), count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  return too_long;
}

/* The expiry: a date for "Custom…", a warning for "No expiration"; FALSE
 * when the date chosen cannot be. */
static gboolean
update_expiry (TesseraGenerateDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->expiry_row);
  g_autoptr(GDateTime) custom = dup_custom_date (self);
  const char *reason;

  gtk_widget_set_visible (GTK_WIDGET (self->date_row), selected == EXPIRY_CUSTOM);
  gtk_widget_set_visible (self->no_expiry_row, selected == EXPIRY_NEVER);
  if (custom != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *date = tessera_time_format_date (custom, now);
      g_autofree char *subtitle = g_strdup_printf (_("Expires at the end of %s"), date);

      /* The date chosen is the row's value, on its button. */
      gtk_menu_button_set_label (self->date_button, date);
      adw_action_row_set_subtitle (self->date_row, subtitle);
      gtk_widget_set_visible (GTK_WIDGET (self->date_reason), FALSE);
      tessera_generate_dialog_set_style (GTK_WIDGET (self->date_row), "error", FALSE);
      return TRUE;
    }

  reason = _("Choose a date after today: a token cannot expire in the past.");
  gtk_menu_button_set_label (self->date_button, _("Choose Date"));
  adw_action_row_set_subtitle (self->date_row, reason);
  gtk_label_set_text (self->date_reason, reason);
  gtk_widget_set_visible (GTK_WIDGET (self->date_reason), TRUE);
  tessera_generate_dialog_set_style (GTK_WIDGET (self->date_row), "error", selected == EXPIRY_CUSTOM);
  return selected != EXPIRY_CUSTOM;
}

gboolean
tessera_generate_dialog_parent_close_request (GtkWindow *window)
{
  return GTK_WINDOW_CLASS (tessera_generate_dialog_parent_class)->close_request (window);
}

void
tessera_generate_dialog_update_state (TesseraGenerateDialog *self)
{
  gboolean too_long = update_note (self);
  gboolean date_ok = update_expiry (self);
  gboolean on_form = self->token == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "generate.create",
                                 on_form && !self->creating && !too_long && date_ok &&
                                 self->orphan == NULL && !self->uncertain);
  /* Until a lost answer is settled, nothing else is made. */
  gtk_widget_set_visible (self->delete_orphan_button, self->orphan != NULL);
  gtk_widget_set_visible (self->check_again_button, self->orphan == NULL && self->uncertain);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "generate.delete-orphan",
                                 self->orphan != NULL && !self->settling);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "generate.check-again",
                                 self->uncertain && !self->settling);
  gtk_widget_set_sensitive (GTK_WIDGET (self->note_row), on_form && !self->creating);
  gtk_widget_set_sensitive (GTK_WIDGET (self->expiry_row), on_form && !self->creating);
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_row), on_form && !self->creating);
  gtk_widget_set_visible (self->create_spinner, self->creating);
  gtk_spinner_set_spinning (GTK_SPINNER (self->create_spinner), self->creating);
}

void
tessera_generate_dialog_show_error (TesseraGenerateDialog *self,
                                    const char            *message)
{
  if (message != NULL)
    gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
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
  tessera_generate_dialog_update_state (self);

  if (gtk_switch_get_active (self->save_switch))
    tessera_generate_dialog_start_save (self);
  else
    tessera_generate_dialog_set_save_status (self, _("Not saved"), FALSE);
}

static void
create_failed (TesseraGenerateDialog *self,
               const GError          *error,
               TesseraToken          *orphan)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_ORPHAN) && orphan != NULL)
    {
      tessera_generate_dialog_show_orphan (self, orphan);
      return;
    }

  if (g_error_matches (error, TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_UNCERTAIN))
    {
      self->uncertain = TRUE;
      message = tessera_words_create_uncertain (NULL);
      tessera_generate_dialog_show_error (self, message);
      tessera_generate_dialog_update_state (self);
      gtk_widget_grab_focus (self->check_again_button);
      return;
    }

  tessera_generate_dialog_show_error (self, error->message);
  tessera_generate_dialog_update_state (self);
  /* Back to the note, to change it or press Enter again. */
  gtk_widget_grab_focus (GTK_WIDGET (self->note_row));
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
      create_failed (self, error, orphan);
      return;
    }

  self->token = g_steal_pointer (&token);
  self->secret = secret;
  tessera_generate_dialog_show_error (self, NULL);
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
  if (self->creating || self->token != NULL || self->orphan != NULL || self->uncertain ||
      note_too_long (self, NULL))
    return;
  if (adw_combo_row_get_selected (self->expiry_row) == EXPIRY_CUSTOM)
    {
      g_autoptr(GDateTime) custom = dup_custom_date (self);

      if (custom == NULL)
        return;
    }

  notes = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  expire = dup_expire (self);
  /* What was there before, to tell what a lost answer made. */
  g_clear_pointer (&self->ids_before, g_hash_table_unref);
  self->ids_before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    GListModel *tokens = G_LIST_MODEL (tessera_session_get_tokens (self->session));

    for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
      {
        g_autoptr(TesseraToken) token = g_list_model_get_item (tokens, i);

        g_hash_table_add (self->ids_before, g_strdup (tessera_token_get_id (token)));
      }
  }
  g_free (self->created_notes);
  self->created_notes = g_strdup (notes);

  self->creating = TRUE;
  tessera_generate_dialog_show_error (self, NULL);
  /* The form goes insensitive while the token is created: the focus leaves
   * it first (a focused text made insensitive keeps blinking, and GTK warns
   * it missed its focus-out), for Cancel, which stays usable. */
  gtk_widget_grab_focus (self->cancel_button);
  tessera_generate_dialog_update_state (self);

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
  tessera_announcer_say (self->announcer, toast);
}

static void
tessera_generate_dialog_dispose (GObject *object)
{
  TesseraGenerateDialog *self = TESSERA_GENERATE_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);

  /* A save under way finishes: the user asked for it and the keyring
   * already holds its own copy.  Only ours go now. */
  tessera_generate_dialog_wipe_secret (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_GENERATE_DIALOG);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->save_cancellable);
  g_clear_object (&self->token);
  g_clear_object (&self->orphan);
  g_clear_pointer (&self->ids_before, g_hash_table_unref);
  g_clear_pointer (&self->created_notes, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, form_scroller);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, secret_scroller);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, delete_orphan_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, check_again_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraGenerateDialog, expiry_choices);
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
  gtk_widget_class_bind_template_callback_full (widget_class, "update_state",
                                                G_CALLBACK (tessera_generate_dialog_update_state));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_save_switch_active_cb",
                                                G_CALLBACK (tessera_generate_dialog_save_switch_cb));
  gtk_widget_class_bind_template_callback (widget_class, on_note_activated_cb);

  gtk_widget_class_install_action (widget_class, "generate.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "generate.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "generate.delete-orphan", NULL,
                                   tessera_generate_dialog_delete_orphan);
  gtk_widget_class_install_action (widget_class, "generate.check-again", NULL,
                                   tessera_generate_dialog_check_again);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* Each choice says the date it gives: "30 days — 31 Dec 2026". */
static void
fill_expiry_choices (TesseraGenerateDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  for (guint i = 0; i < G_N_ELEMENTS (expiry_days); i++)
    {
      g_autoptr(GDateTime) then = g_date_time_add_days (now, expiry_days[i]);
      g_autofree char *date = tessera_time_format_date (then, now);
      g_autofree char *label = NULL;

      /* Translators: an expiry choice and the date it gives, "30 days — 31 Dec 2026" */
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day — %s", "%d days — %s", expiry_days[i]),
                               expiry_days[i], date);
      gtk_string_list_append (self->expiry_choices, label);
    }
  gtk_string_list_append (self->expiry_choices, _("Custom…"));
  gtk_string_list_append (self->expiry_choices, _("No expiration"));
  adw_combo_row_set_selected (self->expiry_row, EXPIRY_30_DAYS);
}

/* The account no longer signed in (a 401 refused it): the window shows
 * why, and a dialog that can make nothing more goes, unless it shows a
 * secret that is still to be copied or saved. */
static void
session_state_cb (TesseraGenerateDialog *self)
{
  if (tessera_session_get_state (self->session) != TESSERA_SESSION_STATE_SIGNED_IN &&
      self->token == NULL)
    gtk_window_close (GTK_WINDOW (self));
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
  self->announcer = tessera_announcer_new ();
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->stack))), self->announcer);
  for (guint i = 0; i < 2; i++)
    {
      GtkScrolledWindow *scroller = i == 0 ? self->form_scroller : self->secret_scroller;
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

      g_signal_connect_object (adjustment, "notify::upper", G_CALLBACK (grow_to_content), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (adjustment, "notify::page-size", G_CALLBACK (grow_to_content), self,
                               G_CONNECT_SWAPPED);
    }
  fill_expiry_choices (self);
  gtk_calendar_select_day (self->date_calendar, in_a_month);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->create_button);
  tessera_generate_dialog_update_state (self);
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
  g_signal_connect_object (session, "notify::state", G_CALLBACK (session_state_cb), self,
                           G_CONNECT_SWAPPED);

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
  /* No wider than the window it is for (a phone's 360 px). */
  if (gtk_widget_get_width (GTK_WIDGET (window)) > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), MIN (560, gtk_widget_get_width (GTK_WIDGET (window))), -1);
  gtk_window_present (GTK_WINDOW (self));
  /* The note is what a person types first: without this the focus starts
   * on no widget, and the keys typed after Ctrl+N go nowhere. Only once
   * shown: a focus grab before makes the window's accessible a "filler",
   * not a window, for screen readers. */
  gtk_widget_grab_focus (GTK_WIDGET (self->note_row));

  return GTK_WINDOW (self);
}
