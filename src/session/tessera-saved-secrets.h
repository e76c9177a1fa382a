/* tessera-saved-secrets.h — which tokens of one account have their secret
 * in the keyring
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tessera-secret-store.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_SAVED_SECRETS (tessera_saved_secrets_get_type ())
G_DECLARE_FINAL_TYPE (TesseraSavedSecrets, tessera_saved_secrets, TESSERA, SAVED_SECRETS, GObject)

/* The one owner of "this token's secret is saved": views ask it, and
 * follow "changed".  It holds token ids, never a secret; secrets pass
 * through it on their way into or out of the keyring.
 *
 * Signals:
 *   "changed" (const char *token_id): whether that token's secret is saved
 *      may have changed; NULL when it may have for any token. */

TesseraSavedSecrets *tessera_saved_secrets_new       (TesseraSecretStore   *store,
                                                      const char           *server,
                                                      const char           *account);
gboolean             tessera_saved_secrets_contains  (TesseraSavedSecrets  *self,
                                                      const char           *token_id);
guint                tessera_saved_secrets_get_n_saved (TesseraSavedSecrets *self);

/* Reads which items the keyring has (attributes only: never a prompt). */
void      tessera_saved_secrets_load_async     (TesseraSavedSecrets  *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean  tessera_saved_secrets_load_finish    (TesseraSavedSecrets  *self,
                                                GAsyncResult         *result,
                                                GError              **error);

void      tessera_saved_secrets_save_async     (TesseraSavedSecrets  *self,
                                                const char           *token_id,
                                                const char           *notes,
                                                const char           *secret,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean  tessera_saved_secrets_save_finish    (TesseraSavedSecrets  *self,
                                                GAsyncResult         *result,
                                                GError              **error);

/* The saved secret (free it with tessera_secret_free()).  An item removed
 * behind Tessera's back (Seahorse…) gives G_IO_ERROR_NOT_FOUND and is no
 * longer counted as saved. */
void      tessera_saved_secrets_lookup_async   (TesseraSavedSecrets  *self,
                                                const char           *token_id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
char     *tessera_saved_secrets_lookup_finish  (TesseraSavedSecrets  *self,
                                                GAsyncResult         *result,
                                                GError              **error);

/* Removes the token's item (its token is gone from the server). */
void      tessera_saved_secrets_forget_async   (TesseraSavedSecrets  *self,
                                                const char           *token_id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean  tessera_saved_secrets_forget_finish  (TesseraSavedSecrets  *self,
                                                GAsyncResult         *result,
                                                GError              **error);

/* A mark to pass to tessera_saved_secrets_prune(): taken when a listing
 * starts, it keeps the secrets saved while that listing ran. */
guint64   tessera_saved_secrets_mark           (TesseraSavedSecrets  *self);
/* After a complete, settled listing: forgets the items of tokens the
 * server no longer has (@live_ids, a NULL-terminated array), except those
 * saved since @mark.  Returns how many it removes. */
guint     tessera_saved_secrets_prune          (TesseraSavedSecrets  *self,
                                                const char * const   *live_ids,
                                                guint64               mark);

/* Every item of the account, its sign-in item included (after Delete All). */
void      tessera_saved_secrets_forget_all_async  (TesseraSavedSecrets  *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean  tessera_saved_secrets_forget_all_finish (TesseraSavedSecrets  *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
