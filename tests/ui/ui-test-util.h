/* ui-test-util.h — what the ui tests share: a keyring of their own, one
 * application per program, windows driven through their own actions,
 * finding widgets by what a person sees, and the oracles of
 * ../test-oracles.h for the server and the keyring
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#define WAIT_SECONDS 40

#include "private-session.h"
#include "test-desktop.h"
#include "test-oracles.h"
#include "test-own-keyring.h"
#include "test-wait.h"
#include "tessera-application.h"
#include "tessera-dialogs.h"
#include "tessera-generate-dialog.h"
#include "tessera-secret-row.h"
#include "tessera-sign-in-page.h"
#include "tessera-test-server.h"
#include "tessera-token-page.h"
#include "tessera-token-details-dialog.h"
#include "tessera-token-row.h"
#include "tessera-window.h"

/* ---- a keyring of this program's own ---------------------------------- */

/* The bus of this program; set in the children of ui_test_run_in_child()
 * too: they use their parent's bus and keyring. */
#define UI_TEST_BUS_ENV "TESSERA_UI_TEST_BUS"

static char *ui_test_program;

/* Every Tessera reads every saved sign-in at start-up, so programs that
 * share a keyring see each other's accounts: the session suite's, the
 * e2e binary's, the other ui programs' running beside this one.  Each ui
 * program therefore gets a session bus of its own (no service on it can
 * be activated) with an unlocked gnome-keyring-daemon whose files live
 * under the private session's XDG_DATA_HOME (tests/test-own-keyring.h).
 * The daemon leaves with the bus. */
static inline void
ui_test_keyring_up (void)
{
  if (g_getenv (UI_TEST_BUS_ENV) != NULL)
    return;

  own_keyring_up ();
  g_setenv (UI_TEST_BUS_ENV, g_test_dbus_get_bus_address (own_keyring_bus), TRUE);

  /* What Tessera remembers between starts (the expiry moments it told)
   * and its start at login are this program's too: its children see
   * them, the other programs not. */
  {
    g_autofree char *state = g_build_filename (own_keyring_base, "state", NULL);
    g_autofree char *config = g_build_filename (own_keyring_base, "config", NULL);

    g_setenv ("XDG_STATE_HOME", state, TRUE);
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  }

  /* And a notification server that records what Tessera tells (expiring
   * tokens): GLib warns, fatally in a test, when it finds none.  With a
   * Background portal (Run in Background).  It too leaves with the bus. */
  {
    const char *args[] = { "--notifications", "--portal", NULL };
    G_GNUC_UNUSED g_autoptr(GSubprocess) desktop = test_desktop_start (args);
  }
}

static inline void
ui_test_keyring_down (void)
{
  /* GTK too keeps its bus connection to the end: own_keyring_down() does
   * not wait for it. */
  own_keyring_down ();
}

/* ---- the program ------------------------------------------------------ */

/* FALSE: not inside build-aux/private-session; main() returns 0 then (the
 * TAP plan says the program skipped). */
static inline gboolean
ui_test_init (int         *argc,
              char      ***argv,
              const char  *program)
{
  if (!tessera_test_in_private_session (program))
    return FALSE;

  ui_test_program = g_strdup ((*argv)[0]);

  ui_test_keyring_up ();
  /* Under Xvfb GTK renders with software GL, whose frames took seconds on
   * a loaded machine; Cairo draws the same widgets cheaply.  These tests
   * drive widgets, not pixels, and need no accessibility bus (the test
   * bus has none; the e2e suite covers AT-SPI). */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  return TRUE;
}

static inline int
ui_test_run (void)
{
  int status = g_test_run ();

  ui_test_keyring_down ();
  return status;
}

/* Runs the calling test again in a child process, as a fresh start of
 * Tessera would be: a new application that restores what the keyring
 * holds.  (Not g_test_trap_subprocess(): the child's "incomplete" must
 * reach the parent, see ui_test_incomplete().) */
static inline void
ui_test_run_in_child (void)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, ui_test_program,
                            "-q", "-p", g_test_get_path (), "--GTestSubprocess", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (out != NULL ? out : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "INCOMPLETE: "))
        g_test_incomplete (lines[i] + strlen ("INCOMPLETE: "));
      else if (lines[i][0] != '\0')
        g_test_message ("child: %s", lines[i]);
    }

  if (!g_subprocess_get_successful (child))
    {
      g_test_message ("the child (%s) failed: its error is in the log above", g_test_get_path ());
      g_test_fail ();
    }
}

