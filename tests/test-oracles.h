/* test-oracles.h — what the session and ui suites ask instead of the code
 * under test: the server over plain libsoup, the keyring with secret-tool
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

/* ---- the server, asked over plain libsoup ---------------------------- */

static inline SoupMessage *
oracle_message (const char *url,
                const char *token,
                const char *method,
                const char *path)
{
  g_autofree char *uri = g_strconcat (url, path, NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  SoupMessage *msg = soup_message_new (method, uri);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  explicit_bzero (bearer, strlen (bearer));
  return msg;
}

/* The answer's envelope; *status_out: its HTTP status. */
static inline JsonNode *
oracle_request (const char *url,
                const char *token,
                const char *method,
                const char *path,
                guint      *status_out)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = oracle_message (url, token, method, path);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (status_out != NULL)
    *status_out = soup_message_get_status (msg);

  root = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);
  return root;
}

/* Every id the server lists for @token's account, newest first. */
static inline GPtrArray *
oracle_ids (const char *url,
            const char *token)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  gint64 count = -1;

  for (guint page = 1; count < 0 || ids->len < (guint) count; page++)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/user/access_tokens?page=%u&page_size=10", page);
      g_autoptr(JsonNode) root = oracle_request (url, token, "GET", path, NULL);
      JsonObject *payload = json_object_get_object_member (json_node_get_object (root), "payload");
      JsonArray *list = json_object_get_array_member (payload, "list");

      count = json_object_get_int_member (payload, "count");
      if (json_array_get_length (list) == 0)
        break;
      for (guint i = 0; i < json_array_get_length (list); i++)
        g_ptr_array_add (ids, g_strdup (json_object_get_string_member (json_array_get_object_element (list, i), "id")));
    }

  return ids;
}


static inline guint
oracle_status_me (const char *url,
                  const char *token)
{
  guint status = 0;
  JsonNode *root = oracle_request (url, token, "GET", "/api/v1/user/me", &status);

  g_clear_pointer (&root, json_node_unref);
  return status;
}

/* DELETE /user/access_tokens/@id, which must go through. */
static inline void
oracle_delete (const char *url,
               const char *token,
               const char *id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/user/access_tokens/%s", id);
  guint status = 0;
  JsonNode *root = oracle_request (url, token, "DELETE", path, &status);

  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpuint (status, ==, 200);
}

/* A token of @token's account, made over plain HTTP; returns its secret
 * and, in *id_out, its id.  @expire: RFC 3339, or NULL for never. */
static inline char *
oracle_create_full (const char  *url,
                    const char  *token,
                    const char  *notes,
                    const char  *expire,
                    char       **id_out)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = oracle_message (url, token, "POST", "/api/v1/user/access_tokens");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request_root = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *payload;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder, notes);
  json_builder_set_member_name (builder, "expire");
  if (expire != NULL)
    json_builder_add_string_value (builder, expire);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  request_root = json_builder_get_root (builder);
  json = json_to_string (request_root, FALSE);
  request = g_bytes_new (json, strlen (json));

  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  root = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);
  payload = json_object_get_object_member (json_node_get_object (root), "payload");
  if (id_out != NULL)
    *id_out = g_strdup (json_object_get_string_member (payload, "id"));
  return g_strdup (json_object_get_string_member (payload, "token"));
}

static inline char *
oracle_create_expiring (const char *url,
                        const char *token,
                        const char *notes,
                        const char *expire)
{
  return oracle_create_full (url, token, notes, expire, NULL);
}

static inline char *
oracle_create (const char *url,
               const char *token,
               const char *notes)
{
  return oracle_create_full (url, token, notes, NULL, NULL);
}

static inline gboolean
ids_contain (GPtrArray  *ids,
             const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return TRUE;
  return FALSE;
}

static inline gboolean
oracle_has_id (const char *url,
               const char *token,
               const char *id)
{
  g_autoptr(GPtrArray) ids = oracle_ids (url, token);

  return ids_contain (ids, id);
}

