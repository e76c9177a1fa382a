/* test-close.c — a server that drops a connection without a word: no
 * crash, and no request of ours sent twice behind our back
 *
 * The hostile server answers the first request of each connection with
 * keep-alive, then closes that connection when the next request arrives on
 * it.  libsoup 3.2 re-sends a GET or a DELETE it had written on such a
 * reused connection (its "restart" path), and that path is where it
 * crashed.  Every operation runs many rounds, so a fault that strikes one
 * time in three cannot hide; the server counts what it read.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "hostile-server.h"
#include "tessera-client.h"
#include "tessera-secret.h"

#define TEST_TOKEN "test-token.abc.def"
#define ROUNDS     30

typedef enum
{
  OP_GET_ACCOUNT,
  OP_LIST,
  OP_CREATE,
  OP_DELETE,
  OP_DELETE_ALL,
  OP_TEST_TOKEN,
} Op;

/* What one operation sends: method and number of requests. */
static const struct {
  const char *name;
  const char *method;
  guint requests;
} ops[] = {
  [OP_GET_ACCOUNT] = { "get-account", "GET", 1 },
  [OP_LIST] = { "list", "GET", 3 },          /* 23 tokens, pages of 10 */
  [OP_CREATE] = { "create", "POST", 1 },
  [OP_DELETE] = { "delete", "DELETE", 1 },
  [OP_DELETE_ALL] = { "delete-all", "DELETE", 1 },
  [OP_TEST_TOKEN] = { "test-token", "GET", 1 },
};

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
await (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Runs @op once; TRUE on success, else @error is set. */
static gboolean
run_op (TesseraClient  *client,
        const char     *url,
        Op              op,
        GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GObject) object = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_auto(TesseraSecret) secret = NULL;

  switch (op)
    {
    case OP_GET_ACCOUNT:
      tessera_client_get_account_async (client, NULL, result_cb, &result);
      object = G_OBJECT (tessera_client_get_account_finish (client, await (&result), error));
      return object != NULL;
    case OP_LIST:
      tessera_client_list_tokens_async (client, NULL, result_cb, &result);
      tokens = tessera_client_list_tokens_finish (client, await (&result), NULL, error);
      if (tokens != NULL)
        g_assert_cmpuint (tokens->len, ==, 23);
      return tokens != NULL;
    case OP_CREATE:
      tessera_client_create_token_async (client, "n", NULL, NULL, result_cb, &result);
      object = G_OBJECT (tessera_client_create_token_finish (client, await (&result), &secret, error));
      return object != NULL;
    case OP_DELETE:
      tessera_client_delete_token_async (client, "h001", NULL, result_cb, &result);
      return tessera_client_delete_token_finish (client, await (&result), error);
    case OP_DELETE_ALL:
      tessera_client_delete_all_async (client, NULL, result_cb, &result);
      return tessera_client_delete_all_finish (client, await (&result), NULL, error);
    case OP_TEST_TOKEN:
      tessera_client_test_token_async (url, "another-token", NULL, result_cb, &result);
      object = G_OBJECT (tessera_client_test_token_finish (await (&result), error));
      return object != NULL;
    default:
      g_assert_not_reached ();
    }
}

/* A keep-alive connection closed at its second request: every round
 * succeeds, each request is read exactly once, and no connection carries
 * a second request (so there is nothing for libsoup to re-send). */
static void
test_reused_connection_closed (gconstpointer data)
{
  Op op = GPOINTER_TO_INT (data);
  g_autoptr(HostileServer) server = hostile_server_new (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraClient) client = tessera_client_new (hostile_server_get_url (server), TEST_TOKEN, &error);

  g_assert_no_error (error);
  for (guint round = 0; round < ROUNDS; round++)
    {
      hostile_server_reset_counts (server);
      if (!run_op (client, hostile_server_get_url (server), op, &error))
        g_error ("%s, round %u: %s", ops[op].name, round, error->message);
      g_assert_cmpuint (hostile_server_get_requests (server, NULL), ==, ops[op].requests);
      g_assert_cmpuint (hostile_server_get_requests (server, ops[op].method), ==, ops[op].requests);
      g_assert_cmpuint (hostile_server_get_max_per_connection (server), ==, 1);
    }
}

/* Every connection dropped at its first request: the operation fails as
 * "no answer", and the request was read once, not re-sent. */
static void
test_closed_before_answer (gconstpointer data)
{
  Op op = GPOINTER_TO_INT (data);
  g_autoptr(HostileServer) server = hostile_server_new (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraClient) client = tessera_client_new (hostile_server_get_url (server), TEST_TOKEN, &error);

  g_assert_no_error (error);
  for (guint round = 0; round < ROUNDS / 3; round++)
    {
      hostile_server_reset_counts (server);
      g_assert_false (run_op (client, hostile_server_get_url (server), op, &error));
      g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_NO_ANSWER);
      if (round == 0)
        g_test_message ("%s", error->message);
      g_clear_error (&error);
      g_assert_cmpuint (hostile_server_get_requests (server, NULL), ==, 1);
      g_assert_cmpuint (hostile_server_get_requests (server, ops[op].method), ==, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_autofree char *reused = g_strdup_printf ("/close/reused-connection/%s", ops[i].name);
      g_autofree char *before = g_strdup_printf ("/close/before-answer/%s", ops[i].name);

      g_test_add_data_func (reused, GINT_TO_POINTER (i), test_reused_connection_closed);
      g_test_add_data_func (before, GINT_TO_POINTER (i), test_closed_before_answer);
    }

  return g_test_run ();
}
