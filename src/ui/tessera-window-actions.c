/* tessera-window-actions.c — what the window's buttons, menus and keys do
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-a11y.h"
#include "tessera-clipboard.h"
#include "tessera-dialogs.h"
#include "tessera-release-notes.h"
#include "tessera-rotate-dialog.h"
#include "tessera-secret.h"
#include "tessera-window-private.h"

static gboolean
is_signed_in (TesseraWindow *self)
{
  return self->session != NULL &&
         tessera_session_get_state (self->session) == TESSERA_SESSION_STATE_SIGNED_IN;
}

void
tessera_window_update_actions (TesseraWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean signed_in = is_signed_in (self) && self->sign_in_mode == SIGN_IN_NONE;
  TesseraSessionState state = self->session != NULL ? tessera_session_get_state (self->session)
                                                    : TESSERA_SESSION_STATE_ENDED;
  TesseraTokenList *tokens = self->session != NULL ? tessera_session_get_tokens (self->session) : NULL;
  guint n_tokens = tokens != NULL ? g_list_model_get_n_items (G_LIST_MODEL (tokens)) : 0;

  gtk_widget_action_set_enabled (widget, "win.sign-in",
                                 tessera_sign_in_page_get_can_submit (self->sign_in_page));
  gtk_widget_action_set_enabled (widget, "win.cancel-sign-in",
                                 self->sign_in_mode != SIGN_IN_NONE && self->session != NULL);
  gtk_widget_action_set_enabled (widget, "win.sign-in-again", state == TESSERA_SESSION_STATE_REFUSED);
  gtk_widget_action_set_enabled (widget, "win.retry", state == TESSERA_SESSION_STATE_FAILED);
  gtk_widget_action_set_enabled (widget, "win.remove-account",
                                 self->session != NULL && state != TESSERA_SESSION_STATE_ENDED);
  gtk_widget_action_set_enabled (widget, "win.generate",
                                 signed_in && tessera_token_list_get_can_create (tokens));
  gtk_widget_action_set_enabled (widget, "win.delete-token", signed_in);
  gtk_widget_action_set_enabled (widget, "win.delete-tokens", signed_in);
  gtk_widget_action_set_enabled (widget, "win.delete-expired", signed_in && n_tokens > 0);
  gtk_widget_action_set_enabled (widget, "win.show-token", signed_in);
  gtk_widget_action_set_enabled (widget, "win.copy-token", signed_in);
  gtk_widget_action_set_enabled (widget, "win.copy-environment", signed_in);
  gtk_widget_action_set_enabled (widget, "win.copy-header", signed_in);
  gtk_widget_action_set_enabled (widget, "win.copy-curl", signed_in);
  gtk_widget_action_set_enabled (widget, "win.attach-secret", signed_in);
  gtk_widget_action_set_enabled (widget, "win.rotate-token", signed_in);
  gtk_widget_action_set_enabled (widget, "win.delete-all", signed_in && n_tokens > 0);
  gtk_widget_action_set_enabled (widget, "win.refresh",
                                 signed_in || state == TESSERA_SESSION_STATE_FAILED);
  gtk_widget_action_set_enabled (widget, "win.search", signed_in);
  gtk_widget_action_set_enabled (widget, "win.sign-out", signed_in);
}

void
tessera_window_copy_secret (TesseraWindow *self,
                            const char    *secret)
{
  g_autofree char *toast = NULL;

  toast = tessera_clipboard_copy_secret (GTK_WIDGET (self), secret,
                                         (guint) g_settings_get_int (self->settings,
                                                                     "clipboard-clear-seconds"));
  tessera_window_toast (self, toast);
}

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

/* ---------------------------------------------------------------- accounts */

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

  origin = tessera_normalize_server_url (tessera_sign_in_page_get_server (self->sign_in_page), &error);
  if (origin == NULL)
    {
      tessera_sign_in_page_set_server_error (self->sign_in_page, error->message);
      tessera_window_announce (self, error->message);
      return;
    }
  tessera_sign_in_page_set_server (self->sign_in_page, origin);

  if (self->sign_in_mode == SIGN_IN_NONE)
    self->sign_in_mode = SIGN_IN_ADD;
  token = tessera_secret_dup (tessera_sign_in_page_get_token (self->sign_in_page));
  tessera_window_start_sign_in (self, origin, token);
}

static void
add_account_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  tessera_window_set_sign_in_mode (TESSERA_WINDOW (widget), SIGN_IN_ADD);
}

static void
cancel_sign_in_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  tessera_window_abandon_sign_in (self);
  tessera_window_set_sign_in_mode (self, SIGN_IN_NONE);
}

static void
sign_in_again_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  tessera_window_set_sign_in_mode (TESSERA_WINDOW (widget), SIGN_IN_AGAIN);
}

