/* test-matrix.c — the fault matrix against an in-process SoupServer: every
 * operation × every fault, the code it ends with and how often the server
 * read the request; and every operation cancelled while the server stalls
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fault-fixture.h"
#include "matrix.h"

#define CREATED_JSON "{\"id\":\"new1\",\"notes\":\"matrix\",\"expire\":null," \
                     "\"token\":\"eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJuZXcxIn0.c2ln\"}"
#define LIST_JSON    "{\"list\":[{\"id\":\"t1\"},{\"id\":\"t2\"},{\"id\":\"t3\"}],\"count\":3}"

typedef struct
{
  MatrixFault fault;
  gboolean armed;          /* the next request of the op gets the fault */
  guint reads;             /* requests of the op's method and path */
  MatrixOp op;
} Cell;

/* What the API answers when nothing goes wrong. */
static void
answer (SoupServerMessage *msg,
        const char        *path)
{
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/api/v1/user/me"))
    reply_ok (msg, USER_JSON);
  else if (g_str_equal (method, "GET"))
    reply_ok (msg, LIST_JSON);
  else if (g_str_equal (method, "POST"))
    reply_ok (msg, CREATED_JSON);
  else if (g_str_has_prefix (path, "/api/v1/user/access_tokens/"))
    reply_ok (msg, "null");
  else
    reply_ok (msg, "{\"deleted\":3}");
}

static gboolean
steal_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;
  Fixture *f = g_object_get_data (G_OBJECT (msg), "fixture");
  gboolean keep = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (msg), "keep"));
  GIOStream *stream = soup_server_message_steal_connection (msg);

  if (stream == NULL)
    return G_SOURCE_REMOVE;
  if (keep)
    g_ptr_array_add (f->stalled, stream);   /* held open, unanswered */
  else
    {
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
    }
  return G_SOURCE_REMOVE;
}

/* No answer: the connection is closed, or held open until teardown.  The
 * message is paused first so libsoup is not inside it when it goes. */
static void
no_answer (Fixture           *f,
           SoupServerMessage *msg,
           gboolean           keep_open)
{
  soup_server_message_pause (msg);
  g_object_set_data (G_OBJECT (msg), "fixture", f);
  g_object_set_data (G_OBJECT (msg), "keep", GINT_TO_POINTER (keep_open));
  g_idle_add_full (G_PRIORITY_DEFAULT, steal_cb, g_object_ref (msg), g_object_unref);
}

static void
play_fault (Fixture           *f,
            Cell              *cell,
            SoupServerMessage *msg,
            const char        *path)
{
  g_autofree char *body = NULL;

  switch (cell->fault)
    {
    case MATRIX_CLOSE_BEFORE:
    case MATRIX_CLOSE_AFTER:
      no_answer (f, msg, FALSE);
      break;
    case MATRIX_STALL:
    case MATRIX_STALL_AFTER:
      no_answer (f, msg, TRUE);
      break;
    case MATRIX_429:
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "0");
      reply_failure (msg, 429, 8, "ResourceExhausted", "slow down");
      break;
    case MATRIX_401:
      reply_failure (msg, 401, 16, "Unauthenticated", "token has expired");
      break;
    case MATRIX_500_HTML:
      reply (msg, 500, "text/html", "<html><body><h1>500 Internal Server Error</h1></body></html>");
      break;
    default:
      body = matrix_bad_body (cell->fault, soup_server_message_get_method (msg), path);
      reply (msg, 200, "application/json", body);
      break;
    }
}

static void
script_cell (Fixture           *f,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query)
{
  Cell *cell = f->script_data;
  gboolean ours = g_str_equal (soup_server_message_get_method (msg), matrix_op_method (cell->op)) &&
                  g_str_has_prefix (path, matrix_op_path_prefix (cell->op));

  if (ours)
    cell->reads++;
  if (ours && cell->armed)
    {
      cell->armed = FALSE;
      play_fault (f, cell, msg, path);
      return;
    }
  answer (msg, path);
}

static void
test_cell (Fixture       *f,
           gconstpointer  data)
{
  guint index = GPOINTER_TO_UINT (data);
  Cell cell = { .op = index / MATRIX_N_FAULTS, .fault = index % MATRIX_N_FAULTS };
  int expected = matrix_expected_code (cell.op, cell.fault);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  tessera_client_set_timeout (f->client, MATRIX_TIMEOUT);
  f->script = script_cell;
  f->script_data = &cell;

  /* "Again": the client has listed once before. */
  if (cell.op == MATRIX_LIST_AGAIN)
    g_assert_true (matrix_run (f->client, f->url, TEST_TOKEN, "t1", cell.op, NULL, &error));
  g_assert_no_error (error);

  cell.reads = 0;
  cell.armed = TRUE;
  ok = matrix_run (f->client, f->url, TEST_TOKEN, "t1", cell.op, NULL, &error);
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
    }
  g_assert_cmpuint (cell.reads, ==, matrix_expected_reads (cell.op, cell.fault, 1));
}

/* Cancelled while the server holds the request: G_IO_ERROR_CANCELLED from
 * every operation, and nothing sent again. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  Cell cell = { .op = GPOINTER_TO_UINT (data), .fault = MATRIX_STALL, .armed = TRUE };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  f->script = script_cell;
  f->script_data = &cell;
  g_timeout_add (100, cancel_cb, cancellable);
  g_assert_false (matrix_run (f->client, f->url, TEST_TOKEN, "t1", cell.op, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (cell.reads, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint op = 0; op < MATRIX_N_OPS; op++)
    {
      g_autofree char *cancel = g_strdup_printf ("/matrix/in-process/%s/cancelled", matrix_op_name (op));

      for (guint fault = 0; fault < MATRIX_N_FAULTS; fault++)
        {
          g_autofree char *path = g_strdup_printf ("/matrix/in-process/%s/%s",
                                                   matrix_op_name (op), matrix_fault_name (fault));

          g_test_add (path, Fixture, GUINT_TO_POINTER (op * MATRIX_N_FAULTS + fault),
                      fixture_setup, test_cell, fixture_teardown);
        }
      g_test_add (cancel, Fixture, GUINT_TO_POINTER (op), fixture_setup, test_cancel, fixture_teardown);
    }

  return g_test_run ();
}
