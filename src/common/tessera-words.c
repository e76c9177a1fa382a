/* tessera-words.c — the words a user reads for every error and limit
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-words"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-limits.h"
#include "tessera-words.h"

/**
 * tessera_words_what:
 *
 * Returns: what happened, per code, when nothing more precise is known.
 */
const char *
tessera_words_what (TesseraApiError code)
{
  switch (code)
    {
    case TESSERA_API_ERROR_NETWORK:
      return _("Could not connect to the server.");
    case TESSERA_API_ERROR_TLS:
      return _("A secure connection to the server could not be established.");
    case TESSERA_API_ERROR_TIMEOUT:
      return _("The server did not answer in time.");
    case TESSERA_API_ERROR_UNAUTHENTICATED:
      return _("The server did not accept the token.");
    case TESSERA_API_ERROR_PERMISSION_DENIED:
      return _("The server refused the request.");
    case TESSERA_API_ERROR_NOT_FOUND:
      return _("The server does not know this token.");
    case TESSERA_API_ERROR_TOKEN_LIMIT:
      return _("The account already has the most tokens allowed.");
    case TESSERA_API_ERROR_INVALID_ARGUMENT:
      return _("The server refused the request as invalid.");
    case TESSERA_API_ERROR_RATE_LIMITED:
      return _("The server got too many requests.");
    case TESSERA_API_ERROR_SERVER:
      return _("The server failed to answer.");
    case TESSERA_API_ERROR_BAD_RESPONSE:
      return _("The server sent an answer Tessera cannot read.");
    case TESSERA_API_ERROR_NO_ANSWER:
      return _("The server closed the connection without answering.");
    case TESSERA_API_ERROR_INVALID_URL:
    case TESSERA_API_ERROR_INSECURE_URL:
    default:
      return _("The request failed.");
    }
}

/**
 * tessera_words_dup_advice:
 *
 * Returns: (transfer full): what to do, per code; "" when there is
 *   nothing to add.
 */
char *
tessera_words_dup_advice (TesseraApiError code)
{
  switch (code)
    {
    case TESSERA_API_ERROR_NETWORK:
      return g_strdup (_("Check the server address and your network connection, then try again."));
    case TESSERA_API_ERROR_TLS:
      return g_strdup (_("Check the server address and your computer’s date and time; if they are right, the server’s certificate is not valid."));
    case TESSERA_API_ERROR_TIMEOUT:
      return g_strdup (_("Check your network connection and try again later."));
    case TESSERA_API_ERROR_UNAUTHENTICATED:
      return g_strdup (_("The token is not valid, has expired or was deleted. Sign in with a valid token."));
    case TESSERA_API_ERROR_PERMISSION_DENIED:
      return g_strdup (_("This token is not allowed to do that. Use a token of the account that owns these tokens."));
    case TESSERA_API_ERROR_NOT_FOUND:
      return g_strdup (_("It may have been deleted already. Refresh the list."));
    case TESSERA_API_ERROR_TOKEN_LIMIT:
      return tessera_words_token_limit ();
    case TESSERA_API_ERROR_INVALID_ARGUMENT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Check the note (at most %d character) and that the expiry date is in the future.",
                                           "Check the note (at most %d characters) and that the expiry date is in the future.",
                                           TESSERA_MAX_NOTES_CHARS),
                              TESSERA_MAX_NOTES_CHARS);
    case TESSERA_API_ERROR_RATE_LIMITED:
      return g_strdup (_("Wait a minute, then try again."));
    case TESSERA_API_ERROR_SERVER:
      return g_strdup (_("The server has a problem. Try again later."));
    case TESSERA_API_ERROR_BAD_RESPONSE:
      return g_strdup (_("Check the server address; if it is right, try again later."));
    case TESSERA_API_ERROR_NO_ANSWER:
      return g_strdup (_("What was asked may or may not have been done: refresh to see, then try again if needed."));
    case TESSERA_API_ERROR_INVALID_URL:
    case TESSERA_API_ERROR_INSECURE_URL:
    default:
      return g_strdup ("");
    }
}

