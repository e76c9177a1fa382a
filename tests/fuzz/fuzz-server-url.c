/* fuzz-server-url.c — a server address as typed: normalized once, an
 * origin stays itself
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "tessera-server-url.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *url = fuzz_strndup (data, size);
  g_autofree char *origin = tessera_server_url_normalize (url, NULL);
  g_autofree char *again = NULL;

  tessera_server_url_is_loopback_host (url);
  if (origin == NULL)
    return 0;

  again = tessera_server_url_normalize (origin, NULL);
  if (again == NULL || strcmp (again, origin) != 0)
    abort ();
  return 0;
}
