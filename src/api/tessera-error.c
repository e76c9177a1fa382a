/* tessera-error.c — the one place that maps failures to the words a user
 * reads
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-error"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "tessera-error-private.h"

G_DEFINE_QUARK (tessera-api-error-quark, tessera_api_error)

/* status.code values of the contract (canonical gRPC numbers). */
enum {
  CODE_OK = 0,
  CODE_INVALID_ARGUMENT = 3,
  CODE_NOT_FOUND = 5,
  CODE_PERMISSION_DENIED = 7,
  CODE_RESOURCE_EXHAUSTED = 8,
  CODE_UNAUTHENTICATED = 16,
};

/* What to do, per code: the second half of every message. */
static const char *
advice (TesseraApiError code)
{
  switch (code)
    {
    case TESSERA_API_ERROR_NETWORK:
      return _("Check the server address and your network connection, then try again.");
    case TESSERA_API_ERROR_TLS:
      return _("Check the server address and your computer’s date and time; if they are right, the server’s certificate is not valid.");
    case TESSERA_API_ERROR_TIMEOUT:
      return _("Check your network connection and try again later.");
    case TESSERA_API_ERROR_UNAUTHENTICATED:
      return _("The token is not valid, has expired or was deleted. Sign in with a valid token.");
    case TESSERA_API_ERROR_PERMISSION_DENIED:
      return _("This token is not allowed to do that. Use a token of the account that owns these tokens.");
    case TESSERA_API_ERROR_NOT_FOUND:
      return _("It may have been deleted already. Refresh the list.");
    case TESSERA_API_ERROR_TOKEN_LIMIT:
      return _("An account can have at most 50 tokens. Delete one you no longer use, then try again.");
    case TESSERA_API_ERROR_INVALID_ARGUMENT:
      return _("Check the note (at most 256 characters) and that the expiry date is in the future.");
    case TESSERA_API_ERROR_RATE_LIMITED:
      return _("Wait a minute, then try again.");
    case TESSERA_API_ERROR_SERVER:
      return _("The server has a problem. Try again later.");
    case TESSERA_API_ERROR_BAD_RESPONSE:
      return _("Check the server address; if it is right, try again later.");
    case TESSERA_API_ERROR_NO_ANSWER:
      return _("What was asked may or may not have been done: refresh to see, then try again if needed.");
    case TESSERA_API_ERROR_INVALID_URL:
    case TESSERA_API_ERROR_INSECURE_URL:
    default:
      return "";
    }
}

/* What happened, per code, when the server gave no text. */
static const char *
what (TesseraApiError code)
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

static GError *
error_new (TesseraApiError  code,
           const char      *happened)
{
  const char *todo = advice (code);

  if (*todo == '\0')
    return g_error_new_literal (TESSERA_API_ERROR, code, happened);

  /* Translators: what happened, then what to do; two sentences. */
  return g_error_new (TESSERA_API_ERROR, code, _("%s %s"), happened, todo);
}

static TesseraApiError
code_from_envelope (int envelope_code)
{
  switch (envelope_code)
    {
    case CODE_INVALID_ARGUMENT:
      return TESSERA_API_ERROR_INVALID_ARGUMENT;
    case CODE_NOT_FOUND:
      return TESSERA_API_ERROR_NOT_FOUND;
    case CODE_PERMISSION_DENIED:
      return TESSERA_API_ERROR_PERMISSION_DENIED;
    case CODE_RESOURCE_EXHAUSTED:
      return TESSERA_API_ERROR_TOKEN_LIMIT;
    case CODE_UNAUTHENTICATED:
      return TESSERA_API_ERROR_UNAUTHENTICATED;
    default:
      return TESSERA_API_ERROR_BAD_RESPONSE;
    }
}

