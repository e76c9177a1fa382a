/* test-words.c — the words a user reads: every code has them, and the
 * limits are worded from their constants
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tessera-limits.h"
#include "tessera-words.h"

static void
test_every_code (void)
{
  for (int code = TESSERA_API_ERROR_NETWORK; code <= TESSERA_API_ERROR_NO_ANSWER; code++)
    {
      g_autoptr(GError) error = tessera_words_error_new_for_code (code);
      g_autofree char *advice = tessera_words_dup_advice (code);

      g_assert_error (error, TESSERA_API_ERROR, code);
      g_assert_cmpstr (tessera_words_what (code), !=, "");
      /* What happened, then what to do. */
      g_assert_true (g_str_has_prefix (error->message, tessera_words_what (code)));
      g_assert_true (g_str_has_suffix (error->message, advice));
      if (code != TESSERA_API_ERROR_INVALID_URL && code != TESSERA_API_ERROR_INSECURE_URL)
        g_assert_cmpstr (advice, !=, "");
    }
}

static void
test_limits_from_constants (void)
{
  g_autofree char *limit = tessera_words_token_limit ();
  g_autofree char *fifty = g_strdup_printf ("%d", TESSERA_MAX_TOKENS);
  g_autofree char *notes = tessera_words_notes_too_long (3);
  g_autofree char *one = tessera_words_notes_too_long (1);
  g_autofree char *chars = g_strdup_printf ("%d", TESSERA_MAX_NOTES_CHARS);
  g_autofree char *advice = tessera_words_dup_advice (TESSERA_API_ERROR_TOKEN_LIMIT);
  g_autofree char *invalid = tessera_words_dup_advice (TESSERA_API_ERROR_INVALID_ARGUMENT);

  g_assert_cmpstr (limit, ==, "An account can have at most 50 tokens. Delete one you no longer use to generate a new one.");
  g_assert_nonnull (strstr (limit, fifty));
  g_assert_cmpstr (advice, ==, limit);
  g_assert_cmpstr (notes, ==, "The note is 3 characters too long: it can have 256 at most.");
  g_assert_cmpstr (one, ==, "The note is 1 character too long: it can have 256 at most.");
  g_assert_nonnull (strstr (invalid, chars));
}

static void
test_server_words (void)
{
  g_autoptr(GError) server = tessera_words_error_server_said (TESSERA_API_ERROR_SERVER, 502, "Bad Gateway");
  g_autoptr(GError) refused = tessera_words_error_server_said (TESSERA_API_ERROR_UNAUTHENTICATED, 401, "token has expired");
  g_autoptr(GError) silent = tessera_words_error_server_said (TESSERA_API_ERROR_NOT_FOUND, 404, NULL);

  g_assert_error (server, TESSERA_API_ERROR, TESSERA_API_ERROR_SERVER);
  g_assert_nonnull (strstr (server->message, "502 Bad Gateway"));
  g_assert_nonnull (strstr (refused->message, "“token has expired”"));
  g_assert_cmpstr (silent->message, ==, "The server does not know this token. It may have been deleted already. Refresh the list.");
}

/* A server may send megabytes, or control characters: shown short and
 * on one line. */
static void
test_server_words_tamed (void)
{
  g_autofree char *long_text = g_strnfill (100000, 'x');
  g_autoptr(GError) long_error = tessera_words_error_server_said (TESSERA_API_ERROR_INVALID_ARGUMENT, 400, long_text);
  g_autoptr(GError) odd = tessera_words_error_server_said (TESSERA_API_ERROR_INVALID_ARGUMENT, 400, "two\nlines\x1b[31m \xff");

  g_assert_cmpuint (g_utf8_strlen (long_error->message, -1), <, 600);
  g_assert_nonnull (strstr (long_error->message, "…"));
  g_assert_null (strchr (odd->message, '\n'));
  g_assert_null (strchr (odd->message, '\x1b'));
  g_assert_true (g_utf8_validate (odd->message, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/words/every-code", test_every_code);
  g_test_add_func ("/words/limits-from-constants", test_limits_from_constants);
  g_test_add_func ("/words/server", test_server_words);
  g_test_add_func ("/words/server-tamed", test_server_words_tamed);

  return g_test_run ();
}
