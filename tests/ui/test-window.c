/* test-window.c — the main window: what it shows first, its size, the
 * actions that follow the account's list, Copy Token, and what
 * `tessera --server URL --with-token` does
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include "tessera-release-notes.h"
#include "ui-test-util.h"

static const char * const two_users[] = { "--users=2", NULL };

static void
test_title (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *server = g_settings_get_string (settings, "server-url");
  TesseraWindow *window = fixture->window;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Tessera");
  g_assert_true (gtk_window_get_application (GTK_WINDOW (window)) == GTK_APPLICATION (ui_test_app ()));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, 360);

  /* No account saved: the sign-in page, for the configured server. */
  g_assert_null (window_session (window));
  g_assert_cmpstr (window_page (window), ==, "sign-in");
  g_assert_cmpstr (tessera_sign_in_page_get_server (sign_in_page (window)), ==, server);
  g_assert_false (on_screen (cancel_button (window)));
  g_assert_false (action_enabled (window, "win.generate"));
  g_assert_false (menu_item_enabled (window, "Sign Out"));
}

/* GNOME's narrowest phones are 360 px wide: every page must fit in that,
 * i.e. ask for no more than 360 px. */
static void
assert_fits_360 (TesseraWindow *window,
                 const char    *what)
{
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_test_message ("%s: minimum width %d", what, minimum);
  g_assert_cmpint (minimum, <=, 360);
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  assert_fits_360 (fixture->window, "sign-in page");

  /* The token list, with its longest notes and the Danger Zone. */
  sign_in (fixture->window, fixture->url, demo_token (fixture));
  assert_fits_360 (fixture->window, "token list");

  /* At 360 px the header's title is cut: the account is said in full
   * above the list, wrapped, and the header keeps a short title. */
  {
    GtkWidget *account = template_child (token_page (fixture->window), TESSERA_TYPE_TOKEN_PAGE, "account_label");
    g_autofree char *title = tessera_session_dup_title (window_session (fixture->window));
    PangoLayout *layout;

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (account)), ==, title);
    g_assert_true (gtk_label_get_wrap (GTK_LABEL (account)));
    g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (account)), ==, PANGO_ELLIPSIZE_NONE);
    layout = gtk_label_get_layout (GTK_LABEL (account));
    g_assert_nonnull (layout);
  }
}

/* The list arrives after the window learned that the account is signed
 * in (a slow listing): the actions that depend on the list follow it. */
static void
test_actions_follow_list (Fixture       *fixture,
                          gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_test_server_add_rule (fixture->server,
                                               "{\"method\": \"GET\", \"path_prefix\": \"/api/v1/user/access_tokens\", "
                                               "\"delay_ms\": 700}", &error));
  g_assert_no_error (error);

  type_sign_in (window, fixture->url, demo_token (fixture));
  WAIT_UNTIL (window_shows (window, "tokens"));
  WAIT_UNTIL (list_shown (window));

  g_assert_true (action_enabled (window, "win.generate"));
  g_assert_true (action_enabled (window, "win.delete-all"));
  g_assert_true (menu_item_enabled (window, "Sign Out"));
  g_assert_true (action_enabled (window, "win.refresh"));

  sign_out (window);
  WAIT_UNTIL (window_shows (window, "sign-in"));
  g_assert_false (action_enabled (window, "win.generate"));
  g_assert_false (action_enabled (window, "win.delete-all"));
  g_assert_false (menu_item_enabled (window, "Sign Out"));
}

/* What `tessera --server URL --with-token` does in a running Tessera:
 * straight to the list, titled with the account's email. */
static void
test_open_server_with_token (Fixture       *fixture,
                             gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autoptr(PageLog) log = page_log_start (window);
  GtkWidget *title;

  tessera_window_open_server (window, fixture->url, demo_token (fixture));
  WAIT_UNTIL (list_shown (window));
  g_assert_false (page_log_has (log, "sign-in"));

  title = find_widget (tessera_window_get_token_page (window), match_type,
                       GSIZE_TO_POINTER (ADW_TYPE_WINDOW_TITLE));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, "Tokens");
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==, demo_email (fixture));
  assert_rows_are_server_list (window, fixture->url, demo_token (fixture));

  /* Saved as the account's sign-in. */
  WAIT_UNTIL (keyring_count (fixture->url, demo_email (fixture), "sign-in") == 1);
  {
    g_autofree char *saved = keyring_sign_in_secret (fixture->url, demo_email (fixture));

    g_assert_cmpstr (saved, ==, demo_token (fixture));
  }
}

