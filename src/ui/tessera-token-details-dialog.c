/* tessera-token-details-dialog.c — one token, all that is known of it
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-token-details"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <glib/gi18n.h>

#include "tessera-a11y.h"
#include "tessera-clipboard.h"
#include "tessera-dialogs.h"
#include "tessera-secret.h"
#include "tessera-text.h"
#include "tessera-token-details-dialog.h"

struct _TesseraTokenDetailsDialog
{
  AdwWindow        parent_instance;

  TesseraWindow   *window;
  TesseraSession  *session;
  TesseraToken    *token;
  GCancellable    *cancellable;
  GtkWidget       *announcer;
  gboolean         testing;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkBox          *main_box;
  AdwWindowTitle  *window_title;
  AdwActionRow    *note_row;
  AdwActionRow    *status_row;
  AdwActionRow    *expires_row;
  AdwActionRow    *created_row;
  AdwActionRow    *last_used_row;
  AdwActionRow    *id_row;
  AdwActionRow    *stored_row;
  AdwPreferencesGroup *claims_group;
  GtkLabel        *test_result;
  GtkWidget       *test_button;
  GtkWidget       *copy_button;
  GtkWidget       *rotate_button;
};

G_DEFINE_FINAL_TYPE (TesseraTokenDetailsDialog, tessera_token_details_dialog, ADW_TYPE_WINDOW)

/* An exact time, with its time zone: "31 Dec 2026, 23:59:59 CET". */
static char *
format_exact (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return NULL;

  local = g_date_time_to_local (when);
  /* Translators: an exact time with its zone; see g_date_time_format() */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M:%S %Z"));
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_action_row_set_subtitle (row, text);
  /* The title names the row, the subtitle is its value: both are read. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static const char *
state_words (TesseraTokenState state)
{
  switch (state)
    {
    case TESSERA_TOKEN_STATE_EXPIRING_SOON:
      return _("Expires soon");
    case TESSERA_TOKEN_STATE_EXPIRED:
      return _("Expired");
    case TESSERA_TOKEN_STATE_ACTIVE:
    default:
      return _("Active");
    }
}

static gboolean
is_saved (TesseraTokenDetailsDialog *self)
{
  return tessera_saved_secrets_contains (tessera_session_get_secrets (self->session),
                                         tessera_token_get_id (self->token));
}

static void
update_stored (TesseraTokenDetailsDialog *self)
{
  gboolean saved = is_saved (self);
  gboolean sign_in = g_strcmp0 (tessera_session_get_sign_in_token_id (self->session),
                                tessera_token_get_id (self->token)) == 0;

  if (saved && sign_in)
    set_subtitle (self->stored_row, _("In your keyring, as Tessera’s sign-in token"));
  else if (saved)
    set_subtitle (self->stored_row, _("In your keyring (Passwords and Keys lists it as an “API7 Cloud token”)"));
  else
    set_subtitle (self->stored_row, _("Not saved: a secret is shown once, when its token is generated. "
                                      "Attach it from the row’s menu if you have it."));
  gtk_widget_set_visible (self->test_button, saved);
  gtk_widget_set_visible (self->copy_button, saved);
}

static void
update_details (TesseraTokenDetailsDialog *self)
{
  TesseraToken *token = self->token;
  const char *notes = tessera_token_get_notes (token);
  g_autofree char *escaped = tessera_text_escape_controls (notes);
  g_autofree char *expires = format_exact (tessera_token_get_expire (token));
  g_autofree char *created = format_exact (tessera_token_get_created_at (token));
  g_autofree char *last_used = format_exact (tessera_token_get_last_used_at (token));

  adw_window_title_set_subtitle (self->window_title, notes[0] != '\0' ? escaped : NULL);
  set_subtitle (self->note_row, notes[0] != '\0' ? escaped : _("No note"));
  set_subtitle (self->status_row, state_words (tessera_token_get_state (token)));
  set_subtitle (self->expires_row, expires != NULL ? expires : _("Does not expire"));
  set_subtitle (self->created_row, created != NULL ? created : _("Unknown"));
  if (!tessera_token_get_has_last_used (token))
    set_subtitle (self->last_used_row, _("Unknown"));
  else
    set_subtitle (self->last_used_row, last_used != NULL ? last_used : _("Never used"));
  set_subtitle (self->id_row, tessera_token_get_id (token));
  update_stored (self);
}

/* ---------------------------------------------------------------- claims */

static char *
claim_value (const char *name,
             JsonNode   *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) &&
      (g_str_equal (name, "exp") || g_str_equal (name, "iat") || g_str_equal (name, "nbf")) &&
      json_node_get_value_type (node) == G_TYPE_INT64)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (json_node_get_int (node));

      if (when != NULL)
        return format_exact (when);
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return tessera_text_escape_controls (json_node_get_string (node));

  return json_to_string (node, FALSE);
}