/* A known bug, not fixed here (the code is another layer's): the test
 * says so and goes on.  In the child of ui_test_run_in_child() it goes
 * to the parent. */
static inline void
ui_test_incomplete (const char *message)
{
  if (g_test_subprocess ())
    g_print ("INCOMPLETE: %s\n", message);
  else
    g_test_incomplete (message);
}

/* ---- the application -------------------------------------------------- */

static TesseraApplication *ui_test_application;

/* The one registered application of this program (a second could not
 * export itself on the bus while the first lives); registering it starts
 * it up, which restores every saved sign-in, as Tessera does at start.
 * Borrowed. */
static inline TesseraApplication *
ui_test_app (void)
{
  if (ui_test_application == NULL)
    {
      g_autoptr(GError) error = NULL;

      ui_test_application = tessera_application_new ();
      /* Not unique: tests run side by side. */
      g_application_set_flags (G_APPLICATION (ui_test_application), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (ui_test_application), NULL, &error);
      g_assert_no_error (error);
    }

  return ui_test_application;
}

static inline TesseraAccounts *
ui_test_accounts (void)
{
  return tessera_application_get_accounts (ui_test_app ());
}

static inline guint
ui_test_n_accounts (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (ui_test_accounts ()));
}

static inline TesseraSession *
ui_test_find_account (const char *url,
                      const char *email)
{
  return tessera_accounts_find (ui_test_accounts (), url, email);
}

/* ---- windows ---------------------------------------------------------- */

/* A new, shown window of the application (a reference the caller owns). */
static inline TesseraWindow *
ui_window_new (void)
{
  TesseraWindow *window = tessera_window_new (ui_test_app ());

  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (window)) > 0);

  return window;
}

/* Whether @window (compared, never dereferenced) is still an open window:
 * destroyed, it may live on a little while something holds a reference. */
static inline gboolean
window_is_open (gpointer window)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gboolean found = g_list_find (toplevels, window) != NULL;

  g_list_free (toplevels);

  return found;
}

static inline void
ui_window_close (TesseraWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

static inline const char *
window_page (TesseraWindow *window)
{
  return tessera_window_get_page (window);
}

static inline GtkStack *
window_stack (TesseraWindow *window)
{
  return GTK_STACK (gtk_widget_get_parent (tessera_window_get_sign_in_page (window)));
}

static inline TesseraTokenPage *
token_page (TesseraWindow *window)
{
  return TESSERA_TOKEN_PAGE (tessera_window_get_token_page (window));
}

static inline TesseraSignInPage *
sign_in_page (TesseraWindow *window)
{
  return TESSERA_SIGN_IN_PAGE (tessera_window_get_sign_in_page (window));
}

static inline TesseraSession *
window_session (TesseraWindow *window)
{
  return tessera_window_get_session (window);
}

static inline TesseraTokenList *
window_tokens (TesseraWindow *window)
{
  g_assert_nonnull (window_session (window));
  return tessera_session_get_tokens (window_session (window));
}

static inline gboolean
window_shows (TesseraWindow *window,
              const char    *page)
{
  return g_strcmp0 (window_page (window), page) == 0;
}

/* The token page shows its list (not loading, not an error). */
static inline gboolean
list_shown (TesseraWindow *window)
{
  return window_shows (window, "tokens") &&
         g_strcmp0 (tessera_token_page_get_view (token_page (window)), "list") == 0;
}

/* Activates a win.* action as a button, a menu item or a key would. */
static inline void
activate (TesseraWindow *window,
          const char    *action,
          GVariant      *parameter)
{
  /* A floating @parameter is ours to sink: GTK only sinks it on some paths. */
  g_autoptr(GVariant) held = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, held));
}

/* Presses the key bound to something on @widget: finds the shortcut whose
 * trigger is @keyval with @modifiers among the widget's own controllers
 * (GTK 4.8 offers no way to synthesize a key event), and activates what it
 * is bound to.  Returns whether that handled the key (an action that is
 * off does not); fails the test when nothing is bound to it. */
static inline gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  g_error ("Nothing is bound to %s on %s", gtk_accelerator_name (keyval, modifiers),
           G_OBJECT_TYPE_NAME (widget));
  return FALSE;
}

