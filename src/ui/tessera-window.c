/* tessera-window.c — a window that follows one account
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-a11y.h"
#include "tessera-window-private.h"

G_DEFINE_FINAL_TYPE (TesseraWindow, tessera_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_ACCOUNTS,
  PROP_SESSION,
  PROP_ACCOUNT_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void follow_session (TesseraWindow  *self,
                            TesseraSession *session,
                            gboolean        chosen);

/* ---------------------------------------------------------------- pages */

char *
tessera_window_dup_account_key (TesseraSession *session)
{
  return g_strdup_printf ("%s %s", tessera_session_get_server_url (session),
                          tessera_session_get_email (session));
}

static void
update_problem (TesseraWindow *self)
{
  TesseraSessionState state = tessera_session_get_state (self->session);
  const GError *error = tessera_session_get_error (self->session);
  g_autofree char *escaped = g_markup_escape_text (error != NULL ? error->message : "", -1);
  gboolean refused = state == TESSERA_SESSION_STATE_REFUSED;

  adw_status_page_set_title (self->problem_status,
                             refused ? _("The Server Refused the Sign-In Token")
                                     : _("Could Not Sign In"));
  adw_status_page_set_icon_name (self->problem_status,
                                 refused ? "dialog-password-symbolic" : "network-error-symbolic");
  /* The description is markup; an error's words are not. */
  adw_status_page_set_description (self->problem_status, escaped);
  adw_window_title_set_subtitle (self->problem_title, tessera_session_get_email (self->session));
  gtk_widget_set_visible (self->sign_in_again_button, refused);
  gtk_widget_set_visible (self->retry_button, !refused);
}

static const char *
wanted_page (TesseraWindow *self)
{
  /* Not the sign-in page, nor another account, while a sign-in given on
   * the command line runs, whatever else changes meanwhile. */
  if (self->sign_in_mode == SIGN_IN_OPENING)
    return "loading";
  if (self->sign_in_mode != SIGN_IN_NONE)
    return "sign-in";

  if (self->session == NULL)
    return self->accounts != NULL && tessera_accounts_get_restoring (self->accounts)
           ? "loading" : "sign-in";

  switch (tessera_session_get_state (self->session))
    {
    case TESSERA_SESSION_STATE_RESTORING:
      return "loading";
    case TESSERA_SESSION_STATE_SIGNED_IN:
      return "tokens";
    case TESSERA_SESSION_STATE_REFUSED:
    case TESSERA_SESSION_STATE_FAILED:
      return "problem";
    case TESSERA_SESSION_STATE_ENDED:
    default:
      return "sign-in";
    }
}

void
tessera_window_update_page (TesseraWindow *self)
{
  const char *page = wanted_page (self);

  if (g_str_equal (page, "problem"))
    update_problem (self);

  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  /* F10 opens the first main menu GTK finds mapped: while a page fades in
   * over another, that could be the one going away. */
  tessera_sign_in_page_set_primary_menu (self->sign_in_page, g_str_equal (page, "sign-in"));
  tessera_token_page_set_primary_menu (self->token_page, g_str_equal (page, "tokens"));
  gtk_menu_button_set_primary (self->problem_menu_button, g_str_equal (page, "problem"));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), page) == 0)
    return;

  gtk_stack_set_visible_child_name (self->main_stack, page);
  if (g_str_equal (page, "sign-in"))
    tessera_sign_in_page_focus (self->sign_in_page);
}

/* ---------------------------------------------------------------- accounts */

/* Nothing followed (the start, or the account just left): the one used
 * last, if any.  Not while the user is adding an account.  At start the
 * saved accounts come one by one: one followed before the one used last
 * came, and not shown yet (still restoring), gives way to it. */
static void
follow_preferred (TesseraWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  TesseraSession *session;

  if (self->sign_in_mode != SIGN_IN_NONE || self->pending_server != NULL ||
      !TESSERA_IS_APPLICATION (app))
    return;
  if (self->session != NULL &&
      (!self->auto_followed ||
       tessera_session_get_state (self->session) != TESSERA_SESSION_STATE_RESTORING))
    return;

  session = tessera_application_get_preferred_session (TESSERA_APPLICATION (app));
  if (session != NULL && session != self->session)
    follow_session (self, session, FALSE);
}

