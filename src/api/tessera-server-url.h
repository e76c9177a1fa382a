/* tessera-server-url.h — which servers Tessera agrees to talk to
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  tessera_server_url_is_loopback_host (const char  *host);
char     *tessera_server_url_normalize        (const char  *url,
                                               GError     **error);
/* The URL of /user/me on @origin (a normalized origin), the endpoint that
 * tests a token: for the "Copy as curl Test" command. */
char     *tessera_server_url_user_me          (const char  *origin);

G_END_DECLS
