/* tessera-keyring-gate.h — the first libsecret call goes alone
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean tessera_keyring_gate_enter (GTask *task);
void     tessera_keyring_gate_leave (GTask *task,
                                     gboolean succeeded);

G_END_DECLS