static void
retry_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The session's state says how it went; the page follows it. */
  if (!tessera_session_restore_finish (TESSERA_SESSION (object), result, &error) && error != NULL)
    g_debug ("Retry: %s", error->message);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  if (self->session != NULL)
    tessera_session_restore_async (self->session, NULL, retry_cb, NULL);
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TesseraWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tessera_session_sign_out_finish (TESSERA_SESSION (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("The sign-in token could not be removed from the keyring: %s"),
                                 error->message);
      tessera_window_toast (self, message);
    }
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TesseraWindow    *self)
{
  TesseraSession *session = g_object_get_data (G_OBJECT (dialog), "tessera-session");

  /* The account the dialog asked about, whichever the window follows by
   * now; gone already (removed elsewhere), there is nothing to do. */
  if (g_strcmp0 (response, "remove") == 0 &&
      tessera_session_get_state (session) != TESSERA_SESSION_STATE_ENDED)
    tessera_session_sign_out_async (session, NULL, sign_out_cb, g_object_ref (self));
}

/* Sign Out asks first (the token must be pasted again to come back). */
static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  AdwMessageDialog *dialog;

  if (self->session == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  /* Translators: %s is the account's email address. */
  adw_message_dialog_format_heading (dialog, _("Sign Out of %s?"), tessera_session_get_email (self->session));
  adw_message_dialog_set_body (dialog, _("Tessera forgets its sign-in token: to come back, sign in "
                                         "with a personal access token again. The tokens on the "
                                         "server, and the secrets saved in the keyring, stay."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Sign Out"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tessera-session",
                          g_object_ref (self->session), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  tessera_a11y_clean_mnemonic_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_account_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  AdwMessageDialog *dialog;
  g_autofree char *title = NULL;

  if (self->session == NULL)
    return;

  title = tessera_session_dup_title (self->session);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  /* Translators: %s is "ada@example.com — console.api7.cloud" */
  adw_message_dialog_format_heading (dialog, _("Remove %s?"), title);
  adw_message_dialog_set_body (dialog, _("Tessera forgets its sign-in token. The tokens on the "
                                         "server, and the secrets saved in the keyring, stay."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tessera-session",
                          g_object_ref (self->session), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  tessera_a11y_clean_mnemonic_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------- tokens */

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
show_token_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  TesseraToken *token = find_token (self, parameter);

  if (token != NULL)
    tessera_token_details_present (self, self->session, token);
}

/* The tokens of @ids still in the list, in its order. */
static GPtrArray *
find_tokens (TesseraWindow      *self,
             const char * const *ids)
{
  TesseraTokenList *tokens = tessera_session_get_tokens (self->session);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tokens)); i++)
    {
      g_autoptr(TesseraToken) token = g_list_model_get_item (G_LIST_MODEL (tokens), i);

      if (g_strv_contains (ids, tessera_token_get_id (token)))
        g_ptr_array_add (found, g_steal_pointer (&token));
    }
  return found;
}

static void
delete_tokens_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  g_autofree const char **ids = g_variant_get_strv (parameter, NULL);
  g_autoptr(GPtrArray) tokens = find_tokens (self, ids);

  if (tokens->len > 0)
    tessera_delete_many_dialog_present (self, self->session, tokens);
}

static void
delete_expired_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  TesseraTokenList *list = tessera_session_get_tokens (self->session);
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(TesseraToken) token = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (tessera_token_get_state (token) == TESSERA_TOKEN_STATE_EXPIRED)
        g_ptr_array_add (tokens, g_steal_pointer (&token));
    }

  if (tokens->len == 0)
    tessera_window_toast (self, _("No token has expired"));
  else
    tessera_delete_many_dialog_present (self, self->session, tokens);
}

typedef struct
{
  TesseraWindow     *window;
  TesseraSession    *session;
  TesseraCopyFormat  format;
} Copy;

static void
copy_free (Copy *copy)
{
  g_clear_object (&copy->window);
  g_clear_object (&copy->session);
  g_free (copy);
}

static void
copy_token_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Copy *copy = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(TesseraSecret) secret = NULL;
  g_auto(TesseraSecret) text = NULL;

  secret = tessera_saved_secrets_lookup_finish (TESSERA_SAVED_SECRETS (object), result, &error);
  if (secret == NULL)
    {
      g_autofree char *message = NULL;

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          message = g_strdup_printf (_("Could not copy the token: %s"), error->message);
          tessera_window_toast (copy->window, message);
        }
      copy_free (copy);
      return;
    }

  text = tessera_session_format_secret (copy->session, secret, copy->format);
  tessera_window_copy_secret (copy->window, text);
  copy_free (copy);
}

static void
copy_as (TesseraWindow     *self,
         GVariant          *parameter,
         TesseraCopyFormat  format)
{
  TesseraToken *token = find_token (self, parameter);
  Copy *copy;

  if (token == NULL)
    return;

  copy = g_new0 (Copy, 1);
  copy->window = g_object_ref (self);
  copy->session = g_object_ref (self->session);
  copy->format = format;
  tessera_saved_secrets_lookup_async (tessera_session_get_secrets (self->session),
                                      tessera_token_get_id (token), NULL, copy_token_cb, copy);
}

