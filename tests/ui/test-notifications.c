/* test-notifications.c — what Tessera tells of expiring tokens, as a
 * notification server on the bus receives it (tests/desktop's, which
 * records every Notify), and what its buttons do when the "Shell" invokes
 * them (the ActionInvoked signal)
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"
#include "tessera-rotate-dialog.h"

/* The notifications recorded so far on this program's bus. */
static guint
n_notifications (void)
{
  return test_desktop_n_notifications ();
}

/* The @index-th notification recorded (a new reference). */
static JsonObject *
notification (guint index)
{
  g_autoptr(JsonArray) all = test_desktop_records ("notify");

  g_assert_cmpuint (index, <, json_array_get_length (all));
  return json_object_ref (json_array_get_object_element (all, index));
}

/* Waits for a notification whose summary starts with @prefix, recorded
 * after the first @from; returns it. */
static JsonObject *
wait_notification (guint       from,
                   const char *prefix)
{
  gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  for (;;)
    {
      guint n = n_notifications ();

      for (guint i = from; i < n; i++)
        {
          g_autoptr(JsonObject) found = notification (i);

          if (g_str_has_prefix (json_object_get_string_member (found, "summary"), prefix))
            return g_steal_pointer (&found);
        }
      if (g_get_monotonic_time () > end)
        g_error ("No notification “%s…” came", prefix);
      spin_for (50);
    }
}

static char *
iso_from_now (GTimeSpan span)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add (now, span);

  return g_date_time_format_iso8601 (then);
}

/* A token of the demo account that enters the 7-day window a few seconds
 * from now; returns its id. */
static char *
entering_window (Fixture    *fixture,
                 const char *notes)
{
  g_autofree char *expire = iso_from_now (7 * G_TIME_SPAN_DAY + 3 * G_TIME_SPAN_SECOND);
  g_autofree char *secret = NULL;
  char *id = NULL;

  secret = oracle_create_full (fixture->url, demo_token (fixture), notes, expire, &id);
  explicit_bzero (secret, strlen (secret));
  return id;
}

static char *
target_of (Fixture    *fixture,
           const char *action,
           const char *token_id)
{
  return g_strdup_printf ("%s(('%s', '%s', '%s'))", action, fixture->url, demo_email (fixture), token_id);
}

static char *
id_of_notes (TesseraWindow *window,
             const char    *notes)
{
  GtkWidget *row = row_for_notes (window, notes);

  g_assert_nonnull (row);
  return g_strdup (row_id (row));
}

static gboolean
highlighted (GtkWidget *row)
{
  GtkRoot *root = row != NULL ? gtk_widget_get_root (row) : NULL;
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return row != NULL && gtk_widget_has_css_class (row, "highlighted") &&
         (focus == row || (focus != NULL && gtk_widget_is_ancestor (focus, row)));
}

/* ---- what is told ---------------------------------------------------- */

/* At start the demo account has two tokens inside the 7-day window: one
 * notification for both, that opens the soonest. */
static void
test_start_up_group (Fixture       *fixture,
                     gconstpointer  data)
{
  guint before = n_notifications ();
  g_autoptr(JsonObject) told = NULL;
  g_autofree char *terraform = NULL;
  g_autofree char *open = NULL;
  JsonArray *actions;
  JsonObject *hints;

  sign_in (fixture->window, fixture->url, demo_token (fixture));
  terraform = id_of_notes (fixture->window, "terraform");
  told = wait_notification (before, "");
  g_test_message ("%s / %s", json_object_get_string_member (told, "summary"),
                  json_object_get_string_member (told, "body"));

  g_assert_cmpstr (json_object_get_string_member (told, "app_name"), ==, "Tessera");
  g_assert_cmpstr (json_object_get_string_member (told, "summary"), ==, "2 tokens expire this week");
  g_assert_cmpstr (json_object_get_string_member (told, "body"), ==,
                   "“terraform” in 3 days · demo@tessera.app\n"
                   "“temporary debugging” in 5 days · demo@tessera.app");
  open = target_of (fixture, "app.open-token", terraform);
  actions = json_object_get_array_member (told, "actions");
  g_assert_cmpuint (json_array_get_length (actions), ==, 2);
  g_assert_cmpstr (test_desktop_action_key (told, ""), ==, "default");
  g_assert_cmpstr (test_desktop_action_key (told, "Open"), ==, open);
  hints = json_object_get_object_member (told, "hints");
  g_assert_cmpstr (json_object_get_string_member (hints, "desktop-entry"), ==, "app.tessera.Tessera");

  /* Only that one. */
  g_assert_cmpuint (n_notifications (), ==, before + 1);
}