/* What @window comes to show while a PageLog runs (what it showed when the
 * log started does not count): its pages in order, and whose token list
 * it showed (an account followed while the "tokens" page is up). */
typedef struct
{
  TesseraWindow *window;
  GtkStack      *stack;
  GPtrArray     *pages;
  GPtrArray     *lists;   /* emails */
  gulong         page_id;
  gulong         session_id;
} PageLog;

static inline void
page_log_note_list (PageLog *log)
{
  TesseraSession *session = tessera_window_get_session (log->window);
  const char *email;

  if (session == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (log->stack), "tokens") != 0)
    return;
  email = tessera_session_get_email (session);
  if (!g_ptr_array_find_with_equal_func (log->lists, email, g_str_equal, NULL))
    g_ptr_array_add (log->lists, g_strdup (email));
}

static inline void
page_log_page_cb (GtkStack   *stack,
                  GParamSpec *pspec,
                  PageLog    *log)
{
  g_ptr_array_add (log->pages, g_strdup (gtk_stack_get_visible_child_name (stack)));
  page_log_note_list (log);
}

static inline void
page_log_session_cb (TesseraWindow *window,
                     GParamSpec    *pspec,
                     PageLog       *log)
{
  page_log_note_list (log);
}

static inline PageLog *
page_log_start (TesseraWindow *window)
{
  PageLog *log = g_new0 (PageLog, 1);

  log->window = g_object_ref (window);
  log->stack = g_object_ref (window_stack (window));
  log->pages = g_ptr_array_new_with_free_func (g_free);
  log->lists = g_ptr_array_new_with_free_func (g_free);
  log->page_id = g_signal_connect (log->stack, "notify::visible-child-name",
                                   G_CALLBACK (page_log_page_cb), log);
  log->session_id = g_signal_connect (window, "notify::session", G_CALLBACK (page_log_session_cb), log);
  return log;
}

static inline gboolean
page_log_has (PageLog    *log,
              const char *page)
{
  return g_ptr_array_find_with_equal_func (log->pages, page, g_str_equal, NULL);
}

/* Whether the window showed the token list of @email. */
static inline gboolean
page_log_showed_list_of (PageLog    *log,
                         const char *email)
{
  return g_ptr_array_find_with_equal_func (log->lists, email, g_str_equal, NULL);
}

