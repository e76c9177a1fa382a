/* tessera-background.h — "Run in Background": no window needed, and a
 * start at login
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TESSERA_TYPE_BACKGROUND (tessera_background_get_type ())
G_DECLARE_FINAL_TYPE (TesseraBackground, tessera_background, TESSERA, BACKGROUND, GObject)

/* Follows the run-in-background setting of @settings.  On, it holds
 * @application (closing the last window leaves Tessera running) and asks
 * for a start at login, `tessera --background`: from the Background portal
 * (org.freedesktop.portal.Background, through libportal) when one answers
 * on the bus, else, outside a sandbox, with an XDG autostart entry,
 * $XDG_CONFIG_HOME/autostart/app.tessera.Tessera.desktop.  Off, it lets go
 * of the application and takes the start at login back.
 *
 * Properties:
 *   "autostart"  string or NULL, read-only: how the start at login is
 *                arranged, "portal" or "file", once it is; NULL when it is
 *                not (off, or refused)
 *   "busy"       bool: a request or a file write runs */

TesseraBackground *tessera_background_new           (GApplication      *application,
                                                     GSettings         *settings);
const char        *tessera_background_get_autostart (TesseraBackground *self);
gboolean           tessera_background_get_busy      (TesseraBackground *self);
/* Where the XDG autostart entry goes. */
char              *tessera_background_dup_autostart_path (void);

G_END_DECLS
