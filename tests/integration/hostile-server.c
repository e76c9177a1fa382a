/* hostile-server.c — a raw HTTP/1.1 server that drops connections on cue
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hostile-server.h"

#define N_TOKENS 23
#define PAGE_CAP 10

struct _HostileServer
{
  GSocketService *service;
  GCancellable *cancellable;
  char *url;
  guint answers_per_connection;
  GList *conns;             /* Conn, alive */

  guint requests;
  guint connections;
  guint max_per_connection;
  GHashTable *per_method;   /* method → count */
};

typedef struct
{
  HostileServer *server;    /* NULL once the server is gone */
  GIOStream *stream;
  GString *buffer;
  guint answered;
  guint8 chunk[4096];
} Conn;

static void conn_read (Conn *conn);

static void
conn_close (Conn *conn)
{
  if (conn->server != NULL)
    conn->server->conns = g_list_remove (conn->server->conns, conn);
  g_io_stream_close (conn->stream, NULL, NULL);
  g_object_unref (conn->stream);
  g_string_free (conn->buffer, TRUE);
  g_free (conn);
}

static char *
token_json (guint i)
{
  return g_strdup_printf ("{\"id\":\"h%03u\",\"notes\":\"token %u\",\"expire\":null,"
                          "\"created_at\":\"2026-11-01T00:00:00Z\",\"last_used_at\":null}", i, i);
}

static char *
query_value (const char *target,
             const char *name)
{
  g_autofree char *key = g_strconcat (name, "=", NULL);
  const char *query = strchr (target, '?');
  g_auto(GStrv) parts = query != NULL ? g_strsplit (query + 1, "&", -1) : NULL;

  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    if (g_str_has_prefix (parts[i], key))
      return g_strdup (parts[i] + strlen (key));
  return NULL;
}

static char *
list_payload (const char *target)
{
  g_autofree char *page_text = query_value (target, "page");
  guint page = page_text != NULL ? (guint) atoi (page_text) : 1;
  GString *payload = g_string_new ("{\"list\":[");
  guint first = (MAX (page, 1) - 1) * PAGE_CAP;

  for (guint i = first; i < first + PAGE_CAP && i < N_TOKENS; i++)
    {
      g_autofree char *token = token_json (i);

      g_string_append_printf (payload, "%s%s", i > first ? "," : "", token);
    }
  g_string_append_printf (payload, "],\"count\":%u}", N_TOKENS);
  return g_string_free (payload, FALSE);
}

/* The payload the API gives for @method on @target. */
static char *
payload_for (const char *method,
             const char *target)
{
  if (g_str_equal (method, "GET") && g_str_has_prefix (target, "/api/v1/user/me"))
    return g_strdup ("{\"id\":\"u1\",\"email\":\"jack@example.com\",\"first_name\":\"Jack\"}");
  if (g_str_equal (method, "GET"))
    return list_payload (target);
  if (g_str_equal (method, "POST"))
    return g_strdup ("{\"id\":\"new1\",\"notes\":\"n\",\"expire\":null,"
                     "\"token\":\"eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJuZXcxIn0.c2ln\"}");
  if (g_str_has_prefix (target, "/api/v1/user/access_tokens/"))
    return g_strdup ("null");
  return g_strdup_printf ("{\"deleted\":%u}", N_TOKENS);
}

static void
conn_answer (Conn       *conn,
             const char *method,
             const char *target)
{
  g_autofree char *payload = payload_for (method, target);
  g_autofree char *body = g_strdup_printf ("{\"payload\":%s,\"status\":{\"code\":0,\"message\":\"OK\"}}",
                                           payload);
  g_autofree char *response = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                               "Content-Type: application/json\r\n"
                                               "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                               "Connection: keep-alive\r\n\r\n%s",
                                               strlen (body), body);

  g_output_stream_write_all (g_io_stream_get_output_stream (conn->stream),
                             response, strlen (response), NULL, NULL, NULL);
}

/* The Content-Length of the request head at @head (or 0). */
static gsize
request_body_length (const char *head)
{
  g_auto(GStrv) lines = g_strsplit (head, "\r\n", -1);

  for (guint i = 1; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], "Content-Length:", 15) == 0)
      return (gsize) g_ascii_strtoull (lines[i] + 15, NULL, 10);
  return 0;
}

