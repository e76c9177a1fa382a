/* test-idle.c — a settled window stops drawing: its frame clock goes quiet
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "window-test-util.h"

/* How long the window gets to finish its transitions, and how long it is
 * then watched.  The assertion is a count of frames (zero), not a duration. */
#define SETTLE_MS 700
#define WATCH_MS 1500

typedef struct
{
  guint frames;
} FrameCount;

static void
after_paint_cb (GdkFrameClock *clock,
                FrameCount    *count)
{
  count->frames++;
}

/* The frames @window's surface runs while the main loop turns for @ms. */
static guint
frames_during (TesseraWindow *window,
               guint          ms)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  FrameCount count = { 0 };
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &count);
  spin_for (ms);
  g_signal_handler_disconnect (clock, id);

  return count.frames;
}

static gboolean
stack_settled (TesseraWindow *window)
{
  GtkWidget *stack = gtk_widget_get_parent (tessera_window_get_sign_in_page (window));

  return !gtk_stack_get_transition_running (GTK_STACK (stack));
}

static gboolean
frame_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  return G_SOURCE_CONTINUE;
}

/* The count sees frames when something animates: a tick callback, as a
 * spinning spinner or a running transition would add, keeps the clock busy. */
static void
test_idle_control (void)
{
  g_autoptr(TesseraApplication) app = new_test_application ();
  TesseraWindow *window;
  guint tick_id;

  window = open_test_window (app, "http://127.0.0.1:1", NULL);
  WAIT_UNTIL (g_strcmp0 (window_page (window), "sign-in") == 0 && stack_settled (window));

  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), frame_tick_cb, NULL, NULL);
  g_assert_cmpuint (frames_during (window, WATCH_MS), >, 0);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick_id);

  close_test_window (window);
}

/* The sign-in page (nobody listens at the server) draws nothing once shown. */
static void
test_idle_sign_in (void)
{
  g_autoptr(TesseraApplication) app = new_test_application ();
  TesseraWindow *window;

  window = open_test_window (app, "http://127.0.0.1:1", NULL);
  WAIT_UNTIL (g_strcmp0 (window_page (window), "sign-in") == 0 && stack_settled (window));
  spin_for (SETTLE_MS);

  g_assert_cmpuint (frames_during (window, WATCH_MS), ==, 0);

  close_test_window (window);
}

/* Nor does the token list, signed in against the real server. */
static void
test_idle_token_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraTestServer) server = tessera_test_server_start (NULL, &error);
  g_autoptr(TesseraApplication) app = new_test_application ();
  TesseraWindow *window;

  g_assert_no_error (error);
  window = open_test_window (app, tessera_test_server_get_url (server),
                             tessera_test_server_get_demo_token (server));
  WAIT_UNTIL (list_shown (window) && stack_settled (window));
  spin_for (SETTLE_MS);

  g_assert_cmpuint (frames_during (window, WATCH_MS), ==, 0);

  close_test_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* A focused entry's cursor blinks for gtk-cursor-blink-timeout (10 s)
   * after every focus change or key press, one frame per display refresh:
   * that is GTK's animation, not Tessera's.  Without it, every frame of a
   * settled window comes from Tessera's own widgets. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add_func ("/idle/control", test_idle_control);
  g_test_add_func ("/idle/sign-in", test_idle_sign_in);
  g_test_add_func ("/idle/token-list", test_idle_token_list);

  return g_test_run ();
}
