/* tessera-request.c — one API request over libsoup
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the bearer token lives, and what is wiped:
 * - Request.token and the "Bearer …" string built from it: ours, wiped.
 * - The Authorization value stored in the SoupMessage's headers: wiped in
 *   place once the message is done with.
 * - Residual copies we cannot reach: libsoup serialises the request
 *   headers into its own write buffer (and, over HTTPS, GnuTLS encrypts
 *   from it; over HTTP/2 the header compression table of the connection
 *   may keep the header while the connection lives); those buffers are
 *   freed without being cleared.
 * Nothing here logs a header or a body; there is no SoupLogger.
 */
#define G_LOG_DOMAIN "tessera-request"

#include "config.h"

#include <string.h>


#include "tessera-error-private.h"
#include "tessera-json-private.h"
#include "tessera-request-private.h"
#include "tessera-secret.h"
#include "tessera-words.h"

#define USER_AGENT        "Tessera/" PACKAGE_VERSION
#define READ_CHUNK        (16 * 1024)

typedef struct
{
  SoupSession *session;
  GObject *warning_target;
  char *token;
  char *method;
  GUri *uri;
  gboolean https;
  GBytes *body;

  SoupMessage *message;
  GInputStream *stream;
  guint8 *data;
  gsize length;
  gsize capacity;

  guint attempt;
  GSource *retry_source;
  GSource *cancel_source;
} Request;

static void request_send (GTask *task);

static void
wipe_buffer (Request *request)
{
  if (request->data != NULL)
    explicit_bzero (request->data, request->capacity);
  g_clear_pointer (&request->data, g_free);
  request->length = 0;
  request->capacity = 0;
}

static void
clear_message (Request *request)
{
  if (request->message != NULL)
    {
      SoupMessageHeaders *headers = soup_message_get_request_headers (request->message);
      char *authorization = (char *) soup_message_headers_get_one (headers, "Authorization");

      /* libsoup's own copy of the header; the message is done with it. */
      if (authorization != NULL)
        explicit_bzero (authorization, strlen (authorization));
    }

  g_clear_object (&request->stream);
  g_clear_object (&request->message);
}

static void
clear_retry (Request *request)
{
  if (request->retry_source != NULL)
    {
      g_source_destroy (request->retry_source);
      g_clear_pointer (&request->retry_source, g_source_unref);
    }
  if (request->cancel_source != NULL)
    {
      g_source_destroy (request->cancel_source);
      g_clear_pointer (&request->cancel_source, g_source_unref);
    }
}

