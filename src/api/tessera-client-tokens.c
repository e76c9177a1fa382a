/* tessera-client-tokens.c — creating and deleting tokens, each answer
 * checked for the shape the contract gives it
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-client"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "tessera-api-names-private.h"
#include "tessera-client-private.h"
#include "tessera-json-private.h"
#include "tessera-payload-private.h"
#include "tessera-request-private.h"
#include "tessera-secret.h"
#include "tessera-words.h"

/* ---- create ------------------------------------------------------------ */

typedef struct
{
  TesseraToken *token;
  char *secret;
} Created;

static void
created_free (gpointer data)
{
  Created *created = data;

  g_clear_object (&created->token);
  g_clear_pointer (&created->secret, tessera_secret_free);
  g_free (created);
}

static void
create_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Created *created = NULL;
  JsonNode *root;

  /* The root holds the secret: every string in it is wiped before it is
   * freed.  Copies we cannot reach: json-glib's scanner builds each string
   * in a GString that it frees unwiped, and libsoup's socket buffers. */
  root = tessera_request_finish (result, &error);
  if (root != NULL)
    {
      created = g_new0 (Created, 1);
      created->token = tessera_payload_read_created (root, &created->secret, &error);
      if (created->token == NULL)
        g_clear_pointer (&created, created_free);
    }
  g_clear_pointer (&root, tessera_json_wipe_free);

  if (created == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, created, created_free);
}

/* NULL when @expire cannot be written as an RFC 3339 UTC time: it must
 * never go out as null, which means "does not expire". */
static GBytes *
create_body (const char *notes,
             GDateTime  *expire)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *formatted = NULL;
  char *text;

  if (expire != NULL)
    {
      formatted = tessera_json_format_time (expire);
      if (formatted == NULL)
        return NULL;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, API_CREATE_NOTES);
  json_builder_add_string_value (builder, notes != NULL ? notes : "");
  json_builder_set_member_name (builder, API_CREATE_EXPIRE);
  if (formatted != NULL)
    json_builder_add_string_value (builder, formatted);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  return g_bytes_new_take (text, strlen (text));
}

void
tessera_client_create_token_async (TesseraClient       *self,
                                   const char          *notes,
                                   GDateTime           *expire,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (TESSERA_IS_CLIENT (self));

  task = tessera_client_task_new (self, tessera_client_create_token_async, cancellable, callback, user_data);
  body = create_body (notes, expire);
  if (body == NULL)
    {
      g_task_return_error (task, tessera_words_error_expire_unsendable ());
      g_object_unref (task);
      return;
    }
  /* A POST is never retried, not even after a 429: the first may have
   * created the token. */
  tessera_client_request (self, SOUP_METHOD_POST, API_PATH_ACCESS_TOKENS, body, cancellable,
                  create_token_cb, task);
}

TesseraToken *
tessera_client_create_token_finish (TesseraClient  *self,
                                    GAsyncResult   *result,
                                    char          **secret_out,
                                    GError        **error)
{
  Created *created;
  TesseraToken *token;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (secret_out != NULL)
    *secret_out = NULL;

  created = g_task_propagate_pointer (G_TASK (result), error);
  if (created == NULL)
    return NULL;

  token = g_steal_pointer (&created->token);
  if (secret_out != NULL)
    *secret_out = g_steal_pointer (&created->secret);
  created_free (created);

  return token;
}

/* ---- delete ------------------------------------------------------------ */

static void
delete_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  root = tessera_request_finish (result, &error);
  if (root != NULL && tessera_payload_read_deleted_one (root, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
  g_clear_pointer (&root, tessera_json_wipe_free);
}

void
tessera_client_delete_token_async (TesseraClient       *self,
                                   const char          *id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TESSERA_IS_CLIENT (self));

  task = tessera_client_task_new (self, tessera_client_delete_token_async, cancellable, callback, user_data);

  if (id == NULL || *id == '\0')
    {
      g_task_return_error (task, tessera_words_error_new_for_code (TESSERA_API_ERROR_NOT_FOUND));
      g_object_unref (task);
      return;
    }

  /* The id is the server's, but it must stay one path segment. */
  escaped = g_uri_escape_string (id, NULL, FALSE);
  path = g_strconcat (API_PATH_ACCESS_TOKENS, "/", escaped, NULL);
  tessera_client_request (self, SOUP_METHOD_DELETE, path, NULL, cancellable, delete_token_cb, task);
}

gboolean
tessera_client_delete_token_finish (TesseraClient  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
delete_all_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  guint deleted = 0;
  JsonNode *root;

  root = tessera_request_finish (result, &error);
  if (root != NULL && tessera_payload_read_deleted_all (root, &deleted, &error))
    g_task_return_int (task, MIN (deleted, G_MAXINT));
  else
    g_task_return_error (task, g_steal_pointer (&error));
  g_clear_pointer (&root, tessera_json_wipe_free);
}

void
tessera_client_delete_all_async (TesseraClient       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TESSERA_IS_CLIENT (self));

  task = tessera_client_task_new (self, tessera_client_delete_all_async, cancellable, callback, user_data);
  tessera_client_request (self, SOUP_METHOD_DELETE, API_PATH_ACCESS_TOKENS, NULL, cancellable,
                  delete_all_cb, task);
}

/**
 * tessera_client_delete_all_finish:
 * @n_deleted: (out) (optional): how many tokens the server deleted
 */
gboolean
tessera_client_delete_all_finish (TesseraClient  *self,
                                  GAsyncResult   *result,
                                  guint          *n_deleted,
                                  GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize deleted;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (n_deleted != NULL)
    *n_deleted = 0;

  deleted = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (n_deleted != NULL)
    *n_deleted = (guint) deleted;
  return TRUE;
}
