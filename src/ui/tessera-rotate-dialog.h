/* tessera-rotate-dialog.h — "Rotate Token": a new token in the old one's
 * place, its secret shown once, then the old one deleted
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tessera-rotate.h"
#include "tessera-window.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_ROTATE_DIALOG (tessera_rotate_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TesseraRotateDialog, tessera_rotate_dialog, TESSERA, ROTATE_DIALOG, AdwWindow)

/* win.rotate-token.  Pages: "plan" (what the new token will be; Rotate),
 * "secret" (the new secret once, as Generate shows it, the keyring, and
 * "Delete Old Token…", confirmed), "done".  Actions: rotate.create,
 * rotate.copy, rotate.retry-sign-in, rotate.delete-old (asks first). */
GtkWindow       *tessera_rotate_dialog_present      (TesseraWindow       *window,
                                                     TesseraSession      *session,
                                                     TesseraToken        *token);
TesseraRotation *tessera_rotate_dialog_get_rotation (TesseraRotateDialog *self);

G_END_DECLS
