/* tessera-window.h
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tessera-session.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_WINDOW (tessera_window_get_type ())
G_DECLARE_FINAL_TYPE (TesseraWindow, tessera_window, TESSERA, WINDOW, AdwApplicationWindow)

/* A window follows one account (a TesseraSession of the application's
 * TesseraAccounts) and owns none: switching, adding and signing out act
 * on the application's accounts.  With no account to follow it shows the
 * sign-in page; while the saved sign-ins are read, the loading page.
 *
 * Properties: "session" (TesseraSession or NULL, read-write),
 * "account-key" (string, the followed account as "SERVER EMAIL": the state
 * of the win.account action).
 *
 * Actions (win.*): sign-in, add-account, cancel-sign-in, account (s),
 * sign-in-again, retry, remove-account, generate, delete-token (s: id),
 * copy-token (s: id), rotate-token (s: id), delete-all, test-token,
 * refresh, search, preferences, sign-out.  Every page's main menu ends
 * with Quit (app.quit), which also ends a Tessera running in the
 * background. */

/* @application: a TesseraApplication. */
TesseraWindow  *tessera_window_new                (gpointer        application);
TesseraSession *tessera_window_get_session        (TesseraWindow  *self);
void            tessera_window_set_session        (TesseraWindow  *self,
                                                   TesseraSession *session);
/* `tessera --server URL [--with-token]`: follows an account of @server_url
 * if there is one; else, or with @token, signs in to it (@token is copied
 * and wiped after use), the other accounts staying signed in. */
void            tessera_window_open_server        (TesseraWindow  *self,
                                                   const char     *server_url,
                                                   const char     *token);
/* Scrolls to the row of @token_id, focuses and highlights it, once the
 * list is there; with @copy, copies its secret when one is saved and the
 * keyring gives it without asking (never an unlock prompt). */
void            tessera_window_reveal_token       (TesseraWindow  *self,
                                                   const char     *token_id,
                                                   gboolean        copy);
/* Shows the search, filled with @text. */
void            tessera_window_search             (TesseraWindow  *self,
                                                   const char     *text);
/* The visible page: "loading", "sign-in", "problem" or "tokens". */
const char     *tessera_window_get_page           (TesseraWindow  *self);
GtkWidget      *tessera_window_get_sign_in_page   (TesseraWindow  *self);
GtkWidget      *tessera_window_get_token_page     (TesseraWindow  *self);
/* Shows a short message (plain text, not markup) in the toast overlay,
 * and announces it to screen readers. */
void            tessera_window_toast              (TesseraWindow  *self,
                                                   const char     *message);
/* Tells screen readers @message (plain text), through the window's
 * announcer (tessera-a11y.h), without showing it. */
void            tessera_window_announce           (TesseraWindow  *self,
                                                   const char     *message);

G_END_DECLS