static inline char *
page_log_text (PageLog *log)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < log->pages->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " → " : "", (const char *) g_ptr_array_index (log->pages, i));
  for (guint i = 0; i < log->lists->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "; lists of ", (const char *) g_ptr_array_index (log->lists, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static inline void
page_log_free (PageLog *log)
{
  g_signal_handler_disconnect (log->stack, log->page_id);
  g_signal_handler_disconnect (log->window, log->session_id);
  g_object_unref (log->stack);
  g_object_unref (log->window);
  g_ptr_array_unref (log->pages);
  g_ptr_array_unref (log->lists);
  g_free (log);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PageLog, page_log_free)

/* ---- finding widgets -------------------------------------------------- */

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

static inline void
collect_widgets (GtkWidget     *root,
                 WidgetMatch    match,
                 gconstpointer  data,
                 GPtrArray     *out)
{
  if (match (root, data))
    g_ptr_array_add (out, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, match, data, out);
}

static inline GtkWidget *
find_widget (GtkWidget     *root,
             WidgetMatch    match,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, match, data, found);
  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

static inline gboolean
match_token_row (GtkWidget     *widget,
                 gconstpointer  data)
{
  return TESSERA_IS_TOKEN_ROW (widget);
}

static inline gboolean
match_action (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static inline gboolean
match_actionable (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static inline gboolean
match_label_prefix (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

static inline gboolean
match_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static inline GtkWidget *
find_action_button (gpointer    root,
                    const char *action)
{
  return find_widget (GTK_WIDGET (root), match_action, action);
}

/* Whether @action is enabled, as a person sees it: the buttons that
 * activate it are sensitive.  GTK 4.8 has no public way to ask a widget's
 * action directly; for an action only a menu has, see menu_item_enabled(). */
static inline gboolean
action_enabled (TesseraWindow *window,
                const char    *action)
{
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();
  gboolean enabled;

  collect_widgets (GTK_WIDGET (window), match_actionable, action, widgets);
  if (widgets->len == 0)
    g_error ("Nothing in the window activates %s", action);

  enabled = gtk_widget_get_sensitive (g_ptr_array_index (widgets, 0));
  for (guint i = 1; i < widgets->len; i++)
    g_assert_cmpint (gtk_widget_get_sensitive (g_ptr_array_index (widgets, i)), ==, enabled);
  return enabled;
}

static inline gboolean
match_menu_item (GtkWidget     *widget,
                 gconstpointer  data)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkModelButton") != 0)
    return FALSE;
  g_object_get (widget, "text", &text, NULL);
  return g_strcmp0 (text, data) == 0;
}

/* Whether the menu items labelled @label show as chosen (a radio item
 * whose target is its action's state). */
static inline gboolean
menu_item_active (TesseraWindow *window,
                  const char    *label)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  gboolean active = FALSE;

  collect_widgets (GTK_WIDGET (window), match_menu_item, label, items);
  if (items->len == 0)
    g_error ("No menu item “%s” in the window", label);

  for (guint i = 0; i < items->len; i++)
    {
      gboolean item_active = FALSE;

      g_object_get (g_ptr_array_index (items, i), "active", &item_active, NULL);
      if (i == 0)
        active = item_active;
      g_assert_cmpint (item_active, ==, active);
    }
  return active;
}

/* Whether the menu items labelled @label ("Sign Out", no mnemonic)
 * are sensitive.  GTK builds a menu's items when the menu button gets its
 * model, and they follow their action's enabled state from then on, open
 * or not. */
static inline gboolean
menu_item_enabled (TesseraWindow *window,
                   const char    *label)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  gboolean enabled;

  collect_widgets (GTK_WIDGET (window), match_menu_item, label, items);
  if (items->len == 0)
    g_error ("No menu item “%s” in the window", label);

  enabled = gtk_widget_get_sensitive (g_ptr_array_index (items, 0));
  for (guint i = 1; i < items->len; i++)
    g_assert_cmpint (gtk_widget_get_sensitive (g_ptr_array_index (items, i)), ==, enabled);
  return enabled;
}

static inline GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);

  return GTK_WIDGET (child);
}

/* On screen: mapped, so visible with every parent up to a shown window
 * (a page of a stack that is not shown is not). */
static inline gboolean
on_screen (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_get_mapped (widget);
}

/* The token rows the list shows now, top to bottom. */
static inline GPtrArray *
token_rows (TesseraWindow *window)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (token_page (window)), match_token_row, NULL, rows);
  return rows;
}

static inline guint
n_token_rows (TesseraWindow *window)
{
  g_autoptr(GPtrArray) rows = token_rows (window);

  return rows->len;
}

static inline const char *
row_id (gpointer row)
{
  return tessera_token_get_id (tessera_token_row_get_token (TESSERA_TOKEN_ROW (row)));
}

/* The ids of the rows shown, top to bottom. */
static inline GPtrArray *
row_ids (TesseraWindow *window)
{
  g_autoptr(GPtrArray) rows = token_rows (window);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (ids, g_strdup (row_id (g_ptr_array_index (rows, i))));
  return ids;
}

/* The rows are the server's tokens of @token's account, in its order. */
static inline void
assert_rows_are_server_list (TesseraWindow *window,
                             const char    *url,
                             const char    *token)
{
  g_autoptr(GPtrArray) shown = row_ids (window);
  g_autoptr(GPtrArray) listed = oracle_ids (url, token);

  assert_same_ids (shown, listed);
}

static inline gboolean
match_visible_label (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget);
}

/* Every visible text of @widget, one per line. */
static inline char *
widget_text (GtkWidget *widget)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  collect_widgets (widget, match_visible_label, NULL, labels);
  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (text, "%s\n", gtk_label_get_text (g_ptr_array_index (labels, i)));

  return g_string_free (text, FALSE);
}

/* The row of the token whose notes are @notes. */
static inline GtkWidget *
row_for_notes (TesseraWindow *window,
               const char    *notes)
{
  g_autoptr(GPtrArray) rows = token_rows (window);

  for (guint i = 0; i < rows->len; i++)
    {
      TesseraToken *token = tessera_token_row_get_token (g_ptr_array_index (rows, i));

      if (g_strcmp0 (tessera_token_get_notes (token), notes) == 0)
        return g_ptr_array_index (rows, i);
    }

  return NULL;
}

