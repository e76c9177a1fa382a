/* test-token-list.c — the token page: rows, count, search, the limit, a
 * first load that fails, a refresh that fails (the rows stay, marked as
 * not current), reloads that apply the difference
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"

static const char * const five_more[] = { "--seed-tokens", "5", NULL };
static const char * const twelve_more[] = { "--seed-tokens", "12", NULL };
static const char * const at_the_limit[] = { "--seed-tokens", "36", NULL };

static char *
text_of_row (Fixture    *fixture,
             const char *notes)
{
  GtkWidget *row = row_for_notes (fixture->window, notes);

  g_assert_nonnull (row);
  return widget_text (row);
}

static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = oracle_ids (fixture->url, demo_token (fixture));
  g_autofree char *expired = NULL;
  g_autofree char *soon = NULL;
  g_autofree char *never = NULL;
  g_autofree char *active = NULL;
  g_autofree char *count = NULL;
  g_autofree char *no_note = NULL;
  g_autofree char *sign_in_id = jwt_id (demo_token (fixture));
  GtkWidget *label;

  /* One row per token the server has, in its order. */
  assert_rows_are_server_list (fixture->window, fixture->url, demo_token (fixture));

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

  /* The token Tessera is signed in with is marked; no other is. */
  g_assert_nonnull (row_for_id (fixture->window, sign_in_id));
  {
    g_autoptr(GPtrArray) rows = token_rows (fixture->window);

    for (guint i = 0; i < rows->len; i++)
      {
        g_autofree char *text = widget_text (g_ptr_array_index (rows, i));
        gboolean marked = strstr (text, "Tessera is signed in with this token") != NULL;

        g_assert_cmpint (marked, ==, g_str_equal (row_id (g_ptr_array_index (rows, i)), sign_in_id));
      }
  }
}

#define PAGE_CHILD(window, name) template_child (token_page (window), TESSERA_TYPE_TOKEN_PAGE, name)

static const char *
count_text (TesseraWindow *window)
{
  return gtk_label_get_text (GTK_LABEL (PAGE_CHILD (window, "count_label")));
}

/* Searching: the count says how many are shown of how many, the list
 * scrolls back to the first match, the Danger Zone (which is for the
 * whole list) goes, and no match at all is a status page. */
static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  GtkAdjustment *vadjustment;
  GtkWidget *entry;
  guint total = n_token_rows (window);
  g_autofree char *shown = g_strdup_printf ("4 of %u tokens shown", total);
  g_autofree char *all = g_strdup_printf ("%u of 50 tokens", total);

  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (PAGE_CHILD (window, "list_scroller")));
  WAIT_UNTIL (gtk_adjustment_get_upper (vadjustment) > gtk_adjustment_get_page_size (vadjustment) + 100);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);
  g_assert_true (on_screen (PAGE_CHILD (window, "danger_group")));
  g_assert_cmpstr (count_text (window), ==, all);

  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_f, GDK_CONTROL_MASK));
  entry = find_widget (tessera_window_get_token_page (window), match_type,
                       GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));
  g_assert_nonnull (entry);
  WAIT_UNTIL (gtk_widget_get_mapped (entry));

  /* Case-insensitive, on the notes. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "SEED TOKEN 1");
  WAIT_UNTIL (n_token_rows (window) == 4);   /* 1, 10, 11, 12 */
  g_assert_nonnull (row_for_notes (window, "seed token 12"));
  g_assert_null (row_for_notes (window, "seed token 2"));
  g_assert_cmpstr (count_text (window), ==, shown);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0);
  g_assert_false (gtk_widget_get_visible (PAGE_CHILD (window, "danger_group")));

  gtk_editable_set_text (GTK_EDITABLE (entry), "no such note");
  WAIT_UNTIL (n_token_rows (window) == 0);
  g_assert_cmpstr (tessera_token_page_get_view (token_page (window)), ==, "no-results");
  WAIT_UNTIL (on_screen (PAGE_CHILD (window, "no_results_page")));
  g_assert_true (ADW_IS_STATUS_PAGE (PAGE_CHILD (window, "no_results_page")));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (PAGE_CHILD (window, "no_results_page"))), ==,
                   "No Results Found");

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  WAIT_UNTIL (n_token_rows (window) == total);
  g_assert_cmpstr (count_text (window), ==, all);
  g_assert_true (gtk_widget_get_visible (PAGE_CHILD (window, "danger_group")));
}

