/* tessera-token-details-dialog.h — one token, all that is known of it
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TESSERA_TYPE_TOKEN_DETAILS_DIALOG (tessera_token_details_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TesseraTokenDetailsDialog, tessera_token_details_dialog, TESSERA, TOKEN_DETAILS_DIALOG, AdwWindow)

/* Opened by win.show-token (tessera_token_details_present() in
 * tessera-dialogs.h): the note, status, exact times with their time zone,
 * the id, where the secret is kept, the JWT's claims when it is saved;
 * "Test This Token" and "Copy" for a saved secret, "Rotate…" once the
 * window has win.rotate-token, and "Delete…".  It closes when the token
 * leaves the list or the account is no longer signed in.
 *
 * Actions: details.test, details.copy, details.rotate, details.delete.
 * Template children tests may look up by name: note_row, status_row,
 * expires_row, created_row, last_used_row, id_row, stored_row,
 * claims_group, test_result, test_button, copy_button, rotate_button. */

G_END_DECLS