/**
 * tessera_words_error_new:
 * @happened: what happened, one translated sentence
 *
 * Returns: (transfer full): @happened followed by the advice of @code.
 */
GError *
tessera_words_error_new (TesseraApiError  code,
                         const char      *happened)
{
  g_autofree char *todo = tessera_words_dup_advice (code);

  if (*todo == '\0')
    return g_error_new_literal (TESSERA_API_ERROR, code, happened);

  /* Translators: what happened, then what to do; two sentences. */
  return g_error_new (TESSERA_API_ERROR, code, _("%s %s"), happened, todo);
}

GError *
tessera_words_error_new_for_code (TesseraApiError code)
{
  return tessera_words_error_new (code, tessera_words_what (code));
}

/* ---- why an answer is unusable ----------------------------------------- */

const char *
tessera_words_reason (TesseraWordsReason reason)
{
  switch (reason)
    {
    case TESSERA_WORDS_EMPTY:
      return _("the answer was empty");
    case TESSERA_WORDS_NOT_JSON:
      return _("the answer is not JSON");
    case TESSERA_WORDS_NOT_OBJECT:
      return _("the answer is not a JSON object");
    case TESSERA_WORDS_TOO_DEEP:
      return _("the answer is nested too deeply");
    case TESSERA_WORDS_TOO_LARGE:
      return _("the answer is too large");
    case TESSERA_WORDS_PAYLOAD_OBJECT:
      return _("“payload” should be an object");
    case TESSERA_WORDS_PAYLOAD_NULL:
      return _("“payload” should be null");
    case TESSERA_WORDS_LIST_ARRAY:
      return _("“list” should be an array");
    case TESSERA_WORDS_TOKEN_OBJECT:
      return _("a token should be an object");
    case TESSERA_WORDS_SECRET_EMPTY:
      return _("the new token’s secret is empty");
    case TESSERA_WORDS_ORG_IDS:
      return _("“org_ids” should be a list of strings");
    default:
      g_return_val_if_reached ("");
    }
}

char *
tessera_words_reason_wrong_type (const char *member,
                                 const char *expected,
                                 const char *got)
{
  /* Translators: the first %s is a JSON member name, the second a JSON
   * type ("string", "object"…), the third the type the server sent. */
  return g_strdup_printf (_("“%s” should be a %s, not a %s"), member, expected, got);
}

char *
tessera_words_reason_missing (const char *member)
{
  /* Translators: %s is a JSON member name. */
  return g_strdup_printf (_("“%s” is missing"), member);
}

char *
tessera_words_reason_not_a_date (const char *text)
{
  /* Translators: %s is the text the server sent for a date. */
  return g_strdup_printf (_("“%s” is not a date and time"), text);
}

char *
tessera_words_reason_date_out_of_range (const char *text)
{
  /* Translators: %s is the text the server sent for a date, e.g.
   * "9999-12-31T23:30:00-01:00". */
  return g_strdup_printf (_("“%s” is outside the dates Tessera can show"), text);
}

/* ---- failures --------------------------------------------------------- */

GError *
tessera_words_error_unreadable (const char *reason)
{
  g_autofree char *happened = NULL;

  if (reason == NULL)
    return tessera_words_error_new_for_code (TESSERA_API_ERROR_BAD_RESPONSE);

  /* Translators: %s says why, e.g. "the answer is not JSON". */
  happened = g_strdup_printf (_("The server sent an answer Tessera cannot read: %s."), reason);
  return tessera_words_error_new (TESSERA_API_ERROR_BAD_RESPONSE, happened);
}

/* Server words as they can be shown: valid UTF-8, no control
 * characters, at most SERVER_TEXT_MAX characters (a hostile server may send
 * megabytes). */
#define SERVER_TEXT_MAX 300

static char *
showable (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *shown = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == SERVER_TEXT_MAX)
        {
          g_string_append (shown, "…");
          break;
        }
      if (g_unichar_iscntrl (c))
        g_string_append_c (shown, ' ');
      else
        g_string_append_unichar (shown, c);
    }

  return g_string_free (shown, FALSE);
}