static void
test_limit (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *page = tessera_window_get_token_page (fixture->window);
  GtkWidget *generate = template_child (page, TESSERA_TYPE_TOKEN_PAGE, "generate_button");
  GtkWidget *label;

  g_assert_cmpuint (n_token_rows (fixture->window), ==, 50);
  g_assert_nonnull (find_widget (page, match_label_prefix, "50 of 50 tokens"));

  /* At 50, "Generate a new token" is off and says why. */
  g_assert_false (gtk_widget_is_sensitive (generate));
  g_assert_false (action_enabled (fixture->window, "win.generate"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (generate), "50 tokens"));
  label = find_widget (page, match_label_prefix, "An account can have at most 50 tokens");
  g_assert_nonnull (label);
  g_assert_true (on_screen (label));
}

/* The first listing fails: a full-page error with Retry, nothing else. */
static void
test_first_load_error (Fixture       *fixture,
                       gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  TesseraTokenPage *page = token_page (window);
  g_autoptr(GError) error = NULL;
  GtkWidget *retry;

  g_assert_true (tessera_test_server_fail_next (fixture->server, "GET", "/api/v1/user/access_tokens",
                                                500, 1, &error));
  g_assert_no_error (error);

  type_sign_in (window, fixture->url, demo_token (fixture));
  WAIT_UNTIL (window_shows (window, "tokens") &&
              g_strcmp0 (tessera_token_page_get_view (page), "error") == 0);
  g_assert_cmpuint (n_token_rows (window), ==, 0);
  g_assert_nonnull (find_text (window, "Could Not Load Tokens"));
  retry = find_action_button (find_widget (GTK_WIDGET (page), match_type,
                                           GSIZE_TO_POINTER (ADW_TYPE_STATUS_PAGE)) , "win.refresh");
  g_assert_nonnull (retry);
  g_assert_true (on_screen (retry));
  g_assert_true (gtk_widget_is_sensitive (retry));

  g_signal_emit_by_name (retry, "clicked");
  WAIT_UNTIL (list_shown (window));
  assert_rows_are_server_list (window, fixture->url, demo_token (fixture));
  /* The actions follow the list that came. */
  g_assert_true (action_enabled (window, "win.generate"));
  g_assert_true (action_enabled (window, "win.delete-all"));
}

static GtkWidget *
stale_banner (TesseraWindow *window)
{
  return template_child (token_page (window), TESSERA_TYPE_TOKEN_PAGE, "stale_box");
}

static const char *
stale_text (TesseraWindow *window)
{
  return gtk_label_get_text (GTK_LABEL (template_child (token_page (window), TESSERA_TYPE_TOKEN_PAGE,
                                                        "stale_label")));
}

static char *
hh_mm (GDateTime *when)
{
  return g_date_time_format (when, "%H:%M");
}

/* F5 while the server fails: the list waits for the banner. */
static void
refresh_failing (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_test_server_fail_next (fixture->server, "GET", "/api/v1/user/access_tokens",
                                                500, 1, &error));
  g_assert_no_error (error);
  g_assert_true (press_key (GTK_WIDGET (fixture->window), GDK_KEY_F5, 0));
  WAIT_UNTIL (on_screen (stale_banner (fixture->window)));
}

/* A refresh that fails keeps the rows (the very same widgets) and says,
 * above them, from when they are and why they could not be refreshed;
 * its Retry brings the list up to date. */
