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

static GtkWidget *
focus_of (TesseraWindow *window)
{
  return gtk_window_get_focus (GTK_WINDOW (window));
}

/* The row the keyboard focus is in, if any. */
static GtkWidget *
focused_row (TesseraWindow *window)
{
  GtkWidget *focus = focus_of (window);

  if (focus == NULL)
    return NULL;
  return TESSERA_IS_TOKEN_ROW (focus) ? focus : gtk_widget_get_ancestor (focus, TESSERA_TYPE_TOKEN_ROW);
}

static GtkWidget *
row_at (TesseraWindow *window,
        guint          index)
{
  g_autoptr(GPtrArray) rows = token_rows (window);

  g_assert_cmpuint (index, <, rows->len);
  return g_ptr_array_index (rows, index);
}

/* Delete on a focused row asks to delete its token; after the delete the
 * focus is on the row that took its place. */
static void
test_delete_key (Fixture       *fixture,
                 gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  GtkWidget *row = row_at (window, 3);
  g_autofree char *id = g_strdup (row_id (row));
  g_autofree char *next_id = g_strdup (row_id (row_at (window, 4)));
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  gtk_widget_grab_focus (row);
  g_assert_true (focused_row (window) == row);
  g_assert_true (press_key (row, GDK_KEY_Delete, 0));
  WAIT_UNTIL ((dialog = find_message_dialog (GTK_WINDOW (window))) != NULL);
  heading = g_strdup_printf ("Delete Token “%s”?", tessera_token_get_notes (tessera_token_row_get_token (TESSERA_TOKEN_ROW (row))));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);

  click_response (dialog, "_Delete");
  WAIT_UNTIL (row_for_id (window, id) == NULL);
  WAIT_UNTIL (focused_row (window) != NULL);
  g_assert_cmpstr (row_id (focused_row (window)), ==, next_id);
  g_assert_false (oracle_has_id (fixture->url, demo_token (fixture), id));
}

/* A delete that fails keeps the row, and the focus on it. */
static void
test_failed_delete_keeps_focus (Fixture       *fixture,
                                gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  GtkWidget *row = row_at (window, 2);
  GtkWidget *button = find_action_button (row, "win.delete-token");
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  AdwMessageDialog *failure;

  g_assert_true (tessera_test_server_fail_next (fixture->server, "DELETE", "/api/v1/user/access_tokens/",
                                                500, 1, &error));
  g_assert_no_error (error);
  gtk_widget_grab_focus (button);
  g_signal_emit_by_name (button, "clicked");
  WAIT_UNTIL ((dialog = find_message_dialog (GTK_WINDOW (window))) != NULL);
  click_response (dialog, "_Delete");
  WAIT_UNTIL ((failure = find_message_dialog (GTK_WINDOW (window))) != NULL && failure != dialog);
  WAIT_UNTIL (!tessera_token_list_get_loading (window_tokens (window)));
  click_response (failure, "_Close");
  WAIT_UNTIL (find_message_dialog (GTK_WINDOW (window)) == NULL);

  /* The same row, not one made again, with the focus where it was. */
  g_assert_true (row_at (window, 2) == row);
  g_assert_true (focus_of (window) == button);
}

/* A refresh keeps the rows, the focus and the scroll position. */
static void
test_refresh_keeps_focus (Fixture       *fixture,
                          gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  GtkWidget *row = row_at (window, 10);
  GtkAdjustment *vadjustment;
  double value;

  vadjustment = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (template_child (token_page (window), TESSERA_TYPE_TOKEN_PAGE, "list_scroller")));
  gtk_widget_grab_focus (row);
  WAIT_UNTIL (gtk_adjustment_get_upper (vadjustment) > gtk_adjustment_get_page_size (vadjustment) + 200);
  gtk_adjustment_set_value (vadjustment, 200);
  spin_for (100);
  value = gtk_adjustment_get_value (vadjustment);
  g_assert_cmpfloat (value, >, 0);

  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_F5, 0));
  WAIT_UNTIL (tessera_token_list_get_loading (window_tokens (window)));
  WAIT_UNTIL (!tessera_token_list_get_loading (window_tokens (window)));
  spin_for (100);
  g_assert_true (row_at (window, 10) == row);
  g_assert_true (focused_row (window) == row);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, value);
}

/* Activating a row opens its details; closing them gives the focus back
 * to the row. */
static void
test_details_give_focus_back (Fixture       *fixture,
                              gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  GtkWidget *row = row_at (window, 1);
  GtkWindow *details;

  gtk_widget_grab_focus (row);
  g_signal_emit_by_name (row, "activate");
  WAIT_UNTIL ((details = find_dialog (GTK_WINDOW (window), TESSERA_TYPE_TOKEN_DETAILS_DIALOG)) != NULL);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (details)));
  g_assert_true (press_key (GTK_WIDGET (details), GDK_KEY_Escape, 0));
  WAIT_UNTIL (!window_is_open (details));
  g_assert_true (focused_row (window) == row);
  g_assert_true (focus_of (window) == row);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "test-ui-keyboard"))
    return 0;

  g_test_add ("/keyboard/f10", Fixture, NULL, fixture_set_up, test_f10, fixture_tear_down);
  g_test_add ("/keyboard/delete-key", Fixture, NULL, fixture_set_up_signed_in, test_delete_key,
              fixture_tear_down);
  g_test_add ("/keyboard/failed-delete-keeps-focus", Fixture, NULL, fixture_set_up_signed_in,
              test_failed_delete_keeps_focus, fixture_tear_down);
  g_test_add ("/keyboard/refresh-keeps-focus", Fixture, NULL, fixture_set_up_signed_in,
              test_refresh_keeps_focus, fixture_tear_down);
  g_test_add ("/keyboard/details-give-focus-back", Fixture, NULL, fixture_set_up_signed_in,
              test_details_give_focus_back, fixture_tear_down);

  return ui_test_run ();
}