GError *
tessera_words_error_server_said (TesseraApiError  code,
                                 guint            http_status,
                                 const char      *text)
{
  g_autofree char *happened = NULL;
  g_autofree char *server_text = NULL;

  if (text == NULL || *text == '\0')
    return tessera_words_error_new_for_code (code);

  server_text = showable (text);

  switch (code)
    {
    case TESSERA_API_ERROR_SERVER:
      /* Translators: %u is an HTTP status (500…), %s the server's words. */
      happened = g_strdup_printf (_("The server failed to answer (%u %s)."), http_status, server_text);
      break;
    case TESSERA_API_ERROR_BAD_RESPONSE:
      /* Translators: %s is what the server said. */
      happened = g_strdup_printf (_("The server sent an answer Tessera cannot read: “%s”."), server_text);
      break;
    default:
      /* Translators: %s is what the server said, e.g. "token expired". */
      happened = g_strdup_printf (_("The server refused: “%s”."), server_text);
      break;
    }

  return tessera_words_error_new (code, happened);
}

GError *
tessera_words_error_redirected (void)
{
  return tessera_words_error_new (TESSERA_API_ERROR_BAD_RESPONSE,
                                  _("The server redirected the request elsewhere; Tessera does not follow redirects."));
}

GError *
tessera_words_error_insecure_redirect (void)
{
  return g_error_new_literal (TESSERA_API_ERROR, TESSERA_API_ERROR_INSECURE_URL,
                              _("The server tried to redirect to an insecure (http://) address. Tessera did not follow it, so the token was not sent there. Check the server address."));
}

GError *
tessera_words_error_tls (const char *explanation)
{
  g_autofree char *happened = NULL;

  /* Translators: %s is the TLS library's explanation. */
  happened = g_strdup_printf (_("A secure connection to the server could not be established (%s)."),
                              explanation);
  return tessera_words_error_new (TESSERA_API_ERROR_TLS, happened);
}

GError *
tessera_words_error_name_not_found (void)
{
  return tessera_words_error_new (TESSERA_API_ERROR_NETWORK, _("The server’s name could not be found."));
}

GError *
tessera_words_error_refused (void)
{
  return tessera_words_error_new (TESSERA_API_ERROR_NETWORK, _("The server refused the connection."));
}

GError *
tessera_words_error_cannot_connect (const char *explanation)
{
  g_autofree char *happened = NULL;

  /* Translators: %s is the system's explanation. */
  happened = g_strdup_printf (_("Could not connect to the server (%s)."), explanation);
  return tessera_words_error_new (TESSERA_API_ERROR_NETWORK, happened);
}

/* ---- what the caller gave ---------------------------------------------- */

GError *
tessera_words_error_token_malformed (void)
{
  return g_error_new_literal (TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_ARGUMENT,
                              _("This does not look like a personal access token. Copy the whole token and try again."));
}

GError *
tessera_words_error_token_too_long (void)
{
  return g_error_new_literal (TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_ARGUMENT,
                              _("This is too long to be a personal access token. Copy the token alone and try again."));
}

GError *
tessera_words_error_token_without_id (void)
{
  return g_error_new_literal (TESSERA_API_ERROR, TESSERA_API_ERROR_BAD_RESPONSE,
                              _("The server sent a token without an id. Try again later, or report the problem to the server’s operator."));
}

GError *
tessera_words_error_expire_unsendable (void)
{
  return g_error_new_literal (TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_ARGUMENT,
                              _("This expiry date cannot be sent to the server: it is too far in the future. Choose an earlier date."));
}

GError *
tessera_words_error_url_empty (void)
{
  return g_error_new_literal (TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_URL,
                              _("Enter the address of an API7 Cloud server, for example https://console.api7.cloud."));
}