static void
test_stale_keeps_rows (Fixture       *fixture,
                       gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) stale_rows = NULL;
  g_autoptr(GPtrArray) fresh_rows = NULL;
  g_autofree char *from_before = NULL;
  g_autofree char *from_after = NULL;
  g_autofree char *before_hh_mm = NULL;
  g_autofree char *after_hh_mm = NULL;
  GtkWidget *retry;
  const char *text;

  sign_in (window, fixture->url, demo_token (fixture));
  after = g_date_time_new_now_local ();
  before_hh_mm = hh_mm (before);
  after_hh_mm = hh_mm (after);
  rows = token_rows (window);
  g_assert_false (on_screen (stale_banner (window)));

  refresh_failing (fixture);

  stale_rows = token_rows (window);
  g_assert_cmpuint (stale_rows->len, ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (g_ptr_array_index (stale_rows, i) == g_ptr_array_index (rows, i));
  g_assert_true (list_shown (window));

  /* "Could not refresh: this list is from HH:MM. <why>" */
  text = stale_text (window);
  g_test_message ("banner: %s", text);
  from_before = g_strdup_printf ("Could not refresh: this list is from %s. ", before_hh_mm);
  from_after = g_strdup_printf ("Could not refresh: this list is from %s. ", after_hh_mm);
  g_assert_true (g_str_has_prefix (text, from_before) || g_str_has_prefix (text, from_after));
  g_assert_cmpuint (strlen (text), >, strlen (from_after));
  retry = find_action_button (stale_banner (window), "win.refresh");
  g_assert_true (on_screen (retry));
  g_assert_true (gtk_widget_is_sensitive (retry));

  /* The list was there a moment ago: still under the limit, so Generate
   * stays on, and so do the rows' actions. */
  g_assert_true (action_enabled (window, "win.generate"));
  g_assert_true (action_enabled (window, "win.delete-token"));

  g_signal_emit_by_name (retry, "clicked");
  WAIT_UNTIL (!on_screen (stale_banner (window)));
  WAIT_UNTIL (!tessera_token_list_get_loading (window_tokens (window)));
  fresh_rows = token_rows (window);
  g_assert_cmpuint (fresh_rows->len, ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (g_ptr_array_index (fresh_rows, i) == g_ptr_array_index (rows, i));
  assert_rows_are_server_list (window, fixture->url, demo_token (fixture));
}

/* At 50 tokens a stale list still has 50: Generate stays off. */
static void
test_stale_at_limit (Fixture       *fixture,
                     gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  GtkWidget *generate = template_child (token_page (window), TESSERA_TYPE_TOKEN_PAGE, "generate_button");

  g_assert_cmpuint (n_token_rows (window), ==, 50);
  g_assert_false (action_enabled (window, "win.generate"));

  refresh_failing (fixture);
  g_assert_cmpuint (n_token_rows (window), ==, 50);
  g_assert_false (action_enabled (window, "win.generate"));
  g_assert_false (gtk_widget_is_sensitive (generate));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (generate), "50 tokens"));

  /* Ctrl+N does nothing either. */
  g_assert_false (press_key (GTK_WIDGET (window), GDK_KEY_n, GDK_CONTROL_MASK));
  spin_for (100);
  g_assert_null (find_dialog (GTK_WINDOW (window), TESSERA_TYPE_GENERATE_DIALOG));
}

/* A reload applies what changed on the server: a token deleted elsewhere
 * goes, one created elsewhere comes; every other row stays the same
 * widget, and the keyboard focus stays on the row it was on. */