static inline GtkWidget *
row_for_id (TesseraWindow *window,
            const char    *id)
{
  g_autoptr(GPtrArray) rows = token_rows (window);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (row_id (g_ptr_array_index (rows, i)), id) == 0)
      return g_ptr_array_index (rows, i);

  return NULL;
}

/* A text of @window (a label: a toast, a title…) that starts with
 * @prefix and is on screen now. */
static inline GtkWidget *
find_text (TesseraWindow *window,
            const char    *prefix)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), match_label_prefix, prefix, labels);
  for (guint i = 0; i < labels->len; i++)
    if (on_screen (g_ptr_array_index (labels, i)))
      return g_ptr_array_index (labels, i);
  return NULL;
}

static inline gboolean
match_alert_text (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_ALERT &&
         g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), data);
}

/* Whether @text was last said by an announcer (or is an alert) in @root:
 * what a screen reader is told of, where GTK 4.8 cannot announce. */
static inline gboolean
announced (gpointer    root,
           const char *text)
{
  return find_widget (GTK_WIDGET (root), match_alert_text, text) != NULL;
}

/* ---- menus ------------------------------------------------------------ */

/* The items of section @section of @menu, each as "label → action(target)". */
static inline GPtrArray *
menu_section_items (GMenuModel *menu,
                    int         section)
{
  g_autoptr(GMenuModel) items = g_menu_model_get_item_link (menu, section, G_MENU_LINK_SECTION);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (items);
  for (int i = 0; i < g_menu_model_get_n_items (items); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (items, i, G_MENU_ATTRIBUTE_TARGET, NULL);

      g_menu_model_get_item_attribute (items, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_menu_model_get_item_attribute (items, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
      if (target != NULL)
        g_ptr_array_add (out, g_strdup_printf ("%s → %s('%s')", label, action,
                                               g_variant_get_string (target, NULL)));
      else
        g_ptr_array_add (out, g_strdup_printf ("%s → %s", label, action));
    }
  return out;
}

/* The main menus of @window's pages (a "Main Menu" GtkMenuButton each;
 * only the shown page's is primary). */
static inline GPtrArray *
main_menus (TesseraWindow *window)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GPtrArray *menus = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), match_type, GSIZE_TO_POINTER (GTK_TYPE_MENU_BUTTON), buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)), "Main Menu") == 0)
      g_ptr_array_add (menus, gtk_menu_button_get_menu_model (g_ptr_array_index (buttons, i)));
  return menus;
}

/* ---- signing in, as a person would ------------------------------------ */

static inline GtkEditable *
server_entry (TesseraWindow *window)
{
  return GTK_EDITABLE (template_child (sign_in_page (window), TESSERA_TYPE_SIGN_IN_PAGE, "server_row"));
}

/* The entry inside a TesseraSecretRow template child. */
static inline GtkWidget *
secret_entry (gpointer    widget,
              GType       type,
              const char *name)
{
  return tessera_secret_row_get_entry (TESSERA_SECRET_ROW (template_child (widget, type, name)));
}

static inline GtkEditable *
token_entry (TesseraWindow *window)
{
  return GTK_EDITABLE (secret_entry (sign_in_page (window), TESSERA_TYPE_SIGN_IN_PAGE, "token_row"));
}

static inline GtkWidget *
sign_in_button (TesseraWindow *window)
{
  return template_child (sign_in_page (window), TESSERA_TYPE_SIGN_IN_PAGE, "sign_in_button");
}

static inline GtkWidget *
cancel_button (TesseraWindow *window)
{
  return template_child (sign_in_page (window), TESSERA_TYPE_SIGN_IN_PAGE, "cancel_button");
}

/* Fills in the sign-in page (@url NULL: leaves the server as it is) and
 * clicks "Sign In"; returns once the answer is in. */
static inline void
type_sign_in (TesseraWindow *window,
              const char    *url,
              const char    *token)
{
  g_assert_cmpstr (window_page (window), ==, "sign-in");
  if (url != NULL)
    gtk_editable_set_text (server_entry (window), url);
  gtk_editable_set_text (token_entry (window), token);
  g_assert_true (gtk_widget_is_sensitive (sign_in_button (window)));
  /* "clicked", as a mouse click does ("activate" waits for a key animation). */
  g_signal_emit_by_name (sign_in_button (window), "clicked");
  g_assert_true (tessera_sign_in_page_get_busy (sign_in_page (window)));
  WAIT_UNTIL (!tessera_sign_in_page_get_busy (sign_in_page (window)));
}

