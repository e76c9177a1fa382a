/* test-preferences.c — the preferences window (win.preferences) and its
 * settings
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tessera-preferences-window.h"
#include "ui-test-util.h"

#define CHILD(dialog, name) template_child (dialog, TESSERA_TYPE_PREFERENCES_WINDOW, name)

static GtkWindow *
open_preferences (Fixture *fixture)
{
  GtkWindow *dialog;

  g_assert_true (press_key (GTK_WIDGET (fixture->window), GDK_KEY_comma, GDK_CONTROL_MASK));
  dialog = find_dialog (GTK_WINDOW (fixture->window), TESSERA_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (dialog);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));

  return dialog;
}

static void
test_expiry_warning (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWindow *dialog = open_preferences (fixture);
  GtkSpinButton *spin = GTK_SPIN_BUTTON (CHILD (dialog, "warning_spin"));

  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==,
                   g_settings_get_int (settings, "expiry-warning-days"));

  gtk_spin_button_set_value (spin, 30);
  g_assert_cmpint (g_settings_get_int (settings, "expiry-warning-days"), ==, 30);

  /* 1–90, as the schema says. */
  gtk_spin_button_set_value (spin, 500);
  g_assert_cmpint (g_settings_get_int (settings, "expiry-warning-days"), ==, 90);
  gtk_spin_button_set_value (spin, 0);
  g_assert_cmpint (g_settings_get_int (settings, "expiry-warning-days"), ==, 1);

  /* And the other way round. */
  g_settings_set_int (settings, "expiry-warning-days", 14);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 14);
}

/* Clear Clipboard: the row's choices are the setting's values. */
static void
test_clipboard (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWindow *dialog = open_preferences (fixture);
  AdwComboRow *row = ADW_COMBO_ROW (CHILD (dialog, "clipboard_row"));
  GListModel *choices = adw_combo_row_get_model (row);

  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 7);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices),
                                               adw_combo_row_get_selected (row)), ==, "After 45 Seconds");

  adw_combo_row_set_selected (row, 0);
  g_assert_cmpint (g_settings_get_int (settings, "clipboard-clear-seconds"), ==, 15);
  adw_combo_row_set_selected (row, 5);
  g_assert_cmpint (g_settings_get_int (settings, "clipboard-clear-seconds"), ==, 300);
  adw_combo_row_set_selected (row, 6);
  g_assert_cmpint (g_settings_get_int (settings, "clipboard-clear-seconds"), ==, 0);

  /* A value set with gsettings shows as the first choice that clears no
   * sooner. */
  g_settings_set_int (settings, "clipboard-clear-seconds", 60);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices),
                                               adw_combo_row_get_selected (row)), ==, "After 1 Minute");
  g_settings_set_int (settings, "clipboard-clear-seconds", 90);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices),
                                               adw_combo_row_get_selected (row)), ==, "After 2 Minutes");
  g_settings_reset (settings, "clipboard-clear-seconds");
}

static void
test_server (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *before = g_settings_get_string (settings, "server-url");
  g_autofree char *after = NULL;
  GtkWindow *dialog = open_preferences (fixture);
  TesseraPreferencesWindow *prefs = TESSERA_PREFERENCES_WINDOW (dialog);
  GtkWidget *row = CHILD (dialog, "server_row");

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, before);

  /* Plain HTTP to another computer is refused, and says so. */
  gtk_editable_set_text (GTK_EDITABLE (row), "http://example.com");
  g_assert_false (tessera_preferences_window_apply_server (prefs));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  after = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (after, ==, before);

  gtk_editable_set_text (GTK_EDITABLE (row), "http://localhost:8080/");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_signal_emit_by_name (row, "apply");
  g_clear_pointer (&after, g_free);
  after = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (after, ==, "http://localhost:8080");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "http://localhost:8080");

  /* Enter applies too. */
  gtk_editable_set_text (GTK_EDITABLE (row), "https://console.example.com/");
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (row)), "activate");
  g_clear_pointer (&after, g_free);
  after = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (after, ==, "https://console.example.com");

  /* It is the server a new sign-in starts with. */
  gtk_window_destroy (dialog);
  activate (fixture->window, "win.add-account", NULL);
  g_assert_cmpstr (gtk_editable_get_text (server_entry (fixture->window)), ==, "https://console.example.com");
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "test-ui-preferences"))
    return 0;

  g_test_add ("/preferences/expiry-warning", Fixture, NULL, fixture_set_up, test_expiry_warning,
              fixture_tear_down);
  g_test_add ("/preferences/clipboard", Fixture, NULL, fixture_set_up, test_clipboard, fixture_tear_down);
  g_test_add ("/preferences/server", Fixture, NULL, fixture_set_up, test_server, fixture_tear_down);

  return ui_test_run ();
}
