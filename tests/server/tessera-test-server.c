/* tessera-test-server.c — start a real tessera-api-server from a test
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tessera-test-server"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

#include "tessera-api-server-path.h"
#include "tessera-test-server.h"

struct _TesseraTestServer
{
  GSubprocess *process;
  GDataInputStream *out;
  char *tmpdir;
  char *token_file;
  char *url;
  char *demo_token;
  char *demo_email;
  GPtrArray *user_emails;   /* of accounts 1.. */
  GPtrArray *user_tokens;
};

static const char *
server_path (void)
{
  const char *env = g_getenv ("TESSERA_API_SERVER");

  return env != NULL && *env != '\0' ? env : TESSERA_API_SERVER_PATH;
}

/* Reads the announcements up to the demo token (the last line that
 * matters); EOF before it means the server died. */
static gboolean
read_banner (TesseraTestServer  *self,
             GError            **error)
{
  while (self->url == NULL || self->demo_token == NULL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *line = g_data_input_stream_read_line_utf8 (self->out, NULL, NULL, &local_error);

      if (line == NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         "%s exited before announcing its URL and demo token", server_path ());
          return FALSE;
        }
      if (g_str_has_prefix (line, "listening on "))
        self->url = g_strdup (line + strlen ("listening on "));
      else if (g_str_has_prefix (line, "demo account: "))
        self->demo_email = g_strdup (line + strlen ("demo account: "));
      else if (g_str_has_prefix (line, "demo token: "))
        self->demo_token = g_strdup (line + strlen ("demo token: "));
      else if (g_str_has_prefix (line, "user "))
        {
          /* "user N: EMAIL TOKEN" */
          const char *colon = strchr (line, ':');
          g_auto(GStrv) words = colon != NULL ? g_strsplit (colon + 2, " ", 2) : NULL;

          if (words != NULL && words[0] != NULL && words[1] != NULL)
            {
              g_ptr_array_add (self->user_emails, g_strdup (words[0]));
              g_ptr_array_add (self->user_tokens, g_strdup (words[1]));
              explicit_bzero (words[1], strlen (words[1]));
            }
        }
      if (line != NULL)
        explicit_bzero (line, strlen (line));
    }
  return TRUE;
}

TesseraTestServer *
tessera_test_server_start (const char * const  *extra_args,
                           GError             **error)
{
  g_autoptr(TesseraTestServer) self = g_new0 (TesseraTestServer, 1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  self->tmpdir = g_dir_make_tmp ("tessera-test-server-XXXXXX", error);
  if (self->tmpdir == NULL)
    return NULL;
  self->token_file = g_build_filename (self->tmpdir, "demo-token", NULL);
  self->user_emails = g_ptr_array_new_with_free_func (g_free);
  self->user_tokens = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, (char *) server_path ());
  g_ptr_array_add (argv, (char *) "--port=0");
  g_ptr_array_add (argv, (char *) "--seed-demo");
  g_ptr_array_add (argv, (char *) "--exit-with-parent");
  g_ptr_array_add (argv, (char *) "--token-file");
  g_ptr_array_add (argv, self->token_file);
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  self->process = g_subprocess_newv ((const char * const *) argv->pdata,
                                     G_SUBPROCESS_FLAGS_STDOUT_PIPE, error);
  if (self->process == NULL)
    return NULL;
  self->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));

  if (!read_banner (self, error))
    return NULL;
  if (self->demo_email == NULL)
    self->demo_email = g_strdup ("demo@tessera.app");

  return g_steal_pointer (&self);
}

const char *
tessera_test_server_get_url (TesseraTestServer *self)
{
  return self->url;
}

const char *
tessera_test_server_get_demo_token (TesseraTestServer *self)
{
  return self->demo_token;
}

const char *
tessera_test_server_get_demo_email (TesseraTestServer *self)
{
  return self->demo_email;
}

guint
tessera_test_server_get_n_users (TesseraTestServer *self)
{
  return 1 + self->user_emails->len;
}

const char *
tessera_test_server_get_user_email (TesseraTestServer *self,
                                    guint              index)
{
  if (index == 0)
    return self->demo_email;
  g_return_val_if_fail (index - 1 < self->user_emails->len, NULL);
  return g_ptr_array_index (self->user_emails, index - 1);
}

const char *
tessera_test_server_get_user_token (TesseraTestServer *self,
                                    guint              index)
{
  if (index == 0)
    return self->demo_token;
  g_return_val_if_fail (index - 1 < self->user_tokens->len, NULL);
  return g_ptr_array_index (self->user_tokens, index - 1);
}