/* The same at start-up, as `tessera --with-token` really runs: the
 * window opens while the saved sign-ins are still being read, and its
 * sign-in (slow to answer) outlasts that.  It stays on "Signing in…"
 * until the list is there: never the sign-in page on the way. */
static void
test_open_server_at_start (void)
{
  g_autoptr(TesseraTestServer) server = NULL;
  g_autoptr(PageLog) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pages = NULL;
  TesseraWindow *window;
  const char *url;

  if (!g_test_subprocess ())
    {
      ui_test_run_in_child ();
      return;
    }

  server = start_server (NULL);
  url = tessera_test_server_get_url (server);
  g_assert_true (tessera_test_server_add_rule (server, "{\"path_prefix\": \"/api/v1/user/me\", \"delay_ms\": 800}",
                                               &error));
  g_assert_no_error (error);

  /* The application starts here, and with it the restore. */
  window = ui_window_new ();
  log = page_log_start (window);
  tessera_window_open_server (window, url, tessera_test_server_get_demo_token (server));
  WAIT_UNTIL (list_shown (window));

  pages = page_log_text (log);
  g_test_message ("pages: %s", pages);
  g_assert_false (page_log_has (log, "sign-in"));
  g_assert_cmpstr (tessera_session_get_email (window_session (window)), ==,
                   tessera_test_server_get_demo_email (server));

  g_clear_pointer (&log, page_log_free);
  g_object_unref (window);
  ui_test_clean_up (url);
}

/* With a token of a second account while the window shows the first:
 * "Signing in…", then the second account; not the first one's list again
 * on the way. */
static void
test_open_server_second_account (Fixture       *fixture,
                                 gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autoptr(PageLog) log = NULL;
  g_autofree char *pages = NULL;

  sign_in (window, fixture->url, user_token (fixture, 0));

  log = page_log_start (window);
  tessera_window_open_server (window, fixture->url, user_token (fixture, 1));
  g_assert_cmpstr (window_page (window), ==, "loading");
  WAIT_UNTIL (list_shown (window) && tessera_token_list_get_loaded (window_tokens (window)));
  pages = page_log_text (log);
  g_test_message ("pages: %s", pages);
  g_assert_cmpstr (tessera_session_get_email (window_session (window)), ==, "grace@tessera.app");
  g_assert_false (page_log_showed_list_of (log, "demo@tessera.app"));
  g_assert_cmpuint (ui_test_n_accounts (), ==, 2);
  assert_rows_are_server_list (window, fixture->url, user_token (fixture, 1));
}

/* A token the server refuses: the sign-in page for that server, saying
 * why, ready for another token. */
static void
test_open_server_wrong_token (Fixture       *fixture,
                              gconstpointer  data)
{
  TesseraWindow *window = fixture->window;

  tessera_window_open_server (window, fixture->url, "not-a-token-at-all");
  WAIT_UNTIL (window_shows (window, "sign-in") && !tessera_sign_in_page_get_busy (sign_in_page (window)));
  g_assert_cmpstr (tessera_sign_in_page_get_error (sign_in_page (window)), ==,
                   "This token is not valid or has expired");
  g_assert_cmpstr (gtk_editable_get_text (server_entry (window)), ==, fixture->url);
  g_assert_true (gtk_editable_get_editable (server_entry (window)));
  g_assert_cmpuint (ui_test_n_accounts (), ==, 0);

  /* And the right one, typed there, gets in. */
  sign_in (window, NULL, demo_token (fixture));
}

