/* test-idle.c — a settled window stops drawing: its frame clock goes quiet
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"

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
  return !gtk_stack_get_transition_running (window_stack (window));
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
test_idle_control (Fixture       *fixture,
                   gconstpointer  data)
{
  guint tick_id;

  WAIT_UNTIL (stack_settled (fixture->window));
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->window), frame_tick_cb, NULL, NULL);
  g_assert_cmpuint (frames_during (fixture->window, WATCH_MS), >, 0);
  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->window), tick_id);
}

/* The sign-in page (no account yet) draws nothing once shown. */
static void
test_idle_sign_in (Fixture       *fixture,
                   gconstpointer  data)
{
  WAIT_UNTIL (window_shows (fixture->window, "sign-in") && stack_settled (fixture->window));
  spin_for (SETTLE_MS);

  g_assert_cmpuint (frames_during (fixture->window, WATCH_MS), ==, 0);
}

/* Nor does the token list, signed in against the real server. */
static void
test_idle_token_list (Fixture       *fixture,
                      gconstpointer  data)
{
  WAIT_UNTIL (list_shown (fixture->window) && stack_settled (fixture->window));
  spin_for (SETTLE_MS);

  g_assert_cmpuint (frames_during (fixture->window, WATCH_MS), ==, 0);
}

/* Nor a problem page (the server refused the sign-in). */
static void
test_idle_problem (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *sign_in_id = jwt_id (demo_token (fixture));

  oracle_delete (fixture->url, demo_token (fixture), sign_in_id);
  activate (fixture->window, "win.refresh", NULL);
  WAIT_UNTIL (window_shows (fixture->window, "problem") && stack_settled (fixture->window));
  spin_for (SETTLE_MS);

  g_assert_cmpuint (frames_during (fixture->window, WATCH_MS), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "test-ui-idle"))
    return 0;

  /* A focused entry's cursor blinks for gtk-cursor-blink-timeout (10 s)
   * after every focus change or key press, one frame per display refresh:
   * that is GTK's animation, not Tessera's.  Without it, every frame of a
   * settled window comes from Tessera's own widgets. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add ("/idle/control", Fixture, NULL, fixture_set_up, test_idle_control, fixture_tear_down);
  g_test_add ("/idle/sign-in", Fixture, NULL, fixture_set_up, test_idle_sign_in, fixture_tear_down);
  g_test_add ("/idle/token-list", Fixture, NULL, fixture_set_up_signed_in, test_idle_token_list,
              fixture_tear_down);
  g_test_add ("/idle/problem", Fixture, NULL, fixture_set_up_signed_in, test_idle_problem,
              fixture_tear_down);

  return ui_test_run ();
}
