/* tessera-words.h — the words a user reads for every error and limit, in
 * one place
 *
 * Every message of TESSERA_API_ERROR says what happened, then what to do.
 * The limits of tessera-limits.h are worded here once, from their
 * constants, for every layer to use.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tessera-error.h"

G_BEGIN_DECLS

/* Why an answer of the server cannot be used: the end of "The server sent
 * an answer Tessera cannot read: …". */
typedef enum
{
  TESSERA_WORDS_EMPTY,           /* the answer was empty */
  TESSERA_WORDS_NOT_JSON,        /* the answer is not JSON */
  TESSERA_WORDS_NOT_OBJECT,      /* the answer is not a JSON object */
  TESSERA_WORDS_TOO_DEEP,        /* the answer is nested too deeply */
  TESSERA_WORDS_TOO_LARGE,       /* the answer is too large */
  TESSERA_WORDS_PAYLOAD_OBJECT,  /* “payload” should be an object */
  TESSERA_WORDS_PAYLOAD_NULL,    /* “payload” should be null */
  TESSERA_WORDS_LIST_ARRAY,      /* “list” should be an array */
  TESSERA_WORDS_TOKEN_OBJECT,    /* a token should be an object */
  TESSERA_WORDS_SECRET_EMPTY,    /* the new token’s secret is empty */
  TESSERA_WORDS_ORG_IDS,         /* “org_ids” should be a list of strings */
} TesseraWordsReason;

/* What happened, per code, when nothing more precise is known. */
const char *tessera_words_what                  (TesseraApiError     code);
/* What to do, per code ("" when there is nothing to add). */
char       *tessera_words_dup_advice            (TesseraApiError     code);

/* @happened, then the advice of @code, as one message. */
GError     *tessera_words_error_new             (TesseraApiError     code,
                                                 const char         *happened);
/* What happened (the code's own words) and what to do. */
GError     *tessera_words_error_new_for_code    (TesseraApiError     code);

/* Why an answer cannot be used, to pass to
 * tessera_words_error_unreadable(). */
const char *tessera_words_reason                (TesseraWordsReason  reason);
char       *tessera_words_reason_wrong_type     (const char         *member,
                                                 const char         *expected,
                                                 const char         *got);
char       *tessera_words_reason_missing        (const char         *member);
char       *tessera_words_reason_not_a_date     (const char         *text);
char       *tessera_words_reason_date_out_of_range (const char      *text);

/* BAD_RESPONSE: the server's answer cannot be used; @reason (nullable)
 * says why. */
GError     *tessera_words_error_unreadable      (const char         *reason);
/* A failure whose words come from the server: @server_text is what it
 * said; @http_status is shown for a 5xx. */
GError     *tessera_words_error_server_said     (TesseraApiError     code,
                                                 guint               http_status,
                                                 const char         *server_text);
/* Transport and redirects. */
GError     *tessera_words_error_redirected      (void);
GError     *tessera_words_error_insecure_redirect (void);
GError     *tessera_words_error_tls             (const char         *explanation);
GError     *tessera_words_error_name_not_found  (void);
GError     *tessera_words_error_refused         (void);
GError     *tessera_words_error_cannot_connect  (const char         *explanation);

/* INVALID_ARGUMENT: a token that cannot be one, before any request. */
GError     *tessera_words_error_token_malformed (void);
GError     *tessera_words_error_token_too_long  (void);
/* BAD_RESPONSE: a listed or created token without an id. */
GError     *tessera_words_error_token_without_id (void);
/* INVALID_ARGUMENT: an expiry that cannot be written as a date. */
GError     *tessera_words_error_expire_unsendable (void);

/* INVALID_URL / INSECURE_URL: the server address. */
GError     *tessera_words_error_url_empty       (void);
GError     *tessera_words_error_url_not_address (const char         *text);
GError     *tessera_words_error_url_plain_http  (const char         *host);
GError     *tessera_words_error_url_with_path   (void);
GError     *tessera_words_error_url_bad_host    (const char         *text);
GError     *tessera_words_error_url_invalid     (void);

/* G_IO_ERROR_CANCELLED's message. */
const char *tessera_words_cancelled             (void);
/* The notice when a listing kept changing while it was read. */
const char *tessera_words_list_unsettled        (void);

/* The limits, from tessera-limits.h.  Free with g_free(). */
char       *tessera_words_token_limit           (void);
char       *tessera_words_notes_too_long        (long                excess);

/* The session layer's words.  Each returns a string to free. */
/* A pasted or piped token over TESSERA_SECRET_MAX_LENGTH. */
char       *tessera_words_token_too_long        (void);
char       *tessera_words_not_signed_in         (void);
/* A 401 to the saved sign-in token: the account stays, marked. */
char       *tessera_words_sign_in_refused       (void);
/* Sign In Again with a token of another account. */
char       *tessera_words_wrong_account         (const char         *expected_email,
                                                 const char         *given_email);
char       *tessera_words_signed_in_keyring_unavailable (void);
/* The session ended on its own: why, for the sign-in page. */
char       *tessera_words_sign_in_token_deleted (void);
char       *tessera_words_all_tokens_deleted    (void);
/* An answer lost and the list could not be read again to find out. */
char       *tessera_words_outcome_unknown       (const char         *why);
/* A create whose answer was lost, after which a token with its note
 * appeared: its secret is lost for good. */
char       *tessera_words_orphan_created        (const char         *notes);
/* Attach Secret with the secret of another token, or of no token at all. */
char       *tessera_words_wrong_token           (void);

/* Rotate: the new token exists, but the old one could not be deleted
 * (@why, a sentence): both exist now. */
char       *tessera_words_rotate_old_kept       (const char         *notes,
                                                const char         *why);
/* Rotate: the old token is not deleted while the new secret is neither
 * saved in the keyring nor copied: it would be lost with the old one. */
char       *tessera_words_rotate_secret_unsafe  (void);
/* Rotate of the sign-in token: the keyring's sign-in item still holds the
 * old token, so deleting it would lock Tessera out at its next start. */
char       *tessera_words_rotate_sign_in_not_replaced (void);
/* Rotate of the sign-in token: the new one did not work for the account. */
char       *tessera_words_rotate_new_refused    (const char         *why);

/* A create whose answer was lost, and the list could not be read to find
 * out whether the server made the token; @why (or NULL) is why a second
 * look failed too. */
char *tessera_words_create_uncertain     (const char  *why);
/* …read again: it did not. */
char *tessera_words_create_not_made      (void);
/* …it did, and that token (its secret lost) was deleted. */
char *tessera_words_orphan_deleted       (const char  *notes);

G_END_DECLS
