/* test-secrets.c — with every debug message on, neither the bearer token
 * nor a created token's secret reaches the output
 *
 * The test runs itself again as a child with G_MESSAGES_DEBUG=all and
 * LIBSOUP_DEBUG=all; the child signs in (once after a 429), lists (a list
 * that changes between pages, so it is read twice), creates a token
 * against an in-process SoupServer that returns a known secret, deletes
 * (a wrong-shaped answer, a right one, a dropped connection), deletes all,
 * tests a token, and fails with its token and with one far too long.  The
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
/* {"jti":"far-token","exp":253402300800}: an exp past year 9999. */
#define FAR_SECRET     "eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJmYXItdG9rZW4iLCJleHAiOjI1MzQwMjMwMDgwMH0.RkFSU0VDUkVUU0lHTkFUVVJFNTU1"
#define FAR_SECRET_SIG "RkFSU0VDUkVUU0lHTkFUVVJFNTU1"

/* ---- the child --------------------------------------------------------- */

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static gboolean rate_limit_once = TRUE;
static guint listings;

/* Pages of one; the count changes between the pages of the first
 * listing, so the client reads it all again. */
static void
reply_page (SoupServerMessage *msg,
            GHashTable        *query)
{
  const char *page = query != NULL ? g_hash_table_lookup (query, "page") : NULL;
  guint count = 2;
  g_autofree char *body = NULL;

  if (g_strcmp0 (page, "1") == 0)
    listings++;
  else if (listings == 1)
    count = 3;
  body = g_strdup_printf ("{\"payload\":{\"list\":[{\"id\":\"t-%s\",\"notes\":\"ci\"}],\"count\":%u},"
                          "\"status\":{\"code\":0}}", page != NULL ? page : "1", count);
  reply (msg, 200, body);
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

  if (g_str_equal (path, "/api/v1/user/me") && rate_limit_once)
    {
      rate_limit_once = FALSE;
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "0");
      reply (msg, 429, "{\"payload\":null,\"status\":{\"code\":8,\"message\":\"ResourceExhausted\"}}");
    }
  else if (g_str_equal (path, "/api/v1/user/me"))
    reply (msg, 200, "{\"payload\":{\"id\":\"u1\",\"email\":\"jack@example.com\"},\"status\":{\"code\":0}}");
  else if (g_str_equal (method, "DELETE") && g_str_has_suffix (path, "/drop"))
    {
      /* No answer at all: the connection just ends. */
      GIOStream *stream = soup_server_message_steal_connection (msg);

      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
    }
  else if (g_str_equal (method, "DELETE") && g_str_has_suffix (path, "/odd"))
    reply (msg, 200, "{\"payload\":{\"token\":\"" NEW_SECRET "\"},\"status\":{\"code\":0}}");
  else if (g_str_equal (method, "DELETE") && g_str_equal (path, "/api/v1/user/access_tokens"))
    reply (msg, 200, "{\"payload\":{\"deleted\":2},\"status\":{\"code\":0}}");
  else if (g_str_equal (method, "DELETE"))
    reply (msg, 200, "{\"payload\":null,\"status\":{\"code\":0}}");
  else if (g_str_equal (method, "POST"))
    reply (msg, 200, "{\"payload\":{\"id\":\"new-token-99\",\"notes\":\"ci\",\"expire\":\"2027-01-01T00:00:00Z\","
                     "\"token\":\"" NEW_SECRET "\"},\"status\":{\"code\":0},\"warning\":\"a warning\"}");
  else
    reply_page (msg, query);
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

static void
run_deletes (TesseraClient *client)
{
  static const char *ids[] = { "odd", "drop", "fine" };
  g_autoptr(GAsyncResult) all = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GAsyncResult) one = NULL;

      tessera_client_delete_token_async (client, ids[i], NULL, result_cb, NULL);
      one = wait_result ();
      if (!tessera_client_delete_token_finish (client, one, &error))
        g_message ("delete %s: %s", ids[i], error->message);
      g_clear_error (&error);
    }

  tessera_client_delete_all_async (client, NULL, result_cb, NULL);
  all = wait_result ();
  g_assert_true (tessera_client_delete_all_finish (client, all, NULL, &error));
  g_assert_no_error (error);
}

/* Test a Token, a token far too long, and claims out of range. */
static void
run_other_paths (const char *url,
                 const char *secret)
{
  gsize length = TESSERA_SECRET_MAX_LENGTH + 100;
  g_auto(TesseraSecret) huge = g_malloc (length + 1);
  g_autoptr(GAsyncResult) tested = NULL;
  g_autoptr(TesseraAccount) account = NULL;
  g_autoptr(TesseraClient) none = NULL;
  g_autoptr(GError) error = NULL;

  tessera_client_test_token_async (url, BEARER_TOKEN, NULL, result_cb, NULL);
  tested = wait_result ();
  account = tessera_client_test_token_finish (tested, &error);
  g_assert_no_error (error);

  /* The secret, repeated past the limit. */
  for (gsize i = 0; i < length; i++)
    huge[i] = secret[i % strlen (secret)];
  huge[length] = '\0';
  none = tessera_client_new (url, huge, &error);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_ARGUMENT);
  g_message ("too long: %s", error->message);
  g_clear_error (&error);

  g_assert_false (tessera_jwt_read_claims (FAR_SECRET, NULL, NULL, &error));
  g_message ("far: %s", error->message);
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
  gboolean settled = FALSE;
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
  tokens = tessera_client_list_tokens_finish (client, r2, &settled, &error);
  g_assert_no_error (error);
  g_assert_true (settled);
  g_assert_cmpuint (listings, ==, 2);

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
  g_message ("refused: %s", error->message);
  g_clear_error (&error);

  run_deletes (client);
  run_other_paths (url, secret);
  g_message ("child done");

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
    BEARER_TOKEN, BEARER_SIG, NEW_SECRET, NEW_SECRET_SIG, FAR_SECRET, FAR_SECRET_SIG,
    "eyJqdGkiOiJmYXItdG9rZW4iLCJleHAiOjI1MzQwMjMwMDgwMH0",
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
  g_assert_nonnull (strstr (output, "delete drop: The server closed the connection"));
  g_assert_nonnull (strstr (output, "delete odd: The server sent an answer Tessera cannot read"));
  g_assert_nonnull (strstr (output, "too long: This is too long"));

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
