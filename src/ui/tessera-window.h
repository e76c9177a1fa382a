/* tessera-window.h
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TESSERA_TYPE_WINDOW (tessera_window_get_type ())
G_DECLARE_FINAL_TYPE (TesseraWindow, tessera_window, TESSERA, WINDOW, AdwApplicationWindow)

/* @application: a GtkApplication (TesseraApplication in the app). */
TesseraWindow *tessera_window_new            (gpointer       application,
                                              const char    *server_url);
const char    *tessera_window_get_server_url (TesseraWindow *self);
/* Shows a short message in the window's toast overlay. */
void           tessera_window_toast          (TesseraWindow *self,
                                              const char    *message);

G_END_DECLS
