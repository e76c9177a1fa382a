/* fuzz-common.h — what every libFuzzer target of Tessera shares
 *
 * Each target feeds one parser of untrusted input; a GLib warning or
 * critical is a finding like a crash (they abort here), and nothing is
 * logged on the way.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
fuzz_quiet_log (const char     *domain,
                GLogLevelFlags  level,
                const char     *message,
                gpointer        user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_printerr ("%s: %s\n", domain != NULL ? domain : "?", message);
      abort ();
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_default_handler (fuzz_quiet_log, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

/* @data as a NUL-terminated string of its own (the input may hold NULs:
 * the string then ends at the first). */
static inline char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  return g_strndup ((const char *) data, size);
}
