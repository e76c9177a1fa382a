/* tessera-relister.h — every account's list read again now and then, and
 * when the network comes back, so that new tokens are watched too
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tessera-accounts.h"

G_BEGIN_DECLS

/* How often a Tessera running in the background lists each account again. */
#define TESSERA_RELIST_INTERVAL_S (6 * 60 * 60)

#define TESSERA_TYPE_RELISTER (tessera_relister_get_type ())
G_DECLARE_FINAL_TYPE (TesseraRelister, tessera_relister, TESSERA, RELISTER, GObject)

/* Lists every signed-in account of @accounts again every @interval_s
 * seconds (a TesseraAlarm, so the interval holds across a suspend), and
 * when @monitor says the network came back: then an account that could
 * not be restored for want of the server is restored again too.
 * @monitor: NULL for the default GNetworkMonitor.
 *
 * Properties: "accounts", "monitor" (construct-only), "interval" (uint,
 * seconds), "n-relists" (uint: how many times it listed them all). */
TesseraRelister *tessera_relister_new           (TesseraAccounts  *accounts,
                                                 GNetworkMonitor  *monitor,
                                                 guint             interval_s);
guint            tessera_relister_get_n_relists (TesseraRelister  *self);

G_END_DECLS
