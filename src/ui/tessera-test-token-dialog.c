/* tessera-test-token-dialog.c — "Test a Token": /user/me with any token
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-test-token-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-dialogs.h"

GtkWindow *
tessera_test_token_dialog_present (TesseraWindow *window,
                                   const char    *server_url)
{
  GtkWindow *dialog;

  g_return_val_if_fail (TESSERA_IS_WINDOW (window), NULL);

  dialog = GTK_WINDOW (adw_window_new ());
  gtk_window_set_title (dialog, _("Test a Token"));
  gtk_window_set_modal (dialog, TRUE);
  gtk_window_set_transient_for (dialog, GTK_WINDOW (window));
  gtk_window_present (dialog);

  return dialog;
}