/* A token that enters the warning window while Tessera runs: a
 * notification of its own, with Rotate… and Open. */
static void
test_one_token (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *id = entering_window (fixture, "ci deploy");
  guint before = n_notifications ();
  g_autoptr(JsonObject) told = NULL;
  g_autofree char *rotate = target_of (fixture, "app.rotate-token", id);
  g_autofree char *open = target_of (fixture, "app.open-token", id);
  g_autofree char *body_start = NULL;
  const char *body;

  sign_in (fixture->window, fixture->url, demo_token (fixture));
  told = wait_notification (before, "Token “ci deploy”");
  g_test_message ("%s / %s", json_object_get_string_member (told, "summary"),
                  json_object_get_string_member (told, "body"));

  g_assert_cmpstr (json_object_get_string_member (told, "summary"), ==, "Token “ci deploy” expires in 7 days");
  body = json_object_get_string_member (told, "body");
  body_start = g_strdup_printf ("demo@tessera.app — 127.0.0.1:%s\nIt stops working on ",
                                strrchr (fixture->url, ':') + 1);
  g_assert_true (g_str_has_prefix (body, body_start));
  g_assert_cmpstr (test_desktop_action_key (told, "Rotate…"), ==, rotate);
  g_assert_cmpstr (test_desktop_action_key (told, "Open"), ==, open);
  g_assert_cmpstr (test_desktop_action_key (told, ""), ==, "default");
}

/* ---- its buttons ------------------------------------------------------ */

/* "Open", clicked after the window was closed: the account's window comes
 * back at that row, focused and highlighted. */
static void
test_open_lands_on_row (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *id = entering_window (fixture, "ci deploy");
  guint before = n_notifications ();
  g_autoptr(JsonObject) told = NULL;
  TesseraWindow *window = NULL;

  sign_in (fixture->window, fixture->url, demo_token (fixture));
  told = wait_notification (before, "Token “ci deploy”");
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  WAIT_UNTIL (!window_is_open (fixture->window));

  test_desktop_invoke ((guint32) json_object_get_int_member (told, "id"),
                       test_desktop_action_key (told, "Open"));
  WAIT_UNTIL ((window = TESSERA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (ui_test_app ())))) != NULL);
  g_assert_true (window != fixture->window);
  g_assert_cmpstr (tessera_session_get_email (window_session (window)), ==, demo_email (fixture));
  WAIT_UNTIL (highlighted (row_for_id (window, id)));
}

/* "Rotate…": the window, and the Rotate dialog for that token. */
static void
test_rotate_button (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *id = entering_window (fixture, "ci deploy");
  guint before = n_notifications ();
  g_autoptr(JsonObject) told = NULL;
  GtkWindow *dialog = NULL;

  sign_in (fixture->window, fixture->url, demo_token (fixture));
  told = wait_notification (before, "Token “ci deploy”");
  test_desktop_invoke ((guint32) json_object_get_int_member (told, "id"),
                       test_desktop_action_key (told, "Rotate…"));
  WAIT_UNTIL ((dialog = find_dialog (GTK_WINDOW (fixture->window), TESSERA_TYPE_ROTATE_DIALOG)) != NULL);
  g_assert_cmpstr (tessera_token_get_id (tessera_rotation_get_old_token (
                     tessera_rotate_dialog_get_rotation (TESSERA_ROTATE_DIALOG (dialog)))), ==, id);
  WAIT_UNTIL (highlighted (row_for_id (fixture->window, id)));
}

