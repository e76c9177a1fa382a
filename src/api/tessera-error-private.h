/* tessera-error-private.h — the one place that turns failures into the
 * words a user reads
 *
 * Private to src/api/.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tessera-error.h"

G_BEGIN_DECLS

/* An error answer of the server.  @envelope_code: status.code, or -1 when
 * the body was no envelope.  @server_text: what the server said (`error`,
 * else status.message, else the reason phrase), or NULL. */
GError *tessera_api_error_new_http         (guint         http_status,
                                            int           envelope_code,
                                            const char   *server_text);
/* A failure below HTTP: connection, DNS, TLS, timeout, cancellation. */
GError *tessera_api_error_new_transport    (const GError *error);
/* An answer that cannot be used; @detail (translated) says why. */
GError *tessera_api_error_new_bad_response (const char   *detail);

G_END_DECLS
