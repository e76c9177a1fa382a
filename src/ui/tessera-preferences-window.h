/* tessera-preferences-window.h
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TESSERA_TYPE_PREFERENCES_WINDOW (tessera_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (TesseraPreferencesWindow, tessera_preferences_window, TESSERA, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Template children tests may look up by name: warning_spin, server_row,
 * server_group. */

TesseraPreferencesWindow *tessera_preferences_window_new (GtkWindow *parent);

/* Applies the text of the server row to the `server-url` setting after
 * normalizing it; FALSE (and the reason shown) when it is refused. */
gboolean tessera_preferences_window_apply_server (TesseraPreferencesWindow *self);

G_END_DECLS
