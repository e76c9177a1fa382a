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

/* Property: "token" (construct-only).  The row follows the token's
 * properties; its buttons activate win.copy-token and win.delete-token
 * with the token id. */
/* A row of @token in @session's list: it follows the token's properties,
 * the session's saved secrets (key icon, Copy Token) and whether the
 * session is signed in with it. */
GtkWidget    *tessera_token_row_new          (TesseraToken    *token,
                                              TesseraSession  *session);
TesseraToken *tessera_token_row_get_token    (TesseraTokenRow *self);
/* Marks the row of the token the session is signed in with (deleting it
 * ends the session). */
/* Re-reads the relative times ("in 3 days", "2 hours ago") as time passes. */
void          tessera_token_row_update_times (TesseraTokenRow *self);

G_END_DECLS