/* Signs in on the sign-in page and waits for the account's list: loaded,
 * and no listing under way (signing in again lists again rows that an
 * earlier listing left). */
static inline TesseraSession *
sign_in (TesseraWindow *window,
         const char    *url,
         const char    *token)
{
  type_sign_in (window, url, token);
  WAIT_UNTIL (list_shown (window) && tessera_token_list_get_loaded (window_tokens (window)) &&
              !tessera_token_list_get_loading (window_tokens (window)));
  return window_session (window);
}

/* "Add Account…", then signs in there. */
static inline TesseraSession *
add_account (TesseraWindow *window,
             const char    *url,
             const char    *token)
{
  activate (window, "win.add-account", NULL);
  g_assert_cmpstr (window_page (window), ==, "sign-in");
  return sign_in (window, url, token);
}

/* The win.account target of @session: "SERVER EMAIL". */
static inline char *
account_key (TesseraSession *session)
{
  return g_strdup_printf ("%s %s", tessera_session_get_server_url (session),
                          tessera_session_get_email (session));
}

/* ---- dialogs ---------------------------------------------------------- */

/* The message dialog transient for @parent, if one is open. */
static inline AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  AdwMessageDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data)
        && gtk_window_get_transient_for (l->data) == parent
        && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

/* The open window of @type transient for @parent, if any. */
static inline GtkWindow *
find_dialog (GtkWindow *parent,
             GType      type)
{
  GtkWindow *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type)
        && gtk_window_get_transient_for (l->data) == parent
        && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

static inline GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Clicks the response button labelled @label (mnemonic included, e.g.
 * "_Delete") as a person would: adw_message_dialog_response() alone would
 * not close the dialog. */
static inline void
click_response (AdwMessageDialog *dialog,
                const char       *label)
{
  GtkWidget *button;

  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  button = find_button (GTK_WIDGET (dialog), label);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* No message dialog (an error…) is open over @parent. */
static inline void
assert_no_message_dialog (GtkWindow *parent)
{
  AdwMessageDialog *dialog = find_message_dialog (parent);

  if (dialog != NULL)
    g_error ("Unexpected dialog “%s”: %s", adw_message_dialog_get_heading (dialog),
             adw_message_dialog_get_body (dialog));
}

/* Sign Out, confirmed in the dialog it asks with. */
static inline void
sign_out (TesseraWindow *window)
{
  AdwMessageDialog *dialog;

  activate (window, "win.sign-out", NULL);
  WAIT_UNTIL ((dialog = find_message_dialog (GTK_WINDOW (window))) != NULL);
  click_response (dialog, "_Sign Out");
}

#define GENERATE_CHILD(dialog, name) template_child (dialog, TESSERA_TYPE_GENERATE_DIALOG, name)

static inline const char *
generate_step (GtkWindow *dialog)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (GENERATE_CHILD (dialog, "stack")));
}

/* win.generate: the dialog the window opened for it. */
static inline GtkWindow *
open_generate (TesseraWindow *window)
{
  GtkWindow *dialog;

  activate (window, "win.generate", NULL);
  dialog = find_dialog (GTK_WINDOW (window), TESSERA_TYPE_GENERATE_DIALOG);
  g_assert_nonnull (dialog);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  return dialog;
}

/* A token with @notes, generated through win.generate and its dialog;
 * its secret saved in the keyring when @save (else copied, so that Done
 * closes at once).  Returns the secret shown (wipe it, free it). */