static void
test_reload_applies_difference (Fixture       *fixture,
                                gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autoptr(GPtrArray) rows = token_rows (window);
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *gone_id = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *new_secret = NULL;
  GtkWidget *focused;
  GtkWidget *gone;
  guint kept = 0;

  focused = row_for_notes (window, "ci deploy");
  gone = row_for_notes (window, "backup script");
  g_assert_nonnull (focused);
  g_assert_nonnull (gone);
  gone_id = g_strdup (row_id (gone));
  gtk_widget_grab_focus (focused);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focused);

  oracle_delete (fixture->url, demo_token (fixture), gone_id);
  new_secret = oracle_create_full (fixture->url, demo_token (fixture), "made elsewhere", NULL, &new_id);
  g_assert_true (row_for_id (window, gone_id) == gone);

  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_r, GDK_CONTROL_MASK));
  WAIT_UNTIL (row_for_id (window, gone_id) == NULL && row_for_id (window, new_id) != NULL);
  WAIT_UNTIL (!tessera_token_list_get_loading (window_tokens (window)));

  assert_rows_are_server_list (window, fixture->url, demo_token (fixture));
  after = token_rows (window);
  g_assert_true (row_id (g_ptr_array_index (after, 0)) != NULL);
  g_assert_cmpstr (row_id (g_ptr_array_index (after, 0)), ==, new_id);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (row == gone)
        continue;
      g_assert_true (row_for_id (window, row_id (row)) == row);
      kept++;
    }
  g_assert_cmpuint (kept, ==, rows->len - 1);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focused);

  explicit_bzero (new_secret, strlen (new_secret));
}

/* A failed delete lists again: the rows are what the server has, the row
 * whose delete failed included, and one deleted elsewhere meanwhile gone. */
static void
test_resync_after_failed_delete (Fixture       *fixture,
                                 gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *victim_id = g_strdup (row_id (row_for_notes (window, "ci deploy")));
  g_autofree char *gone_id = g_strdup (row_id (row_for_notes (window, "backup script")));
  AdwMessageDialog *dialog;

  /* Meanwhile another client deleted "backup script": the window does not
   * know yet. */
  oracle_delete (fixture->url, demo_token (fixture), gone_id);
  g_assert_nonnull (row_for_notes (window, "backup script"));

  g_assert_true (tessera_test_server_fail_next (fixture->server, "DELETE", "/api/v1/user/access_tokens/",
                                                500, 1, &error));
  g_assert_no_error (error);

  activate (window, "win.delete-token", g_variant_new_string (victim_id));
  WAIT_UNTIL ((dialog = find_message_dialog (GTK_WINDOW (window))) != NULL);
  click_response (dialog, "_Delete");
  WAIT_UNTIL ((dialog = find_message_dialog (GTK_WINDOW (window))) != NULL &&
              g_strcmp0 (adw_message_dialog_get_heading (dialog), "Could Not Delete the Token") == 0);

  /* The list asked the server again and shows what it has. */
  WAIT_UNTIL (row_for_id (window, gone_id) == NULL);
  WAIT_UNTIL (!tessera_token_list_get_loading (window_tokens (window)));
  assert_rows_are_server_list (window, fixture->url, demo_token (fixture));
  g_assert_nonnull (row_for_id (window, victim_id));
  /* Still signed in, and current: a 500 is not a 401. */
  g_assert_true (list_shown (window));
  g_assert_false (on_screen (stale_banner (window)));
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
  WAIT_UNTIL (({ g_autofree char *text = text_of_row (fixture, "backup script");
                 strstr (text, "\nExpires soon\n") != NULL; }));

  g_settings_reset (settings, "expiry-warning-days");
  WAIT_UNTIL (({ g_autofree char *text = text_of_row (fixture, "backup script");
                 strstr (text, "\nActive\n") != NULL; }));
  after = text_of_row (fixture, "backup script");
  g_assert_cmpstr (after, ==, before);
}

/* What a server says reaches the user as text: a warning with markup
 * characters in it is shown as it is, not parsed (GTK would warn, and
 * warnings are fatal here). */
