/* fuzz-date.c — the dates a server sends (RFC 3339), and writing them back
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "tessera-json-private.h"
#include "tessera-token.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) expire = NULL;
  g_autoptr(GDateTime) again = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;

  tessera_token_parse_expire (text, &expire, NULL);
  if (!tessera_json_parse_time (text, &parsed, NULL))
    return 0;

  /* A date read is in range, so it can be written, and what is written
   * reads back as itself. */
  written = tessera_json_format_time (parsed);
  if (written == NULL || !tessera_json_parse_time (written, &again, NULL))
    abort ();
  rewritten = tessera_json_format_time (again);
  if (rewritten == NULL || strcmp (written, rewritten) != 0)
    abort ();
  return 0;
}
