/* tessera-window.c
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-dialogs.h"
#include "tessera-secret.h"
#include "tessera-server-url.h"
#include "tessera-sign-in-page.h"
#include "tessera-time.h"
#include "tessera-token-page.h"
#include "tessera-window.h"

struct _TesseraWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  char                 *server_url;
  TesseraSecretStore   *store;
  TesseraSession       *session;
  GCancellable         *cancellable;
  char                 *pending_token;   /* a secret, for --with-token */
  guint                 start_id;
  gboolean              started;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkSpinner           *loading_spinner;
  TesseraSignInPage    *sign_in_page;
  TesseraTokenPage     *token_page;
};

G_DEFINE_FINAL_TYPE (TesseraWindow, tessera_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SERVER_URL,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- state */

/* An answer nobody waits for any more: the window closed or moved on. */
static gboolean
answer_is_stale (TesseraWindow *self,
                 const GError  *error)
{
  return self->session == NULL ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
update_actions (TesseraWindow *self)
{
  gboolean signed_in = FALSE;
  guint n_tokens = 0;

  if (self->session != NULL)
    {
      signed_in = tessera_session_get_state (self->session) == TESSERA_SESSION_STATE_SIGNED_IN;
      n_tokens = g_list_model_get_n_items (G_LIST_MODEL (tessera_session_get_tokens (self->session)));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-in",
                                 tessera_sign_in_page_get_can_submit (self->sign_in_page));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.generate",
                                 signed_in && n_tokens < TESSERA_MAX_TOKENS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-token", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-token", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-all", signed_in && n_tokens > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", signed_in);
}

static void
update_page (TesseraWindow *self)
{
  TesseraSessionState state = tessera_session_get_state (self->session);
  const char *page;

  if (!self->started || state == TESSERA_SESSION_STATE_RESTORING)
    page = "loading";
  else if (state == TESSERA_SESSION_STATE_SIGNED_IN)
    page = "tokens";
  else
    page = "sign-in";

  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), page) == 0)
    return;

  gtk_stack_set_visible_child_name (self->main_stack, page);
  if (g_str_equal (page, "sign-in"))
    tessera_sign_in_page_focus (self->sign_in_page);
}

static void
session_state_cb (TesseraWindow *self)
{
  update_page (self);
  update_actions (self);
}

static void
session_signed_out_cb (TesseraWindow  *self,
                       const char     *reason,
                       TesseraSession *session)
{
  tessera_sign_in_page_set_notice (self->sign_in_page, reason);
  tessera_sign_in_page_set_error (self->sign_in_page, NULL);
  update_page (self);
}

static void
session_warning_cb (TesseraWindow  *self,
                    const char     *message,
                    TesseraSession *session)
{
  tessera_window_toast (self, message);
}

static void
set_session (TesseraWindow  *self,
             TesseraSession *session)
{
  TesseraTokenList *tokens;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (tessera_session_get_tokens (self->session), self);
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_settings_unbind (tessera_session_get_tokens (self->session), "warning-days");
    }

  g_set_object (&self->session, session);
  tokens = tessera_session_get_tokens (session);

  g_signal_connect_object (session, "notify::state", G_CALLBACK (session_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "signed-out", G_CALLBACK (session_signed_out_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "warning", G_CALLBACK (session_warning_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (tokens, "notify::n-items", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "expiry-warning-days", tokens, "warning-days",
                   G_SETTINGS_BIND_GET);

  tessera_token_page_set_session (self->token_page, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);

  update_page (self);
  update_actions (self);
}

/* A window talks to one server: signing in to another one on the sign-in
 * page gives the window a new session for it. */
static void
switch_server (TesseraWindow *self,
               const char    *origin)
{
  g_autoptr(TesseraSession) session = NULL;

  if (g_strcmp0 (origin, self->server_url) == 0)
    return;

  g_free (self->server_url);
  self->server_url = g_strdup (origin);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);

  session = tessera_session_new (origin, self->store);
  set_session (self, session);
}

/* ---------------------------------------------------------------- sign in */

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  TesseraSession *session = TESSERA_SESSION (object);
  g_autoptr(TesseraWindow) self = user_data;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GError) error = NULL;
  GDateTime *expires;

  if (!tessera_session_sign_in_finish (session, result, &keyring_error, &error) &&
      answer_is_stale (self, error))
    return;
  if (self->session == NULL)
    return;

  if (error != NULL)
    {
      tessera_sign_in_page_set_busy (self->sign_in_page, FALSE);
      tessera_sign_in_page_set_error (self->sign_in_page, error->message);
      self->started = TRUE;
      update_page (self);
      update_actions (self);
      tessera_sign_in_page_focus (self->sign_in_page);
      return;
    }

  tessera_sign_in_page_set_busy (self->sign_in_page, FALSE);
  tessera_sign_in_page_clear_token (self->sign_in_page);
  tessera_sign_in_page_set_notice (self->sign_in_page, NULL);
  self->started = TRUE;
  update_page (self);

  if (keyring_error != NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Signed in, but the token could not be saved in the keyring: %s"),
                                 keyring_error->message);
      tessera_window_toast (self, message);
    }

  expires = tessera_session_get_sign_in_expires (session);
  if (expires != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *when = tessera_time_format_date (expires, now);
      g_autofree char *message = NULL;

      /* Translators: %s is a date, "5 Jan 2027" */
      message = g_strdup_printf (_("Signed in with a token that expires on %s"), when);
      tessera_window_toast (self, message);
    }
}