/* The payload of a JWT, read (never trusted): its signature is the
 * server's to check.  Only the claims are shown, never the token. */
static JsonObject *
read_claims (const char *jwt)
{
  const char *start = strchr (jwt, '.');
  const char *end = start != NULL ? strchr (start + 1, '.') : NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree guchar *payload = NULL;
  gsize length = 0;
  GString *base64;
  JsonNode *root;

  /* Only the middle part is copied: the signature stays where it is. */
  if (end == NULL || strchr (end + 1, '.') != NULL)
    return NULL;

  base64 = g_string_new_len (start + 1, end - start - 1);
  g_strdelimit (base64->str, "-", '+');
  g_strdelimit (base64->str, "_", '/');
  while (base64->len % 4 != 0)
    g_string_append_c (base64, '=');
  payload = g_base64_decode (base64->str, &length);
  g_string_free (base64, TRUE);

  if (payload == NULL || !json_parser_load_from_data (parser, (const char *) payload, length, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

/* A claim's name as a person reads it, with the JWT's own in brackets. */
static char *
claim_title (const char *name)
{
  static const struct { const char *claim; const char *title; } known[] = {
    { "exp", N_("Expires") },
    { "iat", N_("Issued") },
    { "nbf", N_("Not Before") },
    { "jti", N_("Token ID") },
    { "sub", N_("Subject") },
    { "iss", N_("Issuer") },
    { "aud", N_("Audience") },
  };
  g_autofree char *escaped = tessera_text_escape_controls (name);

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (name, known[i].claim))
      /* Translators: a JWT claim, "Expires (exp)" */
      return g_strdup_printf (_("%s (%s)"), _(known[i].title), escaped);

  return g_steal_pointer (&escaped);
}

static void
show_claims (TesseraTokenDetailsDialog *self,
             JsonObject                *claims)
{
  g_autoptr(GList) names = json_object_get_members (claims);

  names = g_list_sort (names, (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *value = claim_value (l->data, json_object_get_member (claims, l->data));
      g_autofree char *title = claim_title (l->data);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      set_subtitle (ADW_ACTION_ROW (row), value);
      adw_preferences_group_add (self->claims_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->claims_group), names != NULL);
}

static void
claims_lookup_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TesseraTokenDetailsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(TesseraSecret) secret = NULL;
  g_autoptr(JsonObject) claims = NULL;

  secret = tessera_saved_secrets_lookup_finish (TESSERA_SAVED_SECRETS (object), result, &error);
  if (secret == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No claims: %s", error != NULL ? error->message : "not saved");
      return;
    }

  claims = read_claims (secret);
  if (claims != NULL)
    show_claims (self, claims);
}

/* ---------------------------------------------------------------- actions */

typedef void (*WithSecret) (TesseraTokenDetailsDialog *self,
                            const char                *secret);

typedef struct
{
  TesseraTokenDetailsDialog *self;
  WithSecret                 then;
} Lookup;

static void
with_secret_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(TesseraTokenDetailsDialog) self = lookup->self;
  WithSecret then = lookup->then;
  g_autoptr(GError) error = NULL;
  g_auto(TesseraSecret) secret = NULL;

  g_free (lookup);
  secret = tessera_saved_secrets_lookup_finish (TESSERA_SAVED_SECRETS (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (secret == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the secret: %s"),
                                                  error != NULL ? error->message : "");

      self->testing = FALSE;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.test", TRUE);
      tessera_announcer_say (self->announcer, message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  then (self, secret);
}

/* The saved secret, looked up for one use and wiped after it. */
static void
with_secret (TesseraTokenDetailsDialog *self,
             WithSecret                 then)
{
  Lookup *lookup = g_new0 (Lookup, 1);

  lookup->self = g_object_ref (self);
  lookup->then = then;
  tessera_saved_secrets_lookup_async (tessera_session_get_secrets (self->session),
                                      tessera_token_get_id (self->token), self->cancellable,
                                      with_secret_cb, lookup);
}

static void
show_test_result (TesseraTokenDetailsDialog *self,
                  const char                *text,
                  gboolean                   works)
{
  gtk_label_set_text (self->test_result, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_result), works ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->test_result), works ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (self->test_result), TRUE);
  tessera_announcer_say (self->announcer, text);
}

static void
tested_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TesseraTokenDetailsDialog) self = user_data;
  g_autoptr(TesseraAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  account = tessera_test_token_finish (result, NULL, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->testing = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.test", TRUE);
  if (account != NULL)
    text = g_strdup_printf (_("This token works: it belongs to %s"), tessera_account_get_email (account));
  else
    text = g_strdup_printf (_("This token does not work: %s"), error->message);
  show_test_result (self, text, account != NULL);
}

static void
test_with (TesseraTokenDetailsDialog *self,
           const char                *secret)
{
  tessera_test_token_async (tessera_session_get_server_url (self->session), secret,
                            self->cancellable, tested_cb, g_object_ref (self));
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TesseraTokenDetailsDialog *self = TESSERA_TOKEN_DETAILS_DIALOG (widget);

  if (self->testing)
    return;
  self->testing = TRUE;
  gtk_widget_action_set_enabled (widget, "details.test", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_result), FALSE);
  with_secret (self, test_with);
}

static void
copy_with (TesseraTokenDetailsDialog *self,
           const char                *secret)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *toast = NULL;

  toast = tessera_clipboard_copy_secret (GTK_WIDGET (self), secret,
                                         (guint) g_settings_get_int (settings, "clipboard-clear-seconds"));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (toast));
  tessera_announcer_say (self->announcer, toast);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  with_secret (TESSERA_TOKEN_DETAILS_DIALOG (widget), copy_with);
}

