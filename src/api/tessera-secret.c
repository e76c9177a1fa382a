/* tessera-secret.c
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tessera-secret.h"

/**
 * tessera_secret_free:
 * @secret: (nullable): a secret string
 *
 * Overwrites @secret with zeroes, in a way the compiler may not remove,
 * then frees it.
 */
void
tessera_secret_free (char *secret)
{
  if (secret == NULL)
    return;

  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

char *
tessera_secret_dup (const char *secret)
{
  return g_strdup (secret);
}
