/* tessera-preferences-window.c — expiry warning, clipboard clearing,
 * notifications, running in the background and the default server
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-a11y.h"
#include "tessera-dialogs.h"
#include "tessera-preferences-window.h"

struct _TesseraPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template children */
  GtkSpinButton        *warning_spin;
  AdwComboRow          *clipboard_row;
  AdwPreferencesGroup  *server_group;
  AdwEntryRow          *server_row;
  GtkSwitch            *notify_switch;
  GtkSwitch            *background_switch;
};

G_DEFINE_FINAL_TYPE (TesseraPreferencesWindow, tessera_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The choices of the clipboard row, in its order; 0 is "Never". */
static const int clear_seconds[] = { 15, 30, 45, 60, 120, 300, 0 };

/* A value set elsewhere (gsettings) shows as the first choice that clears
 * no sooner. */
static gboolean
clear_seconds_to_choice (GValue   *value,
                         GVariant *variant,
                         gpointer  user_data)
{
  int seconds = g_variant_get_int32 (variant);
  guint choice = G_N_ELEMENTS (clear_seconds) - 1;

  if (seconds > 0)
    for (guint i = 0; i < G_N_ELEMENTS (clear_seconds) - 1; i++)
      if (clear_seconds[i] >= seconds)
        {
          choice = i;
          break;
        }

  g_value_set_uint (value, choice);
  return TRUE;
}

static GVariant *
choice_to_clear_seconds (const GValue       *value,
                         const GVariantType *expected_type,
                         gpointer            user_data)
{
  guint choice = g_value_get_uint (value);

  if (choice >= G_N_ELEMENTS (clear_seconds))
    return NULL;
  return g_variant_new_int32 (clear_seconds[choice]);
}

/* Text set from here is not an edit: hide the apply button it would show. */
static void
set_server_text (TesseraPreferencesWindow *self,
                 const char               *text)
{
  adw_entry_row_set_show_apply_button (self->server_row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), text);
  adw_entry_row_set_show_apply_button (self->server_row, TRUE);
}

static void
on_server_changed_cb (TesseraPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->server_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

gboolean
tessera_preferences_window_apply_server (TesseraPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *toast = NULL;
  g_autofree char *current = NULL;

  g_return_val_if_fail (TESSERA_IS_PREFERENCES_WINDOW (self), FALSE);

  /* Enter and the apply button may both ask: once is enough. */
  current = g_settings_get_string (self->settings, "server-url");
  if (g_strcmp0 (current, gtk_editable_get_text (GTK_EDITABLE (self->server_row))) == 0)
    return TRUE;

  origin = tessera_normalize_server_url (gtk_editable_get_text (GTK_EDITABLE (self->server_row)),
                                         &error);
  if (origin == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
      /* Translators: %s says why the server address was refused. */
      toast = g_strdup_printf (_("Server not changed: %s"), error->message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (toast));
      /* The row keeps the focus: a screen reader reads why with it. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->server_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, toast, -1);
      return FALSE;
    }

  g_settings_set_string (self->settings, "server-url", origin);
  set_server_text (self, origin);
  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Tessera will use this server from its next start")));

  return TRUE;
}

static void
on_server_apply_cb (TesseraPreferencesWindow *self)
{
  tessera_preferences_window_apply_server (self);
}

static void
offer_response_cb (AdwMessageDialog         *dialog,
                   const char               *response,
                   TesseraPreferencesWindow *self)
{
  if (g_strcmp0 (response, "background") == 0)
    g_settings_set_boolean (self->settings, "run-in-background", TRUE);
}

/* The first time notifications are turned on, Run in Background is
 * offered: without it they stop with the window. */
static void
on_notify_active_cb (TesseraPreferencesWindow *self)
{
  AdwMessageDialog *dialog;

  if (!gtk_switch_get_active (self->notify_switch) ||
      g_settings_get_boolean (self->settings, "background-offered") ||
      g_settings_get_boolean (self->settings, "run-in-background"))
    return;

  g_settings_set_boolean (self->settings, "background-offered", TRUE);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Run in Background?"),
                                                       _("Tessera can keep watching your tokens after its "
                                                         "window is closed, and start when you log in, so "
                                                         "that you are told before a token expires.")));
  adw_message_dialog_add_responses (dialog, "not-now", _("_Not Now"),
                                    "background", _("_Run in Background"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "background", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "background");
  adw_message_dialog_set_close_response (dialog, "not-now");
  g_signal_connect_object (dialog, "response", G_CALLBACK (offer_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tessera_preferences_window_dispose (GObject *object)
{
  TesseraPreferencesWindow *self = TESSERA_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tessera_preferences_window_parent_class)->dispose (object);
}

static void
tessera_preferences_window_class_init (TesseraPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraPreferencesWindow, warning_spin);
  gtk_widget_class_bind_template_child (widget_class, TesseraPreferencesWindow, clipboard_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraPreferencesWindow, server_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraPreferencesWindow, notify_switch);
  gtk_widget_class_bind_template_child (widget_class, TesseraPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_server_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_server_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tessera_preferences_window_init (TesseraPreferencesWindow *self)
{
  g_autofree char *server = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  tessera_a11y_name_group_lists (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "expiry-warning-days",
                   gtk_spin_button_get_adjustment (self->warning_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "clipboard-clear-seconds", self->clipboard_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, clear_seconds_to_choice, choice_to_clear_seconds,
                                NULL, NULL);

  server = g_settings_get_string (self->settings, "server-url");
  set_server_text (self, server);

  g_settings_bind (self->settings, "notify-expiry", self->notify_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  /* After the binding set the switch: only a change from here on offers. */
  g_signal_connect_object (self->notify_switch, "notify::active", G_CALLBACK (on_notify_active_cb),
                           self, G_CONNECT_SWAPPED);
}

TesseraPreferencesWindow *
tessera_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (TESSERA_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}

GtkWindow *
tessera_preferences_present (TesseraWindow *window)
{
  TesseraPreferencesWindow *self;

  g_return_val_if_fail (TESSERA_IS_WINDOW (window), NULL);

  self = tessera_preferences_window_new (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (self));

  return GTK_WINDOW (self);
}
