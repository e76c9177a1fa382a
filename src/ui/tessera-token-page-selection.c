/* tessera-token-page-selection.c — choosing rows, activating them, and
 * keeping the keyboard focus on the list as its rows go
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-token-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-token-page-private.h"
#include "tessera-token-row.h"

static const char *
row_token_id (gpointer row)
{
  return tessera_token_get_id (tessera_token_row_get_token (TESSERA_TOKEN_ROW (row)));
}

GStrv
tessera_token_page_dup_selected_ids (TesseraTokenPage *self)
{
  GListModel *shown;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (TESSERA_IS_TOKEN_PAGE (self), NULL);

  shown = tessera_token_filter_get_shown (self->filter);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(TesseraToken) token = g_list_model_get_item (shown, i);

      if (g_hash_table_contains (self->selected, tessera_token_get_id (token)))
        g_strv_builder_add (builder, tessera_token_get_id (token));
    }

  return g_strv_builder_end (builder);
}

void
tessera_token_page_update_selection (TesseraTokenPage *self)
{
  g_auto(GStrv) ids = tessera_token_page_dup_selected_ids (self);
  guint n = g_strv_length (ids);
  g_autofree char *title = NULL;

  if (n == 0)
    title = g_strdup (_("Select Tokens"));
  else
    /* Translators: the header in selection mode */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Selected", "%u Selected", n), n);
  adw_window_title_set_title (self->selection_title, title);

  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->delete_selected_button),
                                          g_variant_new_strv ((const char * const *) ids, -1));
  gtk_widget_set_sensitive (self->delete_selected_button, n > 0);
}

static void
row_selected_cb (TesseraTokenPage *self,
                 GParamSpec       *pspec,
                 TesseraTokenRow  *row)
{
  if (tessera_token_row_get_selected (row))
    g_hash_table_add (self->selected, g_strdup (row_token_id (row)));
  else
    g_hash_table_remove (self->selected, row_token_id (row));
  tessera_token_page_update_selection (self);
}

void
tessera_token_page_setup_row (TesseraTokenPage *self,
                              GtkWidget        *row)
{
  tessera_token_row_set_selection_mode (TESSERA_TOKEN_ROW (row), self->selection_mode);
  tessera_token_row_set_selected (TESSERA_TOKEN_ROW (row),
                                  g_hash_table_contains (self->selected, row_token_id (row)));
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (row_selected_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Only what is shown stays chosen: Delete… deletes what is seen. */
void
tessera_token_page_prune_selection (TesseraTokenPage *self)
{
  GListModel *shown = tessera_token_filter_get_shown (self->filter);
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_hash_table_size (self->selected) == 0)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(TesseraToken) token = g_list_model_get_item (shown, i);

      if (g_hash_table_contains (self->selected, tessera_token_get_id (token)))
        g_hash_table_add (kept, g_strdup (tessera_token_get_id (token)));
    }

  if (g_hash_table_size (kept) == g_hash_table_size (self->selected))
    return;

  g_clear_pointer (&self->selected, g_hash_table_unref);
  self->selected = g_steal_pointer (&kept);
  tessera_token_page_update_selection (self);
}

void
tessera_token_page_set_selection_mode (TesseraTokenPage *self,
                                       gboolean          selection_mode)
{
  g_return_if_fail (TESSERA_IS_TOKEN_PAGE (self));

  selection_mode = !!selection_mode;
  if (selection_mode == self->selection_mode)
    return;

  self->selection_mode = selection_mode;
  if (!selection_mode)
    g_hash_table_remove_all (self->selected);

  gtk_stack_set_visible_child_name (self->header_stack, selection_mode ? "selection" : "normal");
  gtk_action_bar_set_revealed (self->action_bar, selection_mode);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (TESSERA_IS_TOKEN_ROW (child))
      tessera_token_row_set_selection_mode (TESSERA_TOKEN_ROW (child), selection_mode);
  tessera_token_page_update_selection (self);

  g_object_notify (G_OBJECT (self), "selection-mode");
}