static void
start_sign_in (TesseraWindow *self,
               const char    *token)
{
  g_debug ("Signing in to %s", self->server_url);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  tessera_sign_in_page_set_busy (self->sign_in_page, TRUE);
  tessera_sign_in_page_set_notice (self->sign_in_page, NULL);
  tessera_session_sign_in_async (self->session, token, self->cancellable,
                                 sign_in_cb, g_object_ref (self));
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *origin = NULL;
  g_auto(TesseraSecret) token = NULL;

  if (!tessera_sign_in_page_get_can_submit (self->sign_in_page))
    return;

  origin = tessera_server_url_normalize (tessera_sign_in_page_get_server (self->sign_in_page), &error);
  if (origin == NULL)
    {
      tessera_sign_in_page_set_error (self->sign_in_page, error->message);
      return;
    }

  tessera_sign_in_page_set_server (self->sign_in_page, origin);
  switch_server (self, origin);

  token = tessera_secret_dup (tessera_sign_in_page_get_token (self->sign_in_page));
  start_sign_in (self, token);
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TesseraWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tessera_session_restore_finish (TESSERA_SESSION (object), result, &error))
    {
      if (answer_is_stale (self, error))
        return;
      /* The saved token stays saved: the server may be back next time. */
      if (error != NULL)
        tessera_sign_in_page_set_error (self->sign_in_page, error->message);
    }

  if (self->session != NULL)
    update_page (self);
}

static gboolean
start_cb (gpointer user_data)
{
  TesseraWindow *self = user_data;

  self->start_id = 0;
  g_debug ("Starting for %s: %s", self->server_url,
           self->pending_token != NULL ? "sign in with a given token" : "restore");

  if (self->pending_token != NULL)
    {
      g_auto(TesseraSecret) token = g_steal_pointer (&self->pending_token);

      /* Stay on the loading page until the answer. */
      start_sign_in (self, token);
      return G_SOURCE_REMOVE;
    }

  self->started = TRUE;
  self->cancellable = g_cancellable_new ();
  tessera_session_restore_async (self->session, self->cancellable,
                                 restore_cb, g_object_ref (self));
  update_page (self);

  return G_SOURCE_REMOVE;
}

/* ---------------------------------------------------------------- actions */

static TesseraToken *
find_token (TesseraWindow *self,
            GVariant      *parameter)
{
  const char *id = g_variant_get_string (parameter, NULL);
  TesseraToken *token;

  token = tessera_token_list_find (tessera_session_get_tokens (self->session), id);
  if (token == NULL)
    tessera_window_toast (self, _("This token is no longer in the list"));

  return token;
}

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  tessera_generate_dialog_present (self, self->session);
}

static void
delete_token_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  TesseraToken *token = find_token (self, parameter);

  if (token != NULL)
    tessera_delete_dialog_present (self, self->session, token);
}

static void
copy_token_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TesseraWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(TesseraSecret) secret = NULL;

  secret = tessera_session_lookup_secret_finish (TESSERA_SESSION (object), result, &error);
  if (self->session == NULL)
    return;
  if (secret == NULL)
    {
      g_autofree char *message = NULL;

      if (answer_is_stale (self, error))
        return;
      message = g_strdup_printf (_("Could not copy the token: %s"), error->message);
      tessera_window_toast (self, message);
      return;
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), secret);
  tessera_window_toast (self, _("Copied to clipboard"));
}

