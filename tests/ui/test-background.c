/* test-background.c — the Preferences of notifications and Run in
 * Background: the offer the first time notifications are turned on, the
 * Background portal's request (tests/desktop's portal records it), and
 * Quit in every main menu.  That the process stays or ends is the e2e
 * suite's (tests/e2e/test_background.py, with the real binary).
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"
#include "tessera-preferences-window.h"

static GtkWindow *
open_preferences (Fixture *fixture)
{
  GtkWindow *preferences;

  activate (fixture->window, "win.preferences", NULL);
  preferences = find_dialog (GTK_WINDOW (fixture->window), TESSERA_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (preferences)));
  return preferences;
}

static GtkSwitch *
preferences_switch (GtkWindow  *preferences,
                    const char *name)
{
  return GTK_SWITCH (template_child (preferences, TESSERA_TYPE_PREFERENCES_WINDOW, name));
}

/* The @index-th Background request recorded, or NULL. */
static JsonObject *
background_request (guint index)
{
  g_autoptr(JsonArray) all = test_desktop_records ("request-background");

  if (index >= json_array_get_length (all))
    return NULL;
  return json_object_ref (json_array_get_object_element (all, index));
}

static guint
n_background_requests (void)
{
  g_autoptr(JsonArray) all = test_desktop_records ("request-background");

  return json_array_get_length (all);
}

static char *
autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", "app.tessera.Tessera.desktop", NULL);
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "notify-expiry");
  g_settings_reset (settings, "run-in-background");
  g_settings_reset (settings, "background-offered");
}

/* Off by default, on by default; turned on for the first time, Run in
 * Background is offered, and taken: the portal is asked for a start at
 * login with `tessera --background`. */
static void
test_offer (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWindow *preferences = open_preferences (fixture);
  GtkSwitch *notify = preferences_switch (preferences, "notify_switch");
  GtkSwitch *background = preferences_switch (preferences, "background_switch");
  guint before = n_background_requests ();
  g_autoptr(JsonObject) request = NULL;
  g_autofree char *path = autostart_path ();
  AdwMessageDialog *offer;
  JsonArray *commandline;

  g_assert_true (gtk_switch_get_active (notify));
  g_assert_false (gtk_switch_get_active (background));
  g_assert_null (find_message_dialog (preferences));
  /* An entry left by an earlier start that found no portal. */
  {
    g_autofree char *dir = g_path_get_dirname (path);

    g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
    g_assert_true (g_file_set_contents (path, "[Desktop Entry]\nType=Application\n", -1, NULL));
  }

  /* Turning them off offers nothing. */
  gtk_switch_set_active (notify, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "notify-expiry"));
  g_assert_null (find_message_dialog (preferences));

  gtk_switch_set_active (notify, TRUE);
  WAIT_UNTIL ((offer = find_message_dialog (preferences)) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (offer), ==, "Run in Background?");
  click_response (offer, "_Run in Background");
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_true (gtk_switch_get_active (background));

  WAIT_UNTIL ((request = background_request (before)) != NULL);
  g_assert_true (json_object_get_boolean_member (request, "autostart"));
  g_assert_false (json_object_get_boolean_member (request, "dbus-activatable"));
  commandline = json_object_get_array_member (request, "commandline");
  g_assert_cmpuint (json_array_get_length (commandline), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (commandline, 0), ==, "tessera");
  g_assert_cmpstr (json_array_get_string_element (commandline, 1), ==, "--background");
  g_assert_cmpstr (json_object_get_string_member (request, "reason"), !=, "");
  /* The portal arranged it: the entry of Tessera's own goes. */
  WAIT_UNTIL (!g_file_test (path, G_FILE_TEST_EXISTS));

  /* Off again: the portal is asked to take it back. */
  g_clear_pointer (&request, json_object_unref);
  gtk_switch_set_active (background, FALSE);
  WAIT_UNTIL ((request = background_request (before + 1)) != NULL);
  g_assert_false (json_object_get_boolean_member (request, "autostart"));

  /* Offered once only. */
  gtk_switch_set_active (notify, FALSE);
  gtk_switch_set_active (notify, TRUE);
  spin_for (200);
  g_assert_null (find_message_dialog (preferences));

  reset_settings ();
}

/* "Not Now" leaves it off, and is not asked again. */
static void
test_offer_declined (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWindow *preferences = open_preferences (fixture);
  GtkSwitch *notify = preferences_switch (preferences, "notify_switch");
  guint before = n_background_requests ();
  AdwMessageDialog *offer;

  gtk_switch_set_active (notify, FALSE);
  gtk_switch_set_active (notify, TRUE);
  WAIT_UNTIL ((offer = find_message_dialog (preferences)) != NULL);
  click_response (offer, "_Not Now");
  g_assert_false (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_true (g_settings_get_boolean (settings, "background-offered"));
  spin_for (200);
  g_assert_cmpuint (n_background_requests (), ==, before);

  reset_settings ();
}

/* Every page's main menu ends with Quit: closing the window no longer
 * ends a Tessera that runs in the background. */
static void
test_quit_in_menus (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) menus = main_menus (fixture->window);

  g_assert_cmpuint (menus->len, >=, 3);
  for (guint i = 0; i < menus->len; i++)
    {
      GMenuModel *menu = g_ptr_array_index (menus, i);
      int last = g_menu_model_get_n_items (menu) - 1;
      g_autoptr(GPtrArray) items = menu_section_items (menu, last);

      g_assert_cmpuint (items->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (items, 0), ==, "_Quit → app.quit");
    }
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "test-ui-background"))
    return 0;

  g_test_add ("/background/offer", Fixture, NULL, fixture_set_up, test_offer, fixture_tear_down);
  g_test_add ("/background/offer-declined", Fixture, NULL, fixture_set_up, test_offer_declined,
              fixture_tear_down);
  g_test_add ("/background/quit-in-menus", Fixture, NULL, fixture_set_up_signed_in, test_quit_in_menus,
              fixture_tear_down);

  return ui_test_run ();
}
