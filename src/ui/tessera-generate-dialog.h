/* tessera-generate-dialog.h
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tessera-session.h"

G_BEGIN_DECLS

/* The most characters a note may have (the server refuses more). */
#define TESSERA_TYPE_GENERATE_DIALOG (tessera_generate_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TesseraGenerateDialog, tessera_generate_dialog, TESSERA, GENERATE_DIALOG, AdwWindow)

/* Actions: "generate.create" (Create Token), "generate.copy" (Copy).
 * Template children tests may look up by name: note_row, note_counter,
 * note_hint, expiry_row, date_row, date_calendar, no_expiry_row,
 * create_button, error_revealer, error_label, stack, secret_label,
 * save_switch, save_row, done_button. */

TesseraGenerateDialog *tessera_generate_dialog_new (GtkWindow      *parent,
                                                    TesseraSession *session);

G_END_DECLS
