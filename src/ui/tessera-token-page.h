/* tessera-token-page.h — the list of personal access tokens
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tessera-session.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_TOKEN_PAGE (tessera_token_page_get_type ())
G_DECLARE_FINAL_TYPE (TesseraTokenPage, tessera_token_page, TESSERA, TOKEN_PAGE, AdwBin)

/* Shows the session's token list: loading, error ("Retry"), empty,
 * no-results and list states, search by notes, sort and filter, the count
 * and the Danger Zone, and a selection mode.  Its buttons activate win.*
 * actions; activating a row, win.show-token.
 *
 * Properties: "session", "view" (read-only), "sort" and "show" (see
 * TesseraTokenFilter), "selection-mode" (bool).
 * Actions (tokens.*): sort (s), show (s), selection-mode, show-all,
 * select-all. */

TesseraSession *tessera_token_page_get_session     (TesseraTokenPage *self);
void            tessera_token_page_set_session     (TesseraTokenPage *self,
                                                    TesseraSession   *session);
/* Shows or hides the search bar (win.search). */
void            tessera_token_page_toggle_search   (TesseraTokenPage *self);
/* Opens the search with @text in it. */
void            tessera_token_page_search          (TesseraTokenPage *self,
                                                    const char       *text);
/* Scrolls to the row of @token_id, gives it the focus and highlights it
 * for a moment; FALSE when no row shows that token. */
gboolean        tessera_token_page_reveal          (TesseraTokenPage *self,
                                                    const char       *token_id);
/* Selection mode: a check box on each row, "N Selected" in the header and
 * Delete… (win.delete-tokens with the chosen ids) below; off, nothing
 * is chosen. */
void            tessera_token_page_set_selection_mode (TesseraTokenPage *self,
                                                      gboolean          selection_mode);
/* The ids of the tokens chosen, in the list's order. */
GStrv           tessera_token_page_dup_selected_ids (TesseraTokenPage *self);
/* The name of the visible state: "loading", "error", "empty", "no-results"
 * or "list". */
const char     *tessera_token_page_get_view        (TesseraTokenPage *self);
/* Re-reads relative times and states (called each minute). */
void            tessera_token_page_refresh_times   (TesseraTokenPage *self);
/* Whether F10 opens the page's main menu (only the page shown's does). */
void            tessera_token_page_set_primary_menu (TesseraTokenPage *self,
                                                    gboolean          primary);
/* A section (the accounts) at the top of the page's main menu. */
void            tessera_token_page_add_menu_section (TesseraTokenPage *self,
                                                    GMenuModel       *section);

G_END_DECLS
