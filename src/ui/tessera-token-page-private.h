/* tessera-token-page-private.h — what tessera-token-page.c and
 * tessera-token-page-selection.c share
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tessera-token-filter.h"
#include "tessera-token-page.h"

G_BEGIN_DECLS

struct _TesseraTokenPage
{
  AdwBin              parent_instance;

  TesseraSession     *session;
  TesseraTokenFilter *filter;
  guint               tick_id;

  /* Selection mode: the ids chosen (a set), kept across rows rebuilt. */
  gboolean            selection_mode;
  GHashTable         *selected;

  /* Where the keyboard focus was in the list, to put it back on the next
   * row when that one goes (deleted). */
  GtkWidget          *focus_root;       /* weak: the window watched */
  gulong              focus_handler;
  guint               focus_index;
  char               *focus_id;

  /* Template children */
  GtkStack           *header_stack;
  AdwWindowTitle     *window_title;
  AdwWindowTitle     *selection_title;
  GtkWidget          *generate_button;
  GtkToggleButton    *search_button;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *content_stack;
  GtkSpinner         *loading_spinner;
  AdwStatusPage      *error_page;
  AdwStatusPage      *no_results_page;
  GtkScrolledWindow  *list_scroller;
  GtkLabel           *account_label;
  GtkLabel           *count_label;
  GtkSpinner         *reload_spinner;
  GtkWidget          *select_button;
  GtkLabel           *limit_label;
  GtkListBox         *list_box;
  GtkWidget          *stale_box;
  GtkLabel           *stale_label;
  GtkWidget          *danger_group;
  GtkMenuButton      *menu_button;
  GtkActionBar       *action_bar;
  GtkWidget          *delete_selected_button;
};

/* tessera-token-page-selection.c */
void  tessera_token_page_selection_init    (TesseraTokenPage *self);
void  tessera_token_page_selection_dispose (TesseraTokenPage *self);
/* A new row takes the page's mode and whether its token is chosen. */
void  tessera_token_page_setup_row         (TesseraTokenPage *self,
                                            GtkWidget        *row);
/* The chosen tokens are the list's: drops the ids of tokens gone. */
void  tessera_token_page_prune_selection   (TesseraTokenPage *self);
void  tessera_token_page_update_selection  (TesseraTokenPage *self);
void  tessera_token_page_row_activated_cb  (TesseraTokenPage *self,
                                            GtkListBoxRow    *row);
void  tessera_token_page_select_all        (TesseraTokenPage *self);
void  tessera_token_page_select_all_action (GtkWidget        *widget,
                                            const char       *action_name,
                                            GVariant         *parameter);
/* Escape leaves selection mode; FALSE (not handled) when not in it. */
gboolean tessera_token_page_escape_cb      (GtkWidget        *widget,
                                            GVariant         *args,
                                            gpointer          user_data);
/* The page follows its window's keyboard focus while rooted. */
void  tessera_token_page_root              (TesseraTokenPage *self);
void  tessera_token_page_unroot            (TesseraTokenPage *self);
/* After rows went: the focus, if it was on one of them, to the next. */
void  tessera_token_page_restore_focus     (TesseraTokenPage *self);

G_END_DECLS
