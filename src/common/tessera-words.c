/* tessera-words.c — the sentences a user reads about errors and limits,
 * worded once
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tessera-limits.h"
#include "tessera-words.h"

char *
tessera_words_token_limit (void)
{
  /* Translators: %d is the most tokens an account can have (50). */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "This account has %d token, the most it can have. Delete one to generate a new token.",
                                       "This account has %d tokens, the most it can have. Delete one to generate a new token.",
                                       TESSERA_MAX_TOKENS),
                          TESSERA_MAX_TOKENS);
}

char *
tessera_words_notes_too_long (long excess)
{
  g_autofree char *limit = NULL;

  /* Translators: the second sentence of "The note is N characters too
   * long"; %d is the most characters a note can have (256). */
  limit = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "It can have %d character at most.",
                                        "It can have %d characters at most.",
                                        TESSERA_MAX_NOTES_CHARS),
                           TESSERA_MAX_NOTES_CHARS);
  /* Translators: %ld is how many characters must go; the second %s is
   * "It can have 256 characters at most." */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The note is %ld character too long. %s",
                                       "The note is %ld characters too long. %s",
                                       excess),
                          excess, limit);
}

char *
tessera_words_token_too_long (void)
{
  return g_strdup (_("This is too long to be a personal access token. Copy the token alone and try again."));
}

char *
tessera_words_not_signed_in (void)
{
  return g_strdup (_("Not signed in"));
}

char *
tessera_words_sign_in_refused (void)
{
  return g_strdup (_("The server refused the sign-in token. It may have expired or been deleted, or a proxy on the way refused it. Sign in again with a valid token, or remove the account."));
}

char *
tessera_words_wrong_account (const char *expected_email,
                             const char *given_email)
{
  /* Translators: both %s are email addresses. */
  return g_strdup_printf (_("This token belongs to %s, not to %s. Use a token of %s, or add it as another account."),
                          given_email, expected_email, expected_email);
}

char *
tessera_words_keyring_unavailable (void)
{
  return g_strdup (_("The keyring is not available: tokens cannot be saved on this computer"));
}

char *
tessera_words_sign_in_token_deleted (void)
{
  return g_strdup (_("The token Tessera was signed in with was deleted. Sign in with another token."));
}

char *
tessera_words_all_tokens_deleted (void)
{
  return g_strdup (_("All tokens were deleted. Sign in with a new token."));
}

char *
tessera_words_outcome_unknown (const char *why)
{
  /* Translators: %s says what went wrong, e.g. "The server did not
   * answer in time. …" */
  return g_strdup_printf (_("The answer was lost, and Tessera could not check what the server did: %s Refresh the list to see where things stand."),
                          why);
}

char *
tessera_words_orphan_created (const char *notes)
{
  if (notes == NULL || *notes == '\0')
    return g_strdup (_("The server created a token without a note, but its answer was lost on the way, so its secret cannot be shown. Delete that token and generate a new one."));

  /* Translators: %s is the note of the token. */
  return g_strdup_printf (_("The server created the token “%s”, but its answer was lost on the way, so its secret cannot be shown. Delete that token and generate a new one."),
                          notes);
}

char *
tessera_words_wrong_token (void)
{
  return g_strdup (_("This is the secret of another token, not of this one. Paste the secret that was shown when this token was generated."));
}

char *
tessera_words_list_unsettled (void)
{
  return g_strdup (_("The list changed on the server while Tessera read it, so it may already be out of date."));
}

char *
tessera_words_create_uncertain (const char *why)
{
  if (why == NULL)
    return g_strdup (_("The answer was lost, and Tessera could not find out whether the server made the token. Check again before you create another."));

  /* Translators: %s says what went wrong, e.g. "The server did not
   * answer in time." */
  return g_strdup_printf (_("Tessera still could not find out whether the server made the token: %s Check again before you create another."),
                          why);
}

char *
tessera_words_create_not_made (void)
{
  return g_strdup (_("The server made no token: you can create it again."));
}

char *
tessera_words_orphan_deleted (const char *notes)
{
  if (notes == NULL || *notes == '\0')
    return g_strdup (_("The token without a note was deleted. You can create the token again."));

  /* Translators: %s is the note of the token. */
  return g_strdup_printf (_("The token “%s” was deleted. You can create the token again."), notes);
}