static void
request_free (gpointer data)
{
  Request *request = data;

  clear_retry (request);
  clear_message (request);
  wipe_buffer (request);
  g_clear_pointer (&request->token, tessera_secret_free);
  g_clear_pointer (&request->method, g_free);
  g_clear_pointer (&request->uri, g_uri_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_object (&request->warning_target);
  g_clear_object (&request->session);
  g_free (request);
}

static void
return_error (GTask  *task,
              GError *error)
{
  Request *request = g_task_get_task_data (task);

  g_debug ("%s %s failed: %s", request->method, g_uri_get_path (request->uri), error->message);
  clear_message (request);
  wipe_buffer (request);
  g_task_return_error (task, error);
}

static void
return_transport_error (GTask        *task,
                        const GError *error)
{
  return_error (task, tessera_api_error_new_transport (error));
}

SoupSession *
tessera_request_session_new (guint timeout_seconds,
                             guint max_conns_per_host)
{
  SoupSession *session;

  session = soup_session_new_with_options ("timeout", timeout_seconds,
                                           "idle-timeout", timeout_seconds,
                                           "user-agent", USER_AGENT,
                                           "max-conns-per-host", MAX (max_conns_per_host, 1),
                                           NULL);

  /* A 401 is the answer, not a prompt: no SoupAuth machinery that keeps
   * or re-sends credentials. */
  soup_session_remove_feature_by_type (session, SOUP_TYPE_AUTH_MANAGER);

  return session;
}

/* Seconds to wait before retrying, or -1 when the 429 should stand. */
static int
retry_delay (SoupMessage *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return tessera_retry_after_delay (soup_message_headers_get_one (headers, "Retry-After"),
                                    now, TESSERA_REQUEST_MAX_RETRY_AFTER);
}

static gboolean
retry_cb (gpointer data)
{
  GTask *task = data;
  Request *request = g_task_get_task_data (task);

  clear_retry (request);
  request_send (task);
  return G_SOURCE_REMOVE;
}

static gboolean
retry_cancelled_cb (GCancellable *cancellable,
                    gpointer      data)
{
  GTask *task = data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  clear_retry (request);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  return_transport_error (task, error);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* Takes the task's reference (handed back to request_send). */
static void
schedule_retry (GTask *task,
                int    seconds)
{
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_debug ("%s %s: rate limited, retrying in %d s",
           request->method, g_uri_get_path (request->uri), seconds);

  clear_message (request);
  wipe_buffer (request);
  request->attempt++;

  request->retry_source = g_timeout_source_new ((guint) seconds * 1000);
  g_task_attach_source (task, request->retry_source, retry_cb);

  if (cancellable != NULL)
    {
      request->cancel_source = g_cancellable_source_new (cancellable);
      g_task_attach_source (task, request->cancel_source, G_SOURCE_FUNC (retry_cancelled_cb));
    }
}

static GError *
redirect_error (Request *request)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr(GUri) target = NULL;

  if (location != NULL)
    target = g_uri_parse_relative (request->uri, location, G_URI_FLAGS_NONE, NULL);

  if (request->https && target != NULL &&
      g_ascii_strcasecmp (g_uri_get_scheme (target), "https") != 0)
    return tessera_words_error_insecure_redirect ();

  return tessera_api_error_new_http (soup_message_get_status (request->message), -1, NULL);
}

/* Always takes the task's reference. */
static void
request_complete (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  guint status = soup_message_get_status (request->message);
  g_autofree char *warning = NULL;
  GError *error = NULL;
  JsonNode *root;

  g_debug ("%s %s: HTTP %u, %" G_GSIZE_FORMAT " bytes",
           request->method, g_uri_get_path (request->uri), status, request->length);

  if (status == 429 && request->attempt == 0 &&
      g_strcmp0 (request->method, SOUP_METHOD_GET) == 0)
    {
      int delay = retry_delay (request->message);

      if (delay >= 0)
        {
          schedule_retry (task, delay);
          return;
        }
    }

  if (status >= 300 && status < 400)
    {
      return_error (task, redirect_error (request));
      g_object_unref (task);
      return;
    }

  root = tessera_envelope_parse (status,
                                 soup_message_get_reason_phrase (request->message),
                                 (const char *) request->data, request->length,
                                 &warning, &error);
  clear_message (request);
  wipe_buffer (request);

  if (root == NULL)
    {
      return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (warning != NULL && request->warning_target != NULL)
    g_signal_emit_by_name (request->warning_target, "warning", warning);

  g_task_return_pointer (task, root, (GDestroyNotify) tessera_json_wipe_free);
  g_object_unref (task);
}

static void read_next (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n < 0)
    {
      return_transport_error (task, error);
      g_object_unref (task);
      return;
    }

  if (n == 0)
    {
      request_complete (task);
      return;
    }

  request->length += (gsize) n;
  if (request->length > TESSERA_REQUEST_MAX_BODY)
    {
      return_error (task, tessera_api_error_new_bad_response (tessera_words_reason (TESSERA_WORDS_TOO_LARGE)));
      g_object_unref (task);
      return;
    }

  read_next (task);
}

/* Grows the buffer without leaving an unwiped copy behind. */
static void
ensure_room (Request *request)
{
  gsize wanted = request->length + READ_CHUNK;
  guint8 *grown;

  if (request->capacity >= wanted)
    return;

  wanted = MAX (wanted, request->capacity * 2);
  grown = g_malloc (wanted);
  if (request->length > 0)
    memcpy (grown, request->data, request->length);
  if (request->data != NULL)
    {
      explicit_bzero (request->data, request->capacity);
      g_free (request->data);
    }
  request->data = grown;
  request->capacity = wanted;
}

static void
read_next (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  ensure_room (request);
  g_input_stream_read_async (request->stream,
                             request->data + request->length,
                             READ_CHUNK,
                             G_PRIORITY_DEFAULT,
                             g_task_get_cancellable (task),
                             read_cb,
                             task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      return_transport_error (task, error);
      g_object_unref (task);
      return;
    }

  /* A declared length over the cap fails at once; an undeclared or false
   * one is caught while reading. */
  headers = soup_message_get_response_headers (request->message);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > TESSERA_REQUEST_MAX_BODY)
    {
      return_error (task, tessera_api_error_new_bad_response (tessera_words_reason (TESSERA_WORDS_TOO_LARGE)));
      g_object_unref (task);
      return;
    }

  read_next (task);
}

