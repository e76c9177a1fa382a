/* tessera-words.h — the sentences a user reads about errors and limits,
 * worded once
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every function returns a translated string the caller owns. */

/* "This account has 50 tokens, the most it can have. …" */
char *tessera_words_token_limit          (void);
/* "The note is 3 characters too long: it can have 256 at most." */
char *tessera_words_notes_too_long       (long         excess);
/* A pasted or piped token over TESSERA_SECRET_MAX_LENGTH. */
char *tessera_words_token_too_long       (void);
char *tessera_words_not_signed_in        (void);
/* A 401 to the saved sign-in token: the account stays, marked. */
char *tessera_words_sign_in_refused      (void);
/* Sign In Again with a token of another account. */
char *tessera_words_wrong_account        (const char  *expected_email,
                                          const char  *given_email);
char *tessera_words_keyring_unavailable  (void);
/* The session ended on its own: why, for the sign-in page. */
char *tessera_words_sign_in_token_deleted (void);
char *tessera_words_all_tokens_deleted   (void);
/* An answer lost and the list could not be read again to find out. */
char *tessera_words_outcome_unknown      (const char  *why);
/* A create whose answer was lost, after which a token with its note
 * appeared: its secret is lost for good. */
char *tessera_words_orphan_created       (const char  *notes);
/* Attach Secret with the secret of another token, or of no token at all. */
char *tessera_words_wrong_token          (void);
/* The list kept changing while it was read. */
char *tessera_words_list_unsettled       (void);

/* A create whose answer was lost, and the list could not be read to find
 * out whether the server made the token; @why (or NULL) is why a second
 * look failed too. */
char *tessera_words_create_uncertain     (const char  *why);
/* …read again: it did not. */
char *tessera_words_create_not_made      (void);
/* …it did, and that token (its secret lost) was deleted. */
char *tessera_words_orphan_deleted       (const char  *notes);

G_END_DECLS