/* Without a token, a server Tessera has an account on: that account. */
static void
test_open_known_server (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TesseraTestServer) other = start_server (NULL);
  const char *other_url = tessera_test_server_get_url (other);
  TesseraWindow *window = fixture->window;
  TesseraSession *first;

  first = sign_in (window, fixture->url, demo_token (fixture));
  add_account (window, other_url, tessera_test_server_get_demo_token (other));
  g_assert_true (window_session (window) != first);

  tessera_window_open_server (window, fixture->url, NULL);
  g_assert_true (window_session (window) == first);
  WAIT_UNTIL (list_shown (window));

  /* A server it has none on: the sign-in page for it. */
  tessera_window_open_server (window, "http://127.0.0.1:1", NULL);
  g_assert_cmpstr (window_page (window), ==, "sign-in");
  g_assert_cmpstr (tessera_sign_in_page_get_server (sign_in_page (window)), ==, "http://127.0.0.1:1");

  ui_test_clean_up (other_url);
}

static void
read_clipboard_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static char *
read_clipboard (TesseraWindow *window)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                 read_clipboard_cb, &text);
  WAIT_UNTIL (text != NULL);
  return text;
}

/* A token whose secret is in the keyring shows the key and "Copy Token",
 * which puts that secret on the clipboard. */
static void
test_copy_token (Fixture       *fixture,
                 gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autofree char *secret = NULL;
  g_autofree char *unsaved = NULL;
  g_autofree char *copied = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *row;
  GtkWidget *copy;

  secret = generate_token (window, "copy me", TRUE);

  /* New tokens come first, with the key and Copy Token. */
  WAIT_UNTIL ((row = row_for_notes (window, "copy me")) != NULL);
  rows = token_rows (window);
  g_assert_true (g_ptr_array_index (rows, 0) == row);
  copy = find_action_button (row, "win.copy-token");
  WAIT_UNTIL (gtk_widget_get_visible (copy));
  g_assert_true (gtk_widget_is_sensitive (copy));

  /* Not saved: no Copy Token. */
  unsaved = generate_token (window, "not saved", FALSE);
  WAIT_UNTIL (row_for_notes (window, "not saved") != NULL);
  g_assert_false (gtk_widget_get_visible (find_action_button (row_for_notes (window, "not saved"),
                                                              "win.copy-token")));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "something else");
  g_signal_emit_by_name (copy, "clicked");
  /* The toast says how long it stays (the default, 45 s). */
  WAIT_UNTIL (find_text (window, "Copied — clears in 45 s") != NULL);
  copied = read_clipboard (window);
  g_assert_cmpstr (copied, ==, secret);

  explicit_bzero (secret, strlen (secret));
  explicit_bzero (unsaved, strlen (unsaved));
  explicit_bzero (copied, strlen (copied));
}

static gboolean
clipboard_is_empty (TesseraWindow *window)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));

  return gdk_clipboard_get_content (clipboard) == NULL &&
         gdk_content_formats_get_mime_types (gdk_clipboard_get_formats (clipboard), NULL) == NULL;
}

/* A copied secret leaves the clipboard after the delay, but only if the
 * clipboard still holds it; "never" leaves it. */
static void
test_clipboard_clears (Fixture       *fixture,
                       gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *secret = generate_token (window, "cleared", TRUE);
  g_autofree char *copied = NULL;
  g_autofree char *kept = NULL;
  GtkWidget *row;
  GtkWidget *copy;
  gint64 start;

  WAIT_UNTIL ((row = row_for_notes (window, "cleared")) != NULL);
  copy = find_action_button (row, "win.copy-token");
  WAIT_UNTIL (gtk_widget_get_visible (copy));

  /* Cleared after the delay. */
  g_settings_set_int (settings, "clipboard-clear-seconds", 2);
  g_signal_emit_by_name (copy, "clicked");
  WAIT_UNTIL (find_text (window, "Copied — clears in 2 s") != NULL);
  copied = read_clipboard (window);
  g_assert_cmpstr (copied, ==, secret);
  start = g_get_monotonic_time ();
  WAIT_UNTIL (clipboard_is_empty (window));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);

  /* Replaced meanwhile: left alone. */
  g_signal_emit_by_name (copy, "clicked");
  WAIT_UNTIL (!clipboard_is_empty (window));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "copied since");
  spin_for (2600);
  kept = read_clipboard (window);
  g_assert_cmpstr (kept, ==, "copied since");

  /* Never. */
  g_settings_set_int (settings, "clipboard-clear-seconds", 0);
  g_signal_emit_by_name (copy, "clicked");
  WAIT_UNTIL (find_text (window, "Copied to clipboard") != NULL);
  spin_for (2600);
  g_assert_false (clipboard_is_empty (window));

  g_settings_reset (settings, "clipboard-clear-seconds");
  explicit_bzero (secret, strlen (secret));
  explicit_bzero (copied, strlen (copied));
}

