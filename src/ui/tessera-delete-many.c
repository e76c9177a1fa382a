/* tessera-delete-many.c — confirm and run the delete of several tokens
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-delete-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-a11y.h"
#include "tessera-dialogs.h"
#include "tessera-text.h"
#include "tessera-token-page.h"

typedef struct
{
  TesseraWindow  *window;
  TesseraSession *session;
  GPtrArray      *tokens;     /* TesseraToken, the sign-in token last */
  guint           next;
  guint           n_deleted;
  GString        *failures;   /* "“note”: why", one a line */
  guint           n_failed;
} DeleteMany;

static void
delete_many_free (DeleteMany *many)
{
  g_clear_object (&many->window);
  g_clear_object (&many->session);
  g_clear_pointer (&many->tokens, g_ptr_array_unref);
  g_string_free (many->failures, TRUE);
  g_free (many);
}

static char *
dup_display_name (TesseraToken *token)
{
  const char *notes = tessera_token_get_notes (token);

  return tessera_text_escape_controls (notes[0] != '\0' ? notes : tessera_token_get_id (token));
}

static gboolean
is_sign_in_token (TesseraSession *session,
                  TesseraToken   *token)
{
  return g_strcmp0 (tessera_session_get_sign_in_token_id (session), tessera_token_get_id (token)) == 0;
}

static void
finish (DeleteMany *many)
{
  g_autofree char *message = NULL;

  if (many->n_failed == 0)
    {
      /* Translators: a toast */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u token deleted", "%u tokens deleted",
                                              many->n_deleted), many->n_deleted);
      tessera_window_toast (many->window, message);
    }
  else
    {
      g_autofree char *heading = NULL;

      /* Translators: the heading of the dialog after some deletes failed */
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Could Not Delete %u Token",
                                              "Could Not Delete %u Tokens", many->n_failed),
                                 many->n_failed);
      /* Translators: %u deleted; then one line per token that was not */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u token was deleted; these were not:\n%s",
                                              "%u tokens were deleted; these were not:\n%s",
                                              many->n_deleted),
                                 many->n_deleted, many->failures->str);
      tessera_present_error (many->window, heading, message);
    }
  delete_many_free (many);
}

static void delete_next (DeleteMany *many);

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  DeleteMany *many = user_data;
  TesseraToken *token = g_ptr_array_index (many->tokens, many->next - 1);
  g_autoptr(GError) error = NULL;

  if (tessera_token_list_delete_finish (TESSERA_TOKEN_LIST (object), result, &error))
    many->n_deleted++;
  else
    {
      g_autofree char *name = dup_display_name (token);

      many->n_failed++;
      g_string_append_printf (many->failures, "%s“%s”: %s", many->failures->len > 0 ? "\n" : "",
                              name, error->message);
    }
  delete_next (many);
}

/* One at a time: the server is asked as a person would, and a failure is
 * told apart from the others. */
static void
delete_next (DeleteMany *many)
{
  TesseraToken *token;

  if (many->next >= many->tokens->len)
    {
      finish (many);
      return;
    }

  token = g_ptr_array_index (many->tokens, many->next++);
  tessera_token_list_delete_async (tessera_session_get_tokens (many->session), token, NULL,
                                   deleted_cb, many);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             DeleteMany       *many)
{
  DeleteMany *run;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  tessera_token_page_set_selection_mode (TESSERA_TOKEN_PAGE (tessera_window_get_token_page (many->window)),
                                         FALSE);
  run = g_new0 (DeleteMany, 1);
  run->window = g_object_ref (many->window);
  run->session = g_object_ref (many->session);
  run->tokens = g_ptr_array_ref (many->tokens);
  run->failures = g_string_new (NULL);
  delete_next (run);
}

/* The notes, one a line, in a box that scrolls past a few. */
static GtkWidget *
names_view (GPtrArray *tokens)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *scroller;
  GtkWidget *label;

  for (guint i = 0; i < tokens->len; i++)
    {
      g_autofree char *name = dup_display_name (g_ptr_array_index (tokens, i));

      g_string_append_printf (text, "%s• %s", i > 0 ? "\n" : "", name);
    }

  label = gtk_label_new (text->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scroller), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tokens to delete"), -1);
  return scroller;
}

static char *
dup_body (TesseraSession *session,
          GPtrArray      *tokens)
{
  TesseraToken *last = g_ptr_array_index (tokens, tokens->len - 1);
  const char *lose = g_dngettext (GETTEXT_PACKAGE,
                                  "Apps and scripts that use this token will lose access. This cannot be undone.",
                                  "Apps and scripts that use these tokens will lose access. This cannot be undone.",
                                  tokens->len);
  g_autofree char *name = NULL;

  if (!is_sign_in_token (session, last))
    return g_strdup (lose);

  name = dup_display_name (last);
  /* Translators: %s is a token's note; then "Apps and scripts…" */
  return g_strdup_printf (_("Tessera is signed in with “%s”: you will be signed out. %s"), name, lose);
}

GtkWindow *
tessera_delete_many_dialog_present (TesseraWindow  *window,
                                    TesseraSession *session,
                                    GPtrArray      *tokens)
{
  AdwMessageDialog *dialog;
  DeleteMany *many;
  g_autofree char *body = NULL;

  g_return_val_if_fail (TESSERA_IS_WINDOW (window), NULL);
  g_return_val_if_fail (TESSERA_IS_SESSION (session), NULL);
  g_return_val_if_fail (tokens != NULL && tokens->len > 0, NULL);

  many = g_new0 (DeleteMany, 1);
  many->window = g_object_ref (window);
  many->session = g_object_ref (session);
  many->tokens = g_ptr_array_new_with_free_func (g_object_unref);
  many->failures = g_string_new (NULL);
  /* The sign-in token goes last: after it, the account is signed out. */
  for (guint i = 0; i < tokens->len; i++)
    if (!is_sign_in_token (session, g_ptr_array_index (tokens, i)))
      g_ptr_array_add (many->tokens, g_object_ref (g_ptr_array_index (tokens, i)));
  for (guint i = 0; i < tokens->len; i++)
    if (is_sign_in_token (session, g_ptr_array_index (tokens, i)))
      g_ptr_array_add (many->tokens, g_object_ref (g_ptr_array_index (tokens, i)));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window), NULL, NULL));
  adw_message_dialog_format_heading (dialog, g_dngettext (GETTEXT_PACKAGE, "Delete %u Token?",
                                                          "Delete %u Tokens?", tokens->len),
                                     tokens->len);
  body = dup_body (session, many->tokens);
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_set_extra_child (dialog, names_view (many->tokens));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), many,
                         (GClosureNotify) (void (*) (void)) delete_many_free, 0);
  tessera_a11y_clean_mnemonic_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}