/* Takes the task's reference. */
static void
request_send (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  g_auto(TesseraSecret) authorization = NULL;

  {
    g_autoptr(GError) error = NULL;

    if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
      {
        return_transport_error (task, error);
        g_object_unref (task);
        return;
      }
  }

  request->message = soup_message_new_from_uri (request->method, request->uri);
  /* Redirects are never followed: the token must not travel to another
   * origin, least of all over plain HTTP.
   *
   * Every request also goes on a connection of its own, closed after the
   * answer.  libsoup 3.2 "restarts" a GET or a DELETE (idempotent methods)
   * whose reused keep-alive connection ends before any answer
   * (request_is_restartable() in http1/soup-client-message-io-http1.c
   * needs the connection to have carried an earlier message): it sends it
   * again on another connection without telling us — a DELETE the server
   * may already have done — and that restart path is where 3.2.3 crashed
   * (it reads the message's I/O data without the NULL checks later
   * releases added).  A request on a fresh connection is never restarted,
   * so the failure comes back to us, once, as NO_ANSWER. */
  soup_message_set_flags (request->message, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_NEW_CONNECTION);

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Connection", "close");
  authorization = g_strconcat ("Bearer ", request->token, NULL);
  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "Accept", "application/json");

  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->message, "application/json", request->body);

  g_debug ("%s %s (attempt %u)", request->method, g_uri_get_path (request->uri), request->attempt + 1);

  soup_session_send_async (request->session,
                           request->message,
                           G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task),
                           send_cb,
                           task);
}

void
tessera_request_async (SoupSession         *session,
                       GObject             *warning_target,
                       const char          *origin,
                       const char          *token,
                       const char          *method,
                       const char          *path_and_query,
                       GBytes              *body,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  Request *request;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (origin != NULL && token != NULL && method != NULL);
  g_return_if_fail (path_and_query != NULL && path_and_query[0] == '/');

  task = g_task_new (warning_target, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_request_async);
  /* Cancellation is reported in TESSERA_API_ERROR like every failure, not
   * as GTask's own G_IO_ERROR. */
  g_task_set_check_cancellable (task, FALSE);

  request = g_new0 (Request, 1);
  request->session = g_object_ref (session);
  request->warning_target = warning_target != NULL ? g_object_ref (warning_target) : NULL;
  request->token = tessera_secret_dup (token);
  request->method = g_strdup (method);
  request->body = body != NULL ? g_bytes_ref (body) : NULL;
  g_task_set_task_data (task, request, request_free);

  url = g_strconcat (origin, path_and_query, NULL);
  request->uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (request->uri == NULL)
    {
      g_task_return_error (task, tessera_words_error_url_invalid ());
      return;
    }
  request->https = g_ascii_strcasecmp (g_uri_get_scheme (request->uri), "https") == 0;

  request_send (g_steal_pointer (&task));
}

JsonNode *
tessera_request_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tessera_request_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