static void
test_server_warning_is_text (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_test_server_add_rule (fixture->server,
                                               "{\"method\": \"GET\", \"count\": 1, "
                                               "\"warning\": \"Maintenance <tonight> & <b>tomorrow\"}",
                                               &error));
  g_assert_no_error (error);

  activate (fixture->window, "win.refresh", NULL);
  WAIT_UNTIL (find_text (fixture->window, "Maintenance <tonight> & <b>tomorrow") != NULL);
  WAIT_UNTIL (!tessera_token_list_get_loading (window_tokens (fixture->window)));
  g_assert_true (list_shown (fixture->window));
}

/* The tokens of the rows shown, top to bottom. */
static GPtrArray *
shown_tokens (TesseraWindow *window)
{
  g_autoptr(GPtrArray) rows = token_rows (window);
  GPtrArray *tokens = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (tokens, tessera_token_row_get_token (g_ptr_array_index (rows, i)));
  return tokens;
}

/* The note of the top row. */
static const char *
top_notes (TesseraWindow *window)
{
  g_autoptr(GPtrArray) rows = token_rows (window);

  return rows->len > 0 ? tessera_token_get_notes (tessera_token_row_get_token (rows->pdata[0])) : NULL;
}

static void
set_view (TesseraWindow *window,
          const char    *action,
          const char    *target)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (token_page (window)), action, "s", target));
}

/* NULL last; else the order asked. */
static gboolean
dates_in_order (GDateTime *a,
                GDateTime *b,
                gboolean   latest_first)
{
  if (b == NULL)
    return TRUE;
  if (a == NULL)
    return FALSE;
  return latest_first ? g_date_time_compare (a, b) >= 0 : g_date_time_compare (a, b) <= 0;
}

/* Show: expiring soon, expired, never used; each a subset of the list
 * with just those, the count saying so. */
static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  guint total = n_token_rows (window);
  struct { const char *show; guint n; } seen[3] = { { "expiring", 0 }, { "expired", 0 }, { "never-used", 0 } };

  for (guint k = 0; k < G_N_ELEMENTS (seen); k++)
    {
      g_autoptr(GPtrArray) tokens = NULL;
      g_autofree char *count = NULL;

      set_view (window, "tokens.show", seen[k].show);
      WAIT_UNTIL (n_token_rows (window) < total);
      tokens = shown_tokens (window);
      seen[k].n = tokens->len;
      for (guint i = 0; i < tokens->len; i++)
        {
          TesseraToken *token = g_ptr_array_index (tokens, i);

          if (k == 0)
            g_assert_cmpint (tessera_token_get_state (token), ==, TESSERA_TOKEN_STATE_EXPIRING_SOON);
          else if (k == 1)
            g_assert_cmpint (tessera_token_get_state (token), ==, TESSERA_TOKEN_STATE_EXPIRED);
          else
            g_assert_true (tessera_token_get_has_last_used (token) &&
                           tessera_token_get_last_used_at (token) == NULL);
        }
      g_test_message ("%s: %u of %u", seen[k].show, tokens->len, total);
      g_assert_cmpuint (tokens->len, >, 0);
      count = g_strdup_printf ("%u of %u tokens shown", tokens->len, total);
      g_assert_cmpstr (count_text (window), ==, count);
      g_assert_false (gtk_widget_get_visible (PAGE_CHILD (window, "danger_group")));
    }
  /* The demo account has "old laptop" expired, "terraform" and
   * "temporary debugging" expiring soon. */
  g_assert_cmpuint (seen[1].n, ==, 1);
  g_assert_cmpuint (seen[0].n, ==, 2);

  set_view (window, "tokens.show", "all");
  WAIT_UNTIL (n_token_rows (window) == total);
  assert_rows_are_server_list (window, fixture->url, demo_token (fixture));
}

/* Sort: by expiry (soonest first, none last), last used (latest first,
 * never last), note; back to the server's order, newest first. */