/* Delete… and Rotate… are the window's: this dialog goes first, and the
 * focus back to the row that opened it. */
static void
hand_over (TesseraTokenDetailsDialog *self,
           const char                *action)
{
  /* Held until the window's action has run. */
  G_GNUC_UNUSED g_autoptr(TesseraTokenDetailsDialog) hold = g_object_ref (self);

  gtk_window_close (GTK_WINDOW (self));
  gtk_widget_activate_action (GTK_WIDGET (self->window), action, "s", tessera_token_get_id (self->token));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  hand_over (TESSERA_TOKEN_DETAILS_DIALOG (widget), "win.delete-token");
}

static void
rotate_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  hand_over (TESSERA_TOKEN_DETAILS_DIALOG (widget), "win.rotate-token");
}

/* Rotate… once the window has it (issue 13 adds win.rotate-token). */
static gboolean
window_has_action (const char *name)
{
  GtkWidgetClass *klass = g_type_class_peek (TESSERA_TYPE_WINDOW);
  const GVariantType *type;
  const char *property;
  const char *found;
  GType owner;

  /* GTK 4.8 fills every out argument: none may be NULL. */
  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &found, &type, &property); i++)
    if (g_str_equal (found, name))
      return TRUE;

  return FALSE;
}

/* ---------------------------------------------------------------- follow */

