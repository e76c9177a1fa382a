/* tessera-client.c — the personal access token API
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-client"

#include "config.h"

#include <string.h>


#include "tessera-client-private.h"
#include "tessera-api-names-private.h"
#include "tessera-error-private.h"
#include "tessera-json-private.h"
#include "tessera-payload-private.h"
#include "tessera-request-private.h"
#include "tessera-secret.h"
#include "tessera-server-url.h"
#include "tessera-words.h"

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
  self->session = tessera_request_session_new (self->timeout, TESSERA_CLIENT_MAX_IN_FLIGHT);
}

/* Printable ASCII only: anything else cannot be a token and could break
 * out of the header.  Ten megabytes pasted by mistake are refused as too
 * long before any request (a server would answer 431, with words about
 * something else). */
static gboolean
check_token (const char  *token,
             GError     **error)
{
  if (token != NULL && strnlen (token, TESSERA_SECRET_MAX_LENGTH + 1) > TESSERA_SECRET_MAX_LENGTH)
    {
      g_propagate_error (error, tessera_words_error_token_too_long ());
      return FALSE;
    }

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
 *   %TESSERA_API_ERROR_INVALID_ARGUMENT (an empty, malformed or too long
 *   token).
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

void
tessera_client_request (TesseraClient       *self,
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

GTask *
tessera_client_task_new (TesseraClient       *self,
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

/* ---- /user/me ---------------------------------------------------------- */

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
  account = root != NULL ? tessera_payload_read_account (root, &error) : NULL;
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

  task = tessera_client_task_new (self, tessera_client_get_account_async, cancellable, callback, user_data);
  tessera_client_request (self, SOUP_METHOD_GET, API_PATH_USER_ME, NULL, cancellable, get_account_cb, task);
}

TesseraAccount *
tessera_client_get_account_finish (TesseraClient  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- testing any token ------------------------------------------------- */

void
tessera_client_test_token_async (const char          *server_url,
                                 const char          *token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  tessera_client_test_token_full_async (server_url, token, TESSERA_REQUEST_DEFAULT_TIMEOUT,
                                        cancellable, callback, user_data);
}

/**
 * tessera_client_test_token_full_async:
 * @timeout_seconds: connect and idle timeout of the request (1–600)
 *
 * tessera_client_test_token_async() with a timeout of one's choosing
 * (tests lower it so a stalled server fails fast).  Finish it with
 * tessera_client_test_token_finish().
 */
void
tessera_client_test_token_full_async (const char          *server_url,
                                      const char          *token,
                                      guint                timeout_seconds,
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
  session = tessera_request_session_new (CLAMP (timeout_seconds, 1, 600), 1);
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
