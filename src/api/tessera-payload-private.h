/* tessera-payload-private.h — what each call's answer must hold, checked,
 * never assumed
 *
 * Each reader takes the root that tessera_envelope_parse() returned and
 * answers BAD_RESPONSE for any other shape.  They are pure functions (no
 * I/O), so the fuzz targets drive them directly.  Private to src/api/.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "tessera-account.h"
#include "tessera-token.h"

G_BEGIN_DECLS

/* GET /user/me: a User object. */
TesseraAccount *tessera_payload_read_account     (JsonNode   *root,
                                                  GError    **error);
/* GET /user/access_tokens: {"list": [AccessToken…] or null, "count": N}.
 * Returns a GPtrArray of TesseraToken; *count_out is `count` (required,
 * an integer >= 0). */
GPtrArray      *tessera_payload_read_page        (JsonNode   *root,
                                                  gint64     *count_out,
                                                  GError    **error);
/* POST /user/access_tokens: an AccessToken with a non-empty `token`.
 * *secret_out: a copy of the secret, free with tessera_secret_free(). */
TesseraToken   *tessera_payload_read_created     (JsonNode   *root,
                                                  char      **secret_out,
                                                  GError    **error);
/* DELETE /user/access_tokens/{id}: payload null (or absent). */
gboolean        tessera_payload_read_deleted_one (JsonNode   *root,
                                                  GError    **error);
/* DELETE /user/access_tokens: {"deleted": N}, N an integer >= 0. */
gboolean        tessera_payload_read_deleted_all (JsonNode   *root,
                                                  guint      *n_deleted_out,
                                                  GError    **error);

G_END_DECLS
