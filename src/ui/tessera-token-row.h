/* tessera-token-row.h — one token in the list
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tessera-session.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_TOKEN_ROW (tessera_token_row_get_type ())
G_DECLARE_FINAL_TYPE (TesseraTokenRow, tessera_token_row, TESSERA, TOKEN_ROW, GtkListBoxRow)

/* A row of @token in @session's list: it follows the token's properties,
 * the session's saved secrets (key icon, Copy Token) and whether the
 * session is signed in with it.  Its buttons activate win.copy-token,
 * win.delete-token… with the token id; Delete on it, win.delete-token.
 *
 * Properties: "token", "session" (construct-only), "selected" (bool: its
 * check box, shown in selection mode). */
GtkWidget    *tessera_token_row_new          (TesseraToken    *token,
                                              TesseraSession  *session);
TesseraToken *tessera_token_row_get_token    (TesseraTokenRow *self);
/* Re-reads the relative times ("in 3 days", "2 hours ago") as time passes. */
void          tessera_token_row_update_times (TesseraTokenRow *self);
/* Selection mode: a check box before the note; the row's own buttons off. */
void          tessera_token_row_set_selection_mode (TesseraTokenRow *self,
                                                    gboolean         selection_mode);
gboolean      tessera_token_row_get_selection_mode (TesseraTokenRow *self);
void          tessera_token_row_set_selected (TesseraTokenRow *self,
                                              gboolean         selected);
gboolean      tessera_token_row_get_selected (TesseraTokenRow *self);

G_END_DECLS
