/* tessera-error.c — which TESSERA_API_ERROR code an HTTP answer or a
 * transport failure is; the words come from tessera-words.c
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-error"

#include "config.h"

#include <libsoup/soup.h>

#include "tessera-error-private.h"
#include "tessera-words.h"

/* status.code values of the contract (canonical gRPC numbers). */
enum {
  CODE_OK = 0,
  CODE_INVALID_ARGUMENT = 3,
  CODE_NOT_FOUND = 5,
  CODE_PERMISSION_DENIED = 7,
  CODE_RESOURCE_EXHAUSTED = 8,
  CODE_UNAUTHENTICATED = 16,
};

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

  if (code == TESSERA_API_ERROR_BAD_RESPONSE && http_status >= 300 && http_status < 400)
    return tessera_words_error_redirected ();

  return tessera_words_error_server_said (code, http_status, server_text);
}

/**
 * tessera_api_error_new_bad_response:
 * @detail: (nullable): why the answer is unusable, translated
 */
GError *
tessera_api_error_new_bad_response (const char *detail)
{
  return tessera_words_error_unreadable (detail);
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
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == TESSERA_API_ERROR)
    return g_error_copy (error);

  /* Cancellation keeps GIO's own code, in every layer. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return tessera_words_error_new_for_code (TESSERA_API_ERROR_TIMEOUT);

  if (error->domain == G_TLS_ERROR)
    return tessera_words_error_tls (error->message);

  if (error->domain == G_RESOLVER_ERROR)
    return tessera_words_error_name_not_found ();

  /* The request went out (or partly) and the connection ended with no
   * whole answer: whether the server acted is unknown. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    return tessera_words_error_new_for_code (TESSERA_API_ERROR_NO_ANSWER);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return tessera_words_error_refused ();

  if (error->domain == SOUP_SESSION_ERROR)
    {
      switch (error->code)
        {
        case SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS:
        case SOUP_SESSION_ERROR_REDIRECT_NO_LOCATION:
        case SOUP_SESSION_ERROR_REDIRECT_BAD_URI:
          return tessera_words_error_redirected ();
        default:
          return tessera_words_error_unreadable (error->message);
        }
    }

  /* Unreachable hosts, resets and the rest. */
  return tessera_words_error_cannot_connect (error->message);
}
