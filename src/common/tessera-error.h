/* tessera-error.h — the one error domain of the API layer, shared by every
 * layer (its words are in tessera-words.h)
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TESSERA_API_ERROR (tessera_api_error_quark ())

/* One code per failure a user must tell apart.  Cancellation is not one of
 * them: every layer reports it as G_IO_ERROR_CANCELLED.  Every GError of this
 * domain carries a translated message that says what happened and what to
 * do; when the server sent an `error` text it is part of the message. */
typedef enum
{
  TESSERA_API_ERROR_NETWORK,            /* refused, unreachable, DNS */
  TESSERA_API_ERROR_TLS,                /* certificate or handshake */
  TESSERA_API_ERROR_TIMEOUT,            /* connect or idle timeout */
  TESSERA_API_ERROR_UNAUTHENTICATED,    /* 401 */
  TESSERA_API_ERROR_PERMISSION_DENIED,  /* 403 */
  TESSERA_API_ERROR_NOT_FOUND,          /* 404 */
  TESSERA_API_ERROR_TOKEN_LIMIT,        /* 400 + code 8: 50 tokens already */
  TESSERA_API_ERROR_INVALID_ARGUMENT,   /* 400 + code 3 */
  TESSERA_API_ERROR_RATE_LIMITED,       /* 429 */
  TESSERA_API_ERROR_SERVER,             /* 5xx */
  TESSERA_API_ERROR_BAD_RESPONSE,       /* not JSON, wrong shape, too large */
  TESSERA_API_ERROR_INVALID_URL,        /* not a usable server URL */
  TESSERA_API_ERROR_INSECURE_URL,       /* http:// on a non-loopback host, or a downgrade */
  TESSERA_API_ERROR_NO_ANSWER,          /* the connection closed before an answer: the
                                         * server may or may not have done it; look */
} TesseraApiError;

GQuark tessera_api_error_quark (void);

G_END_DECLS