/* Whether the row's More Actions menu has an item for @action. */
static gboolean
row_offers (GtkWidget  *row,
            const char *action)
{
  GtkMenuButton *more = GTK_MENU_BUTTON (template_child (row, TESSERA_TYPE_TOKEN_ROW, "more_button"));
  GMenuModel *menu = gtk_menu_button_get_menu_model (more);

  for (int i = 0; menu != NULL && i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
    }
  return FALSE;
}

static gboolean
clipboard_holds (TesseraWindow *window,
                 const char    *expected)
{
  g_autofree char *text = read_clipboard (window);
  gboolean same = g_strcmp0 (text, expected) == 0;

  if (text != NULL)
    explicit_bzero (text, strlen (text));
  return same;
}

/* The row's Copy As… menu: the secret as a script, a header or the seed's
 * curl test wants it. */
static void
test_copy_as (Fixture       *fixture,
              gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  g_autofree char *secret = generate_token (window, "copy as", TRUE);
  g_autofree char *id = NULL;
  g_autofree char *env = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *row;

  WAIT_UNTIL ((row = row_for_notes (window, "copy as")) != NULL);
  WAIT_UNTIL (gtk_widget_get_visible (find_widget (row, match_type,
                                                   GSIZE_TO_POINTER (GTK_TYPE_MENU_BUTTON))));
  id = g_strdup (tessera_token_get_id (tessera_token_row_get_token (TESSERA_TOKEN_ROW (row))));

  activate (window, "win.copy-environment", g_variant_new_string (id));
  WAIT_UNTIL (find_text (window, "Copied — clears in 45 s") != NULL);
  env = read_clipboard (window);
  expected = g_strdup_printf ("export API7_CLOUD_TOKEN='%s'", secret);
  g_assert_cmpstr (env, ==, expected);
  g_clear_pointer (&expected, g_free);

  activate (window, "win.copy-header", g_variant_new_string (id));
  expected = g_strdup_printf ("Authorization: Bearer %s", secret);
  WAIT_UNTIL (clipboard_holds (window, expected));
  g_clear_pointer (&expected, g_free);

  activate (window, "win.copy-curl", g_variant_new_string (id));
  expected = g_strdup_printf ("curl %s/api/v1/user/me -H 'Authorization: Bearer %s' -i",
                              tessera_session_get_server_url (window_session (window)), secret);
  WAIT_UNTIL (clipboard_holds (window, expected));

  explicit_bzero (secret, strlen (secret));
  explicit_bzero (env, strlen (env));
}

/* Attach Secret…: a token made in the web console gets its secret
 * attached; another token's secret is refused with a reason. */
