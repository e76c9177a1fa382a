/* tessera-jwt.h — reading (never trusting) a token's claims
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Decodes the payload of a JWT without checking its signature.
 * *exp_out: the `exp` claim as UTC, or NULL when absent.
 * *jti_out: the `jti` claim, or NULL when absent.
 * Returns FALSE with a TESSERA_API_ERROR_INVALID_ARGUMENT when @jwt is not
 * three base64url segments with a JSON object in the middle. */
gboolean tessera_jwt_read_claims (const char  *jwt,
                                  GDateTime  **exp_out,
                                  char       **jti_out,
                                  GError     **error);

G_END_DECLS
