/* test-token-list.c — the token page: rows, count, search, the limit, the
 * error state and re-syncing after a failed delete
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "window-test-util.h"

typedef struct
{
  TesseraTestServer  *server;
  TesseraApplication *app;
  TesseraWindow      *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *seed = data;
  const char *args[] = { "--seed-tokens", seed, NULL };
  g_autoptr(GError) error = NULL;

  fixture->server = tessera_test_server_start (seed != NULL ? args : NULL, &error);
  g_assert_no_error (error);
  fixture->app = new_test_application ();
  fixture->window = open_test_window (fixture->app, tessera_test_server_get_url (fixture->server),
                                      tessera_test_server_get_demo_token (fixture->server));
  WAIT_UNTIL (list_shown (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_test_window (fixture->window);
  g_clear_object (&fixture->app);
  g_clear_pointer (&fixture->server, tessera_test_server_stop);
}

static TesseraTokenList *
fixture_tokens (Fixture *fixture)
{
  return tessera_session_get_tokens (tessera_window_get_session (fixture->window));
}

static void
increment_cb (guint *counter)
{
  (*counter)++;
}

static char *
text_of_row (Fixture    *fixture,
             const char *notes)
{
  GtkWidget *row = row_for_notes (fixture->window, notes);

  g_assert_nonnull (row);
  return row_text (row);
}

static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = server_token_ids (fixture->server);
  g_autofree char *expired = NULL;
  g_autofree char *soon = NULL;
  g_autofree char *never = NULL;
  g_autofree char *active = NULL;
  g_autofree char *count = NULL;
  g_autofree char *no_note = NULL;
  GtkWidget *label;
  g_autoptr(GPtrArray) rows = NULL;

  /* One row per token the server has, in its order. */
  rows = token_rows (fixture->window);
  g_assert_cmpuint (rows->len, ==, ids->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (tessera_token_get_id (tessera_token_row_get_token (g_ptr_array_index (rows, i))),
                     ==, g_ptr_array_index (ids, i));

  count = g_strdup_printf ("%u of 50 tokens", ids->len);
  label = find_widget (tessera_window_get_token_page (fixture->window), match_label_prefix, count);
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, count);

  /* The demo account's tokens cover every state. */
  expired = text_of_row (fixture, "old laptop");
  g_assert_nonnull (strstr (expired, "\nExpired\n"));
  g_assert_nonnull (strstr (expired, "Expired on "));
  g_assert_nonnull (strstr (expired, "Last used 40 days ago"));

  soon = text_of_row (fixture, "terraform");
  g_assert_nonnull (strstr (soon, "\nExpires soon\n"));
  g_assert_nonnull (strstr (soon, "Expires on "));
  g_assert_nonnull (strstr (soon, " · in 3 days"));

  never = text_of_row (fixture, "local dev");
  g_assert_nonnull (strstr (never, "\nActive\n"));
  g_assert_nonnull (strstr (never, "Does not expire"));
  g_assert_nonnull (strstr (never, "Never used"));
  g_assert_nonnull (strstr (never, "Created on "));

  active = text_of_row (fixture, "grafana dashboard");
  g_assert_nonnull (strstr (active, "Last used 2 hours ago"));

  no_note = text_of_row (fixture, "");
  g_assert_true (g_str_has_prefix (no_note, "No note\n"));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *entry;
  guint total = n_token_rows (fixture->window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  entry = find_widget (tessera_window_get_token_page (fixture->window), match_type,
                       GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));
  g_assert_nonnull (entry);
  WAIT_UNTIL (gtk_widget_get_mapped (entry));

  /* Case-insensitive, on the notes. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "SEED TOKEN 1");
  WAIT_UNTIL (n_token_rows (fixture->window) == 4);   /* 1, 10, 11, 12 */
  g_assert_nonnull (row_for_notes (fixture->window, "seed token 12"));
  g_assert_null (row_for_notes (fixture->window, "seed token 2"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "no such note");
  WAIT_UNTIL (n_token_rows (fixture->window) == 0);

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  WAIT_UNTIL (n_token_rows (fixture->window) == total);
}

static void
test_limit (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *page = tessera_window_get_token_page (fixture->window);
  GtkWidget *generate = find_widget (page, match_action, "win.generate");
  GtkWidget *label;

  g_assert_cmpuint (n_token_rows (fixture->window), ==, 50);
  label = find_widget (page, match_label_prefix, "50 of 50 tokens");
  g_assert_nonnull (label);

  /* At 50, "Generate a new token" is off and says why. */
  g_assert_nonnull (generate);
  g_assert_false (gtk_widget_is_sensitive (generate));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (generate), "50 tokens"));
  label = find_widget (page, match_label_prefix, "This account has 50 tokens");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_visible (label));
}

static void
test_error_and_retry (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TesseraTokenPage *page = token_page (fixture->window);
  guint total = n_token_rows (fixture->window);

  g_assert_true (tessera_test_server_fail_next (fixture->server, "GET", "/api/v1/user/access_tokens",
                                                500, 1, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  WAIT_UNTIL (g_strcmp0 (tessera_token_page_get_view (page), "error") == 0);
  /* Nothing the server did not vouch for stays on screen. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture_tokens (fixture))), ==, 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (page), match_action, "win.refresh"));

  /* "Retry" */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (page), match_action, "win.refresh"), "clicked");
  WAIT_UNTIL (list_shown (fixture->window));
  g_assert_cmpuint (n_token_rows (fixture->window), ==, total);
}