static void
copy_token_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  TesseraToken *token = find_token (self, parameter);

  if (token != NULL)
    tessera_session_lookup_secret_async (self->session, token, self->cancellable,
                                         copy_token_cb, g_object_ref (self));
}

static void
delete_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  tessera_delete_all_dialog_present (self, self->session);
}

static void
test_token_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  tessera_test_token_dialog_present (self, self->server_url);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  tessera_token_list_reload (tessera_session_get_tokens (self->session));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  tessera_token_page_toggle_search (self->token_page);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  tessera_preferences_present (self);
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TesseraWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tessera_session_sign_out_finish (TESSERA_SESSION (object), result, &error) &&
      !answer_is_stale (self, error))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("The sign-in token could not be removed from the keyring: %s"),
                                 error->message);
      tessera_window_toast (self, message);
    }
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  tessera_session_sign_out_async (self->session, NULL, sign_out_cb, g_object_ref (self));
}

/* ---------------------------------------------------------------- public */

TesseraWindow *
tessera_window_new (gpointer    application,
                    const char *server_url)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (TESSERA_TYPE_WINDOW,
                       "application", application,
                       "server-url", server_url,
                       NULL);
}

const char *
tessera_window_get_server_url (TesseraWindow *self)
{
  g_return_val_if_fail (TESSERA_IS_WINDOW (self), NULL);

  return self->server_url;
}

TesseraSession *
tessera_window_get_session (TesseraWindow *self)
{
  g_return_val_if_fail (TESSERA_IS_WINDOW (self), NULL);

  return self->session;
}

void
tessera_window_sign_in_with_token (TesseraWindow *self,
                                   const char    *token)
{
  g_return_if_fail (TESSERA_IS_WINDOW (self));
  g_return_if_fail (token != NULL);

  if (self->start_id != 0)
    {
      g_clear_pointer (&self->pending_token, tessera_secret_free);
      self->pending_token = tessera_secret_dup (token);
      return;
    }

  self->started = TRUE;
  start_sign_in (self, token);
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
}

/* ---------------------------------------------------------------- GObject */

static void
tessera_window_constructed (GObject *object)
{
  TesseraWindow *self = TESSERA_WINDOW (object);
  g_autoptr(TesseraSession) session = NULL;

  G_OBJECT_CLASS (tessera_window_parent_class)->constructed (object);

  self->store = tessera_secret_store_new ();
  session = tessera_session_new (self->server_url, self->store);
  set_session (self, session);

  tessera_sign_in_page_set_server (self->sign_in_page, self->server_url);
  g_signal_connect_object (self->sign_in_page, "notify::can-submit",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  update_actions (self);

  /* After the caller had its chance to hand a token over. */
  self->start_id = g_idle_add (start_cb, self);
}

static void
tessera_window_dispose (GObject *object)
{
  TesseraWindow *self = TESSERA_WINDOW (object);

  g_clear_handle_id (&self->start_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (tessera_session_get_tokens (self->session), self);
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_settings_unbind (tessera_session_get_tokens (self->session), "warning-days");
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_WINDOW);

  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tessera_window_parent_class)->dispose (object);
}

static void
tessera_window_finalize (GObject *object)
{
  TesseraWindow *self = TESSERA_WINDOW (object);

  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->pending_token, tessera_secret_free);

  G_OBJECT_CLASS (tessera_window_parent_class)->finalize (object);
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
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
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
    case PROP_SERVER_URL:
      g_free (self->server_url);
      self->server_url = g_value_dup_string (value);
      if (self->server_url == NULL)
        self->server_url = g_strdup (DEFAULT_SERVER_URL);
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
  object_class->finalize = tessera_window_finalize;
  object_class->get_property = tessera_window_get_property;
  object_class->set_property = tessera_window_set_property;

  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         TESSERA_TYPE_SESSION,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TESSERA_TYPE_SIGN_IN_PAGE);
  g_type_ensure (TESSERA_TYPE_TOKEN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, token_page);

  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "win.generate", NULL, generate_action);
  gtk_widget_class_install_action (widget_class, "win.delete-token", "s", delete_token_action);
  gtk_widget_class_install_action (widget_class, "win.copy-token", "s", copy_token_action);
  gtk_widget_class_install_action (widget_class, "win.delete-all", NULL, delete_all_action);
  gtk_widget_class_install_action (widget_class, "win.test-token", NULL, test_token_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.generate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}

static void
tessera_window_init (TesseraWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Size and maximized state survive a restart, as in every GNOME app. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}
