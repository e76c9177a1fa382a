/* tessera-secret-row.h — a boxed-list row for typing or pasting a token
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TESSERA_TYPE_SECRET_ROW (tessera_secret_row_get_type ())
G_DECLARE_FINAL_TYPE (TesseraSecretRow, tessera_secret_row, TESSERA, SECRET_ROW, AdwPreferencesRow)

/* A row with its title above a GtkPasswordEntry (Show Text included), in
 * place of AdwPasswordEntryRow: GTK 4.8 tells assistive technologies
 * that only a GtkPasswordEntry is a "password text", and this one's
 * buffer (TesseraSecretBuffer) and its typed text never reach them in
 * clear (see tessera-secret-row.c).
 *
 * Property "title" (AdwPreferencesRow's).  Signals: "changed" (the text
 * changed), "activated" (Enter). */

/* The entry, a GtkEditable: set its text with gtk_editable_set_text();
 * reading it gives the mask, read the secret with
 * tessera_secret_row_get_secret(). */
GtkWidget  *tessera_secret_row_get_entry  (TesseraSecretRow *self);
/* The typed secret (borrowed; copy it with tessera_secret_dup()). */
const char *tessera_secret_row_get_secret (TesseraSecretRow *self);
void        tessera_secret_row_clear      (TesseraSecretRow *self);

G_END_DECLS
