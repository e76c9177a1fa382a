/* tessera-request-private.h — one API request: headers, size cap, the 429
 * retry, redirects refused, the envelope read
 *
 * Private to src/api/.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Answers larger than this are refused, whatever Content-Length says. */
#define TESSERA_REQUEST_MAX_BODY          (2 * 1024 * 1024)
/* A GET answered 429 is retried once, after Retry-After if it is at most
 * this long (else the 429 stands). */
#define TESSERA_REQUEST_MAX_RETRY_AFTER   10
#define TESSERA_REQUEST_DEFAULT_TIMEOUT   15

/* Seconds to wait after a 429 whose Retry-After is @value (NULL when
 * absent), or -1 when that is longer than @max_seconds
 * (tessera-retry-after.c). */
int          tessera_retry_after_delay   (const char          *value,
                                          GDateTime           *now,
                                          int                  max_seconds);

/* A session with Tessera's User-Agent, timeouts and connection limit. */
SoupSession *tessera_request_session_new (guint                timeout_seconds,
                                          guint                max_conns_per_host);

/* @origin: a normalized origin (tessera_server_url_normalize()).
 * @path_and_query: starts with "/".
 * @body: (nullable): a JSON request body.
 * @warning_target: (nullable): an object whose "warning" signal is
 *   emitted with an envelope `warning`; it is also the GTask's source.
 *
 * The result (tessera_request_finish()) is the whole envelope's root;
 * free it with tessera_json_wipe_free(). */
void      tessera_request_async  (SoupSession          *session,
                                  GObject              *warning_target,
                                  const char           *origin,
                                  const char           *token,
                                  const char           *method,
                                  const char           *path_and_query,
                                  GBytes               *body,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
JsonNode *tessera_request_finish (GAsyncResult         *result,
                                  GError              **error);

G_END_DECLS
