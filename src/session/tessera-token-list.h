/* tessera-token-list.h — a GListModel of TesseraToken, in sync with the server
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tessera-client.h"
#include "tessera-token.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_TOKEN_LIST (tessera_token_list_get_type ())
G_DECLARE_FINAL_TYPE (TesseraTokenList, tessera_token_list, TESSERA, TOKEN_LIST, GObject)

/* Implements GListModel (item type TesseraToken), newest first.
 *
 * Properties:
 *   "loading"   gboolean: a reload is running
 *   "error"     GError (boxed) or NULL: why the last reload failed
 *   "n-items"   guint
 *   "warning-days" int: copied to every token (expiry-warning-days) */

TesseraTokenList *tessera_token_list_new          (void);
void              tessera_token_list_set_client   (TesseraTokenList  *self,
                                                   TesseraClient     *client);
/* Loads every page; on failure keeps nothing it cannot vouch for: the list
 * is emptied and "error" set, so it never shows a state the server does not
 * have. */
void              tessera_token_list_reload       (TesseraTokenList  *self);
gboolean          tessera_token_list_get_loading  (TesseraTokenList  *self);
const GError     *tessera_token_list_get_error    (TesseraTokenList  *self);
TesseraToken     *tessera_token_list_find         (TesseraTokenList  *self,
                                                   const char        *id);
void              tessera_token_list_prepend      (TesseraTokenList  *self,
                                                   TesseraToken      *token);
gboolean          tessera_token_list_remove       (TesseraTokenList  *self,
                                                   const char        *id);
void              tessera_token_list_clear        (TesseraTokenList  *self);
void              tessera_token_list_set_warning_days (TesseraTokenList *self,
                                                   int                days);
int               tessera_token_list_get_warning_days (TesseraTokenList *self);

/* The ids of tokens whose secret is in the keyring: their tokens (now and
 * after every reload) are marked "secret-saved". */
void              tessera_token_list_set_saved_ids (TesseraTokenList   *self,
                                                    const char * const *ids);
void              tessera_token_list_set_secret_saved (TesseraTokenList *self,
                                                   const char        *id,
                                                   gboolean           saved);
/* Re-evaluates every token's "state" (time passes: call it from a timer). */
void              tessera_token_list_refresh_states (TesseraTokenList *self);

G_END_DECLS