static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autoptr(GPtrArray) tokens = NULL;

  set_view (window, "tokens.sort", "expiry");
  WAIT_UNTIL (g_strcmp0 (top_notes (window), "old laptop") == 0);
  tokens = shown_tokens (window);
  for (guint i = 1; i < tokens->len; i++)
    g_assert_true (dates_in_order (tessera_token_get_expire (tokens->pdata[i - 1]),
                                   tessera_token_get_expire (tokens->pdata[i]), FALSE));
  g_clear_pointer (&tokens, g_ptr_array_unref);

  set_view (window, "tokens.sort", "last-used");
  WAIT_UNTIL (g_strcmp0 (top_notes (window), "Tessera demo sign-in") == 0);
  tokens = shown_tokens (window);
  for (guint i = 1; i < tokens->len; i++)
    g_assert_true (dates_in_order (tessera_token_get_last_used_at (tokens->pdata[i - 1]),
                                   tessera_token_get_last_used_at (tokens->pdata[i]), TRUE));
  g_clear_pointer (&tokens, g_ptr_array_unref);

  set_view (window, "tokens.sort", "note");
  WAIT_UNTIL (g_strcmp0 (top_notes (window), "backup script") == 0);
  tokens = shown_tokens (window);
  for (guint i = 1; i < tokens->len; i++)
    {
      const char *a = tessera_token_get_notes (tokens->pdata[i - 1]);
      const char *b = tessera_token_get_notes (tokens->pdata[i]);
      g_autofree char *fa = g_utf8_casefold (a, -1);
      g_autofree char *fb = g_utf8_casefold (b, -1);

      g_assert_true (b[0] == '\0' || (a[0] != '\0' && g_utf8_collate (fa, fb) <= 0));
    }

  set_view (window, "tokens.sort", "created");
  WAIT_UNTIL (g_strcmp0 (top_notes (window), "Tessera demo sign-in") == 0);
  assert_rows_are_server_list (window, fixture->url, demo_token (fixture));
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "test-ui-token-list"))
    return 0;

  g_test_add ("/token-list/rows", Fixture, NULL, fixture_set_up_signed_in, test_rows, fixture_tear_down);
  g_test_add ("/token-list/search", Fixture, twelve_more, fixture_set_up_signed_in, test_search,
              fixture_tear_down);
  g_test_add ("/token-list/filter", Fixture, NULL, fixture_set_up_signed_in, test_filter,
              fixture_tear_down);
  g_test_add ("/token-list/sort", Fixture, NULL, fixture_set_up_signed_in, test_sort,
              fixture_tear_down);
  g_test_add ("/token-list/limit", Fixture, at_the_limit, fixture_set_up_signed_in, test_limit,
              fixture_tear_down);
  g_test_add ("/token-list/first-load-error", Fixture, NULL, fixture_set_up, test_first_load_error,
              fixture_tear_down);
  g_test_add ("/token-list/stale-keeps-rows", Fixture, five_more, fixture_set_up, test_stale_keeps_rows,
              fixture_tear_down);
  g_test_add ("/token-list/stale-at-limit", Fixture, at_the_limit, fixture_set_up_signed_in,
              test_stale_at_limit, fixture_tear_down);
  g_test_add ("/token-list/reload-applies-difference", Fixture, NULL, fixture_set_up_signed_in,
              test_reload_applies_difference, fixture_tear_down);
  g_test_add ("/token-list/resync-after-failed-delete", Fixture, NULL, fixture_set_up_signed_in,
              test_resync_after_failed_delete, fixture_tear_down);
  g_test_add ("/token-list/warning-days-setting", Fixture, NULL, fixture_set_up_signed_in,
              test_warning_days_setting, fixture_tear_down);
  g_test_add ("/token-list/server-warning-is-text", Fixture, NULL, fixture_set_up_signed_in,
              test_server_warning_is_text, fixture_tear_down);

  return ui_test_run ();
}
