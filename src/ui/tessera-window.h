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

/* A window talks to one server and owns its TesseraSession.  Unless
 * tessera_window_sign_in_with_token() is called before the main loop next
 * runs, it restores the sign-in token saved for the server (loading page),
 * then shows the token list or the sign-in page.
 *
 * Actions (win.*): sign-in, generate, delete-token (s: id), copy-token (s:
 * id), delete-all, test-token, refresh, search, preferences, sign-out. */

/* @application: a GtkApplication (TesseraApplication in the app). */
TesseraWindow  *tessera_window_new                 (gpointer       application,
                                                    const char    *server_url);
const char     *tessera_window_get_server_url      (TesseraWindow *self);
TesseraSession *tessera_window_get_session         (TesseraWindow *self);
/* Signs in with @token (copied, wiped after use) instead of restoring. */
void            tessera_window_sign_in_with_token  (TesseraWindow *self,
                                                    const char    *token);
/* The visible page: "loading", "sign-in" or "tokens". */
const char     *tessera_window_get_page            (TesseraWindow *self);
GtkWidget      *tessera_window_get_sign_in_page    (TesseraWindow *self);
GtkWidget      *tessera_window_get_token_page      (TesseraWindow *self);
/* Shows a short message (plain text, not markup) in the window's toast
 * overlay. */
void            tessera_window_toast               (TesseraWindow *self,
                                                    const char    *message);

G_END_DECLS
