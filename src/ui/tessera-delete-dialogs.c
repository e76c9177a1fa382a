/* tessera-delete-dialogs.c — confirm and run "Delete" and "Delete All"
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-delete-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-dialogs.h"

GtkWindow *
tessera_delete_dialog_present (TesseraWindow  *window,
                               TesseraSession *session,
                               TesseraToken   *token)
{
  GtkWidget *dialog;

  g_return_val_if_fail (TESSERA_IS_WINDOW (window), NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Delete Token?"),
                                   _("Apps and scripts that use it will lose access. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

GtkWindow *
tessera_delete_all_dialog_present (TesseraWindow  *window,
                                   TesseraSession *session)
{
  GtkWidget *dialog;

  g_return_val_if_fail (TESSERA_IS_WINDOW (window), NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Delete All Tokens?"), NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete-all", _("_Delete All"),
                                    NULL);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}