static void
test_attach_secret (Fixture       *fixture,
                    gconstpointer  data)
{
  TesseraWindow *window = fixture->window;
  TesseraSession *session = window_session (window);
  const char *url = tessera_session_get_server_url (session);
  g_autofree char *sign_in = keyring_sign_in_secret (url, "demo@tessera.app");
  g_autofree char *made = oracle_create (url, sign_in, "from the console");
  g_autofree char *other = oracle_create (url, sign_in, "another one");
  g_autofree char *id = NULL;
  GtkWindow *dialog;
  GtkWidget *row;

  activate (window, "win.refresh", NULL);
  WAIT_UNTIL ((row = row_for_notes (window, "from the console")) != NULL);
  g_assert_true (row_offers (row, "win.attach-secret"));
  g_assert_false (gtk_widget_get_visible (find_action_button (row, "win.copy-token")));
  id = g_strdup (tessera_token_get_id (tessera_token_row_get_token (TESSERA_TOKEN_ROW (row))));

  activate (window, "win.attach-secret", g_variant_new_string (id));
  dialog = find_dialog (GTK_WINDOW (window), TESSERA_TYPE_ATTACH_DIALOG);
  g_assert_nonnull (dialog);

  /* Another token's secret: the dialog says so and stays; nothing saved. */
  gtk_editable_set_text (GTK_EDITABLE (secret_entry (dialog, TESSERA_TYPE_ATTACH_DIALOG, "secret_row")), other);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "attach.attach", NULL));
  WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (template_child (dialog, TESSERA_TYPE_ATTACH_DIALOG, "error_label"))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (template_child (dialog, TESSERA_TYPE_ATTACH_DIALOG, "error_label"))),
                            "another token"));
  g_assert_null (keyring_generated_secret (url, "demo@tessera.app", id));

  /* Its own: saved, and the row now offers Copy Token. */
  gtk_editable_set_text (GTK_EDITABLE (secret_entry (dialog, TESSERA_TYPE_ATTACH_DIALOG, "secret_row")), made);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "attach.attach", NULL));
  WAIT_UNTIL (find_dialog (GTK_WINDOW (window), TESSERA_TYPE_ATTACH_DIALOG) == NULL);
  WAIT_UNTIL (gtk_widget_get_visible (find_action_button (row, "win.copy-token")));
  g_assert_false (row_offers (row, "win.attach-secret"));
  {
    g_autofree char *saved = keyring_generated_secret (url, "demo@tessera.app", id);

    g_assert_cmpstr (saved, ==, made);
    explicit_bzero (saved, strlen (saved));
  }

  explicit_bzero (sign_in, strlen (sign_in));
  explicit_bzero (made, strlen (made));
  explicit_bzero (other, strlen (other));
}

static char *
tessera_binary (void)
{
  const char *root = g_getenv ("TESSERA_BUILD_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "src", "tessera", NULL);
}

/* `tessera --with-token` with nothing usable on standard input refuses at
 * once, on the terminal. */
static void
test_cli_with_token_refuses_empty (void)
{
  g_autofree char *binary = tessera_binary ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                              G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              binary, "--server=http://127.0.0.1:1", "--with-token", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, " \n\t\n", NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (strstr (err, "No token on standard input"));
}

/* The real binary signs in with a token piped in (the README's run
 * command): the proof is the sign-in item it saves in the keyring. */
static void
test_cli_with_token_signs_in (void)
{
  g_autoptr(TesseraTestServer) server = start_server (NULL);
  const char *url = tessera_test_server_get_url (server);
  const char *token = tessera_test_server_get_demo_token (server);
  const char *email = tessera_test_server_get_demo_email (server);
  g_autofree char *binary = tessera_binary ();
  g_autofree char *server_arg = g_strdup_printf ("--server=%s", url);
  g_autofree char *input = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GOutputStream) in = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (keyring_count (url, email, NULL), ==, 0);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE, &error,
                              binary, server_arg, "--with-token", NULL);
  g_assert_no_error (error);

  /* Surrounding whitespace, as from `echo` or a file, is not the token's. */
  input = g_strdup_printf ("  %s\n", token);
  in = g_object_ref (g_subprocess_get_stdin_pipe (process));
  g_assert_true (g_output_stream_write_all (in, input, strlen (input), NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (in, NULL, &error));
  explicit_bzero (input, strlen (input));

  WAIT_UNTIL (keyring_count (url, email, "sign-in") == 1);
  saved = keyring_sign_in_secret (url, email);
  g_assert_cmpstr (saved, ==, token);
  explicit_bzero (saved, strlen (saved));

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  keyring_clear_server (url);
}

/* The release notes of a metainfo as itstool merges it: each paragraph in
 * the language asked for, else the original. */
