/* tessera-expiry-watch.h — when each token of each account is about to
 * expire, told once per token and moment
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tessera-accounts.h"

G_BEGIN_DECLS

/* The moments of a token's life worth telling, in the order they come. */
typedef enum
{
  TESSERA_EXPIRY_NONE,
  TESSERA_EXPIRY_WARNING,   /* it entered the warning window (the clock's warning-days) */
  TESSERA_EXPIRY_ONE_DAY,   /* one day left */
  TESSERA_EXPIRY_EXPIRED,
} TesseraExpiryThreshold;

#define TESSERA_TYPE_EXPIRY_THRESHOLD (tessera_expiry_threshold_get_type ())
GType tessera_expiry_threshold_get_type (void);

/* One token that reached a moment: what a notification says. */
typedef struct
{
  TesseraSession         *session;
  char                   *token_id;
  char                   *notes;       /* NULL: not listed (the sign-in token, from its JWT) */
  GDateTime              *expire;
  TesseraExpiryThreshold  threshold;
  gboolean                is_sign_in;  /* the token the session is signed in with */
} TesseraExpiryAlert;

#define TESSERA_TYPE_EXPIRY_ALERT (tessera_expiry_alert_get_type ())
GType               tessera_expiry_alert_get_type (void);
TesseraExpiryAlert *tessera_expiry_alert_ref      (TesseraExpiryAlert *alert);
void                tessera_expiry_alert_unref    (TesseraExpiryAlert *alert);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraExpiryAlert, tessera_expiry_alert_unref)

#define TESSERA_TYPE_EXPIRY_WATCH (tessera_expiry_watch_get_type ())
G_DECLARE_FINAL_TYPE (TesseraExpiryWatch, tessera_expiry_watch, TESSERA, EXPIRY_WATCH, GObject)

/* Follows every signed-in account of a TesseraAccounts: the tokens of its
 * list and its sign-in token (from the list, else its JWT `exp`).  For each
 * token it knows when it enters the warning window, when it has one day
 * left and when it expires, and arms one TesseraAlarm for the next of
 * those moments of any token.  When moments are reached it emits "due"
 * once, with every token that reached one, and remembers each (token id
 * and moment, no secret) in @ledger, across restarts: each is told once,
 * ever.
 *
 * A token that reached several moments since it was last seen is told
 * the latest only.  Not told: a moment a token was born past (a 7-day
 * token starts inside a 7-day warning window), and an expiry more than a
 * week old when first seen.
 *
 * While accounts are being restored or lists loaded for the first time it
 * waits, so that what a start-up finds comes in one "due".
 *
 * Properties:
 *   "accounts"  TesseraAccounts, construct-only
 *   "ledger"    GFile, construct-only: where the told moments are kept
 *   "enabled"   bool, default TRUE: FALSE tells nothing and remembers
 *               nothing; turned on again, it catches up
 *   "ready"     bool: the ledger was read
 *   "saving"    bool: the ledger is being written
 *
 * Signals:
 *   "due" (GPtrArray of TesseraExpiryAlert): tokens that reached a moment,
 *      soonest expiry first */

TesseraExpiryWatch *tessera_expiry_watch_new        (TesseraAccounts    *accounts,
                                                     GFile              *ledger);
gboolean            tessera_expiry_watch_get_enabled (TesseraExpiryWatch *self);
void                tessera_expiry_watch_set_enabled (TesseraExpiryWatch *self,
                                                     gboolean            enabled);
gboolean            tessera_expiry_watch_get_ready   (TesseraExpiryWatch *self);
gboolean            tessera_expiry_watch_get_saving  (TesseraExpiryWatch *self);
/* The latest moment told of @token_id (TESSERA_EXPIRY_NONE: none). */
TesseraExpiryThreshold tessera_expiry_watch_get_told (TesseraExpiryWatch *self,
                                                     const char         *token_id);
/* The next moment the watch wakes up for, or NULL. */
GDateTime          *tessera_expiry_watch_get_next   (TesseraExpiryWatch *self);

/* The moment @threshold of a token that expires at @expire and was
 * created at @created (NULL: unknown), with a warning window of
 * @warning_days; NULL when that token has no such moment. */
GDateTime          *tessera_expiry_moment           (TesseraExpiryThreshold  threshold,
                                                     GDateTime              *created,
                                                     GDateTime              *expire,
                                                     int                     warning_days);

G_END_DECLS
