/* tessera-api-store.c — the local API server's accounts and tokens
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tessera-api-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "tessera-api-store.h"

#define KEY_LEN 32
#define STATE_VERSION 1

struct _ApiStore
{
  char       *path;
  guint8      key[KEY_LEN];
  GPtrArray  *users;      /* ApiUser */
  GPtrArray  *tokens;     /* ApiToken, newest first */
  GHashTable *by_hash;    /* hash → ApiToken (borrowed) */
  char       *demo_token_id;
};

static void
api_user_free (ApiUser *user)
{
  g_free (user->id);
  g_free (user->first_name);
  g_free (user->last_name);
  g_free (user->email);
  g_free (user->org_id);
  g_free (user);
}

static void
api_token_free (ApiToken *token)
{
  g_free (token->id);
  g_free (token->user_id);
  g_free (token->notes);
  g_free (token->hash);
  g_free (token);
}

char *
api_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  if (dt == NULL)
    return g_strdup ("0001-01-01T00:00:00Z");
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
base64url (const guint8 *data,
           gsize         len)
{
  char *text = g_base64_encode (data, len);
  char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return text;
}

static char *
hash_secret (const char *secret)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, secret, -1);
}

static void
fill_random (guint8 *buf,
             gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = getrandom (buf + done, len - done, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("getrandom: %s", g_strerror (errno));
        }
      done += (gsize) n;
    }
}

char *
api_store_mint_secret (ApiStore *self,
                       ApiToken *token)
{
  static const char header[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  g_autofree char *claims = NULL;
  g_autofree char *h64 = NULL;
  g_autofree char *c64 = NULL;
  g_autofree char *signing_input = NULL;
  g_autofree char *s64 = NULL;
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  /* Ids come from g_uuid_string_random(): nothing to escape. */
  if (token->expire != 0)
    claims = g_strdup_printf ("{\"jti\":\"%s\",\"sub\":\"%s\",\"iat\":%" G_GINT64_FORMAT
                              ",\"exp\":%" G_GINT64_FORMAT "}",
                              token->id, token->user_id, token->created_at, token->expire);
  else
    claims = g_strdup_printf ("{\"jti\":\"%s\",\"sub\":\"%s\",\"iat\":%" G_GINT64_FORMAT "}",
                              token->id, token->user_id, token->created_at);

  h64 = base64url ((const guint8 *) header, strlen (header));
  c64 = base64url ((const guint8 *) claims, strlen (claims));
  signing_input = g_strconcat (h64, ".", c64, NULL);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, self->key, KEY_LEN);
  g_hmac_update (hmac, (const guchar *) signing_input, -1);
  g_hmac_get_digest (hmac, digest, &digest_len);
  s64 = base64url (digest, digest_len);

  return g_strconcat (signing_input, ".", s64, NULL);
}

/* ---- lookups ---------------------------------------------------------- */

ApiUser *
api_store_find_user (ApiStore   *self,
                     const char *id)
{
  for (guint i = 0; i < self->users->len; i++)
    {
      ApiUser *user = g_ptr_array_index (self->users, i);

      if (g_strcmp0 (user->id, id) == 0)
        return user;
    }
  return NULL;
}

ApiUser *
api_store_find_user_by_email (ApiStore   *self,
                              const char *email)
{
  for (guint i = 0; i < self->users->len; i++)
    {
      ApiUser *user = g_ptr_array_index (self->users, i);

      if (g_strcmp0 (user->email, email) == 0)
        return user;
    }
  return NULL;
}

ApiUser *
api_store_add_user (ApiStore   *self,
                    const char *first_name,
                    const char *last_name,
                    const char *email,
                    gint64      created_at)
{
  ApiUser *user = g_new0 (ApiUser, 1);

  user->id = g_uuid_string_random ();
  user->org_id = g_uuid_string_random ();
  user->first_name = g_strdup (first_name);
  user->last_name = g_strdup (last_name);
  user->email = g_strdup (email);
  user->created_at = created_at;
  user->updated_at = created_at;
  g_ptr_array_add (self->users, user);
  return user;
}

ApiToken *
api_store_authenticate (ApiStore   *self,
                        const char *bearer,
                        gint64      now)
{
  g_autofree char *hash = NULL;
  ApiToken *token;

  if (bearer == NULL || *bearer == '\0')
    return NULL;

  hash = hash_secret (bearer);
  token = g_hash_table_lookup (self->by_hash, hash);
  if (token == NULL)
    return NULL;
  if (token->expire != 0 && token->expire <= now)
    return NULL;
  if (api_store_find_user (self, token->user_id) == NULL)
    return NULL;

  token->last_used_at = now;
  return token;
}

GPtrArray *
api_store_list_tokens (ApiStore   *self,
                       const char *user_id)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; i < self->tokens->len; i++)
    {
      ApiToken *token = g_ptr_array_index (self->tokens, i);

      if (g_strcmp0 (token->user_id, user_id) == 0)
        g_ptr_array_add (list, token);
    }
  return list;
}

