/* fuzz-payload.c — one payload reader behind a 200 envelope; built once
 * per reader (FUZZ_PAYLOAD_* picks it): the user, a token page, a created
 * token, deleting one and all
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "tessera-json-private.h"
#include "tessera-payload-private.h"
#include "tessera-secret.h"

static void
read_payload (JsonNode *root)
{
  g_autoptr(GError) error = NULL;

#if defined (FUZZ_PAYLOAD_USER)
  g_autoptr(TesseraAccount) account = tessera_payload_read_account (root, &error);

  if (account != NULL)
    g_free (tessera_account_dup_display_name (account));
#elif defined (FUZZ_PAYLOAD_PAGE)
  gint64 count = -1;
  g_autoptr(GPtrArray) tokens = tessera_payload_read_page (root, &count, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (tokens != NULL && count < 0)
    abort ();
  /* What the clock does with every token read: its dates in arithmetic. */
  for (guint i = 0; tokens != NULL && i < tokens->len; i++)
    tessera_token_state_at (g_ptr_array_index (tokens, i), now, 7);
#elif defined (FUZZ_PAYLOAD_CREATED)
  g_auto(TesseraSecret) secret = NULL;
  g_autoptr(TesseraToken) token = tessera_payload_read_created (root, &secret, &error);

  if ((token == NULL) != (secret == NULL) || (secret != NULL && *secret == '\0'))
    abort ();
#elif defined (FUZZ_PAYLOAD_DELETED)
  guint n = 0;

  tessera_payload_read_deleted_one (root, NULL);
  tessera_payload_read_deleted_all (root, &n, &error);
#else
#error "define FUZZ_PAYLOAD_USER, _PAGE, _CREATED or _DELETED"
#endif
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  JsonNode *root = tessera_envelope_parse (200, "OK", (const char *) data, size, NULL, NULL);

  if (root == NULL)
    return 0;
  read_payload (root);
  tessera_json_wipe_free (root);
  return 0;
}
