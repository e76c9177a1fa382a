/* test-keyboard.c — the window with the keyboard alone: F10, Delete on a
 * row, where the focus lands after a delete or a dialog
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"

/* The main menu button of the page shown (or fading in). */
static GtkMenuButton *
shown_main_menu_button (TesseraWindow *window)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), match_type, GSIZE_TO_POINTER (GTK_TYPE_MENU_BUTTON), buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);

      if (gtk_widget_is_ancestor (GTK_WIDGET (button),
                                  gtk_stack_get_visible_child (window_stack (window))) &&
          g_str_equal (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), "Main Menu"))
        return button;
    }

  return NULL;
}

/* F10 opens the main menu of the page shown, as it did before. */
static void
assert_f10_opens_main_menu (TesseraWindow *window,
                            const char    *where)
{
  GtkMenuButton *button;
  GtkPopover *popover;

  g_test_message ("F10 on %s", where);
  /* Pressed at once, while the page fades in over the one it replaces:
   * the menu of the page it goes to. */
  button = shown_main_menu_button (window);
  g_assert_nonnull (button);
  popover = gtk_menu_button_get_popover (button);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_F10, 0));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  gtk_menu_button_popdown (button);
  WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (popover)));
}

static void
test_f10 (Fixture       *fixture,
          gconstpointer  data)
{
  TesseraWindow *window = fixture->window;

  WAIT_UNTIL (window_shows (window, "sign-in"));
  assert_f10_opens_main_menu (window, "the sign-in page");
  sign_in (window, fixture->url, demo_token (fixture));
  assert_f10_opens_main_menu (window, "the token list");

  sign_out (window);
  WAIT_UNTIL (window_shows (window, "sign-in"));
  assert_f10_opens_main_menu (window, "the sign-in page, signed out");
  sign_in (window, NULL, demo_token (fixture));
  assert_f10_opens_main_menu (window, "the token list, signed in again");
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "test-ui-keyboard"))
    return 0;

  g_test_add ("/keyboard/f10", Fixture, NULL, fixture_set_up, test_f10, fixture_tear_down);

  return ui_test_run ();
}
