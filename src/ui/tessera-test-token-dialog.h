/* tessera-test-token-dialog.h
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TESSERA_TYPE_TEST_TOKEN_DIALOG (tessera_test_token_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TesseraTestTokenDialog, tessera_test_token_dialog, TESSERA, TEST_TOKEN_DIALOG, AdwWindow)

/* Action: "test-token.test".  Template children tests may look up by name:
 * token_row, test_button, spinner, result_box, result_label,
 * result_detail. */

TesseraTestTokenDialog *tessera_test_token_dialog_new (GtkWindow  *parent,
                                                       const char *server_url);

G_END_DECLS
