/* tessera-secret-store.h — every secret Tessera holds, in the keyring
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "tessera-secret.h"

G_BEGIN_DECLS

#define TESSERA_SECRET_STORE_ERROR (tessera_secret_store_error_quark ())

typedef enum
{
  /* No Secret Service, or the unlock was refused: nothing can be saved
   * this session. */
  TESSERA_SECRET_STORE_ERROR_UNAVAILABLE,
  TESSERA_SECRET_STORE_ERROR_FAILED,
} TesseraSecretStoreError;

GQuark tessera_secret_store_error_quark (void);

/* The schema `app.tessera.Tessera`, attributes `server`, `account`, `kind`
 * (`sign-in` | `generated`) and `token-id`. */
const SecretSchema *tessera_secret_store_get_schema (void);

#define TESSERA_TYPE_SECRET_STORE (tessera_secret_store_get_type ())
G_DECLARE_FINAL_TYPE (TesseraSecretStore, tessera_secret_store, TESSERA, SECRET_STORE, GObject)

TesseraSecretStore *tessera_secret_store_new (void);

/* "available" (bool, read-only): FALSE once an operation ended with
 * TESSERA_SECRET_STORE_ERROR_UNAVAILABLE, TRUE again after one worked. */
gboolean  tessera_secret_store_get_available             (TesseraSecretStore   *self);

/* "interactive" (bool, default TRUE): whether the keyring may ask the user
 * anything (an unlock prompt).  FALSE for a Tessera the Shell's search
 * started: searches then read only what is unlocked already, and writes
 * fail at once with TESSERA_SECRET_STORE_ERROR_UNAVAILABLE.  Each call
 * takes the value it has when the call is made. */
gboolean  tessera_secret_store_get_interactive           (TesseraSecretStore   *self);
void      tessera_secret_store_set_interactive           (TesseraSecretStore   *self,
                                                          gboolean              interactive);

/* "pending-writes" (uint, read-only): saves and removals under way.  A
 * process about to exit lets them finish first: a replace that stops
 * between its clear and its store would lose the item. */
guint     tessera_secret_store_get_pending_writes        (TesseraSecretStore   *self);

/* Milliseconds after which any operation gives up with
 * TESSERA_SECRET_STORE_ERROR_UNAVAILABLE (a keyring waiting on a prompt
 * nobody answers); 0 waits forever.  Default 30000, or
 * $TESSERA_KEYRING_TIMEOUT_MS.  Also the "timeout" property. */
guint     tessera_secret_store_get_timeout               (TesseraSecretStore   *self);
void      tessera_secret_store_set_timeout               (TesseraSecretStore   *self,
                                                          guint                 timeout_ms);

/* Secrets passed in are copied into a SecretValue at once; secrets handed
 * out are plain strings the caller frees with tessera_secret_free(). */

/* Sign-in items: one per (server, account).  @token_id (nullable) is the
 * token's id (its JWT `jti`), kept as an attribute so that the token can be
 * recognised in the list without unlocking the keyring.  Saving replaces
 * the item of that account on that server, never another account's. */
void      tessera_secret_store_save_sign_in_async        (TesseraSecretStore   *self,
                                                          const char           *server,
                                                          const char           *account,
                                                          const char           *token_id,
                                                          const char           *secret,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean  tessera_secret_store_save_sign_in_finish       (TesseraSecretStore   *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

/* Returns the sign-in secret of @account on @server, or NULL with no error
 * when none is saved.  *token_id_out: the item's token-id attribute, NULL
 * on items written before Tessera 0.2 (see save_sign_in: saving again
 * upgrades them). */
void      tessera_secret_store_lookup_sign_in_async      (TesseraSecretStore   *self,
                                                          const char           *server,
                                                          const char           *account,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
char     *tessera_secret_store_lookup_sign_in_finish     (TesseraSecretStore   *self,
                                                          GAsyncResult         *result,
                                                          char                **token_id_out,
                                                          GError              **error);

void      tessera_secret_store_clear_sign_in_async       (TesseraSecretStore   *self,
                                                          const char           *server,
                                                          const char           *account,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean  tessera_secret_store_clear_sign_in_finish      (TesseraSecretStore   *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

/* A saved sign-in, as its attributes tell. */
typedef struct
{
  char *server;
  char *account;
  char *token_id;   /* NULL on items written before Tessera 0.2 */
  char *secret;     /* only when listed with @load_secrets; wiped when freed */
} TesseraSignInItem;

void      tessera_sign_in_item_free                      (TesseraSignInItem    *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraSignInItem, tessera_sign_in_item_free)

/* Every saved sign-in, sorted by server then account: a GPtrArray of
 * TesseraSignInItem.  Without @load_secrets it reads attributes only, so it
 * never prompts to unlock the keyring; with it, one search unlocks and
 * reads every sign-in's secret too (a start-up restores them all at once). */
void      tessera_secret_store_list_sign_ins_async       (TesseraSecretStore   *self,
                                                          gboolean              load_secrets,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GPtrArray *tessera_secret_store_list_sign_ins_finish     (TesseraSecretStore   *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

void      tessera_secret_store_save_generated_async      (TesseraSecretStore   *self,
                                                          const char           *server,
                                                          const char           *account,
                                                          const char           *token_id,
                                                          const char           *notes,
                                                          const char           *secret,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean  tessera_secret_store_save_generated_finish     (TesseraSecretStore   *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

/* NULL with no error when no item has that token id. */
void      tessera_secret_store_lookup_generated_async    (TesseraSecretStore   *self,
                                                          const char           *server,
                                                          const char           *account,
                                                          const char           *token_id,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
char     *tessera_secret_store_lookup_generated_finish   (TesseraSecretStore   *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

/* The token ids of every `generated` item of @account on @server. */
void      tessera_secret_store_list_generated_async      (TesseraSecretStore   *self,
                                                          const char           *server,
                                                          const char           *account,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GStrv     tessera_secret_store_list_generated_finish     (TesseraSecretStore   *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

void      tessera_secret_store_delete_generated_async    (TesseraSecretStore   *self,
                                                          const char           *server,
                                                          const char           *account,
                                                          const char           *token_id,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean  tessera_secret_store_delete_generated_finish   (TesseraSecretStore   *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

/* Every item (sign-in and generated) of @account on @server. */
void      tessera_secret_store_delete_account_async      (TesseraSecretStore   *self,
                                                          const char           *server,
                                                          const char           *account,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean  tessera_secret_store_delete_account_finish     (TesseraSecretStore   *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

G_END_DECLS
