/* test-matrix-server.c — the fault matrix against tessera-api-server: every
 * operation × every /_test/fail fault, the code it ends with, how often the
 * server read the request, and — after a dropped or stalled answer — that
 * the server did (or did not) do the work, which only looking can tell
 *
 * Each cell gets a fresh server, so no cell sees another's damage.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-matrix-server"

#include "config.h"

#include <string.h>

#include "matrix.h"
#include "tessera-jwt.h"
#include "tessera-test-server.h"

#define N_SEEDED 14    /* the demo account's tokens, two pages of 10 */
#define STALL_MS 3000  /* longer than MATRIX_TIMEOUT */

typedef struct
{
  TesseraTestServer *server;
  TesseraClient *client;
  char *victim;           /* a token to delete: not the one signed in with */
} Cell;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GPtrArray *
list_now (TesseraClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *tokens;

  tessera_client_list_tokens_async (client, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  tokens = tessera_client_list_tokens_finish (client, result, NULL, &error);
  g_assert_no_error (error);
  return tokens;
}

/* A fresh server, a client of its demo account, a token to delete. */
static void
cell_setup (Cell *cell)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autofree char *signed_in = NULL;

  cell->server = tessera_test_server_start (NULL, &error);
  g_assert_no_error (error);
  cell->client = tessera_client_new (tessera_test_server_get_url (cell->server),
                                     tessera_test_server_get_demo_token (cell->server), &error);
  g_assert_no_error (error);
  tessera_client_set_timeout (cell->client, MATRIX_TIMEOUT);

  g_assert_true (tessera_jwt_read_claims (tessera_test_server_get_demo_token (cell->server),
                                          NULL, &signed_in, NULL));
  tokens = list_now (cell->client);
  g_assert_cmpuint (tokens->len, ==, N_SEEDED);
  for (guint i = 0; i < tokens->len && cell->victim == NULL; i++)
    if (g_strcmp0 (tessera_token_get_id (g_ptr_array_index (tokens, i)), signed_in) != 0)
      cell->victim = g_strdup (tessera_token_get_id (g_ptr_array_index (tokens, i)));
}

static void
cell_teardown (Cell *cell)
{
  g_clear_object (&cell->client);
  g_clear_pointer (&cell->server, tessera_test_server_stop);
  g_clear_pointer (&cell->victim, g_free);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The /_test/fail rule that plays @fault on the op's first request. */
static char *
rule_for (MatrixOp    op,
          MatrixFault fault)
{
  static const char *faults[MATRIX_N_FAULTS] = {
    [MATRIX_CLOSE_BEFORE] = "\"fault\":\"close-before\"",
    [MATRIX_CLOSE_AFTER] = "\"fault\":\"close-after\"",
    [MATRIX_STALL] = "\"fault\":\"stall\",\"delay_ms\":" G_STRINGIFY (STALL_MS),
    [MATRIX_STALL_AFTER] = "\"fault\":\"stall-after\",\"delay_ms\":" G_STRINGIFY (STALL_MS),
    [MATRIX_HUGE] = "\"fault\":\"huge\"",
    [MATRIX_MALFORMED] = "\"fault\":\"malformed\"",
    [MATRIX_DEEP] = "\"fault\":\"deep\"",
    [MATRIX_WRONG_SHAPE] = "\"fault\":\"wrong-shape\"",
    [MATRIX_429] = "\"status\":429,\"retry_after\":0",
    [MATRIX_401] = "\"status\":401",
    [MATRIX_500_HTML] = "\"status\":500",
  };

  return g_strdup_printf ("{\"method\":\"%s\",\"path_prefix\":\"%s\",\"count\":1,%s}",
                          matrix_op_method (op), matrix_op_path_prefix (op), faults[fault]);
}

/* After no answer, look: the work was done exactly when the fault came
 * after it. */
static void
assert_work (Cell        *cell,
             MatrixOp     op,
             MatrixFault  fault)
{
  gboolean done = fault == MATRIX_CLOSE_AFTER || fault == MATRIX_STALL_AFTER;
  g_autoptr(TesseraClient) look = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  gboolean found = FALSE;

  look = tessera_client_new (tessera_test_server_get_url (cell->server),
                             tessera_test_server_get_demo_token (cell->server), &error);
  g_assert_no_error (error);

  if (op == MATRIX_DELETE_ALL)
    {
      /* Delete All takes the sign-in token too: afterwards it is refused. */
      gboolean refused = !matrix_run (look, NULL, NULL, NULL, MATRIX_SIGN_IN, NULL, &error);

      g_assert_true (refused == done);
      if (refused)
        g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED);
      return;
    }

  tokens = list_now (look);
  if (op == MATRIX_CREATE)
    g_assert_cmpuint (tokens->len, ==, N_SEEDED + (done ? 1 : 0));
  if (op == MATRIX_DELETE)
    {
      for (guint i = 0; i < tokens->len; i++)
        found |= g_str_equal (tessera_token_get_id (g_ptr_array_index (tokens, i)), cell->victim);
      g_assert_true (found != done);
    }
}

static void
test_cell (gconstpointer data)
{
  guint index = GPOINTER_TO_UINT (data);
  MatrixOp op = index / MATRIX_N_FAULTS;
  MatrixFault fault = index % MATRIX_N_FAULTS;
  int expected = matrix_expected_code (op, fault);
  guint base = op == MATRIX_LIST_FIRST || op == MATRIX_LIST_AGAIN ? 2 : 1;
  g_autofree char *rule = rule_for (op, fault);
  g_autoptr(GError) error = NULL;
  Cell cell = { 0 };
  gboolean ok;
  guint reads;

  cell_setup (&cell);
  /* A first client listed in cell_setup; "list" needs a client that has
   * not, "list-again" the one that has. */
  if (op == MATRIX_LIST_FIRST)
    {
      g_clear_object (&cell.client);
      cell.client = tessera_client_new (tessera_test_server_get_url (cell.server),
                                        tessera_test_server_get_demo_token (cell.server), &error);
      g_assert_no_error (error);
      tessera_client_set_timeout (cell.client, MATRIX_TIMEOUT);
    }

  g_assert_true (tessera_test_server_reset (cell.server, &error));
  g_assert_true (tessera_test_server_add_rule (cell.server, rule, &error));
  g_assert_no_error (error);

  ok = matrix_run (cell.client, tessera_test_server_get_url (cell.server),
                   tessera_test_server_get_demo_token (cell.server), cell.victim, op, NULL, &error);
  if (expected < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, TESSERA_API_ERROR, expected);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
    }

  reads = tessera_test_server_count_requests (cell.server, matrix_op_method (op),
                                              matrix_op_path_prefix (op), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reads, ==, matrix_expected_reads (op, fault, base));

  if (matrix_op_is_mutation (op) && fault <= MATRIX_STALL_AFTER)
    assert_work (&cell, op, fault);

  cell_teardown (&cell);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint op = 0; op < MATRIX_N_OPS; op++)
    for (guint fault = 0; fault < MATRIX_N_FAULTS; fault++)
      {
        g_autofree char *path = g_strdup_printf ("/matrix/api-server/%s/%s",
                                                 matrix_op_name (op), matrix_fault_name (fault));

        g_test_add_data_func (path, GUINT_TO_POINTER (op * MATRIX_N_FAULTS + fault), test_cell);
      }

  return g_test_run ();
}
