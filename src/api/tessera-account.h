/* tessera-account.h — the signed-in user, from /user/me
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TESSERA_TYPE_ACCOUNT (tessera_account_get_type ())
G_DECLARE_FINAL_TYPE (TesseraAccount, tessera_account, TESSERA, ACCOUNT, GObject)

/* Properties: "id", "email", "first-name", "last-name" (strings, never
 * NULL), "org-ids" (GStrv, never NULL). */

TesseraAccount     *tessera_account_new_from_json     (JsonObject      *object,
                                                       GError         **error);
const char         *tessera_account_get_id            (TesseraAccount  *self);
const char         *tessera_account_get_email         (TesseraAccount  *self);
const char         *tessera_account_get_first_name    (TesseraAccount  *self);
const char         *tessera_account_get_last_name     (TesseraAccount  *self);
const char * const *tessera_account_get_org_ids       (TesseraAccount  *self);
/* "First Last", or the email when the server gave no name. */
char               *tessera_account_dup_display_name  (TesseraAccount  *self);

G_END_DECLS
