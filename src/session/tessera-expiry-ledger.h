/* tessera-expiry-ledger.h — which expiry moments were told of which
 * token, kept across restarts
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TESSERA_TYPE_EXPIRY_LEDGER (tessera_expiry_ledger_get_type ())
G_DECLARE_FINAL_TYPE (TesseraExpiryLedger, tessera_expiry_ledger, TESSERA, EXPIRY_LEDGER, GObject)

/* A few lines in @file, "TOKEN-ID MOMENT" each (the nick of a
 * TesseraExpiryThreshold): no secret, no note, no address.  Read at once
 * in a thread ("ready" then turns TRUE); each change written back in a
 * thread, one write at a time ("saving").  A folder that is missing is
 * made.
 *
 * Properties: "file" (construct-only), "ready", "saving" (bool, notify). */

TesseraExpiryLedger *tessera_expiry_ledger_new        (GFile               *file);
gboolean             tessera_expiry_ledger_get_ready  (TesseraExpiryLedger *self);
gboolean             tessera_expiry_ledger_get_saving (TesseraExpiryLedger *self);
/* The latest moment told of @token_id, 0 (TESSERA_EXPIRY_NONE) for none. */
int                  tessera_expiry_ledger_get        (TesseraExpiryLedger *self,
                                                       const char          *token_id);
/* Remembers @moment for @token_id; written with the next tessera_expiry_ledger_save(). */
void                 tessera_expiry_ledger_set        (TesseraExpiryLedger *self,
                                                       const char          *token_id,
                                                       int                  moment);
/* Forgets @token_id (its token is gone) and writes it down. */
void                 tessera_expiry_ledger_forget     (TesseraExpiryLedger *self,
                                                       const char          *token_id);
void                 tessera_expiry_ledger_save       (TesseraExpiryLedger *self);

G_END_DECLS
