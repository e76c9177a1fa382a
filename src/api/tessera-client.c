/* tessera-client.c — the personal access token API
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-client"

#include "config.h"

#include <string.h>


#include "tessera-client.h"
#include "tessera-api-names-private.h"
#include "tessera-error-private.h"
#include "tessera-json-private.h"
#include "tessera-request-private.h"
#include "tessera-secret.h"
#include "tessera-server-url.h"
#include "tessera-words.h"

/* Listing: what we ask for, how many pages at once, and the most tokens we
 * believe a `count` about (the API allows 50; a lying count stops here). */
#define LIST_PAGE_SIZE      50
#define LIST_MAX_IN_FLIGHT  4
#define LIST_MAX_TOKENS     1000

struct _TesseraClient
{
  GObject parent_instance;

  char *origin;
  char *token;
  SoupSession *session;
  guint timeout;
};

G_DEFINE_FINAL_TYPE (TesseraClient, tessera_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ORIGIN,
  PROP_TIMEOUT,
  N_PROPS
};

enum {
  SIGNAL_WARNING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
tessera_client_finalize (GObject *object)
{
  TesseraClient *self = (TesseraClient *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->token, tessera_secret_free);
  g_clear_pointer (&self->origin, g_free);

  G_OBJECT_CLASS (tessera_client_parent_class)->finalize (object);
}

static void
tessera_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TesseraClient *self = TESSERA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ORIGIN:
      g_value_set_string (value, self->origin);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TesseraClient *self = TESSERA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      tessera_client_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_client_class_init (TesseraClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tessera_client_finalize;
  object_class->get_property = tessera_client_get_property;
  object_class->set_property = tessera_client_set_property;

  properties[PROP_ORIGIN] =
    g_param_spec_string ("origin", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 600, TESSERA_REQUEST_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_WARNING] =
    g_signal_new ("warning",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tessera_client_init (TesseraClient *self)
{
  self->timeout = TESSERA_REQUEST_DEFAULT_TIMEOUT;
  self->session = tessera_request_session_new (self->timeout, LIST_MAX_IN_FLIGHT);
}

/* Printable ASCII only: anything else cannot be a token and could break
 * out of the header. */
static gboolean
check_token (const char  *token,
             GError     **error)
{
  if (token != NULL && *token != '\0')
    {
      const char *p;

      for (p = token; *p != '\0'; p++)
        if (*p <= ' ' || *p > '~')
          break;
      if (*p == '\0')
        return TRUE;
    }

  g_propagate_error (error, tessera_words_error_token_malformed ());
  return FALSE;
}

/**
 * tessera_client_new:
 * @server_url: the server's address; only its origin is kept
 * @token: the personal access token to authenticate with
 *
 * Returns: (transfer full) (nullable): a client, or %NULL with
 *   %TESSERA_API_ERROR_INVALID_URL, %TESSERA_API_ERROR_INSECURE_URL or
 *   %TESSERA_API_ERROR_INVALID_ARGUMENT (an empty or malformed token).
 */
TesseraClient *
tessera_client_new (const char  *server_url,
                    const char  *token,
                    GError     **error)
{
  g_autofree char *origin = NULL;
  TesseraClient *self;

  origin = tessera_server_url_normalize (server_url, error);
  if (origin == NULL)
    return NULL;

  if (!check_token (token, error))
    return NULL;

  self = g_object_new (TESSERA_TYPE_CLIENT, NULL);
  self->origin = g_steal_pointer (&origin);
  self->token = tessera_secret_dup (token);

  return self;
}

const char *
tessera_client_get_origin (TesseraClient *self)
{
  g_return_val_if_fail (TESSERA_IS_CLIENT (self), NULL);
  return self->origin;
}

guint
tessera_client_get_timeout (TesseraClient *self)
{
  g_return_val_if_fail (TESSERA_IS_CLIENT (self), 0);
  return self->timeout;
}

/**
 * tessera_client_set_timeout:
 * @seconds: connect and idle timeout (default 15)
 *
 * Mostly for tests, so a stalled server fails fast.
 */
void
tessera_client_set_timeout (TesseraClient *self,
                            guint          seconds)
{
  g_return_if_fail (TESSERA_IS_CLIENT (self));

  seconds = CLAMP (seconds, 1, 600);
  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, "idle-timeout", seconds, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

void
tessera_client_set_tls_database (TesseraClient *self,
                                 GTlsDatabase  *database)
{
  g_return_if_fail (TESSERA_IS_CLIENT (self));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  if (database != NULL)
    g_object_set (self->session, "tls-database", database, NULL);
  else
    {
      g_autoptr(GTlsDatabase) system = g_tls_backend_get_default_database (g_tls_backend_get_default ());

      g_object_set (self->session, "tls-database", system, NULL);
    }
}

static void
client_request (TesseraClient       *self,
                const char          *method,
                const char          *path_and_query,
                GBytes              *body,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  tessera_request_async (self->session, G_OBJECT (self), self->origin, self->token,
                         method, path_and_query, body, cancellable, callback, user_data);
}

static GTask *
task_new (TesseraClient       *self,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  /* Cancellation comes back as G_IO_ERROR_CANCELLED, from the request. */
  g_task_set_check_cancellable (task, FALSE);
  return task;
}

/* The payload as an object, or BAD_RESPONSE. */
static JsonObject *
payload_object (JsonNode  *root,
                GError   **error)
{
  JsonNode *payload = tessera_envelope_get_payload (root);

  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    {
      g_propagate_error (error, tessera_api_error_new_bad_response (tessera_words_reason (TESSERA_WORDS_PAYLOAD_OBJECT)));
      return NULL;
    }

  return json_node_get_object (payload);
}

/* ---- /user/me ---------------------------------------------------------- */

static TesseraAccount *
account_from_root (JsonNode  *root,
                   GError   **error)
{
  JsonObject *object = payload_object (root, error);

  return object != NULL ? tessera_account_new_from_json (object, error) : NULL;
}

static void
get_account_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  TesseraAccount *account;

  root = tessera_request_finish (result, &error);
  account = root != NULL ? account_from_root (root, &error) : NULL;
  g_clear_pointer (&root, tessera_json_wipe_free);

  if (account == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, account, g_object_unref);
}

void
tessera_client_get_account_async (TesseraClient       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TESSERA_IS_CLIENT (self));

  task = task_new (self, tessera_client_get_account_async, cancellable, callback, user_data);
  client_request (self, SOUP_METHOD_GET, API_PATH_USER_ME, NULL, cancellable, get_account_cb, task);
}

TesseraAccount *
tessera_client_get_account_finish (TesseraClient  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- listing ----------------------------------------------------------- */

typedef struct
{
  GCancellable *cancellable;       /* ours: stops the other pages on failure */
  GCancellable *caller_cancellable;
  gulong caller_cancelled_id;

  guint page_size;                 /* what the server really returns per page */
  guint n_pages;                   /* pages to fetch at most */
  guint last_page;                 /* pages after an empty one do not count */
  guint next_page;
  guint in_flight;
  guint max_in_flight;             /* measured, for the debug log */
  GPtrArray *pages;                /* page n at n - 1: GPtrArray of TesseraToken */
  GError *error;                   /* the first failure */
} ListState;

static void
page_free (gpointer page)
{
  if (page != NULL)
    g_ptr_array_unref (page);
}

static void
list_state_free (gpointer data)
{
  ListState *state = data;

  if (state->caller_cancelled_id != 0)
    g_cancellable_disconnect (state->caller_cancellable, state->caller_cancelled_id);
  g_clear_object (&state->caller_cancellable);
  g_clear_object (&state->cancellable);
  g_clear_pointer (&state->pages, g_ptr_array_unref);
  g_clear_error (&state->error);
  g_free (state);
}

static char *
list_path (guint page,
           guint page_size)
{
  return g_strdup_printf ("%s?%s=%u&%s=%u", API_PATH_ACCESS_TOKENS,
                          API_QUERY_PAGE, page, API_QUERY_PAGE_SIZE, page_size);
}

/* Reads one page's tokens, and `count` when @count_out is given. */
static GPtrArray *
page_from_root (JsonNode  *root,
                gint64    *count_out,
                GError   **error)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *object;
  JsonNode *list_node;
  JsonArray *list;

  object = payload_object (root, error);
  if (object == NULL)
    return NULL;

  list_node = json_object_get_member (object, API_LIST_ITEMS);
  if (list_node != NULL && JSON_NODE_HOLDS_NULL (list_node))
    list = NULL;  /* Go's nil slice: an empty page */
  else if (list_node != NULL && JSON_NODE_HOLDS_ARRAY (list_node))
    list = json_node_get_array (list_node);
  else
    {
      g_propagate_error (error, tessera_api_error_new_bad_response (tessera_words_reason (TESSERA_WORDS_LIST_ARRAY)));
      return NULL;
    }

  if (count_out != NULL)
    {
      gboolean present = FALSE;

      if (!tessera_json_get_int (object, API_LIST_COUNT, &present, count_out, error))
        return NULL;
      if (!present)
        {
          g_autofree char *reason = tessera_words_reason_missing (API_LIST_COUNT);

          g_propagate_error (error, tessera_api_error_new_bad_response (reason));
          return NULL;
        }
    }

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      TesseraToken *token;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_propagate_error (error, tessera_api_error_new_bad_response (tessera_words_reason (TESSERA_WORDS_TOKEN_OBJECT)));
          return NULL;
        }

      token = tessera_token_new_from_json (json_node_get_object (element), error);
      if (token == NULL)
        return NULL;
      g_ptr_array_add (tokens, token);
    }

