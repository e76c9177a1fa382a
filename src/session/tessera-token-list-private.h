/* tessera-token-list-private.h — the token repository's insides, shared by
 * its listing (tessera-token-list.c) and its operations
 * (tessera-token-list-ops.c)
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tessera-session-private.h"

G_BEGIN_DECLS

struct _TesseraTokenList
{
  GObject              parent_instance;

  GPtrArray           *items;          /* TesseraToken, newest first */
  TesseraClock        *clock;
  TesseraAlarm        *alarm;          /* the next state change of any token */
  TesseraSavedSecrets *secrets;
  TesseraClient       *client;

  /* The running listing, and who waits for its answer. */
  GCancellable        *cancellable;
  guint64              serial;
  GPtrArray           *waiters;        /* GTask */

  /* Create, delete, Delete All: cancelled when the client changes. */
  GCancellable        *ops_cancellable;

  GError              *error;
  GDateTime           *refreshed_at;
  gboolean             loading;
  gboolean             loaded;
  gboolean             stale;
  gboolean             settled;
};

enum {
  TOKEN_LIST_UNAUTHENTICATED,
  TOKEN_LIST_DELETED,
  TOKEN_LIST_ALL_DELETED,
  TOKEN_LIST_N_SIGNALS
};

extern guint tessera_token_list_signals[TOKEN_LIST_N_SIGNALS];

void       tessera_token_list_model_iface_init (GListModelInterface *iface);
void       tessera_token_list_alarm_cb        (gpointer          user_data);
void       tessera_token_list_update_states   (TesseraTokenList *self);
/* Makes the items equal @listed, in the smallest items-changed ranges. */
void       tessera_token_list_apply_listing   (TesseraTokenList *self,
                                               GPtrArray        *listed);
guint      tessera_token_list_index_of        (GPtrArray        *tokens,
                                               const char       *id,
                                               guint             from);
/* Notifies "n-items" and "can-create" when they changed since. */
void       tessera_token_list_notify_counts   (TesseraTokenList *self,
                                               guint             old_n_items,
                                               gboolean          old_can_create);
void       tessera_token_list_insert_created  (TesseraTokenList *self,
                                               TesseraToken     *token);
void       tessera_token_list_remove_id       (TesseraTokenList *self,
                                               const char       *id);
void       tessera_token_list_remove_all      (TesseraTokenList *self);

/* The client's listing, and whether it held still while it ran. */
GPtrArray *tessera_token_list_client_list_finish (TesseraClient *client,
                                                  GAsyncResult  *result,
                                                  gboolean      *settled,
                                                  GError       **error);

G_END_DECLS
