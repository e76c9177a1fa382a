/* tessera-expiry-watch-private.h — the expiry watch's insides, shared by
 * the watch (tessera-expiry-watch.c) and its check
 * (tessera-expiry-watch-check.c)
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tessera-expiry-ledger.h"
#include "tessera-expiry-watch.h"

G_BEGIN_DECLS

/* One session of the accounts, and its token list. */
typedef struct
{
  TesseraSession   *session;
  TesseraTokenList *tokens;
} Watched;

struct _TesseraExpiryWatch
{
  GObject          parent_instance;

  TesseraAccounts *accounts;
  TesseraClock    *clock;
  GFile           *ledger_file;
  TesseraExpiryLedger *ledger;
  GPtrArray       *watched;   /* Watched, one per session of the accounts */
  TesseraAlarm    *alarm;     /* the next moment of any token */
  guint            check_id;

  gboolean         enabled;
};

enum {
  EXPIRY_WATCH_DUE,
  EXPIRY_WATCH_N_SIGNALS
};

extern guint tessera_expiry_watch_signals[EXPIRY_WATCH_N_SIGNALS];

/* Finds the tokens that reached a moment, tells them ("due") and arms the
 * alarm for the next one; nothing while disabled or not settled. */
void tessera_expiry_watch_check_now (TesseraExpiryWatch *self);

G_END_DECLS
