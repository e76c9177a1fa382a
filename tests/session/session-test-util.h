/* session-test-util.h — what the session tests share: a real API server,
 * a real keyring, and (in ../test-oracles.h, with the ui suite) oracles
 * that are not the code under test
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "private-session.h"
#include "tessera-accounts.h"
#include "tessera-secret.h"
#include "tessera-test-server.h"
#include "test-oracles.h"
#include "test-wait.h"

static inline TesseraTestServer *
start_server (const char * const *extra_args)
{
  g_autoptr(GError) error = NULL;
  TesseraTestServer *server = tessera_test_server_start (extra_args, &error);

  g_assert_no_error (error);
  return server;
}

static inline TesseraAccounts *
new_accounts (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autoptr(TesseraClock) clock = tessera_clock_new ();

  return tessera_accounts_new (store, clock);
}

/* Add Account, and wait until its list is loaded. */
static inline TesseraSession *
add_account (TesseraAccounts *accounts,
             const char      *url,
             const char      *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GError) error = NULL;
  TesseraSession *session;

  tessera_accounts_add_async (accounts, url, token, NULL, result_cb, &result);
  session = tessera_accounts_add_finish (accounts, wait_result (&result), &keyring_error, &error);
  g_assert_no_error (error);
  g_assert_no_error (keyring_error);
  g_assert_nonnull (session);
  g_assert_cmpint (tessera_session_get_state (session), ==, TESSERA_SESSION_STATE_SIGNED_IN);
  WAIT_UNTIL (tessera_token_list_get_loaded (tessera_session_get_tokens (session)));

  return session;
}

static inline void
restore (TesseraAccounts *accounts)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tessera_accounts_restore_async (accounts, NULL, result_cb, &result);
  g_assert_true (tessera_accounts_restore_finish (accounts, wait_result (&result), &error));
  g_assert_no_error (error);
}

static inline void
sign_out (TesseraSession *session)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tessera_session_sign_out_async (session, NULL, result_cb, &result);
  g_assert_true (tessera_session_sign_out_finish (session, wait_result (&result), &error));
  g_assert_no_error (error);
}

/* Signs out every account on @url (a restore may have brought back those
 * of other tests, which run at the same time: they are left alone). */
static inline void
sign_out_on (TesseraAccounts *accounts,
             const char      *url)
{
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (accounts)); i > 0; i--)
    {
      g_autoptr(TesseraSession) session = g_list_model_get_item (G_LIST_MODEL (accounts), i - 1);

      if (g_strcmp0 (tessera_session_get_server_url (session), url) == 0)
        sign_out (session);
    }
}

/* The accounts on @url: other tests, running at the same time, keep
 * sign-ins of their own servers in the same keyring. */
static inline guint
n_accounts_on (TesseraAccounts *accounts,
               const char      *url)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (accounts)); i++)
    {
      g_autoptr(TesseraSession) session = g_list_model_get_item (G_LIST_MODEL (accounts), i);

      n += g_strcmp0 (tessera_session_get_server_url (session), url) == 0;
    }
  return n;
}

static inline GPtrArray *
session_ids (TesseraSession *session)
{
  GListModel *model = G_LIST_MODEL (tessera_session_get_tokens (session));
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TesseraToken) token = g_list_model_get_item (model, i);

      g_ptr_array_add (ids, g_strdup (tessera_token_get_id (token)));
    }
  return ids;
}
