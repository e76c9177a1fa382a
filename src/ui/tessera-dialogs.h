/* tessera-dialogs.h — the token manager's dialogs, opened by window actions
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tessera-session.h"
#include "tessera-window.h"

G_BEGIN_DECLS

/* win.generate: "New Personal Access Token" (note + expiry), then the
 * secret shown once. */
GtkWindow *tessera_generate_dialog_present    (TesseraWindow  *window,
                                               TesseraSession *session);

/* win.show-token: the token's details, its claims when its secret is
 * saved, and what can be done with it. */
GtkWindow *tessera_token_details_present      (TesseraWindow  *window,
                                               TesseraSession *session,
                                               TesseraToken   *token);

/* win.delete-token: "Delete Token “<notes>”?"; runs the delete and toasts
 * "Token deleted" on the window. */
GtkWindow *tessera_delete_dialog_present      (TesseraWindow  *window,
                                               TesseraSession *session,
                                               TesseraToken   *token);

/* win.delete-tokens, win.delete-expired: one confirmation listing
 * @tokens (TesseraToken), then each deleted in turn (the sign-in token
 * last); a toast says how many went, a dialog which could not, and why. */
GtkWindow *tessera_delete_many_dialog_present (TesseraWindow  *window,
                                               TesseraSession *session,
                                               GPtrArray      *tokens);

/* A failure, in a message dialog over @window: @message (plain text). */
void       tessera_present_error              (TesseraWindow  *window,
                                               const char     *heading,
                                               const char     *message);

/* win.delete-all: the Danger Zone confirmation (type the email). */
GtkWindow *tessera_delete_all_dialog_present  (TesseraWindow  *window,
                                               TesseraSession *session);

/* win.attach-secret: "Attach Secret…" — paste the secret of a token made
 * elsewhere; it is checked and saved in the keyring. */
#define TESSERA_TYPE_ATTACH_DIALOG (tessera_attach_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TesseraAttachDialog, tessera_attach_dialog, TESSERA, ATTACH_DIALOG, AdwWindow)

GtkWindow *tessera_attach_dialog_present      (TesseraWindow  *window,
                                               TesseraSession *session,
                                               TesseraToken   *token);

/* win.test-token: "Test a Token…" against /user/me on @server_url alone. */
GtkWindow *tessera_test_token_dialog_present  (TesseraWindow  *window,
                                               const char     *server_url);

/* win.preferences */
GtkWindow *tessera_preferences_present        (TesseraWindow  *window);

G_END_DECLS
