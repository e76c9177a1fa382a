/* tessera-generate-lost.c — a create whose answer was lost: find out, and
 * delete what it made
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-generate-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-generate-dialog-private.h"
#include "tessera-text.h"
#include "tessera-words.h"

/* Lost answers: nothing more is made until it is known what the server
 * did (Check Again), and a token it made without our knowing, whose secret
 * is lost, is deleted (Delete It). */

void
tessera_generate_dialog_show_orphan (TesseraGenerateDialog *self,
                                     TesseraToken          *orphan)
{
  g_autofree char *notes = tessera_text_escape_controls (tessera_token_get_notes (orphan));
  g_autofree char *message = tessera_words_orphan_created (notes);

  g_set_object (&self->orphan, orphan);
  self->uncertain = FALSE;
  tessera_generate_dialog_show_error (self, message);
  tessera_generate_dialog_update_state (self);
  gtk_widget_grab_focus (self->delete_orphan_button);
}

static void
orphan_deleted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TesseraGenerateDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = tessera_token_list_delete_finish (TESSERA_TOKEN_LIST (object), result, &error);

  if (self->disposed)
    return;

  self->settling = FALSE;
  if (ok)
    {
      g_autofree char *notes = tessera_text_escape_controls (tessera_token_get_notes (self->orphan));
      g_autofree char *message = tessera_words_orphan_deleted (notes);

      g_clear_object (&self->orphan);
      tessera_generate_dialog_show_error (self, message);
      tessera_generate_dialog_update_state (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->note_row));
      return;
    }

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    tessera_generate_dialog_show_error (self, error->message);
  tessera_generate_dialog_update_state (self);
}

void
tessera_generate_dialog_delete_orphan (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  TesseraGenerateDialog *self = TESSERA_GENERATE_DIALOG (widget);

  if (self->orphan == NULL || self->settling)
    return;

  self->settling = TRUE;
  tessera_generate_dialog_update_state (self);
  tessera_token_list_delete_async (tessera_session_get_tokens (self->session), self->orphan,
                                   self->cancellable, orphan_deleted_cb, g_object_ref (self));
}

/* A token with the note the create went with, not listed before it. */
static TesseraToken *
find_made (TesseraGenerateDialog *self)
{
  GListModel *tokens = G_LIST_MODEL (tessera_session_get_tokens (self->session));

  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(TesseraToken) token = g_list_model_get_item (tokens, i);

      if (g_strcmp0 (tessera_token_get_notes (token), self->created_notes) == 0 &&
          !g_hash_table_contains (self->ids_before, tessera_token_get_id (token)))
        return g_steal_pointer (&token);
    }

  return NULL;
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TesseraGenerateDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) made = NULL;
  g_autofree char *message = NULL;
  gboolean ok = tessera_token_list_reload_finish (TESSERA_TOKEN_LIST (object), result, &error);

  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->settling = FALSE;
  if (!ok)
    {
      message = tessera_words_create_uncertain (error->message);
      tessera_generate_dialog_show_error (self, message);
      tessera_generate_dialog_update_state (self);
      return;
    }

  made = find_made (self);
  if (made != NULL)
    {
      tessera_generate_dialog_show_orphan (self, made);
      return;
    }

  self->uncertain = FALSE;
  message = tessera_words_create_not_made ();
  tessera_generate_dialog_show_error (self, message);
  tessera_generate_dialog_update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->note_row));
}

void
tessera_generate_dialog_check_again (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  TesseraGenerateDialog *self = TESSERA_GENERATE_DIALOG (widget);

  if (!self->uncertain || self->settling)
    return;

  self->settling = TRUE;
  tessera_generate_dialog_update_state (self);
  tessera_token_list_reload_async (tessera_session_get_tokens (self->session), self->cancellable,
                                   checked_cb, g_object_ref (self));
}