static void
test_release_notes_read (void)
{
  const char *metainfo =
    "<component><releases>"
    "<release version=\"0.2.0\"><description><p>Later.</p></description></release>"
    "<release version=\"0.1.0\"><description>"
    "<p>First &amp; best.</p><p xml:lang=\"de\">Erste.</p><p xml:lang=\"zh_CN\">第一.</p>"
    "<ul><li>One</li><li xml:lang=\"de\">Eins</li><li>Two</li></ul>"
    "</description></release></releases></component>";
  const char * const german[] = { "de_DE", "de", "C", NULL };
  const char * const french[] = { "fr", "C", NULL };
  g_autofree char *de = tessera_release_notes_read (metainfo, "0.1.0", german);
  g_autofree char *fr = tessera_release_notes_read (metainfo, "0.1.0", french);
  g_autofree char *none = tessera_release_notes_read (metainfo, "9.9", french);

  g_assert_cmpstr (de, ==, "<p>Erste.</p><ul><li>Eins</li><li>Two</li></ul>");
  g_assert_cmpstr (fr, ==, "<p>First &amp; best.</p><ul><li>One</li><li>Two</li></ul>");
  g_assert_null (none);
}

/* About has the release notes of this version, from the metainfo. */
static void
test_about (Fixture       *fixture,
            gconstpointer  data)
{
  AdwAboutWindow *about;
  const char *notes;

  activate (fixture->window, "win.about", NULL);
  WAIT_UNTIL ((about = ADW_ABOUT_WINDOW (find_dialog (GTK_WINDOW (fixture->window), ADW_TYPE_ABOUT_WINDOW))) != NULL);
  notes = adw_about_window_get_release_notes (about);
  g_test_message ("notes: %s", notes);
  g_assert_cmpstr (adw_about_window_get_release_notes_version (about), ==, PACKAGE_VERSION);
  g_assert_true (g_str_has_prefix (notes, "<p>The first release"));
  g_assert_nonnull (strstr (notes, "<li>Test any token against the server</li>"));
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "test-ui-window"))
    return 0;

  g_test_add ("/window/title", Fixture, NULL, fixture_set_up, test_title, fixture_tear_down);
  g_test_add_func ("/window/release-notes-read", test_release_notes_read);
  g_test_add ("/window/about", Fixture, NULL, fixture_set_up, test_about, fixture_tear_down);
  g_test_add ("/window/narrow", Fixture, NULL, fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/window/actions-follow-list", Fixture, NULL, fixture_set_up,
              test_actions_follow_list, fixture_tear_down);
  g_test_add ("/window/open-server-with-token", Fixture, NULL, fixture_set_up,
              test_open_server_with_token, fixture_tear_down);
  g_test_add_func ("/window/open-server-at-start", test_open_server_at_start);
  g_test_add ("/window/open-server-second-account", Fixture, two_users, fixture_set_up,
              test_open_server_second_account, fixture_tear_down);
  g_test_add ("/window/open-server-wrong-token", Fixture, NULL, fixture_set_up,
              test_open_server_wrong_token, fixture_tear_down);
  g_test_add ("/window/open-known-server", Fixture, NULL, fixture_set_up,
              test_open_known_server, fixture_tear_down);
  g_test_add ("/window/copy-token", Fixture, NULL, fixture_set_up_signed_in,
              test_copy_token, fixture_tear_down);
  g_test_add ("/window/clipboard-clears", Fixture, NULL, fixture_set_up_signed_in,
              test_clipboard_clears, fixture_tear_down);
  g_test_add ("/window/copy-as", Fixture, NULL, fixture_set_up_signed_in,
              test_copy_as, fixture_tear_down);
  g_test_add ("/window/attach-secret", Fixture, NULL, fixture_set_up_signed_in,
              test_attach_secret, fixture_tear_down);
  g_test_add_func ("/window/cli-with-token-refuses-empty", test_cli_with_token_refuses_empty);
  g_test_add_func ("/window/cli-with-token-signs-in", test_cli_with_token_signs_in);

  return ui_test_run ();
}