void
tessera_token_page_select_all (TesseraTokenPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (TESSERA_IS_TOKEN_ROW (child))
      tessera_token_row_set_selected (TESSERA_TOKEN_ROW (child), TRUE);
}

void
tessera_token_page_select_all_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  tessera_token_page_select_all (TESSERA_TOKEN_PAGE (widget));
}

gboolean
tessera_token_page_escape_cb (GtkWidget *widget,
                              GVariant  *args,
                              gpointer   user_data)
{
  TesseraTokenPage *self = TESSERA_TOKEN_PAGE (widget);

  if (!self->selection_mode)
    return FALSE;

  tessera_token_page_set_selection_mode (self, FALSE);
  return TRUE;
}

/* Choosing, a row ticks its box; else it opens its details. */
void
tessera_token_page_row_activated_cb (TesseraTokenPage *self,
                                     GtkListBoxRow    *row)
{
  TesseraTokenRow *token_row;

  if (!TESSERA_IS_TOKEN_ROW (row))
    return;

  token_row = TESSERA_TOKEN_ROW (row);
  if (self->selection_mode)
    tessera_token_row_set_selected (token_row, !tessera_token_row_get_selected (token_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (row), "win.show-token", "s", row_token_id (row));
}

/* ---------------------------------------------------------------- focus */

static void
focus_widget_cb (TesseraTokenPage *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self->focus_root));
  GtkWidget *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_box)))
    return;

  row = GTK_IS_LIST_BOX_ROW (focus) ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (!TESSERA_IS_TOKEN_ROW (row))
    return;

  self->focus_index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  g_free (self->focus_id);
  self->focus_id = g_strdup (row_token_id (row));
}

static gboolean
focus_lost (TesseraTokenPage *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self->focus_root));

  return focus == NULL || focus == GTK_WIDGET (self->list_box) ||
         focus == self->focus_root || !gtk_widget_get_mapped (focus);
}

void
tessera_token_page_restore_focus (TesseraTokenPage *self)
{
  GtkListBoxRow *next = NULL;
  guint n;

  if (self->focus_root == NULL || self->focus_id == NULL)
    return;

  /* Still there (a failed delete, a refresh that kept it): it keeps it. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (TESSERA_IS_TOKEN_ROW (child) && g_str_equal (row_token_id (child), self->focus_id))
      return;

  g_clear_pointer (&self->focus_id, g_free);
  n = g_list_model_get_n_items (tessera_token_filter_get_shown (self->filter));
  if (n == 0 || !focus_lost (self))
    return;

  /* The row that took its place, or the last one. */
  next = gtk_list_box_get_row_at_index (self->list_box, MIN (self->focus_index, n - 1));
  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (next));
}

void
tessera_token_page_root (TesseraTokenPage *self)
{
  g_set_weak_pointer (&self->focus_root, GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))));
  if (self->focus_root != NULL)
    self->focus_handler = g_signal_connect_object (self->focus_root, "notify::focus-widget",
                                                   G_CALLBACK (focus_widget_cb), self,
                                                   G_CONNECT_SWAPPED);
}

void
tessera_token_page_unroot (TesseraTokenPage *self)
{
  if (self->focus_root != NULL && self->focus_handler != 0)
    g_signal_handler_disconnect (self->focus_root, self->focus_handler);
  self->focus_handler = 0;
  g_clear_weak_pointer (&self->focus_root);
}

void
tessera_token_page_selection_init (TesseraTokenPage *self)
{
  self->selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tessera_token_page_update_selection (self);
}

void
tessera_token_page_selection_dispose (TesseraTokenPage *self)
{
  tessera_token_page_unroot (self);
  g_clear_pointer (&self->selected, g_hash_table_unref);
  g_clear_pointer (&self->focus_id, g_free);
}