gboolean
tessera_test_server_add_rule (TesseraTestServer  *self,
                              const char         *rule_json,
                              GError            **error)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (self->url, "/_test/fail", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, uri);
  g_autoptr(GBytes) body = g_bytes_new (rule_json, strlen (rule_json));
  g_autoptr(GBytes) reply = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (session, msg, NULL, error);
  if (reply == NULL)
    return FALSE;
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "/_test/fail answered %u: %.*s",
                   soup_message_get_status (msg), (int) g_bytes_get_size (reply),
                   (const char *) g_bytes_get_data (reply, NULL));
      return FALSE;
    }
  return TRUE;
}

gboolean
tessera_test_server_fail_next (TesseraTestServer  *self,
                               const char         *method,
                               const char         *path_prefix,
                               guint               status,
                               guint               count,
                               GError            **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  if (method != NULL)
    {
      json_builder_set_member_name (b, "method");
      json_builder_add_string_value (b, method);
    }
  if (path_prefix != NULL)
    {
      json_builder_set_member_name (b, "path_prefix");
      json_builder_add_string_value (b, path_prefix);
    }
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, status);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, MAX (count, 1));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);

  return tessera_test_server_add_rule (self, text, error);
}

void
tessera_test_server_stop (TesseraTestServer *self)
{
  if (self == NULL)
    return;

  if (self->process != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_subprocess_send_signal (self->process, SIGTERM);
      if (!g_subprocess_wait (self->process, NULL, &error))
        g_warning ("waiting for tessera-api-server: %s", error->message);
      /* It exits 0 on SIGTERM; anything else (a crash) fails the test. */
      else if (!g_subprocess_get_if_exited (self->process) ||
               g_subprocess_get_exit_status (self->process) != 0)
        g_warning ("tessera-api-server did not stop cleanly (%s %d)",
                   g_subprocess_get_if_exited (self->process) ? "exit status" : "signal",
                   g_subprocess_get_if_exited (self->process)
                     ? g_subprocess_get_exit_status (self->process)
                     : g_subprocess_get_term_sig (self->process));
    }
  g_clear_object (&self->out);
  g_clear_object (&self->process);

  if (self->token_file != NULL)
    g_unlink (self->token_file);
  if (self->tmpdir != NULL)
    g_rmdir (self->tmpdir);
  if (self->demo_token != NULL)
    explicit_bzero (self->demo_token, strlen (self->demo_token));
  g_free (self->demo_token);
  g_free (self->demo_email);
  for (guint i = 0; self->user_tokens != NULL && i < self->user_tokens->len; i++)
    {
      char *token = g_ptr_array_index (self->user_tokens, i);

      explicit_bzero (token, strlen (token));
    }
  g_clear_pointer (&self->user_tokens, g_ptr_array_unref);
  g_clear_pointer (&self->user_emails, g_ptr_array_unref);
  g_free (self->url);
  g_free (self->token_file);
  g_free (self->tmpdir);
  g_free (self);
}

/* ---- the request log (/_test/requests) ---------------------------------- */

/* Sends @method to @path_and_query synchronously; the body on HTTP 200. */
static GBytes *
test_request (TesseraTestServer  *self,
              const char         *method,
              const char         *path_and_query,
              GError            **error)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (self->url, path_and_query, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) reply = NULL;

  reply = soup_session_send_and_read (session, msg, NULL, error);
  if (reply == NULL)
    return NULL;
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s %s answered %u", method,
                   path_and_query, soup_message_get_status (msg));
      return NULL;
    }
  return g_steal_pointer (&reply);
}

guint
tessera_test_server_count_requests (TesseraTestServer  *self,
                                    const char         *method,
                                    const char         *path_prefix,
                                    GError            **error)
{
  g_autoptr(GString) path = g_string_new ("/_test/requests?");
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *payload;

  if (method != NULL)
    g_string_append_printf (path, "method=%s&", method);
  if (path_prefix != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (path_prefix, NULL, FALSE);

      g_string_append_printf (path, "path_prefix=%s", escaped);
    }

  reply = test_request (self, SOUP_METHOD_GET, path->str, error);
  if (reply == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                   (gssize) g_bytes_get_size (reply), error))
    return G_MAXUINT;

  payload = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "payload");
  return (guint) json_object_get_int_member (payload, "count");
}

gboolean
tessera_test_server_reset (TesseraTestServer  *self,
                           GError            **error)
{
  g_autoptr(GBytes) reply = test_request (self, SOUP_METHOD_DELETE, "/_test/fail", error);

  return reply != NULL;
}
