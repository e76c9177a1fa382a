/* tessera-api-store.h — the local API server's accounts and tokens
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TESSERA_MAX_TOKENS_PER_USER 50
#define TESSERA_MAX_NOTES_CHARS     256
#define TESSERA_DEMO_EMAIL          "demo@tessera.app"

typedef struct
{
  char   *id;
  char   *first_name;
  char   *last_name;
  char   *email;
  char   *org_id;
  gint64  created_at;
  gint64  updated_at;
} ApiUser;

/* Times are Unix seconds; 0 means "never" (expire) or "not yet"
 * (last_used_at).  Only the SHA-256 of the secret is kept: the secret
 * itself is a JWT the store can mint again from these fields and its key. */
typedef struct
{
  char   *id;
  char   *user_id;
  char   *notes;
  char   *hash;
  gint64  created_at;
  gint64  expire;
  gint64  last_used_at;
} ApiToken;

typedef struct _ApiStore ApiStore;

/* @path: the state file, or NULL to keep everything in memory.  An existing
 * file is loaded; a missing one is created on the first change. */
ApiStore  *api_store_new                 (const char  *path,
                                          GError     **error);
void       api_store_free                (ApiStore    *self);

ApiUser   *api_store_find_user           (ApiStore    *self,
                                          const char  *id);
ApiUser   *api_store_find_user_by_email  (ApiStore    *self,
                                          const char  *email);
ApiUser   *api_store_add_user            (ApiStore    *self,
                                          const char  *first_name,
                                          const char  *last_name,
                                          const char  *email,
                                          gint64       created_at);

/* Looks the bearer up by its hash.  Returns NULL when it is unknown,
 * deleted or expired; otherwise stamps last_used_at. */
ApiToken  *api_store_authenticate        (ApiStore    *self,
                                          const char  *bearer,
                                          gint64       now);

/* The user's tokens, newest first (borrowed pointers). */
GPtrArray *api_store_list_tokens         (ApiStore    *self,
                                          const char  *user_id);
guint      api_store_count_tokens        (ApiStore    *self,
                                          const char  *user_id);
ApiToken  *api_store_find_token          (ApiStore    *self,
                                          const char  *user_id,
                                          const char  *id);

/* Adds a token with no checks (limits and expiry are the caller's
 * business) and returns its secret in *secret_out. */
ApiToken  *api_store_add_token           (ApiStore    *self,
                                          const char  *user_id,
                                          const char  *notes,
                                          gint64       created_at,
                                          gint64       expire,
                                          gint64       last_used_at,
                                          char       **secret_out);
/* The JWT of an existing token, signed again with the store's key. */
char      *api_store_mint_secret         (ApiStore    *self,
                                          ApiToken    *token);
gboolean   api_store_delete_token        (ApiStore    *self,
                                          const char  *user_id,
                                          const char  *id);
guint      api_store_delete_all          (ApiStore    *self,
                                          const char  *user_id);

const char *api_store_get_demo_token_id  (ApiStore    *self);
void        api_store_set_demo_token_id  (ApiStore    *self,
                                          const char  *id);

/* Writes the state file (atomically) when the store has one. */
gboolean   api_store_save                (ApiStore    *self,
                                          GError     **error);

char      *api_format_time               (gint64       unix_seconds);

G_END_DECLS