  return g_steal_pointer (&tokens);
}

static void list_fetch_more (GTask *task);

/* All pages in order, each id once. */
static void
list_assemble (GTask *task)
{
  ListState *state = g_task_get_task_data (task);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint p = 0; p < state->pages->len && p < state->last_page; p++)
    {
      GPtrArray *page = g_ptr_array_index (state->pages, p);

      for (guint i = 0; page != NULL && i < page->len; i++)
        {
          TesseraToken *token = g_ptr_array_index (page, i);
          const char *id = tessera_token_get_id (token);

          if (!g_hash_table_add (seen, (gpointer) id))
            {
              g_debug ("Dropping duplicate token %s on page %u", id, p + 1);
              continue;
            }
          g_ptr_array_add (all, g_object_ref (token));
        }
    }

  g_debug ("Listed %u tokens in %u pages of %u (at most %u at once)",
           all->len, MIN (state->last_page, state->n_pages), state->page_size,
           state->max_in_flight);

  g_task_return_pointer (task, all, (GDestroyNotify) g_ptr_array_unref);
}

typedef struct
{
  GTask *task;
  guint page;
} PageRequest;

static void
list_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PageRequest *page_request = user_data;
  g_autoptr(GTask) task = page_request->task;
  ListState *state = g_task_get_task_data (task);
  guint page = page_request->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  JsonNode *root;

  g_free (page_request);
  state->in_flight--;

  root = tessera_request_finish (result, &error);
  if (root != NULL)
    tokens = page_from_root (root, NULL, &error);
  g_clear_pointer (&root, tessera_json_wipe_free);

  if (tokens == NULL)
    {
      if (state->error == NULL)
        {
          state->error = g_steal_pointer (&error);
          g_cancellable_cancel (state->cancellable);
        }
    }
  else
    {
      if (tokens->len == 0 && page - 1 < state->last_page)
        state->last_page = page - 1;
      g_ptr_array_index (state->pages, page - 1) = g_steal_pointer (&tokens);
    }

  list_fetch_more (g_steal_pointer (&task));
}

