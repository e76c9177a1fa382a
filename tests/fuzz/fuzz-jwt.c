/* fuzz-jwt.c — a token's claims, read from whatever was pasted
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "tessera-jwt.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *jwt = fuzz_strndup (data, size);
  g_autoptr(GDateTime) exp = NULL;
  g_autofree char *jti = NULL;

  tessera_jwt_read_claims (jwt, &exp, &jti, NULL);
  return 0;
}