static void
test_resync_after_failed_delete (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  TesseraSession *session = tessera_window_get_session (fixture->window);
  TesseraTokenList *tokens = fixture_tokens (fixture);
  TesseraToken *victim;
  g_autofree char *victim_id = NULL;

  victim = tessera_token_list_find (tokens, tessera_token_get_id (
             tessera_token_row_get_token (TESSERA_TOKEN_ROW (row_for_notes (fixture->window, "ci deploy")))));
  g_assert_nonnull (victim);
  victim_id = g_strdup (tessera_token_get_id (victim));

  /* Meanwhile another client deleted "backup script": the window does not
   * know yet. */
  {
    g_autoptr(TesseraClient) other = NULL;
    g_autoptr(GAsyncResult) deleted = NULL;
    TesseraToken *gone = tessera_token_row_get_token (TESSERA_TOKEN_ROW (row_for_notes (fixture->window,
                                                                                      "backup script")));

    other = tessera_client_new (tessera_test_server_get_url (fixture->server),
                                tessera_test_server_get_demo_token (fixture->server), &error);
    g_assert_no_error (error);
    tessera_client_delete_token_async (other, tessera_token_get_id (gone), NULL, result_cb, &deleted);
    WAIT_UNTIL (deleted != NULL);
    g_assert_true (tessera_client_delete_token_finish (other, deleted, &error));
    g_assert_no_error (error);
    g_assert_nonnull (row_for_notes (fixture->window, "backup script"));
  }

  g_assert_true (tessera_test_server_fail_next (fixture->server, "DELETE", "/api/v1/user/access_tokens/",
                                                500, 1, &error));
  g_assert_no_error (error);

  tessera_session_delete_token_async (session, victim, NULL, result_cb, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_false (tessera_session_delete_token_finish (session, result, &error));
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_SERVER);

  /* The list asked the server again and shows what it has. */
  WAIT_UNTIL (!tessera_token_list_get_loading (tokens));
  WAIT_UNTIL (list_shown (fixture->window));
  ids = server_token_ids (fixture->server);
  rows = token_rows (fixture->window);
  g_assert_cmpuint (rows->len, ==, ids->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (tessera_token_get_id (tessera_token_row_get_token (g_ptr_array_index (rows, i))),
                     ==, g_ptr_array_index (ids, i));
  g_assert_nonnull (tessera_token_list_find (tokens, victim_id));
  g_assert_nonnull (row_for_notes (fixture->window, "ci deploy"));
  WAIT_UNTIL (row_for_notes (fixture->window, "backup script") == NULL);
  /* Still signed in: a 500 is not a 401. */
  g_assert_cmpstr (window_page (fixture->window), ==, "tokens");
}

/* The "Expires soon" window follows the expiry-warning-days setting, live. */
static void
test_warning_days_setting (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *before = text_of_row (fixture, "backup script");   /* in 15 days */
  g_autofree char *after = NULL;

  g_assert_cmpint (g_settings_get_int (settings, "expiry-warning-days"), ==, 7);
  g_assert_nonnull (strstr (before, "\nActive\n"));

  g_settings_set_int (settings, "expiry-warning-days", 30);
  WAIT_UNTIL (tessera_token_list_get_warning_days (fixture_tokens (fixture)) == 30);
  after = text_of_row (fixture, "backup script");
  g_assert_nonnull (strstr (after, "\nExpires soon\n"));

  g_settings_reset (settings, "expiry-warning-days");
  WAIT_UNTIL (tessera_token_list_get_warning_days (fixture_tokens (fixture)) == 7);
}

/* What a server says reaches the user as text: a warning with markup
 * characters in it is shown, not parsed (GTK would warn, fatally here). */
static void
test_server_warning_is_text (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TesseraTokenList *tokens = fixture_tokens (fixture);
  guint warnings = 0;
  gulong id;

  g_assert_true (tessera_test_server_add_rule (fixture->server,
                                               "{\"method\": \"GET\", \"count\": 1, "
                                               "\"warning\": \"Maintenance <tonight> & <b>tomorrow\"}",
                                               &error));
  g_assert_no_error (error);

  id = g_signal_connect_swapped (tessera_window_get_session (fixture->window), "warning",
                                 G_CALLBACK (increment_cb), &warnings);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  WAIT_UNTIL (warnings > 0);
  WAIT_UNTIL (!tessera_token_list_get_loading (tokens));
  spin_for (200);
  g_assert_true (list_shown (fixture->window));

  g_signal_handler_disconnect (tessera_window_get_session (fixture->window), id);
}

int
main (int   argc,
      char *argv[])
{
  /* Under Xvfb GTK renders with software GL, whose frames took seconds on
   * a loaded machine (the main thread waits for each swap); Cairo draws the
   * same widgets cheaply.  These tests drive widgets, not pixels. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/token-list/rows", Fixture, NULL, fixture_set_up, test_rows, fixture_tear_down);
  g_test_add ("/token-list/search", Fixture, "12", fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/token-list/limit", Fixture, "36", fixture_set_up, test_limit, fixture_tear_down);
  g_test_add ("/token-list/error-and-retry", Fixture, "5", fixture_set_up, test_error_and_retry,
              fixture_tear_down);
  g_test_add ("/token-list/server-warning-is-text", Fixture, NULL, fixture_set_up,
              test_server_warning_is_text, fixture_tear_down);
  g_test_add ("/token-list/warning-days-setting", Fixture, NULL, fixture_set_up,
              test_warning_days_setting, fixture_tear_down);
  g_test_add ("/token-list/resync-after-failed-delete", Fixture, NULL, fixture_set_up,
              test_resync_after_failed_delete, fixture_tear_down);

  return g_test_run ();
}
