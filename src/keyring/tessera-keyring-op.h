/* tessera-keyring-op.h — one call to the keyring (private to src/keyring)
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* The schema's attributes and kinds. */
#define TESSERA_KEYRING_ATTR_SERVER   "server"
#define TESSERA_KEYRING_ATTR_ACCOUNT  "account"
#define TESSERA_KEYRING_ATTR_KIND     "kind"
#define TESSERA_KEYRING_ATTR_TOKEN_ID "token-id"

#define TESSERA_KEYRING_KIND_SIGN_IN   "sign-in"
#define TESSERA_KEYRING_KIND_GENERATED "generated"

typedef enum
{
  TESSERA_KEYRING_STEP_CLEAR_THEN_STORE, /* clear @attributes, store @store_attributes */
  TESSERA_KEYRING_STEP_STORE,            /* store @attributes */
  TESSERA_KEYRING_STEP_CLEAR,            /* clear every item matching @attributes */
  TESSERA_KEYRING_STEP_SEARCH_SECRET,    /* the newest match's secret (and token id) */
  TESSERA_KEYRING_STEP_SEARCH_IDS,       /* the token ids of the matches, sorted */
  TESSERA_KEYRING_STEP_SEARCH_SIGN_INS,  /* (server, account, token id) of each match */
} TesseraKeyringStep;

/* What one call to the keyring carries; the store fills in the second
 * half before tessera_keyring_op_start(). */
typedef struct
{
  /* Kept by tessera-keyring-op.c */
  GCancellable       *cancellable;        /* ours, handed to libsecret */
  GCancellable       *caller_cancellable;
  gulong              caller_handler;
  GSource            *timeout_source;
  gboolean            timed_out;
  gboolean            done;
  gboolean            writes;             /* counted in the store's "pending-writes" */
  gboolean            interactive;        /* the store's, when the call was made */
  guint               n_retries;          /* after an item vanished mid-call */
  gboolean            admitted;           /* counted by the gate as reading or writing */

  /* Filled in by the store */
  TesseraKeyringStep  step;
  SecretSearchFlags   search_flags;       /* the SEARCH steps; never LOAD_SECRETS */
  gboolean            load_secrets;       /* SEARCH_SIGN_INS: with each one's secret */
  GHashTable         *attributes;         /* what the (first) libsecret call matches */
  GHashTable         *store_attributes;   /* CLEAR_THEN_STORE: the item to store */
  char               *label;
  SecretValue        *value;

  /* The result of SEARCH_SECRET besides the secret */
  char               *token_id;           /* NULL: the item has none */
} TesseraKeyringOp;

GTask            *tessera_keyring_op_new   (gpointer             source_object,
                                            TesseraKeyringStep   step,
                                            guint                timeout_ms,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data,
                                            gpointer             source_tag,
                                            const char          *name);
void              tessera_keyring_op_start (GTask               *task);

/* Turns a libsecret, GDBus or GIO error into the store's domain (takes
 * @error).  @caller_cancelled: the caller's own cancellable fired (and not
 * our timeout), which stays G_IO_ERROR_CANCELLED. */
GError           *tessera_keyring_map_error (GError             *error,
                                             gboolean            caller_cancelled);

/* The store counts the writes under way ("pending-writes"). */
void              tessera_secret_store_write_started  (gpointer            store);
void              tessera_secret_store_write_finished (gpointer            store);

/* The store's "available" follows each operation's outcome. */
void              tessera_secret_store_note_outcome (gpointer            store,
                                                     const GError       *error);

#define tessera_keyring_op_get(task) ((TesseraKeyringOp *) g_task_get_task_data (task))

G_END_DECLS
