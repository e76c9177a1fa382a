/* tessera-token-list-model.c — the token repository as a GListModel: the
 * difference a listing makes, and token states on the clock
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-token-list"

#include "config.h"

#include "tessera-token-list-private.h"

/* ---------------------------------------------------------------- model */

static GType
tessera_token_list_get_item_type (GListModel *model)
{
  return TESSERA_TYPE_TOKEN;
}

static guint
tessera_token_list_get_n_items (GListModel *model)
{
  return TESSERA_TOKEN_LIST (model)->items->len;
}

static gpointer
tessera_token_list_get_item (GListModel *model,
                             guint       position)
{
  TesseraTokenList *self = TESSERA_TOKEN_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

void
tessera_token_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tessera_token_list_get_item_type;
  iface->get_n_items = tessera_token_list_get_n_items;
  iface->get_item = tessera_token_list_get_item;
}

/* ---------------------------------------------------------------- states */

/* Every token's state at this moment, and one alarm for the next moment a
 * state changes: no polling, no timer per token. */
void
tessera_token_list_update_states (TesseraTokenList *self)
{
  g_autoptr(GDateTime) now = tessera_clock_now (self->clock);
  g_autoptr(GDateTime) next = NULL;

  for (guint i = 0; i < self->items->len; i++)
    {
      TesseraToken *token = g_ptr_array_index (self->items, i);
      g_autoptr(GDateTime) change = tessera_clock_next_change (self->clock, token, now);

      tessera_token_set_state (token, tessera_clock_token_state (self->clock, token, now));
      if (change != NULL && (next == NULL || g_date_time_compare (change, next) < 0))
        {
          g_clear_pointer (&next, g_date_time_unref);
          next = g_steal_pointer (&change);
        }
    }

  tessera_alarm_set (self->alarm, next);
}

void
tessera_token_list_alarm_cb (gpointer user_data)
{
  tessera_token_list_update_states (TESSERA_TOKEN_LIST (user_data));
}

/* ---------------------------------------------------------------- changes */

guint
tessera_token_list_index_of (GPtrArray  *tokens,
          const char *id,
          guint       from)
{
  for (guint i = from; i < tokens->len; i++)
    if (g_strcmp0 (tessera_token_get_id (g_ptr_array_index (tokens, i)), id) == 0)
      return i;

  return G_MAXUINT;
}

/* Makes the items equal @listed (same ids, same order), keeping the
 * objects of tokens that stay and announcing each change in the smallest
 * range: runs of removals, runs of insertions, and nothing for a token
 * that stays where it was (its own properties notify what changed). */
void
tessera_token_list_apply_listing (TesseraTokenList *self,
               GPtrArray        *listed)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  guint old_n_items = self->items->len;
  gboolean old_can_create = tessera_token_list_get_can_create (self);
  guint i;

  for (i = 0; i < listed->len; i++)
    g_hash_table_add (wanted, (gpointer) tessera_token_get_id (g_ptr_array_index (listed, i)));

  /* 1. Removals, from the end, in runs. */
  i = self->items->len;
  while (i > 0)
    {
      guint end = i;

      while (i > 0 && !g_hash_table_contains (wanted,
                                              tessera_token_get_id (g_ptr_array_index (self->items, i - 1))))
        i--;
      if (i < end)
        {
          g_ptr_array_remove_range (self->items, i, end - i);
          g_list_model_items_changed (G_LIST_MODEL (self), i, end - i, 0);
        }
      if (i > 0)
        i--;
    }

  /* 2. Updates in place, moves and insertions, in order. */
  i = 0;
  while (i < listed->len)
    {
      TesseraToken *token = g_ptr_array_index (listed, i);
      guint found = tessera_token_list_index_of (self->items, tessera_token_get_id (token), i);
      guint start = i;

      if (found == i)
        {
          tessera_token_update_from (g_ptr_array_index (self->items, i), token);
          i++;
          continue;
        }
      if (found != G_MAXUINT)
        {
          /* Moved (the server reordered): out from there, in here. */
          g_autoptr(TesseraToken) moved = g_object_ref (g_ptr_array_index (self->items, found));

          g_ptr_array_remove_index (self->items, found);
          g_list_model_items_changed (G_LIST_MODEL (self), found, 1, 0);
          tessera_token_update_from (moved, token);
          g_ptr_array_insert (self->items, i, g_steal_pointer (&moved));
          g_list_model_items_changed (G_LIST_MODEL (self), i, 0, 1);
          i++;
          continue;
        }

      /* A run of new tokens. */
      while (i < listed->len &&
             tessera_token_list_index_of (self->items, tessera_token_get_id (g_ptr_array_index (listed, i)), start) == G_MAXUINT)
        {
          g_ptr_array_insert (self->items, i, g_object_ref (g_ptr_array_index (listed, i)));
          i++;
        }
      g_list_model_items_changed (G_LIST_MODEL (self), start, 0, i - start);
    }

  tessera_token_list_update_states (self);
  tessera_token_list_notify_counts (self, old_n_items, old_can_create);
}

void
tessera_token_list_insert_created (TesseraTokenList *self,
                                   TesseraToken     *token)
{
  guint old_n_items = self->items->len;
  gboolean old_can_create = tessera_token_list_get_can_create (self);

  /* The same id twice would be a state the server does not have. */
  if (tessera_token_list_index_of (self->items, tessera_token_get_id (token), 0) != G_MAXUINT)
    return;

  g_ptr_array_insert (self->items, 0, g_object_ref (token));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, 1);
  tessera_token_list_update_states (self);
  tessera_token_list_notify_counts (self, old_n_items, old_can_create);
}

void
tessera_token_list_remove_id (TesseraTokenList *self,
                              const char       *id)
{
  guint old_n_items = self->items->len;
  gboolean old_can_create = tessera_token_list_get_can_create (self);
  guint i = tessera_token_list_index_of (self->items, id, 0);

  if (i == G_MAXUINT)
    return;

  g_ptr_array_remove_index (self->items, i);
  g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
  tessera_token_list_notify_counts (self, old_n_items, old_can_create);
}

void
tessera_token_list_remove_all (TesseraTokenList *self)
{
  guint old_n_items = self->items->len;
  gboolean old_can_create = tessera_token_list_get_can_create (self);

  if (old_n_items == 0)
    return;

  g_ptr_array_set_size (self->items, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, 0);
  tessera_alarm_set (self->alarm, NULL);
  tessera_token_list_notify_counts (self, old_n_items, old_can_create);
}