static TesseraApiError
code_from_http (guint http_status,
                int   envelope_code)
{
  switch (http_status)
    {
    case SOUP_STATUS_BAD_REQUEST:
      return envelope_code == CODE_RESOURCE_EXHAUSTED ? TESSERA_API_ERROR_TOKEN_LIMIT
                                                      : TESSERA_API_ERROR_INVALID_ARGUMENT;
    case SOUP_STATUS_UNAUTHORIZED:
      return TESSERA_API_ERROR_UNAUTHENTICATED;
    case SOUP_STATUS_FORBIDDEN:
      return TESSERA_API_ERROR_PERMISSION_DENIED;
    case SOUP_STATUS_NOT_FOUND:
      return TESSERA_API_ERROR_NOT_FOUND;
    case 429: /* Too Many Requests: no SOUP_STATUS_ name in libsoup 3.2 */
      return TESSERA_API_ERROR_RATE_LIMITED;
    case SOUP_STATUS_REQUEST_TIMEOUT:
    case SOUP_STATUS_GATEWAY_TIMEOUT:
      return TESSERA_API_ERROR_TIMEOUT;
    default:
      break;
    }

  if (http_status >= 500)
    return TESSERA_API_ERROR_SERVER;

  if (http_status >= 400)
    {
      /* Another 4xx: trust the envelope if there is one. */
      TesseraApiError code = code_from_envelope (envelope_code);

      return code == TESSERA_API_ERROR_BAD_RESPONSE ? TESSERA_API_ERROR_INVALID_ARGUMENT : code;
    }

  if (http_status == 0 || (http_status >= 200 && http_status < 300))
    return code_from_envelope (envelope_code);

  /* 1xx, 3xx (redirects are never followed), nonsense. */
  return TESSERA_API_ERROR_BAD_RESPONSE;
}

/**
 * tessera_api_error_new_http:
 *
 * Returns: (transfer full): the error for a failed answer of the server.
 */
GError *
tessera_api_error_new_http (guint       http_status,
                            int         envelope_code,
                            const char *server_text)
{
  TesseraApiError code = code_from_http (http_status, envelope_code);
  g_autofree char *happened = NULL;

  if (code == TESSERA_API_ERROR_BAD_RESPONSE && http_status >= 300 && http_status < 400)
    {
      return error_new (code, _("The server redirected the request elsewhere; Tessera does not follow redirects."));
    }

  if (server_text == NULL || *server_text == '\0')
    return error_new (code, what (code));

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

  return error_new (code, happened);
}

/**
 * tessera_api_error_new_bad_response:
 * @detail: (nullable): why the answer is unusable, translated
 */
GError *
tessera_api_error_new_bad_response (const char *detail)
{
  g_autofree char *happened = NULL;

  if (detail == NULL)
    return error_new (TESSERA_API_ERROR_BAD_RESPONSE, what (TESSERA_API_ERROR_BAD_RESPONSE));

  /* Translators: %s says why, e.g. "the answer is not JSON". */
  happened = g_strdup_printf (_("The server sent an answer Tessera cannot read: %s."), detail);
  return error_new (TESSERA_API_ERROR_BAD_RESPONSE, happened);
}

/**
 * tessera_api_error_new_transport:
 * @error: what libsoup or GIO reported
 *
 * Returns: (transfer full): the same failure in TESSERA_API_ERROR.  An
 *   error already of that domain, and a cancellation
 *   (G_IO_ERROR_CANCELLED), are copied.
 */
GError *
tessera_api_error_new_transport (const GError *error)
{
  g_autofree char *happened = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == TESSERA_API_ERROR)
    return g_error_copy (error);

  /* Cancellation keeps GIO's own code, in every layer. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return error_new (TESSERA_API_ERROR_TIMEOUT, what (TESSERA_API_ERROR_TIMEOUT));

  if (error->domain == G_TLS_ERROR)
    {
      /* Translators: %s is the TLS library's explanation. */
      happened = g_strdup_printf (_("A secure connection to the server could not be established (%s)."),
                                  error->message);
      return error_new (TESSERA_API_ERROR_TLS, happened);
    }

  if (error->domain == G_RESOLVER_ERROR)
    return error_new (TESSERA_API_ERROR_NETWORK, _("The server’s name could not be found."));

  /* The request went out (or partly) and the connection ended with no
   * whole answer: whether the server acted is unknown. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    return error_new (TESSERA_API_ERROR_NO_ANSWER, what (TESSERA_API_ERROR_NO_ANSWER));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return error_new (TESSERA_API_ERROR_NETWORK, _("The server refused the connection."));

  if (error->domain == SOUP_SESSION_ERROR)
    {
      switch (error->code)
        {
        case SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS:
        case SOUP_SESSION_ERROR_REDIRECT_NO_LOCATION:
        case SOUP_SESSION_ERROR_REDIRECT_BAD_URI:
          return error_new (TESSERA_API_ERROR_BAD_RESPONSE,
                            _("The server redirected the request elsewhere; Tessera does not follow redirects."));
        default:
          return tessera_api_error_new_bad_response (error->message);
        }
    }

  /* Unreachable hosts, resets, closed connections and the rest. */
  /* Translators: %s is the system's explanation. */
  happened = g_strdup_printf (_("Could not connect to the server (%s)."), error->message);
  return error_new (TESSERA_API_ERROR_NETWORK, happened);
}
