/* fault-fixture.c — an in-process SoupServer scripted per test
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fault-fixture.h"

/* ---- the scripted server ----------------------------------------------- */

void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *content_type,
       const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

void
reply_ok (SoupServerMessage *msg,
          const char        *payload)
{
  g_autofree char *body = g_strdup_printf ("{\"payload\":%s,\"status\":{\"code\":0,\"message\":\"OK\"}}", payload);

  reply (msg, 200, "application/json", body);
}

void
reply_failure (SoupServerMessage *msg,
               guint              http,
               int                code,
               const char        *message,
               const char        *error)
{
  g_autofree char *body = g_strdup_printf ("{\"payload\":null,\"status\":{\"code\":%d,\"message\":\"%s\"},\"error\":\"%s\"}",
                                           code, message, error);

  reply (msg, http, "application/json", body);
}

void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  f->requests++;
  g_free (f->user_agent);
  f->user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  g_free (f->authorization);
  f->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  g_free (f->method);
  f->method = g_strdup (soup_server_message_get_method (msg));
  g_free (f->request_body);
  f->request_body = g_strndup (body->data, body->length);

  g_assert_nonnull (f->script);
  f->script (f, msg, path, query);
}

static char *
first_uri (SoupServer *server)
{
  GSList *uris = soup_server_get_uris (server);
  g_autofree char *text = NULL;
  g_autoptr(GUri) base = NULL;

  g_assert_nonnull (uris);
  text = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  /* "http://127.0.0.1:PORT/" → the origin */
  base = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  return g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (base));
}

SoupServer *
server_new (Fixture  *f,
            char    **url_out)
{
  g_autoptr(GError) error = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);

  soup_server_add_handler (server, NULL, server_cb, f, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  *url_out = first_uri (server);
  return server;
}

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = server_new (f, &f->url);
  f->client = tessera_client_new (f->url, TEST_TOKEN, &error);
  g_assert_no_error (error);
  f->stalled = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Runs the main context for @ms milliseconds. */
void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  /* Let the server see the client's connections close. */
  spin (100);

  if (f->staller != NULL)
    {
      g_socket_service_stop (f->staller);
      g_socket_listener_close (G_SOCKET_LISTENER (f->staller));
      g_clear_object (&f->staller);
    }
  g_clear_pointer (&f->stalled, g_ptr_array_unref);

  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_object (&f->result);
  g_clear_pointer (&f->url, g_free);
  g_clear_pointer (&f->user_agent, g_free);
  g_clear_pointer (&f->authorization, g_free);
  g_clear_pointer (&f->method, g_free);
  g_clear_pointer (&f->request_body, g_free);
  if (f->ca_path != NULL)
    g_unlink (f->ca_path);
  g_clear_pointer (&f->ca_path, g_free);

  /* Let closed connections and idle sources go before the leak check. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

/* Runs the default main context until the operation answered; the caller
 * owns the result. */
GAsyncResult *
wait_result (Fixture *f)
{
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (&f->result);
}

TesseraAccount *
get_account (Fixture  *f,
             GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tessera_client_get_account_async (f->client, NULL, result_cb, f);
  result = wait_result (f);
  return tessera_client_get_account_finish (f->client, result, error);
}

GPtrArray *
list_tokens (Fixture   *f,
             gboolean  *settled,
             GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tessera_client_list_tokens_async (f->client, NULL, result_cb, f);
  result = wait_result (f);
  return tessera_client_list_tokens_finish (f->client, result, settled, error);
}

TesseraToken *
create_token (Fixture     *f,
              const char  *notes,
              GDateTime   *expire,
              char       **secret,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tessera_client_create_token_async (f->client, notes, expire, NULL, result_cb, f);
  result = wait_result (f);
  return tessera_client_create_token_finish (f->client, result, secret, error);
}

void
script_user (Fixture           *f,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query)
{
  g_assert_cmpstr (path, ==, "/api/v1/user/me");
  reply_ok (msg, USER_JSON);
}

static gboolean
stall_incoming_cb (GSocketService    *service,
                   GSocketConnection *connection,
                   GObject           *source,
                   gpointer           user_data)
{
  Fixture *f = user_data;

  f->requests++;
  g_ptr_array_add (f->stalled, g_object_ref (connection));
  return TRUE;
}

/* Points the client at a listener that accepts and never says a word. */
void
use_staller (Fixture *f)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  f->staller = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (f->staller), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  g_signal_connect (f->staller, "incoming", G_CALLBACK (stall_incoming_cb), f);
  g_socket_service_start (f->staller);

  url = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  g_clear_object (&f->client);
  f->client = tessera_client_new (url, TEST_TOKEN, &error);
  g_assert_no_error (error);
}

gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

void
script_body (Fixture           *f,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query)
{
  reply (msg, 200, "application/json", f->script_data);
}

