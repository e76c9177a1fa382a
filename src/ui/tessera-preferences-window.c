/* tessera-preferences-window.c — expiry warning and default server
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-dialogs.h"

GtkWindow *
tessera_preferences_present (TesseraWindow *window)
{
  GtkWindow *dialog;

  g_return_val_if_fail (TESSERA_IS_WINDOW (window), NULL);

  dialog = GTK_WINDOW (adw_preferences_window_new ());
  gtk_window_set_modal (dialog, TRUE);
  gtk_window_set_transient_for (dialog, GTK_WINDOW (window));
  gtk_window_present (dialog);

  return dialog;
}