/* Gone from the list (deleted here or elsewhere), or the account no
 * longer signed in: nothing left to show. */
static void
follow_cb (TesseraTokenDetailsDialog *self)
{
  TesseraTokenList *tokens = tessera_session_get_tokens (self->session);

  if (tessera_session_get_state (self->session) != TESSERA_SESSION_STATE_SIGNED_IN ||
      tessera_token_list_find (tokens, tessera_token_get_id (self->token)) == NULL)
    gtk_window_close (GTK_WINDOW (self));
}

static void
secrets_changed_cb (TesseraTokenDetailsDialog *self)
{
  update_stored (self);
}

static void
tessera_token_details_dialog_dispose (GObject *object)
{
  TesseraTokenDetailsDialog *self = TESSERA_TOKEN_DETAILS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_TOKEN_DETAILS_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->token);
  g_clear_object (&self->session);
  g_clear_object (&self->window);

  G_OBJECT_CLASS (tessera_token_details_dialog_parent_class)->dispose (object);
}

static void
tessera_token_details_dialog_class_init (TesseraTokenDetailsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_token_details_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-token-details-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenDetailsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenDetailsDialog, main_box);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenDetailsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenDetailsDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenDetailsDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenDetailsDialog, expires_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenDetailsDialog, created_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenDetailsDialog, last_used_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenDetailsDialog, id_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenDetailsDialog, stored_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenDetailsDialog, claims_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenDetailsDialog, test_result);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenDetailsDialog, test_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenDetailsDialog, copy_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenDetailsDialog, rotate_button);

  gtk_widget_class_install_action (widget_class, "details.test", NULL, test_action);
  gtk_widget_class_install_action (widget_class, "details.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "details.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "details.rotate", NULL, rotate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tessera_token_details_dialog_init (TesseraTokenDetailsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  tessera_a11y_name_group_lists (GTK_WIDGET (self));
  tessera_a11y_name_group_list (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (GTK_WIDGET (self->note_row),
                                                                                ADW_TYPE_PREFERENCES_GROUP)),
                                _("Token"));
  self->announcer = tessera_announcer_new ();
  gtk_box_append (self->main_box, self->announcer);
  gtk_widget_set_visible (self->rotate_button, window_has_action ("win.rotate-token"));
}

GtkWindow *
tessera_token_details_present (TesseraWindow  *window,
                               TesseraSession *session,
                               TesseraToken   *token)
{
  TesseraTokenDetailsDialog *self;

  g_return_val_if_fail (TESSERA_IS_WINDOW (window), NULL);
  g_return_val_if_fail (TESSERA_IS_SESSION (session), NULL);
  g_return_val_if_fail (TESSERA_IS_TOKEN (token), NULL);

  self = g_object_new (TESSERA_TYPE_TOKEN_DETAILS_DIALOG, "transient-for", window, NULL);
  self->window = g_object_ref (window);
  self->session = g_object_ref (session);
  self->token = g_object_ref (token);

  g_signal_connect_object (token, "notify", G_CALLBACK (update_details), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tessera_session_get_secrets (session), "changed",
                           G_CALLBACK (secrets_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tessera_session_get_tokens (session), "items-changed",
                           G_CALLBACK (follow_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::state", G_CALLBACK (follow_cb), self, G_CONNECT_SWAPPED);
  update_details (self);
  /* No wider than the window it is for (a phone's 360 px). */
  if (gtk_widget_get_width (GTK_WIDGET (window)) > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), MIN (520, gtk_widget_get_width (GTK_WIDGET (window))),
                                 MIN (640, MAX (gtk_widget_get_height (GTK_WIDGET (window)), 294)));

  if (is_saved (self))
    tessera_saved_secrets_lookup_async (tessera_session_get_secrets (session),
                                        tessera_token_get_id (token), self->cancellable,
                                        claims_lookup_cb, g_object_ref (self));

  gtk_window_present (GTK_WINDOW (self));
  return GTK_WINDOW (self);
}
