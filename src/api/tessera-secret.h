/* tessera-secret.h — strings that hold a secret
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A NUL-terminated string holding a token.  Free it with
 * tessera_secret_free(), which wipes it first; g_auto(TesseraSecret)
 * does that at the end of the scope. */
typedef char *TesseraSecret;

void tessera_secret_free  (char       *secret);
char *tessera_secret_dup  (const char *secret);

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (TesseraSecret, tessera_secret_free, NULL)

G_END_DECLS