/* Takes a reference to @task. */
static void
list_fetch_more (GTask *task)
{
  ListState *state = g_task_get_task_data (task);

  while (state->error == NULL &&
         state->in_flight < LIST_MAX_IN_FLIGHT &&
         state->next_page <= state->n_pages &&
         state->next_page <= state->last_page)
    {
      PageRequest *page_request = g_new0 (PageRequest, 1);
      g_autofree char *path = list_path (state->next_page, state->page_size);
      TesseraClient *self = g_task_get_source_object (task);

      page_request->task = g_object_ref (task);
      page_request->page = state->next_page++;
      state->in_flight++;
      state->max_in_flight = MAX (state->max_in_flight, state->in_flight);
      client_request (self, SOUP_METHOD_GET, path, NULL, state->cancellable,
                      list_page_cb, page_request);
    }

  /* Done only when nothing is in flight: no request outlives the task. */
  if (state->in_flight == 0)
    {
      if (state->error != NULL)
        {
          /* A cancellation by the caller wins over what it caused. */
          if (g_cancellable_is_cancelled (state->caller_cancellable))
            g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                     "%s", tessera_words_cancelled ());
          else
            g_task_return_error (task, g_steal_pointer (&state->error));
        }
      else
        list_assemble (task);
    }

  g_object_unref (task);
}

