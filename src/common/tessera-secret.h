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
 * does so at the end of a scope. */
typedef char *TesseraSecret;

/* A token is a few hundred bytes; anything longer than this is not one
 * and is refused before it is sent anywhere. */
#define TESSERA_SECRET_MAX_LENGTH 16384

void      tessera_secret_free        (char        *secret);
char     *tessera_secret_dup         (const char  *secret);
/* Wipes @length bytes at @data (nothing when @data is NULL). */
void      tessera_secret_wipe        (gpointer     data,
                                      gsize        length);

/* What a person pasted or piped, without the whitespace around it, in an
 * allocation of its own size (so no tail of the token is left behind the
 * new end, where a wipe by length would miss it).  Returns NULL with
 * *too_long set when @text holds more than TESSERA_SECRET_MAX_LENGTH
 * bytes once trimmed; "" for blank text.  Free with tessera_secret_free(). */
char     *tessera_secret_dup_trimmed (const char  *text,
                                      gsize        length,
                                      gboolean    *too_long);

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (TesseraSecret, tessera_secret_free, NULL)

G_END_DECLS
