/* matrix.c — the fault matrix's tables and the operations it runs
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "matrix.h"
#include "tessera-secret.h"

static const struct {
  const char *name;
  const char *method;
  const char *path_prefix;
} ops[MATRIX_N_OPS] = {
  [MATRIX_SIGN_IN] = { "sign-in", "GET", "/api/v1/user/me" },
  [MATRIX_LIST_FIRST] = { "list", "GET", "/api/v1/user/access_tokens" },
  [MATRIX_LIST_AGAIN] = { "list-again", "GET", "/api/v1/user/access_tokens" },
  [MATRIX_CREATE] = { "create", "POST", "/api/v1/user/access_tokens" },
  [MATRIX_DELETE] = { "delete", "DELETE", "/api/v1/user/access_tokens/" },
  [MATRIX_DELETE_ALL] = { "delete-all", "DELETE", "/api/v1/user/access_tokens" },
  [MATRIX_TEST_TOKEN] = { "test-token", "GET", "/api/v1/user/me" },
};

static const char *fault_names[MATRIX_N_FAULTS] = {
  [MATRIX_CLOSE_BEFORE] = "close-before",
  [MATRIX_CLOSE_AFTER] = "close-after",
  [MATRIX_STALL] = "stall",
  [MATRIX_STALL_AFTER] = "stall-after",
  [MATRIX_HUGE] = "huge",
  [MATRIX_MALFORMED] = "malformed",
  [MATRIX_DEEP] = "deep",
  [MATRIX_WRONG_SHAPE] = "wrong-shape",
  [MATRIX_429] = "429",
  [MATRIX_401] = "401",
  [MATRIX_500_HTML] = "500-html",
};

const char *
matrix_op_name (MatrixOp op)
{
  return ops[op].name;
}

const char *
matrix_fault_name (MatrixFault fault)
{
  return fault_names[fault];
}

const char *
matrix_op_method (MatrixOp op)
{
  return ops[op].method;
}

const char *
matrix_op_path_prefix (MatrixOp op)
{
  return ops[op].path_prefix;
}

gboolean
matrix_op_is_mutation (MatrixOp op)
{
  return op == MATRIX_CREATE || op == MATRIX_DELETE || op == MATRIX_DELETE_ALL;
}

int
matrix_expected_code (MatrixOp    op,
                      MatrixFault fault)
{
  switch (fault)
    {
    case MATRIX_CLOSE_BEFORE:
    case MATRIX_CLOSE_AFTER:
      return TESSERA_API_ERROR_NO_ANSWER;
    case MATRIX_STALL:
    case MATRIX_STALL_AFTER:
      return TESSERA_API_ERROR_TIMEOUT;
    case MATRIX_HUGE:
    case MATRIX_MALFORMED:
    case MATRIX_DEEP:
    case MATRIX_WRONG_SHAPE:
      return TESSERA_API_ERROR_BAD_RESPONSE;
    case MATRIX_429:
      /* A GET is retried once after a short Retry-After; a POST or a
       * DELETE never (the first may have done it). */
      return matrix_op_is_mutation (op) ? TESSERA_API_ERROR_RATE_LIMITED : -1;
    case MATRIX_401:
      return TESSERA_API_ERROR_UNAUTHENTICATED;
    case MATRIX_500_HTML:
      return TESSERA_API_ERROR_SERVER;
    default:
      g_assert_not_reached ();
    }
}

guint
matrix_expected_reads (MatrixOp    op,
                       MatrixFault fault,
                       guint       base)
{
  /* The one retry we make ourselves, after a 429 on a GET. */
  if (fault == MATRIX_429 && !matrix_op_is_mutation (op))
    return base + 1;
  /* Any other fault fails the op at its first request. */
  return 1;
}

/* A 200 payload of the wrong shape for each endpoint. */
static const char *
wrong_payload (const char *method,
               const char *path)
{
  if (g_str_equal (path, "/api/v1/user/me"))
    return "{\"id\":7,\"email\":[]}";
  if (g_str_has_prefix (path, "/api/v1/user/access_tokens/"))
    return "{\"deleted\":1}";
  if (g_str_equal (method, "GET"))
    return "{\"list\":{\"id\":\"t\"},\"count\":\"many\"}";
  if (g_str_equal (method, "POST"))
    return "{\"id\":\"t\",\"token\":5}";
  return "null";
}

char *
matrix_bad_body (MatrixFault  fault,
                 const char  *method,
                 const char  *path)
{
  GString *body;

  switch (fault)
    {
    case MATRIX_HUGE:
      body = g_string_new ("{\"status\":{\"code\":0},\"payload\":{\"pad\":\"");
      while (body->len < 3 * 1024 * 1024)
        g_string_append (body, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
      g_string_append (body, "\"}}");
      return g_string_free (body, FALSE);
    case MATRIX_MALFORMED:
      return g_strdup ("{\"status\":{\"code\":0},\"payload\":{\"id\":\"u1\",\"email\":");
    case MATRIX_DEEP:
      body = g_string_new ("{\"status\":{\"code\":0},'x':'\"',\"payload\":/*\"*/");
      for (guint i = 0; i < 180000; i++)
        g_string_append_c (body, '[');
      for (guint i = 0; i < 180000; i++)
        g_string_append_c (body, ']');
      g_string_append (body, "/*\"*/}");
      return g_string_free (body, FALSE);
    case MATRIX_WRONG_SHAPE:
      return g_strdup_printf ("{\"payload\":%s,\"status\":{\"code\":0}}", wrong_payload (method, path));
    default:
      g_assert_not_reached ();
    }
}

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

/* The listings; a listing that succeeds must agree with itself. */
static gboolean
run_list (TesseraClient  *client,
          GCancellable   *cancellable,
          GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  gboolean settled = FALSE;

  tessera_client_list_tokens_async (client, cancellable, result_cb, &result);
  tokens = tessera_client_list_tokens_finish (client, await (&result), &settled, error);
  if (tokens != NULL)
    g_assert_true (settled);
  return tokens != NULL;
}

gboolean
matrix_run (TesseraClient  *client,
            const char     *url,
            const char     *token,
            const char     *id,
            MatrixOp        op,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GObject) object = NULL;
  g_auto(TesseraSecret) secret = NULL;

  switch (op)
    {
    case MATRIX_SIGN_IN:
      tessera_client_get_account_async (client, cancellable, result_cb, &result);
      object = G_OBJECT (tessera_client_get_account_finish (client, await (&result), error));
      return object != NULL;
    case MATRIX_LIST_FIRST:
    case MATRIX_LIST_AGAIN:
      return run_list (client, cancellable, error);
    case MATRIX_CREATE:
      tessera_client_create_token_async (client, "matrix", NULL, cancellable, result_cb, &result);
      object = G_OBJECT (tessera_client_create_token_finish (client, await (&result), &secret, error));
      if (object != NULL)
        g_assert_nonnull (secret);
      return object != NULL;
    case MATRIX_DELETE:
      tessera_client_delete_token_async (client, id, cancellable, result_cb, &result);
      return tessera_client_delete_token_finish (client, await (&result), error);
    case MATRIX_DELETE_ALL:
      tessera_client_delete_all_async (client, cancellable, result_cb, &result);
      return tessera_client_delete_all_finish (client, await (&result), NULL, error);
    case MATRIX_TEST_TOKEN:
      tessera_client_test_token_full_async (url, token, MATRIX_TIMEOUT, cancellable, result_cb, &result);
      object = G_OBJECT (tessera_client_test_token_finish (await (&result), error));
      return object != NULL;
    default:
      g_assert_not_reached ();
    }
}