static void
rebuild_accounts_menu (TesseraWindow *self)
{
  guint n = self->accounts != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->accounts)) : 0;

  g_menu_remove_all (self->accounts_menu);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraSession) session = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);
      g_autofree char *title = tessera_session_dup_title (session);
      g_autofree char *key = tessera_window_dup_account_key (session);
      g_autoptr(GMenuItem) item = g_menu_item_new (title, NULL);

      g_menu_item_set_action_and_target_value (item, "win.account", g_variant_new_string (key));
      g_menu_append_item (self->accounts_menu, item);
    }

  {
    g_autoptr(GMenuItem) add = g_menu_item_new (_("_Add Account…"), "win.add-account");

    g_menu_append_item (self->accounts_menu, add);
  }
}

/* The account to show instead of @ended: the one used last, else the
 * first other one still there; NULL when there is none. */
static TesseraSession *
next_session (TesseraWindow  *self,
              TesseraSession *ended)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  TesseraSession *preferred = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));

  if (TESSERA_IS_APPLICATION (app))
    preferred = tessera_application_get_preferred_session (TESSERA_APPLICATION (app));
  if (preferred != NULL && preferred != ended &&
      tessera_session_get_state (preferred) != TESSERA_SESSION_STATE_ENDED)
    return preferred;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraSession) session = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      if (session != ended && tessera_session_get_state (session) != TESSERA_SESSION_STATE_ENDED)
        return session;
    }

  return NULL;
}

/* The followed account ended (signed out, removed, every token deleted)
 * and leaves the application: straight on to another one, or to the
 * sign-in page saying why when it ended on its own, never through the
 * sign-in page on the way.  Runs from whichever comes first, the
 * session's "state" or the accounts' "items-changed"; FALSE when the
 * followed account has not ended. */
static gboolean
leave_ended_session (TesseraWindow *self)
{
  g_autoptr(TesseraSession) ended = NULL;
  TesseraSession *next;
  const GError *reason;
  gboolean opening;

  if (self->session == NULL || tessera_session_get_state (self->session) != TESSERA_SESSION_STATE_ENDED)
    return FALSE;

  ended = g_object_ref (self->session);
  reason = tessera_session_get_error (ended);
  opening = self->sign_in_mode == SIGN_IN_OPENING;
  next = self->sign_in_mode == SIGN_IN_NONE ? next_session (self, ended) : NULL;
  if (next == NULL)
    {
      tessera_sign_in_page_set_notice (self->sign_in_page, reason != NULL ? reason->message : NULL);
      tessera_sign_in_page_set_error (self->sign_in_page, NULL);
    }
  follow_session (self, next, FALSE);
  if (opening)
    tessera_window_set_sign_in_mode (self, SIGN_IN_OPENING);
  if (next != NULL && reason != NULL)
    tessera_window_toast (self, reason->message);

  return TRUE;
}

static void
accounts_changed_cb (TesseraWindow *self)
{
  rebuild_accounts_menu (self);
  if (leave_ended_session (self))
    return;
  follow_preferred (self);
  tessera_window_update_page (self);
  tessera_window_update_actions (self);
}

static void
accounts_restoring_cb (TesseraWindow *self)
{
  if (self->pending_server != NULL && !tessera_accounts_get_restoring (self->accounts))
    {
      g_autofree char *server = g_steal_pointer (&self->pending_server);

      tessera_window_open_server (self, server, NULL);
    }

  follow_preferred (self);
  tessera_window_update_page (self);
}

/* ---------------------------------------------------------------- session */

static void
session_state_cb (TesseraWindow *self)
{
  if (leave_ended_session (self))
    return;

  tessera_window_update_page (self);
  tessera_window_update_actions (self);
}

static void
session_warning_cb (TesseraWindow *self,
                    const char    *message)
{
  tessera_window_toast (self, message);
}

TesseraSession *
tessera_window_get_session (TesseraWindow *self)
{
  g_return_val_if_fail (TESSERA_IS_WINDOW (self), NULL);

  return self->session;
}

/* @chosen: the user (or the application for them) chose @session; the
 * window remembers it as the account used last.  Otherwise the window
 * follows it for want of another (at start, after the followed account
 * ended), and remembers nothing: that is not a choice. */