static void
copy_token_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  copy_as (TESSERA_WINDOW (widget), parameter, TESSERA_COPY_TOKEN);
}

static void
copy_environment_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  copy_as (TESSERA_WINDOW (widget), parameter, TESSERA_COPY_ENVIRONMENT);
}

static void
copy_header_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  copy_as (TESSERA_WINDOW (widget), parameter, TESSERA_COPY_HEADER);
}

static void
copy_curl_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  copy_as (TESSERA_WINDOW (widget), parameter, TESSERA_COPY_CURL);
}

static void
attach_secret_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  TesseraToken *token = find_token (self, parameter);

  if (token != NULL)
    tessera_attach_dialog_present (self, self->session, token);
}

static void
rotate_token_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  TesseraToken *token = find_token (self, parameter);

  if (token != NULL)
    tessera_rotate_dialog_present (self, self->session, token);
}

static void
delete_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  /* One confirmation at a time: asked again, the one shown comes up. */
  if (self->delete_all_dialog != NULL)
    {
      gtk_window_present (self->delete_all_dialog);
      return;
    }

  g_set_weak_pointer (&self->delete_all_dialog,
                      tessera_delete_all_dialog_present (self, self->session));
}

static void
test_token_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  g_autofree char *server = NULL;

  if (self->session != NULL)
    server = g_strdup (tessera_session_get_server_url (self->session));
  else
    server = g_strdup (tessera_sign_in_page_get_server (self->sign_in_page));

  tessera_test_token_dialog_present (self, server);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  if (self->session == NULL)
    return;

  /* F5 on "Could not sign in" is its Retry. */
  if (tessera_session_get_state (self->session) == TESSERA_SESSION_STATE_FAILED)
    tessera_session_restore_async (self->session, NULL, retry_cb, NULL);
  else
    tessera_token_list_reload (tessera_session_get_tokens (self->session));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  tessera_token_page_toggle_search (TESSERA_WINDOW (widget)->token_page);
}

/* About, with the release notes of the metainfo (libadwaita 1.2 has no
 * adw_about_window_new_from_appdata()). */
static void
about_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  static const char *developers[] = { "The Tessera developers", NULL };
  g_autoptr(GBytes) metainfo = NULL;
  g_autofree char *notes = NULL;
  AdwAboutWindow *about;

  metainfo = g_resources_lookup_data ("/app/tessera/Tessera/app.tessera.Tessera.metainfo.xml",
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (metainfo != NULL)
    notes = tessera_release_notes_read (g_bytes_get_data (metainfo, NULL), PACKAGE_VERSION,
                                        g_get_language_names ());

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  g_object_set (about,
                "transient-for", widget,
                "application-name", _("Tessera"),
                "application-icon", APP_ID,
                "developer-name", _("The Tessera developers"),
                "developers", developers,
                "version", PACKAGE_VERSION,
                "comments", _("Manage your API7 Cloud personal access tokens"),
                "website", "https://tessera.app",
                "issue-url", "https://tessera.app/issues",
                "license-type", GTK_LICENSE_GPL_3_0,
                "copyright", "© 2026 The Tessera developers",
                /* Translators: your names, one per line */
                "translator-credits", _("translator-credits"),
                "release-notes-version", PACKAGE_VERSION,
                "release-notes", notes != NULL ? notes : "",
                NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  tessera_preferences_present (TESSERA_WINDOW (widget));
}

void
tessera_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "win.add-account", NULL, add_account_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-sign-in", NULL, cancel_sign_in_action);
  gtk_widget_class_install_property_action (widget_class, "win.account", "account-key");
  gtk_widget_class_install_action (widget_class, "win.sign-in-again", NULL, sign_in_again_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.remove-account", NULL, remove_account_action);
  gtk_widget_class_install_action (widget_class, "win.generate", NULL, generate_action);
  gtk_widget_class_install_action (widget_class, "win.delete-token", "s", delete_token_action);
  gtk_widget_class_install_action (widget_class, "win.delete-tokens", "as", delete_tokens_action);
  gtk_widget_class_install_action (widget_class, "win.delete-expired", NULL, delete_expired_action);
  gtk_widget_class_install_action (widget_class, "win.show-token", "s", show_token_action);
  gtk_widget_class_install_action (widget_class, "win.copy-token", "s", copy_token_action);
  gtk_widget_class_install_action (widget_class, "win.copy-environment", "s", copy_environment_action);
  gtk_widget_class_install_action (widget_class, "win.copy-header", "s", copy_header_action);
  gtk_widget_class_install_action (widget_class, "win.copy-curl", "s", copy_curl_action);
  gtk_widget_class_install_action (widget_class, "win.attach-secret", "s", attach_secret_action);
  gtk_widget_class_install_action (widget_class, "win.rotate-token", "s", rotate_token_action);
  gtk_widget_class_install_action (widget_class, "win.delete-all", NULL, delete_all_action);
  gtk_widget_class_install_action (widget_class, "win.test-token", NULL, test_token_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.generate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}
