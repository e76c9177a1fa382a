/* test-secrets.c — with every debug message on, neither the bearer token
 * nor a created token's secret reaches the output
 *
 * The test runs itself again as a child with G_MESSAGES_DEBUG=all; the
 * child signs in, lists, creates a token against an in-process SoupServer
 * that returns a known secret, and also fails once with its token.  The
 * parent reads everything the child wrote, stdout and stderr together.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "tessera-client.h"
#include "tessera-jwt.h"
#include "tessera-secret.h"

#define CHILD_FLAG "--secrets-child"

/* Long, distinctive strings: any leak of a part of them is found. */
#define BEARER_TOKEN   "eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJzaWduLWluLWJlYXJlciJ9.QkVBUkVSU0lHTkFUVVJFMDEyMzQ1Njc4OQ"
#define BEARER_SIG     "QkVBUkVSU0lHTkFUVVJFMDEyMzQ1Njc4OQ"
#define NEW_SECRET     "eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJuZXctdG9rZW4tOTkiLCJleHAiOjE3OTg3NjE2MDB9.TkVXU0VDUkVUU0lHTkFUVVJFOTg3NjU0MzIx"
#define NEW_SECRET_SIG "TkVXU0VDUkVUU0lHTkFUVVJFOTg3NjU0MzIx"

/* ---- the child --------------------------------------------------------- */

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");
  const char *method = soup_server_message_get_method (msg);

  if (g_strcmp0 (authorization, "Bearer " BEARER_TOKEN) != 0)
    {
      reply (msg, 401, "{\"payload\":null,\"status\":{\"code\":16,\"message\":\"Unauthenticated\"},"
                       "\"error\":\"unknown token\"}");
      return;
    }

  if (g_str_equal (path, "/api/v1/user/me"))
    reply (msg, 200, "{\"payload\":{\"id\":\"u1\",\"email\":\"jack@example.com\"},\"status\":{\"code\":0}}");
  else if (g_str_equal (method, "POST"))
    reply (msg, 200, "{\"payload\":{\"id\":\"new-token-99\",\"notes\":\"ci\",\"expire\":\"2027-01-01T00:00:00Z\","
                     "\"token\":\"" NEW_SECRET "\"},\"status\":{\"code\":0},\"warning\":\"a warning\"}");
  else
    reply (msg, 200, "{\"payload\":{\"list\":[{\"id\":\"new-token-99\",\"notes\":\"ci\"}],\"count\":1},"
                     "\"status\":{\"code\":0}}");
}

static GAsyncResult *child_result;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  child_result = g_object_ref (result);
}

static GAsyncResult *
wait_result (void)
{
  while (child_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (&child_result);
}

static int
run_child (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraClient) client = NULL;
  g_autoptr(TesseraClient) wrong = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GAsyncResult) r4 = NULL;
  g_autoptr(TesseraAccount) account = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(TesseraToken) token = NULL;
  g_autoptr(TesseraAccount) refused = NULL;
  g_autoptr(GDateTime) exp = NULL;
  g_autofree char *jti = NULL;
  g_autofree char *url = NULL;
  g_auto(TesseraSecret) secret = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("listen: %s", error->message);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = tessera_client_new (url, BEARER_TOKEN, &error);
  g_assert_no_error (error);

  tessera_client_get_account_async (client, NULL, result_cb, NULL);
  r1 = wait_result ();
  account = tessera_client_get_account_finish (client, r1, &error);
  g_assert_no_error (error);

  tessera_client_list_tokens_async (client, NULL, result_cb, NULL);
  r2 = wait_result ();
  tokens = tessera_client_list_tokens_finish (client, r2, &error);
  g_assert_no_error (error);

  tessera_client_create_token_async (client, "ci", NULL, NULL, result_cb, NULL);
  r3 = wait_result ();
  token = tessera_client_create_token_finish (client, r3, &secret, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_equal (secret, NEW_SECRET));

  /* Reading the new secret's claims logs nothing of it either. */
  g_assert_true (tessera_jwt_read_claims (secret, &exp, &jti, &error));

  /* A failure with the new secret as bearer: error paths log too. */
  wrong = tessera_client_new (url, secret, &error);
  g_assert_no_error (error);
  tessera_client_get_account_async (wrong, NULL, result_cb, NULL);
  r4 = wait_result ();
  refused = tessera_client_get_account_finish (wrong, r4, &error);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED);
  g_message ("child done: %s", error->message);

  soup_server_disconnect (server);
  return 0;
}

/* ---- the parent -------------------------------------------------------- */

static const char *self_path;

static void
test_no_secret_in_output (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  static const char *forbidden[] = {
    BEARER_TOKEN, BEARER_SIG, NEW_SECRET, NEW_SECRET_SIG,
    "eyJqdGkiOiJzaWduLWluLWJlYXJlciJ9",
    "eyJqdGkiOiJuZXctdG9rZW4tOTkiLCJleHAiOjE3OTg3NjE2MDB9",
    "Bearer ",
    "Authorization",
  };

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, "LIBSOUP_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-criticals", TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, self_path, CHILD_FLAG, NULL);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (child, NULL, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);

  g_test_message ("child wrote %" G_GSIZE_FORMAT " bytes", strlen (output));
  if (!g_subprocess_get_if_exited (child) || g_subprocess_get_exit_status (child) != 0)
    {
      g_test_message ("%s", output);
      g_assert_not_reached ();
    }

  /* The debug output was really on, and the calls really ran. */
  g_assert_nonnull (strstr (output, "tessera-request-DEBUG"));
  g_assert_nonnull (strstr (output, "POST /api/v1/user/access_tokens"));
  g_assert_nonnull (strstr (output, "child done"));

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      if (strstr (output, forbidden[i]) != NULL)
        {
          g_test_message ("%s", output);
          g_test_message ("found: %s", forbidden[i]);
          g_assert_not_reached ();
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc > 1 && g_str_equal (argv[1], CHILD_FLAG))
    return run_child ();

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/not-in-debug-output", test_no_secret_in_output);

  return g_test_run ();
}
