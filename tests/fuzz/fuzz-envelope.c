/* fuzz-envelope.c — any answer to any request: the envelope reader with
 * every kind of HTTP status (the first byte picks it), the rest the body
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "tessera-error.h"
#include "tessera-json-private.h"

static const guint statuses[] = { 200, 201, 204, 301, 400, 401, 403, 404, 408, 418, 429, 500, 502, 504 };

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  JsonNode *root;
  guint status;

  if (size < 1)
    return 0;

  status = statuses[data[0] % G_N_ELEMENTS (statuses)];
  root = tessera_envelope_parse (status, "Reason", (const char *) data + 1, size - 1, &warning, &error);

  /* Exactly one of a root and an error, and the error is ours. */
  if ((root == NULL) == (error == NULL))
    abort ();
  if (error != NULL && error->domain != TESSERA_API_ERROR)
    abort ();
  if (root != NULL)
    {
      tessera_envelope_get_payload (root);
      tessera_json_wipe_free (root);
    }
  return 0;
}