GError *
tessera_words_error_url_not_address (const char *text)
{
  return g_error_new (TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_URL,
                      _("“%s” is not a server address. Use a full URL such as https://console.api7.cloud."),
                      text);
}

GError *
tessera_words_error_url_plain_http (const char *host)
{
  return g_error_new (TESSERA_API_ERROR, TESSERA_API_ERROR_INSECURE_URL,
                      _("Refusing to send tokens to %s over plain HTTP. Use https://, or http:// only for a server on this computer (localhost)."),
                      host);
}

GError *
tessera_words_error_url_with_path (void)
{
  return g_error_new_literal (TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_URL,
                              _("Enter only the server’s address, such as https://console.api7.cloud, without a path."));
}

GError *
tessera_words_error_url_bad_host (const char *text)
{
  /* Translators: %s is what was typed. */
  return g_error_new (TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_URL,
                      _("“%s” does not name a server Tessera can use: type the host name plainly, in ASCII letters, digits, dots and hyphens (or an IP address), without a user name, escapes or a trailing dot."),
                      text);
}

GError *
tessera_words_error_url_invalid (void)
{
  return g_error_new_literal (TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_URL,
                              _("The server address is not valid. Check it and try again."));
}

/* ---- notices and limits ------------------------------------------------ */

const char *
tessera_words_cancelled (void)
{
  return _("The request was cancelled.");
}

const char *
tessera_words_list_unsettled (void)
{
  return _("The token list kept changing while Tessera read it, so it may already be out of date. Refresh to read it again.");
}

/**
 * tessera_words_token_limit:
 *
 * Returns: (transfer full): the 50-token limit, and what to do about it.
 */
char *
tessera_words_token_limit (void)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "An account can have at most %d token. Delete one you no longer use to generate a new one.",
                                       "An account can have at most %d tokens. Delete one you no longer use to generate a new one.",
                                       TESSERA_MAX_TOKENS),
                          TESSERA_MAX_TOKENS);
}

/**
 * tessera_words_notes_too_long:
 * @excess: how many characters too many the note has (> 0)
 *
 * Returns: (transfer full): why the note cannot be sent.
 */
char *
tessera_words_notes_too_long (long excess)
{
  /* Translators: %ld is how many characters too many, %d the limit. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The note is %ld character too long: it can have %d at most.",
                                       "The note is %ld characters too long: it can have %d at most.",
                                       (gulong) MAX (excess, 0)),
                          excess, TESSERA_MAX_NOTES_CHARS);
}

/* ---- the session layer's own words ---- */

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

/* A sign-in that worked, but that the keyring could not keep. */
char *
tessera_words_signed_in_keyring_unavailable (void)
{
  return g_strdup (_("Signed in, but the keyring is not available: Tessera will ask for the token again next time"));
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
tessera_words_rotate_old_kept (const char *notes,
                               const char *why)
{
  if (notes == NULL || *notes == '\0')
    /* Translators: %s says why the delete failed. */
    return g_strdup_printf (_("The new token is ready, but the old token without a note could not be deleted: %s Both tokens exist now. Try “Delete Old Token” again, or delete it later from the list."),
                            why);

  /* Translators: the first %s is the note of the old token, the second
   * says why its delete failed. */
  return g_strdup_printf (_("The new token is ready, but the old token “%s” could not be deleted: %s Both tokens exist now. Try “Delete Old Token” again, or delete it later from the list."),
                          notes, why);
}

char *
tessera_words_rotate_secret_unsafe (void)
{
  return g_strdup (_("The new token is not saved in the keyring and cannot be shown again: copy it before the old token is deleted."));
}

char *
tessera_words_rotate_sign_in_not_replaced (void)
{
  return g_strdup (_("The keyring still signs Tessera in with the old token: deleting it now would lock Tessera out at its next start. Save the new token as the sign-in first."));
}

char *
tessera_words_rotate_new_refused (const char *why)
{
  /* Translators: %s says why the server refused the new token. */
  return g_strdup_printf (_("Tessera could not sign in with the new token, so it keeps using the old one: %s"),
                          why);
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
