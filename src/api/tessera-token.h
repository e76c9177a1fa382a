/* tessera-token.h — one personal access token, as the server lists it
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  TESSERA_TOKEN_STATE_ACTIVE,
  TESSERA_TOKEN_STATE_EXPIRING_SOON,
  TESSERA_TOKEN_STATE_EXPIRED,
} TesseraTokenState;

#define TESSERA_TYPE_TOKEN_STATE (tessera_token_state_get_type ())
GType tessera_token_state_get_type (void);

#define TESSERA_TOKEN_DEFAULT_WARNING_DAYS 7

#define TESSERA_TYPE_TOKEN (tessera_token_get_type ())
G_DECLARE_FINAL_TYPE (TesseraToken, tessera_token, TESSERA, TOKEN, GObject)

/* Properties (each notifies when tessera_token_update_from() changes it):
 * "id", "notes" (never NULL, may be ""), "expire" (GDateTime, NULL: does
 * not expire), "created-at", "last-used-at" (NULL when absent or never
 * used), "has-last-used" (the server sent the field at all), "state"
 * (TesseraTokenState, set by the session layer's clock: see
 * tessera_token_state_at()). */

TesseraToken      *tessera_token_new              (const char    *id,
                                                   const char    *notes,
                                                   GDateTime     *expire,
                                                   GDateTime     *created_at,
                                                   GDateTime     *last_used_at);
TesseraToken      *tessera_token_new_from_json    (JsonObject    *object,
                                                   GError       **error);
const char        *tessera_token_get_id           (TesseraToken  *self);
const char        *tessera_token_get_notes        (TesseraToken  *self);
GDateTime         *tessera_token_get_expire       (TesseraToken  *self);
GDateTime         *tessera_token_get_created_at   (TesseraToken  *self);
GDateTime         *tessera_token_get_last_used_at (TesseraToken  *self);
gboolean           tessera_token_get_has_last_used (TesseraToken *self);
TesseraTokenState  tessera_token_get_state        (TesseraToken  *self);
void               tessera_token_set_state        (TesseraToken  *self,
                                                   TesseraTokenState state);
/* The state @self is in at @now when "expiring soon" starts @warning_days
 * before its expiry. */
TesseraTokenState  tessera_token_state_at         (TesseraToken  *self,
                                                   GDateTime     *now,
                                                   int            warning_days);
gboolean           tessera_token_update_from      (TesseraToken  *self,
                                                   TesseraToken  *other);

/* Parses an RFC 3339 `expire`: NULL, "" and Go's zero time
 * "0001-01-01T00:00:00Z" all give *out = NULL (does not expire). */
gboolean           tessera_token_parse_expire     (const char    *text,
                                                   GDateTime    **out,
                                                   GError       **error);

G_END_DECLS