static void
follow_session (TesseraWindow  *self,
                TesseraSession *session,
                gboolean        chosen)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (chosen && session != NULL && TESSERA_IS_APPLICATION (app))
    tessera_application_set_last_session (TESSERA_APPLICATION (app), session);

  if (self->session == session)
    {
      self->auto_followed &= !chosen;
      tessera_window_set_sign_in_mode (self, SIGN_IN_NONE);
      return;
    }

  tessera_window_stop_revealing (self);
  g_set_object (&self->session, session);
  self->auto_followed = session != NULL && !chosen;
  g_signal_group_set_target (self->session_signals, session);
  g_signal_group_set_target (self->tokens_signals,
                             session != NULL ? tessera_session_get_tokens (session) : NULL);
  tessera_token_page_set_session (self->token_page, session);
  tessera_window_apply_sign_in_mode (self, SIGN_IN_NONE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_KEY]);
  tessera_window_update_page (self);
  tessera_window_update_actions (self);
}

void
tessera_window_set_session (TesseraWindow  *self,
                            TesseraSession *session)
{
  g_return_if_fail (TESSERA_IS_WINDOW (self));
  g_return_if_fail (session == NULL || TESSERA_IS_SESSION (session));

  /* Choosing an account leaves a sign-in under way behind, as Cancel
   * does: its answer must not take the window elsewhere. */
  if (self->sign_in_mode != SIGN_IN_NONE)
    tessera_window_abandon_sign_in (self);
  follow_session (self, session, TRUE);
}

static void
set_account_key (TesseraWindow *self,
                 const char    *key)
{
  guint n = self->accounts != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->accounts)) : 0;

  for (guint i = 0; key != NULL && i < n; i++)
    {
      g_autoptr(TesseraSession) session = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);
      g_autofree char *session_key = tessera_window_dup_account_key (session);

      if (g_str_equal (key, session_key))
        {
          tessera_window_set_session (self, session);
          return;
        }
    }
}

/* ---------------------------------------------------------------- public */

TesseraWindow *
tessera_window_new (gpointer application)
{
  TesseraWindow *self;

  g_return_val_if_fail (TESSERA_IS_APPLICATION (application), NULL);

  self = g_object_new (TESSERA_TYPE_WINDOW,
                       "application", application,
                       "accounts", tessera_application_get_accounts (application),
                       NULL);

  /* GtkWindow:application is set after construction: only now can the
   * window ask the application what to show. */
  {
    g_autofree char *server = tessera_application_dup_server_url (application);

    tessera_sign_in_page_set_server (self->sign_in_page, server);
  }
  follow_preferred (self);
  tessera_window_update_page (self);
  tessera_window_update_actions (self);

  return self;
}

const char *
tessera_window_get_page (TesseraWindow *self)
{
  g_return_val_if_fail (TESSERA_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

GtkWidget *
tessera_window_get_sign_in_page (TesseraWindow *self)
{
  g_return_val_if_fail (TESSERA_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->sign_in_page);
}

GtkWidget *
tessera_window_get_token_page (TesseraWindow *self)
{
  g_return_val_if_fail (TESSERA_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->token_page);
}

void
tessera_window_toast (TesseraWindow *self,
                      const char    *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (TESSERA_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* A toast's title is markup; messages (a server's warning, an error) are
   * plain text. */
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
  /* Toasts are silent to screen readers in libadwaita 1.2. */
  tessera_window_announce (self, message);
}

void
tessera_window_announce (TesseraWindow *self,
                         const char    *message)
{
  g_return_if_fail (TESSERA_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  tessera_announcer_say (self->announcer, message);
}

/* ---------------------------------------------------------------- GObject */

static gboolean
match_main_menu (GtkWidget *widget)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)) &&
         G_IS_MENU (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)));
}

/* Quit at the end of every page's main menu: with Run in Background,
 * closing the window no longer ends Tessera. */
static void
append_quit (GtkWidget *widget,
             GMenu     *section)
{
  if (match_main_menu (widget))
    g_menu_append_section (G_MENU (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget))), NULL,
                           G_MENU_MODEL (section));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_quit (child, section);
}