guint
api_store_count_tokens (ApiStore   *self,
                        const char *user_id)
{
  g_autoptr(GPtrArray) list = api_store_list_tokens (self, user_id);

  return list->len;
}

ApiToken *
api_store_find_token (ApiStore   *self,
                      const char *user_id,
                      const char *id)
{
  for (guint i = 0; i < self->tokens->len; i++)
    {
      ApiToken *token = g_ptr_array_index (self->tokens, i);

      if (g_strcmp0 (token->user_id, user_id) == 0 && g_strcmp0 (token->id, id) == 0)
        return token;
    }
  return NULL;
}

/* Keeps self->tokens newest first: by created_at, a newer insertion
 * before an older one at the same second. */
static void
insert_sorted (ApiStore *self,
               ApiToken *token)
{
  guint i;

  for (i = 0; i < self->tokens->len; i++)
    {
      ApiToken *other = g_ptr_array_index (self->tokens, i);

      if (other->created_at <= token->created_at)
        break;
    }
  g_ptr_array_insert (self->tokens, (int) i, token);
  g_hash_table_insert (self->by_hash, token->hash, token);
}

ApiToken *
api_store_add_token (ApiStore    *self,
                     const char  *user_id,
                     const char  *notes,
                     gint64       created_at,
                     gint64       expire,
                     gint64       last_used_at,
                     char       **secret_out)
{
  ApiToken *token = g_new0 (ApiToken, 1);
  char *secret;

  token->id = g_uuid_string_random ();
  token->user_id = g_strdup (user_id);
  token->notes = g_strdup (notes != NULL ? notes : "");
  token->created_at = created_at;
  token->expire = expire;
  token->last_used_at = last_used_at;

  secret = api_store_mint_secret (self, token);
  token->hash = hash_secret (secret);
  insert_sorted (self, token);

  if (secret_out != NULL)
    *secret_out = secret;
  else
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
  return token;
}

static void
remove_at (ApiStore *self,
           guint     index)
{
  ApiToken *token = g_ptr_array_index (self->tokens, index);

  g_hash_table_remove (self->by_hash, token->hash);
  if (g_strcmp0 (self->demo_token_id, token->id) == 0)
    g_clear_pointer (&self->demo_token_id, g_free);
  g_ptr_array_remove_index (self->tokens, index);
}

gboolean
api_store_delete_token (ApiStore   *self,
                        const char *user_id,
                        const char *id)
{
  for (guint i = 0; i < self->tokens->len; i++)
    {
      ApiToken *token = g_ptr_array_index (self->tokens, i);

      if (g_strcmp0 (token->user_id, user_id) == 0 && g_strcmp0 (token->id, id) == 0)
        {
          remove_at (self, i);
          return TRUE;
        }
    }
  return FALSE;
}

guint
api_store_delete_all (ApiStore   *self,
                      const char *user_id)
{
  guint n = 0;
  guint i = 0;

  while (i < self->tokens->len)
    {
      ApiToken *token = g_ptr_array_index (self->tokens, i);

      if (g_strcmp0 (token->user_id, user_id) == 0)
        {
          remove_at (self, i);
          n++;
        }
      else
        i++;
    }
  return n;
}

const char *
api_store_get_demo_token_id (ApiStore *self)
{
  return self->demo_token_id;
}

void
api_store_set_demo_token_id (ApiStore   *self,
                             const char *id)
{
  g_free (self->demo_token_id);
  self->demo_token_id = g_strdup (id);
}

/* ---- the state file --------------------------------------------------- */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