static inline void
assert_same_ids (GPtrArray *a,
                 GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

/* ---- the keyring, asked with secret-tool ------------------------------ */

typedef struct
{
  guint  n_items;
  char  *secret;      /* of the last item */
  char  *label;
  GHashTable *attributes;  /* of the last item */
} KeyringItems;

static inline void
keyring_items_free (KeyringItems *items)
{
  if (items->secret != NULL)
    explicit_bzero (items->secret, strlen (items->secret));
  g_free (items->secret);
  g_free (items->label);
  g_hash_table_unref (items->attributes);
  g_free (items);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeyringItems, keyring_items_free)

static inline void
parse_secret_tool (KeyringItems *items,
                   const char   *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *eq = strstr (lines[i], " = ");

      if (lines[i][0] == '[')
        items->n_items++;
      else if (eq != NULL && g_str_has_prefix (lines[i], "secret = "))
        {
          g_free (items->secret);
          items->secret = g_strdup (eq + 3);
          explicit_bzero (lines[i], strlen (lines[i]));
        }
      else if (eq != NULL && g_str_has_prefix (lines[i], "label = "))
        {
          g_free (items->label);
          items->label = g_strdup (eq + 3);
        }
      else if (eq != NULL && g_str_has_prefix (lines[i], "attribute."))
        g_hash_table_insert (items->attributes,
                             g_strndup (lines[i] + strlen ("attribute."), eq - lines[i] - strlen ("attribute.")),
                             g_strdup (eq + 3));
    }
}

/* `secret-tool search --all --unlock server URL [NAME VALUE…]`: item lines
 * come on stdout and attributes on stderr, so the search is narrowed by
 * attributes rather than the two streams paired. */
static inline KeyringItems *
keyring_search (const char *server,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  KeyringItems *items = g_new0 (KeyringItems, 1);
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "secret-tool");
  g_ptr_array_add (argv, (gpointer) "search");
  g_ptr_array_add (argv, (gpointer) "--all");
  g_ptr_array_add (argv, (gpointer) "--unlock");
  g_ptr_array_add (argv, (gpointer) "server");
  g_ptr_array_add (argv, (gpointer) server);
  va_start (args, server);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, NULL, &error);
  g_assert_no_error (error);

  items->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  parse_secret_tool (items, out);
  parse_secret_tool (items, err);
  if (out != NULL)
    explicit_bzero (out, strlen (out));
  return items;
}

static inline guint
keyring_count (const char *server,
               const char *account,
               const char *kind)
{
  g_autoptr(KeyringItems) items = NULL;

  if (kind != NULL)
    items = keyring_search (server, "account", account, "kind", kind, NULL);
  else
    items = keyring_search (server, "account", account, NULL);
  return items->n_items;
}

/* The secret of @account's sign-in item on @server, or NULL. */
static inline char *
keyring_sign_in_secret (const char *server,
                        const char *account)
{
  g_autoptr(KeyringItems) items = keyring_search (server, "account", account, "kind", "sign-in", NULL);

  g_assert_cmpuint (items->n_items, <=, 1);
  return g_steal_pointer (&items->secret);
}

/* The secret of @account's generated item for @token_id on @server, or NULL. */
static inline char *
keyring_generated_secret (const char *server,
                          const char *account,
                          const char *token_id)
{
  g_autoptr(KeyringItems) items = keyring_search (server, "account", account, "kind", "generated",
                                                  "token-id", token_id, NULL);

  g_assert_cmpuint (items->n_items, <=, 1);
  return g_steal_pointer (&items->secret);
}

/* The claims of a JWT, read here without the code under test. */
static inline JsonNode *
jwt_claims (const char *jwt)
{
  g_auto(GStrv) parts = g_strsplit (jwt, ".", 3);
  g_autoptr(GString) payload = NULL;
  g_autofree guchar *decoded = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  gsize length = 0;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  payload = g_string_new (parts[1]);
  g_strdelimit (payload->str, "-", '+');
  g_strdelimit (payload->str, "_", '/');
  while (payload->len % 4 != 0)
    g_string_append_c (payload, '=');
  /* Not NUL-terminated. */
  decoded = g_base64_decode (payload->str, &length);
  g_assert_true (json_parser_load_from_data (parser, (const char *) decoded, length, NULL));
  root = json_node_copy (json_parser_get_root (parser));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return root;
}

static inline char *
jwt_id (const char *jwt)
{
  g_autoptr(JsonNode) claims = jwt_claims (jwt);

  return g_strdup (json_object_get_string_member (json_node_get_object (claims), "jti"));
}

/* A sign-in item as Tessera writes it (docs/keyring.md), stored with
 * secret-tool: what a Tessera run before this one left behind. */
static inline void
keyring_store_sign_in (const char *server,
                       const char *account,
                       const char *token)
{
  g_autofree char *id = jwt_id (token);
  g_autofree char *label = g_strdup_printf ("Tessera sign-in token for %s", account);
  const char *argv[] = { "secret-tool", "store", "--label", label,
                         "xdg:schema", "app.tessera.Tessera",
                         "server", server, "account", account, "kind", "sign-in",
                         "token-id", id, NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) input = g_bytes_new (token, strlen (token));
  g_autoptr(GError) error = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
}

/* Removes every item of @server (`secret-tool clear server URL`). */
static inline void
keyring_clear_server (const char *server)
{
  const char *argv[] = { "secret-tool", "clear", "server", server, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
}