static void
list_first_page_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  ListState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  gint64 count = 0;
  JsonNode *root;

  state->in_flight--;

  root = tessera_request_finish (result, &error);
  if (root != NULL)
    tokens = page_from_root (root, &count, &error);
  g_clear_pointer (&root, tessera_json_wipe_free);

  if (tokens == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* The page size the server really uses (it may cap what we asked). A
   * `count` is believed only up to LIST_MAX_TOKENS, and only as many
   * pages as it implies are fetched: a lying count cannot loop. */
  count = CLAMP (count, 0, LIST_MAX_TOKENS);
  state->page_size = MAX (tokens->len, 1);
  state->n_pages = tokens->len == 0 ? 1 : (guint) ((count + state->page_size - 1) / state->page_size);
  state->n_pages = MAX (state->n_pages, 1);
  state->last_page = tokens->len == 0 ? 0 : state->n_pages;
  state->next_page = 2;

  g_ptr_array_set_size (state->pages, state->n_pages);
  g_ptr_array_index (state->pages, 0) = g_steal_pointer (&tokens);

  list_fetch_more (task);
}

static void
list_caller_cancelled_cb (GCancellable *cancellable,
                          gpointer      user_data)
{
  GCancellable *ours = user_data;

  g_cancellable_cancel (ours);
}

void
tessera_client_list_tokens_async (TesseraClient       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  ListState *state;
  g_autofree char *path = NULL;

  g_return_if_fail (TESSERA_IS_CLIENT (self));

  task = task_new (self, tessera_client_list_tokens_async, cancellable, callback, user_data);

  state = g_new0 (ListState, 1);
  state->cancellable = g_cancellable_new ();
  state->pages = g_ptr_array_new_with_free_func (page_free);
  g_task_set_task_data (task, state, list_state_free);

  if (cancellable != NULL)
    {
      state->caller_cancellable = g_object_ref (cancellable);
      /* Runs at once when already cancelled. */
      state->caller_cancelled_id = g_cancellable_connect (cancellable,
                                                          G_CALLBACK (list_caller_cancelled_cb),
                                                          state->cancellable, NULL);
    }

  state->in_flight = 1;
  state->max_in_flight = 1;
  path = list_path (1, LIST_PAGE_SIZE);
  client_request (self, SOUP_METHOD_GET, path, NULL, state->cancellable,
                  list_first_page_cb, task);
}

