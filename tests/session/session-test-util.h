/* session-test-util.h — what the session tests share: a real API server,
 * a real keyring, and oracles that are not the code under test (plain
 * libsoup for the server, secret-tool for the keyring)
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "private-session.h"
#include "tessera-accounts.h"
#include "tessera-secret.h"
#include "tessera-test-server.h"

#define WAIT_SECONDS 30

/* Iterates the main context until @cond holds; fails after WAIT_SECONDS. */
#define WAIT_UNTIL(cond)                                                        \
  G_STMT_START {                                                                \
    gint64 wait_end_ = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC; \
    while (!(cond))                                                             \
      {                                                                         \
        if (g_get_monotonic_time () > wait_end_)                                \
          g_error ("Timed out waiting for: %s", #cond);                         \
        if (!g_main_context_iteration (NULL, FALSE))                            \
          g_usleep (1000);                                                      \
      }                                                                         \
  } G_STMT_END

static inline void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static inline void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static inline GAsyncResult *
wait_result (GAsyncResult **slot)
{
  WAIT_UNTIL (*slot != NULL);
  return *slot;
}

static inline TesseraTestServer *
start_server (const char * const *extra_args)
{
  g_autoptr(GError) error = NULL;
  TesseraTestServer *server = tessera_test_server_start (extra_args, &error);

  g_assert_no_error (error);
  return server;
}

static inline TesseraAccounts *
new_accounts (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autoptr(TesseraClock) clock = tessera_clock_new ();

  return tessera_accounts_new (store, clock);
}

/* Add Account, and wait until its list is loaded. */
static inline TesseraSession *
add_account (TesseraAccounts *accounts,
             const char      *url,
             const char      *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GError) error = NULL;
  TesseraSession *session;

  tessera_accounts_add_async (accounts, url, token, NULL, result_cb, &result);
  session = tessera_accounts_add_finish (accounts, wait_result (&result), &keyring_error, &error);
  g_assert_no_error (error);
  g_assert_no_error (keyring_error);
  g_assert_nonnull (session);
  g_assert_cmpint (tessera_session_get_state (session), ==, TESSERA_SESSION_STATE_SIGNED_IN);
  WAIT_UNTIL (tessera_token_list_get_loaded (tessera_session_get_tokens (session)));

  return session;
}

static inline void
restore (TesseraAccounts *accounts)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tessera_accounts_restore_async (accounts, NULL, result_cb, &result);
  g_assert_true (tessera_accounts_restore_finish (accounts, wait_result (&result), &error));
  g_assert_no_error (error);
}

static inline void
sign_out (TesseraSession *session)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tessera_session_sign_out_async (session, NULL, result_cb, &result);
  g_assert_true (tessera_session_sign_out_finish (session, wait_result (&result), &error));
  g_assert_no_error (error);
}

/* Signs out every account on @url (a restore may have brought back those
 * of other tests, which run at the same time: they are left alone). */
static inline void
sign_out_on (TesseraAccounts *accounts,
             const char      *url)
{
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (accounts)); i > 0; i--)
    {
      g_autoptr(TesseraSession) session = g_list_model_get_item (G_LIST_MODEL (accounts), i - 1);

      if (g_strcmp0 (tessera_session_get_server_url (session), url) == 0)
        sign_out (session);
    }
}

/* The accounts on @url: other tests, running at the same time, keep
 * sign-ins of their own servers in the same keyring. */
static inline guint
n_accounts_on (TesseraAccounts *accounts,
               const char      *url)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (accounts)); i++)
    {
      g_autoptr(TesseraSession) session = g_list_model_get_item (G_LIST_MODEL (accounts), i);

      n += g_strcmp0 (tessera_session_get_server_url (session), url) == 0;
    }
  return n;
}

static inline GPtrArray *
session_ids (TesseraSession *session)
{
  GListModel *model = G_LIST_MODEL (tessera_session_get_tokens (session));
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TesseraToken) token = g_list_model_get_item (model, i);

      g_ptr_array_add (ids, g_strdup (tessera_token_get_id (token)));
    }
  return ids;
}

/* ---- the server, asked over plain libsoup ---------------------------- */

static inline JsonNode *
oracle_request (const char *url,
                const char *token,
                const char *method,
                const char *path,
                guint      *status_out)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
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
  g_autoptr(JsonNode) root = oracle_request (url, token, "GET", "/api/v1/user/me", &status);

  return status;
}

/* A token of @token's account, made over plain HTTP; returns its secret.
 * @expire: RFC 3339, or NULL for never. */
static inline char *
oracle_create_expiring (const char *url,
                        const char *token,
                        const char *notes,
                        const char *expire)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (url, "/api/v1/user/access_tokens", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *expire_json = expire != NULL ? g_strdup_printf ("\"%s\"", expire) : g_strdup ("null");
  g_autofree char *json = g_strdup_printf ("{\"notes\": \"%s\", \"expire\": %s}", notes, expire_json);
  g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *payload;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  root = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);
  payload = json_object_get_object_member (json_node_get_object (root), "payload");
  return g_strdup (json_object_get_string_member (payload, "token"));
}

static inline char *
oracle_create (const char *url,
               const char *token,
               const char *notes)
{
  return oracle_create_expiring (url, token, notes, NULL);
}

static inline void
oracle_delete (const char *url,
               const char *token,
               const char *id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/user/access_tokens/%s", id);
  guint status = 0;
  g_autoptr(JsonNode) root = oracle_request (url, token, "DELETE", path, &status);

  g_assert_cmpuint (status, ==, 200);
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

/* `secret-tool search --all --unlock server URL [NAME VALUE…]` */
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