static inline char *
generate_token (TesseraWindow *window,
                const char    *notes,
                gboolean       save)
{
  GtkWindow *dialog = open_generate (window);
  char *secret;

  gtk_editable_set_text (GTK_EDITABLE (GENERATE_CHILD (dialog, "note_row")), notes);
  gtk_switch_set_active (GTK_SWITCH (GENERATE_CHILD (dialog, "save_switch")), save);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.create", NULL));
  WAIT_UNTIL (g_strcmp0 (generate_step (dialog), "secret") == 0);
  secret = g_strdup (gtk_label_get_text (GTK_LABEL (GENERATE_CHILD (dialog, "secret_label"))));
  if (save)
    {
      WAIT_UNTIL (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (GENERATE_CHILD (dialog, "save_row"))),
                             "Saved in the keyring") == 0);
      g_assert_true (announced (dialog, "Saved in the keyring"));
    }
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "generate.copy", NULL));

  g_signal_emit_by_name (GENERATE_CHILD (dialog, "done_button"), "clicked");
  WAIT_UNTIL (!window_is_open (dialog));
  return secret;
}

/* ---- a test's server, window and clean-up ----------------------------- */

typedef struct
{
  TesseraTestServer *server;
  const char        *url;
  TesseraWindow     *window;
} Fixture;

static inline const char *
demo_token (Fixture *fixture)
{
  return tessera_test_server_get_demo_token (fixture->server);
}

static inline const char *
demo_email (Fixture *fixture)
{
  return tessera_test_server_get_demo_email (fixture->server);
}

static inline const char *
user_token (Fixture *fixture,
            guint    index)
{
  return tessera_test_server_get_user_token (fixture->server, index);
}

static inline TesseraTestServer *
start_server (const char * const *extra_args)
{
  g_autoptr(GError) error = NULL;
  TesseraTestServer *server = tessera_test_server_start (extra_args, &error);

  g_assert_no_error (error);
  return server;
}

/* @data: the server's extra arguments (a NULL-terminated array) or NULL.
 * A server and a window with nothing signed in.  Nothing in the child of
 * ui_test_run_in_child(): there the test makes its own start. */
static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (g_test_subprocess ())
    return;

  fixture->server = start_server (data);
  fixture->url = tessera_test_server_get_url (fixture->server);
  WAIT_UNTIL (!tessera_accounts_get_restoring (ui_test_accounts ()));
  g_assert_cmpuint (ui_test_n_accounts (), ==, 0);
  fixture->window = ui_window_new ();
  WAIT_UNTIL (window_shows (fixture->window, "sign-in"));
}

/* The same, signed in to the demo account on the sign-in page. */
static inline void
fixture_set_up_signed_in (Fixture       *fixture,
                          gconstpointer  data)
{
  fixture_set_up (fixture, data);
  if (!g_test_subprocess ())
    sign_in (fixture->window, fixture->url, demo_token (fixture));
}

/* Signs every account of the application out (the next test starts with
 * none), closes every window and leaves nothing of the server in the
 * keyring or in the settings. */
static inline void
ui_test_clean_up (const char *url)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GList *toplevels = gtk_window_list_toplevels ();

  /* Held: destroying a dialog can free another toplevel of the list (one
   * of its own, or a window only the toplevel list kept). */
  for (GList *l = toplevels; l != NULL; l = l->next)
    g_object_ref (l->data);
  /* Dialogs first, then windows. */
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (!TESSERA_IS_WINDOW (l->data))
      gtk_window_destroy (l->data);
  /* A dialog destroyed above may be gone already: asked first whether it
   * is open (a pointer compare), only then what it is. */
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (window_is_open (l->data) && TESSERA_IS_WINDOW (l->data))
      gtk_window_destroy (l->data);
  g_list_free_full (toplevels, g_object_unref);

  if (ui_test_application != NULL)
    {
      TesseraAccounts *accounts = ui_test_accounts ();

      while (g_list_model_get_n_items (G_LIST_MODEL (accounts)) > 0)
        {
          g_autoptr(TesseraSession) session = g_list_model_get_item (G_LIST_MODEL (accounts), 0);
          g_autoptr(GAsyncResult) result = NULL;

          tessera_session_sign_out_async (session, NULL, result_cb, &result);
          tessera_session_sign_out_finish (session, wait_result (&result), NULL);
        }
      tessera_accounts_set_request_timeout (accounts, 0);
    }

  if (url != NULL)
    keyring_clear_server (url);
  g_settings_reset (settings, "last-account");
  g_settings_reset (settings, "server-url");
  g_settings_reset (settings, "expiry-warning-days");
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (g_test_subprocess ())
    return;

  ui_test_clean_up (fixture->url);
  g_clear_object (&fixture->window);
  g_clear_pointer (&fixture->server, tessera_test_server_stop);
}