GPtrArray *
tessera_client_list_tokens_finish (TesseraClient  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

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

static Created *
created_from_root (JsonNode  *root,
                   GError   **error)
{
  JsonObject *object = payload_object (root, error);
  const char *secret = NULL;
  TesseraToken *token;
  Created *created;

  if (object == NULL)
    return NULL;

  if (!tessera_json_get_string (object, API_TOKEN_SECRET, TRUE, &secret, error))
    return NULL;
  if (*secret == '\0')
    {
      g_propagate_error (error, tessera_api_error_new_bad_response (tessera_words_reason (TESSERA_WORDS_SECRET_EMPTY)));
      return NULL;
    }

  token = tessera_token_new_from_json (object, error);
  if (token == NULL)
    return NULL;

  created = g_new0 (Created, 1);
  created->token = token;
  created->secret = tessera_secret_dup (secret);
  return created;
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
    created = created_from_root (root, &error);
  g_clear_pointer (&root, tessera_json_wipe_free);

  if (created == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, created, created_free);
}

static GBytes *
create_body (const char *notes,
             GDateTime  *expire)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, API_CREATE_NOTES);
  json_builder_add_string_value (builder, notes != NULL ? notes : "");
  json_builder_set_member_name (builder, API_CREATE_EXPIRE);
  if (expire != NULL)
    {
      g_autofree char *formatted = tessera_json_format_time (expire);

      json_builder_add_string_value (builder, formatted);
    }
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

  task = task_new (self, tessera_client_create_token_async, cancellable, callback, user_data);
  body = create_body (notes, expire);
  /* A POST is never retried, not even after a 429: the first may have
   * created the token. */
  client_request (self, SOUP_METHOD_POST, API_PATH_ACCESS_TOKENS, body, cancellable,
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
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tessera_json_wipe_free (root);
  g_task_return_boolean (task, TRUE);
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

  task = task_new (self, tessera_client_delete_token_async, cancellable, callback, user_data);

  if (id == NULL || *id == '\0')
    {
      g_task_return_error (task, tessera_words_error_new_for_code (TESSERA_API_ERROR_NOT_FOUND));
      g_object_unref (task);
      return;
    }

  /* The id is the server's, but it must stay one path segment. */
  escaped = g_uri_escape_string (id, NULL, FALSE);
  path = g_strconcat (API_PATH_ACCESS_TOKENS, "/", escaped, NULL);
  client_request (self, SOUP_METHOD_DELETE, path, NULL, cancellable, delete_token_cb, task);
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
  JsonNode *root;
  JsonNode *payload;
  gboolean present = FALSE;
  gint64 deleted = 0;

  root = tessera_request_finish (result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  payload = tessera_envelope_get_payload (root);
  if (payload != NULL &&
      (!JSON_NODE_HOLDS_OBJECT (payload) ||
       !tessera_json_get_int (json_node_get_object (payload), API_DELETED,
                              &present, &deleted, &error)))
    {
      if (error == NULL)
        error = tessera_api_error_new_bad_response (tessera_words_reason (TESSERA_WORDS_PAYLOAD_OBJECT));
      tessera_json_wipe_free (root);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tessera_json_wipe_free (root);
  g_task_return_int (task, CLAMP (deleted, 0, G_MAXINT));
}

void
tessera_client_delete_all_async (TesseraClient       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TESSERA_IS_CLIENT (self));

  task = task_new (self, tessera_client_delete_all_async, cancellable, callback, user_data);
  client_request (self, SOUP_METHOD_DELETE, API_PATH_ACCESS_TOKENS, NULL, cancellable,
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

/* ---- testing any token ------------------------------------------------- */

void
tessera_client_test_token_async (const char          *server_url,
                                 const char          *token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *origin = NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_client_test_token_async);
  g_task_set_check_cancellable (task, FALSE);

  origin = tessera_server_url_normalize (server_url, &error);
  if (origin == NULL || !check_token (token, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A session of its own, gone when the request is: nothing is shared
   * with (or disturbs) a signed-in client. */
  session = tessera_request_session_new (TESSERA_REQUEST_DEFAULT_TIMEOUT, 1);
  tessera_request_async (session, NULL, origin, token, SOUP_METHOD_GET, API_PATH_USER_ME, NULL,
                         cancellable, get_account_cb, g_steal_pointer (&task));
}

TesseraAccount *
tessera_client_test_token_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