static void
tessera_window_constructed (GObject *object)
{
  TesseraWindow *self = TESSERA_WINDOW (object);
  GMenuModel *problem_menu;

  G_OBJECT_CLASS (tessera_window_parent_class)->constructed (object);

  g_return_if_fail (TESSERA_IS_ACCOUNTS (self->accounts));

  g_signal_connect_object (self->accounts, "items-changed",
                           G_CALLBACK (accounts_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->accounts, "notify::restoring",
                           G_CALLBACK (accounts_restoring_cb), self, G_CONNECT_SWAPPED);

  /* One list of accounts, at the top of every page's menu. */
  problem_menu = gtk_menu_button_get_menu_model (self->problem_menu_button);
  g_menu_prepend_section (G_MENU (problem_menu), NULL, G_MENU_MODEL (self->accounts_menu));
  tessera_token_page_add_menu_section (self->token_page, G_MENU_MODEL (self->accounts_menu));
  tessera_sign_in_page_add_menu_section (self->sign_in_page, G_MENU_MODEL (self->accounts_menu));
  rebuild_accounts_menu (self);

  {
    g_autoptr(GMenu) quit = g_menu_new ();

    g_menu_append (quit, _("_Quit"), "app.quit");
    append_quit (GTK_WIDGET (self), quit);
  }
}

static void
tessera_window_dispose (GObject *object)
{
  TesseraWindow *self = TESSERA_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  tessera_window_stop_revealing (self);
  g_clear_weak_pointer (&self->delete_all_dialog);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  if (self->tokens_signals != NULL)
    g_signal_group_set_target (self->tokens_signals, NULL);
  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_data (self->accounts, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_WINDOW);

  g_clear_object (&self->session_signals);
  g_clear_object (&self->tokens_signals);
  g_clear_object (&self->session);
  g_clear_object (&self->accounts);
  g_clear_object (&self->accounts_menu);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->pending_server, g_free);
  g_clear_pointer (&self->reveal_id, g_free);

  G_OBJECT_CLASS (tessera_window_parent_class)->dispose (object);
}

static void
tessera_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TesseraWindow *self = TESSERA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS:
      g_value_set_object (value, self->accounts);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_ACCOUNT_KEY:
      g_value_take_string (value, self->session != NULL
                                  ? tessera_window_dup_account_key (self->session) : g_strdup (""));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TesseraWindow *self = TESSERA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS:
      self->accounts = g_value_dup_object (value);
      break;

    case PROP_SESSION:
      tessera_window_set_session (self, g_value_get_object (value));
      break;

    case PROP_ACCOUNT_KEY:
      set_account_key (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_window_class_init (TesseraWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tessera_window_constructed;
  object_class->dispose = tessera_window_dispose;
  object_class->get_property = tessera_window_get_property;
  object_class->set_property = tessera_window_set_property;

  properties[PROP_ACCOUNTS] =
    g_param_spec_object ("accounts", NULL, NULL,
                         TESSERA_TYPE_ACCOUNTS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         TESSERA_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ACCOUNT_KEY] =
    g_param_spec_string ("account-key", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TESSERA_TYPE_SIGN_IN_PAGE);
  g_type_ensure (TESSERA_TYPE_TOKEN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, main_overlay);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, token_page);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, problem_title);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, problem_menu_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, problem_status);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, sign_in_again_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, retry_button);

  tessera_window_class_add_actions (widget_class);
}

static void
tessera_window_init (TesseraWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->announcer = tessera_announcer_new ();
  gtk_overlay_add_overlay (self->main_overlay, self->announcer);
  self->accounts_menu = g_menu_new ();
  self->session_signals = g_signal_group_new (TESSERA_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::state",
                                  G_CALLBACK (session_state_cb), self);
  g_signal_group_connect_swapped (self->session_signals, "warning",
                                  G_CALLBACK (session_warning_cb), self);
  /* Generate and Delete All depend on the list, which may come (or
   * change) after the session's state did. */
  self->tokens_signals = g_signal_group_new (TESSERA_TYPE_TOKEN_LIST);
  g_signal_group_connect_swapped (self->tokens_signals, "notify::can-create",
                                  G_CALLBACK (tessera_window_update_actions), self);
  g_signal_group_connect_swapped (self->tokens_signals, "notify::n-items",
                                  G_CALLBACK (tessera_window_update_actions), self);
  g_signal_connect_object (self->sign_in_page, "notify::can-submit",
                           G_CALLBACK (tessera_window_update_actions), self, G_CONNECT_SWAPPED);

  /* Size and maximized state survive a restart, as in every GNOME app. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}