static gboolean
load_state (ApiStore    *self,
            const char  *contents,
            gsize        length,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *array;
  const char *key_b64;
  g_autofree guchar *key = NULL;
  gsize key_len = 0;

  if (!json_parser_load_from_data (parser, contents, (gssize) length, error))
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto bad;
  root = json_node_get_object (json_parser_get_root (parser));
  if (member_int (root, "version") != STATE_VERSION)
    goto bad;

  key_b64 = member_string (root, "key");
  if (key_b64 == NULL)
    goto bad;
  key = g_base64_decode (key_b64, &key_len);
  if (key_len != KEY_LEN)
    goto bad;
  memcpy (self->key, key, KEY_LEN);
  explicit_bzero (key, key_len);

  array = json_object_get_array_member (root, "users");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      ApiUser *user;

      if (o == NULL || member_string (o, "id") == NULL)
        goto bad;
      user = g_new0 (ApiUser, 1);
      user->id = g_strdup (member_string (o, "id"));
      user->first_name = g_strdup (member_string (o, "first_name"));
      user->last_name = g_strdup (member_string (o, "last_name"));
      user->email = g_strdup (member_string (o, "email"));
      user->org_id = g_strdup (member_string (o, "org_id"));
      user->created_at = member_int (o, "created_at");
      user->updated_at = member_int (o, "updated_at");
      g_ptr_array_add (self->users, user);
    }

  array = json_object_get_array_member (root, "tokens");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      ApiToken *token;

      if (o == NULL || member_string (o, "id") == NULL || member_string (o, "hash") == NULL
          || member_string (o, "user_id") == NULL)
        goto bad;
      token = g_new0 (ApiToken, 1);
      token->id = g_strdup (member_string (o, "id"));
      token->user_id = g_strdup (member_string (o, "user_id"));
      token->notes = g_strdup (member_string (o, "notes") ? member_string (o, "notes") : "");
      token->hash = g_strdup (member_string (o, "hash"));
      token->created_at = member_int (o, "created_at");
      token->expire = member_int (o, "expire");
      token->last_used_at = member_int (o, "last_used_at");
      /* The file is written newest first: keep its order. */
      g_ptr_array_add (self->tokens, token);
      g_hash_table_insert (self->by_hash, token->hash, token);
    }

  self->demo_token_id = g_strdup (member_string (root, "demo_token_id"));
  return TRUE;

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "not a tessera-api-server state file (version %d)", STATE_VERSION);
  return FALSE;
}

gboolean
api_store_save (ApiStore  *self,
                GError   **error)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonGenerator) gen = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *key_b64 = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  gboolean ok;

  if (self->path == NULL)
    return TRUE;

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, STATE_VERSION);
  key_b64 = g_base64_encode (self->key, KEY_LEN);
  json_builder_set_member_name (b, "key");
  json_builder_add_string_value (b, key_b64);
  json_builder_set_member_name (b, "demo_token_id");
  if (self->demo_token_id != NULL)
    json_builder_add_string_value (b, self->demo_token_id);
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "users");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->users->len; i++)
    {
      ApiUser *user = g_ptr_array_index (self->users, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, user->id);
      json_builder_set_member_name (b, "first_name");
      json_builder_add_string_value (b, user->first_name);
      json_builder_set_member_name (b, "last_name");
      json_builder_add_string_value (b, user->last_name);
      json_builder_set_member_name (b, "email");
      json_builder_add_string_value (b, user->email);
      json_builder_set_member_name (b, "org_id");
      json_builder_add_string_value (b, user->org_id);
      json_builder_set_member_name (b, "created_at");
      json_builder_add_int_value (b, user->created_at);
      json_builder_set_member_name (b, "updated_at");
      json_builder_add_int_value (b, user->updated_at);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "tokens");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->tokens->len; i++)
    {
      ApiToken *token = g_ptr_array_index (self->tokens, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, token->id);
      json_builder_set_member_name (b, "user_id");
      json_builder_add_string_value (b, token->user_id);
      json_builder_set_member_name (b, "notes");
      json_builder_add_string_value (b, token->notes);
      json_builder_set_member_name (b, "hash");
      json_builder_add_string_value (b, token->hash);
      json_builder_set_member_name (b, "created_at");
      json_builder_add_int_value (b, token->created_at);
      json_builder_set_member_name (b, "expire");
      json_builder_add_int_value (b, token->expire);
      json_builder_set_member_name (b, "last_used_at");
      json_builder_add_int_value (b, token->last_used_at);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &length);

  /* The file holds the signing key: readable by its owner only. */
  ok = g_file_set_contents_full (self->path, text, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
  explicit_bzero (text, length);
  return ok;
}

ApiStore *
api_store_new (const char  *path,
               GError     **error)
{
  ApiStore *self = g_new0 (ApiStore, 1);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) local_error = NULL;

  self->path = g_strdup (path);
  self->users = g_ptr_array_new_with_free_func ((GDestroyNotify) api_user_free);
  self->tokens = g_ptr_array_new_with_free_func ((GDestroyNotify) api_token_free);
  self->by_hash = g_hash_table_new (g_str_hash, g_str_equal);

  if (path != NULL && g_file_get_contents (path, &contents, &length, &local_error))
    {
      gboolean ok = load_state (self, contents, length, error);

      explicit_bzero (contents, length);
      if (!ok)
        {
          g_prefix_error (error, "%s: ", path);
          api_store_free (self);
          return NULL;
        }
      return self;
    }

  if (local_error != NULL && !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      api_store_free (self);
      return NULL;
    }

  fill_random (self->key, KEY_LEN);
  return self;
}

void
api_store_free (ApiStore *self)
{
  if (self == NULL)
    return;
  explicit_bzero (self->key, KEY_LEN);
  g_hash_table_unref (self->by_hash);
  g_ptr_array_unref (self->tokens);
  g_ptr_array_unref (self->users);
  g_free (self->demo_token_id);
  g_free (self->path);
  g_free (self);
}
