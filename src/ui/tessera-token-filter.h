/* tessera-token-filter.h — the tokens a list shows, in the order it shows them
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TESSERA_TYPE_TOKEN_FILTER (tessera_token_filter_get_type ())
G_DECLARE_FINAL_TYPE (TesseraTokenFilter, tessera_token_filter, TESSERA, TOKEN_FILTER, GObject)

/* A view of a list of TesseraToken (the account's TesseraTokenList):
 * filtered by a search in the notes and by what to show, sorted as asked.
 * Sorted by "created", it is the list's own order (newest first) and
 * passes its changes on as they are, so rows survive a refresh.
 *
 * Properties:
 *   "model"     GListModel of TesseraToken, or NULL
 *   "search"    string: notes that contain it (case-folded), or "" for all
 *   "show"      "all", "expiring" (expires soon), "expired" or "never-used"
 *   "sort"      "created" (newest first), "expiry" (soonest first, none
 *               last), "last-used" (latest first, never last) or "note"
 *   "n-shown"   uint, read-only
 *   "filtering" bool, read-only: a search or a "show" hides some tokens */

TesseraTokenFilter *tessera_token_filter_new           (void);
/* The tokens shown (a GListModel of TesseraToken), in order. */
GListModel         *tessera_token_filter_get_shown     (TesseraTokenFilter *self);
void                tessera_token_filter_set_model     (TesseraTokenFilter *self,
                                                        GListModel         *model);
const char         *tessera_token_filter_get_search    (TesseraTokenFilter *self);
void                tessera_token_filter_set_search    (TesseraTokenFilter *self,
                                                        const char         *search);
const char         *tessera_token_filter_get_show      (TesseraTokenFilter *self);
void                tessera_token_filter_set_show      (TesseraTokenFilter *self,
                                                        const char         *show);
const char         *tessera_token_filter_get_sort      (TesseraTokenFilter *self);
void                tessera_token_filter_set_sort      (TesseraTokenFilter *self,
                                                        const char         *sort);
guint               tessera_token_filter_get_n_shown   (TesseraTokenFilter *self);
gboolean            tessera_token_filter_get_filtering (TesseraTokenFilter *self);
/* The tokens' states move with the clock, not by a change of the list:
 * call this when they may have (a "show" of expiring or expired). */
void                tessera_token_filter_refilter      (TesseraTokenFilter *self);

G_END_DECLS
