/* tessera-clipboard.h — a secret on the clipboard, for a while
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Puts @secret on @widget's clipboard.  After @clear_after_s seconds (0:
 * never) it is taken off again, but only if the clipboard still holds what
 * Tessera put there: something copied since is left alone.  Tessera's copy
 * is wiped when the clipboard lets go of it.  Returns the words of a toast
 * that says so ("Copied — clears in 45 s"). */
char *tessera_clipboard_copy_secret (GtkWidget  *widget,
                                     const char *secret,
                                     guint       clear_after_s);

/* "45 s", "2 min": how long a copied secret stays. */
char *tessera_clipboard_format_delay (guint      seconds);

G_END_DECLS