/* ---- the settings ------------------------------------------------------ */

/* Off, nothing is told; on again, what was reached meanwhile is. */
static void
test_off_then_on (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  guint before = n_notifications ();
  g_autoptr(JsonObject) told = NULL;

  g_settings_set_boolean (settings, "notify-expiry", FALSE);
  sign_in (fixture->window, fixture->url, demo_token (fixture));
  /* Only to show that nothing comes while it is off. */
  spin_for (1000);
  g_assert_cmpuint (n_notifications (), ==, before);

  g_settings_set_boolean (settings, "notify-expiry", TRUE);
  told = wait_notification (before, "");
  g_assert_cmpstr (json_object_get_string_member (told, "summary"), ==, "2 tokens expire this week");
}

static gboolean
file_has (const char *path,
          const char *text)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, text) != NULL;
}

/* Once, ever: a second start (a child process, restoring the account from
 * the keyring, the same state folder) does not tell it again, but does
 * tell a moment it has not told. */
static void
test_once_across_restart (Fixture       *fixture,
                          gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      TesseraWindow *window = NULL;
      guint before = (guint) g_ascii_strtoull (g_getenv ("TEST_BEFORE"), NULL, 10);
      g_autoptr(JsonObject) told = NULL;

      window = ui_window_new ();
      WAIT_UNTIL (list_shown (window));
      told = wait_notification (before, "Token “made later”");
      g_assert_cmpstr (json_object_get_string_member (told, "summary"), ==,
                       "Token “made later” expires in 7 days");
      /* Nothing else: the two of the first start were not told again. */
      g_assert_cmpuint (n_notifications (), ==, before + 1);
      ui_window_close (window);
      return;
    }

  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *ledger = g_build_filename (g_get_user_state_dir (), "tessera", "expiry-told", NULL);
    guint before = n_notifications ();
    g_autoptr(JsonObject) told = NULL;
    g_autofree char *terraform = NULL;
    g_autofree char *later_id = NULL;
    g_autofree char *before_text = NULL;

    sign_in (fixture->window, fixture->url, demo_token (fixture));
    terraform = id_of_notes (fixture->window, "terraform");
    told = wait_notification (before, "2 tokens");
    /* Written down before the second start reads it. */
    WAIT_UNTIL (file_has (ledger, terraform));
    /* This start tells nothing more while the second one runs. */
    g_settings_set_boolean (settings, "notify-expiry", FALSE);

    later_id = entering_window (fixture, "made later");
    before_text = g_strdup_printf ("%u", n_notifications ());
    g_setenv ("TEST_BEFORE", before_text, TRUE);
    ui_test_run_in_child ();
    g_unsetenv ("TEST_BEFORE");
    g_settings_set_boolean (settings, "notify-expiry", TRUE);
  }
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "test-ui-notifications"))
    return 0;

  g_test_add ("/notifications/start-up-group", Fixture, NULL, fixture_set_up, test_start_up_group,
              fixture_tear_down);
  g_test_add ("/notifications/one-token", Fixture, NULL, fixture_set_up, test_one_token,
              fixture_tear_down);
  g_test_add ("/notifications/open-lands-on-row", Fixture, NULL, fixture_set_up, test_open_lands_on_row,
              fixture_tear_down);
  g_test_add ("/notifications/rotate-button", Fixture, NULL, fixture_set_up, test_rotate_button,
              fixture_tear_down);
  g_test_add ("/notifications/off-then-on", Fixture, NULL, fixture_set_up, test_off_then_on,
              fixture_tear_down);
  g_test_add ("/notifications/once-across-restart", Fixture, NULL, fixture_set_up,
              test_once_across_restart, fixture_tear_down);

  return ui_test_run ();
}
