/* tessera-secret.c — strings that hold a secret
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tessera-secret.h"

void
tessera_secret_wipe (gpointer data,
                     gsize    length)
{
  if (data != NULL && length > 0)
    explicit_bzero (data, length);
}

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

/**
 * tessera_secret_dup_trimmed:
 * @text: (nullable): what was pasted or read
 * @length: bytes of @text, or -1 (as a gsize: G_MAXSIZE) when NUL-terminated
 * @too_long: (out) (optional): set when the trimmed text is too long
 */
char *
tessera_secret_dup_trimmed (const char *text,
                            gsize       length,
                            gboolean   *too_long)
{
  const char *start = text != NULL ? text : "";

  if (too_long != NULL)
    *too_long = FALSE;

  if (length == G_MAXSIZE)
    length = strlen (start);

  while (length > 0 && g_ascii_isspace (*start))
    {
      start++;
      length--;
    }
  while (length > 0 && g_ascii_isspace (start[length - 1]))
    length--;

  if (length > TESSERA_SECRET_MAX_LENGTH)
    {
      if (too_long != NULL)
        *too_long = TRUE;
      return NULL;
    }

  return g_strndup (start, length);
}