static void
count_request (HostileServer *self,
               const char    *method,
               guint          on_connection)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_method, method));

  self->requests++;
  self->max_per_connection = MAX (self->max_per_connection, on_connection);
  g_hash_table_insert (self->per_method, g_strdup (method), GUINT_TO_POINTER (n + 1));
}

/* Handles every whole request in the buffer.  FALSE: the connection is
 * gone. */
static gboolean
conn_process (Conn *conn)
{
  char *end;

  while ((end = strstr (conn->buffer->str, "\r\n\r\n")) != NULL)
    {
      gsize head_length = (gsize) (end - conn->buffer->str) + 4;
      g_autofree char *head = g_strndup (conn->buffer->str, head_length);
      gsize body_length = request_body_length (head);
      g_auto(GStrv) request_line = NULL;

      if (conn->buffer->len < head_length + body_length)
        return TRUE;  /* the body is still on its way */

      g_string_erase (conn->buffer, 0, (gssize) (head_length + body_length));
      request_line = g_strsplit (head, " ", 3);
      if (request_line[0] == NULL || request_line[1] == NULL)
        {
          conn_close (conn);
          return FALSE;
        }

      count_request (conn->server, request_line[0], conn->answered + 1);
      if (conn->answered >= conn->server->answers_per_connection)
        {
          /* Not a word: the request was read, the connection ends. */
          conn_close (conn);
          return FALSE;
        }
      conn->answered++;
      conn_answer (conn, request_line[0], request_line[1]);
    }

  return TRUE;
}

static void
conn_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Conn *conn = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  if (n <= 0 || conn->server == NULL)
    {
      conn_close (conn);
      return;
    }

  g_string_append_len (conn->buffer, (const char *) conn->chunk, n);
  if (conn_process (conn))
    conn_read (conn);
}

static void
conn_read (Conn *conn)
{
  g_input_stream_read_async (g_io_stream_get_input_stream (conn->stream),
                             conn->chunk, sizeof conn->chunk, G_PRIORITY_DEFAULT,
                             conn->server->cancellable, conn_read_cb, conn);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  HostileServer *self = user_data;
  Conn *conn = g_new0 (Conn, 1);

  self->connections++;
  conn->server = self;
  conn->stream = G_IO_STREAM (g_object_ref (connection));
  conn->buffer = g_string_new (NULL);
  self->conns = g_list_prepend (self->conns, conn);
  conn_read (conn);
  return TRUE;
}

HostileServer *
hostile_server_new (guint answers_per_connection)
{
  HostileServer *self = g_new0 (HostileServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  self->answers_per_connection = answers_per_connection;
  self->cancellable = g_cancellable_new ();
  self->per_method = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  g_socket_service_start (self->service);
  self->url = g_strdup_printf ("http://127.0.0.1:%u",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  return self;
}

void
hostile_server_free (HostileServer *self)
{
  if (self == NULL)
    return;

  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_cancellable_cancel (self->cancellable);
  /* Each connection's pending read ends (cancelled) and frees it. */
  for (GList *l = self->conns; l != NULL; l = l->next)
    ((Conn *) l->data)->server = NULL;
  g_clear_pointer (&self->conns, g_list_free);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_object_unref (self->service);
  g_object_unref (self->cancellable);
  g_hash_table_unref (self->per_method);
  g_free (self->url);
  g_free (self);
}

const char *
hostile_server_get_url (HostileServer *self)
{
  return self->url;
}

guint
hostile_server_get_requests (HostileServer *self,
                             const char    *method)
{
  if (method == NULL)
    return self->requests;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->per_method, method));
}

guint
hostile_server_get_connections (HostileServer *self)
{
  return self->connections;
}

guint
hostile_server_get_max_per_connection (HostileServer *self)
{
  return self->max_per_connection;
}

void
hostile_server_reset_counts (HostileServer *self)
{
  self->requests = 0;
  self->connections = 0;
  self->max_per_connection = 0;
  g_hash_table_remove_all (self->per_method);
}
