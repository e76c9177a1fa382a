/* matrix.h — the fault matrix: every client operation against every fault
 * a server can throw, and what must come of each pairing
 *
 * test-matrix.c plays the faults from an in-process SoupServer,
 * test-matrix-server.c from tessera-api-server's /_test/fail rules; both
 * use these tables, so the two cannot drift apart.  g_test_init() makes
 * every GLib warning and critical fatal, so a cell that logs one fails.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tessera-client.h"

G_BEGIN_DECLS

/* The client timeout in the matrix: a stall must fail fast. */
#define MATRIX_TIMEOUT 1

typedef enum
{
  MATRIX_SIGN_IN,       /* get_account */
  MATRIX_LIST_FIRST,    /* the first listing of a client */
  MATRIX_LIST_AGAIN,    /* a later one (refresh) */
  MATRIX_CREATE,
  MATRIX_DELETE,
  MATRIX_DELETE_ALL,
  MATRIX_TEST_TOKEN,    /* tessera_client_test_token_full_async */
  MATRIX_N_OPS,
} MatrixOp;

typedef enum
{
  MATRIX_CLOSE_BEFORE,  /* connection dropped unanswered, no work done */
  MATRIX_CLOSE_AFTER,   /* the work done, then dropped unanswered */
  MATRIX_STALL,         /* no answer, no work, longer than the timeout */
  MATRIX_STALL_AFTER,   /* the work done, then no answer */
  MATRIX_HUGE,          /* a body over 2 MiB */
  MATRIX_MALFORMED,     /* JSON cut short */
  MATRIX_DEEP,          /* ~360 KB nested behind comments and quotes */
  MATRIX_WRONG_SHAPE,   /* a 200 whose payload has the wrong shape */
  MATRIX_429,           /* 429 with Retry-After: 0 */
  MATRIX_401,
  MATRIX_500_HTML,
  MATRIX_N_FAULTS,
} MatrixFault;

const char *matrix_op_name        (MatrixOp     op);
const char *matrix_fault_name     (MatrixFault  fault);
/* The method and path prefix of the op's first request (the one the
 * fault hits). */
const char *matrix_op_method      (MatrixOp     op);
const char *matrix_op_path_prefix (MatrixOp     op);
gboolean    matrix_op_is_mutation (MatrixOp     op);

/* The TESSERA_API_ERROR code @op must end with, or -1 for success. */
int         matrix_expected_code  (MatrixOp     op,
                                   MatrixFault  fault);
/* Requests of the op's method and path the server must have read, given
 * @base, what the op sends when nothing fails (never a silent re-send). */
guint       matrix_expected_reads (MatrixOp     op,
                                   MatrixFault  fault,
                                   guint        base);

/* The body of a content fault (HUGE, MALFORMED, DEEP, WRONG_SHAPE) as
 * answer to @method on @path. */
char       *matrix_bad_body       (MatrixFault   fault,
                                   const char   *method,
                                   const char   *path);

/* Runs @op with @client (@url and @token for Test a Token, @id for
 * Delete), to its end; FALSE with @error on failure. */
gboolean    matrix_run            (TesseraClient *client,
                                   const char    *url,
                                   const char    *token,
                                   const char    *id,
                                   MatrixOp       op,
                                   GCancellable  *cancellable,
                                   GError       **error);

G_END_DECLS
