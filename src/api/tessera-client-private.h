/* tessera-client-private.h — what the parts of TesseraClient share
 *
 * Private to src/api/.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tessera-client.h"

G_BEGIN_DECLS

/* Pages fetched at once while listing, and so the session's connection
 * limit per host. */
#define TESSERA_CLIENT_MAX_IN_FLIGHT 4

/* One API request with the client's origin, token and session; the result
 * is read with tessera_request_finish(). */
void   tessera_client_request  (TesseraClient       *self,
                                const char          *method,
                                const char          *path_and_query,
                                GBytes              *body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
/* A GTask whose source is @self and whose cancellation is reported by the
 * request (as G_IO_ERROR_CANCELLED), not by GTask itself. */
GTask *tessera_client_task_new (TesseraClient       *self,
                                gpointer             source_tag,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);

G_END_DECLS
