/* test-window.c — the main window, in-process under Xvfb
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "tessera-application.h"
#include "tessera-window.h"

static void
test_window_title (void)
{
  g_autoptr(TesseraApplication) app = tessera_application_new ();
  g_autoptr(GError) error = NULL;
  TesseraWindow *window;

  /* Not unique: tests run side by side on one session bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  window = tessera_window_new (app, "http://127.0.0.1:1");
  gtk_window_present (GTK_WINDOW (window));

  /* Until the first frame has allocated the window. */
  while (gtk_widget_get_width (GTK_WIDGET (window)) == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Tessera");
  g_assert_cmpstr (tessera_window_get_server_url (window), ==, "http://127.0.0.1:1");
  g_assert_true (gtk_window_get_application (GTK_WINDOW (window)) == GTK_APPLICATION (app));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, 360);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/title", test_window_title);

  return g_test_run ();
}
