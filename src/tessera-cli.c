/* tessera-cli.c — `tessera token|list|generate|delete|accounts`: the
 * command line, without a window or a display
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each command reads the saved sign-ins from the keyring, picks one account
 * (--server, --account, else the one the window showed last), restores only
 * that one through the session layer, and answers on standard output with
 * data alone (a secret, a table, JSON), so that `$(tessera token)` works;
 * every message goes to standard error.  GTK is never initialised.
 */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "tessera-accounts.h"
#include "tessera-cli.h"
#include "tessera-cli-private.h"
#include "tessera-secret.h"
#include "tessera-text.h"

static const char * const commands[] = { "token", "list", "generate", "delete", "accounts", NULL };

gboolean
tessera_cli_is_command (const char *arg)
{
  return arg != NULL && g_strv_contains (commands, arg);
}

int
tessera_cli_unknown (const char *word)
{
  /* Translators: %s is what was typed where a command goes. */
  g_printerr (_("tessera: “%s” is not a command. Run “tessera --help” for the commands.\n"), word);
  return TESSERA_CLI_USAGE;
}

/* ---------------------------------------------------------------- waiting */

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

GAsyncResult *
tessera_cli_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

GAsyncReadyCallback
tessera_cli_result_cb (void)
{
  return result_cb;
}

static void
wait_until_settled (TesseraSession *session)
{
  TesseraTokenList *tokens = tessera_session_get_tokens (session);

  while (tessera_session_get_state (session) == TESSERA_SESSION_STATE_RESTORING ||
         (tessera_session_get_state (session) == TESSERA_SESSION_STATE_SIGNED_IN &&
          (tessera_token_list_get_loading (tokens) ||
           (!tessera_token_list_get_loaded (tokens) && tessera_token_list_get_error (tokens) == NULL))))
    g_main_context_iteration (NULL, TRUE);
}

/* At most TESSERA_WRITES_WAIT_S: a keyring that never answers must not
 * keep the process alive (each operation times out by itself anyway). */
#define TESSERA_WRITES_WAIT_S 35

void
tessera_cli_wait_for_writes (TesseraSecretStore *store)
{
  gint64 end = g_get_monotonic_time () + TESSERA_WRITES_WAIT_S * G_USEC_PER_SEC;

  while (tessera_secret_store_get_pending_writes (store) > 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

int
tessera_cli_fail (int           status,
                  const char   *message)
{
  g_printerr ("tessera: %s\n", message);
  return status;
}

int
tessera_cli_fail_error (const GError *error)
{
  int status = TESSERA_CLI_FAILED;

  if (g_error_matches (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED) ||
      g_error_matches (error, TESSERA_SESSION_ERROR, TESSERA_SESSION_ERROR_NOT_SIGNED_IN))
    status = TESSERA_CLI_NOT_SIGNED_IN;

  return tessera_cli_fail (status, error->message);
}

/* ---------------------------------------------------------------- accounts */

static GPtrArray *
saved_sign_ins (TesseraCli  *cli,
                GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tessera_secret_store_list_sign_ins_async (cli->store, FALSE, NULL, result_cb, &result);
  return tessera_secret_store_list_sign_ins_finish (cli->store, tessera_cli_wait (&result), error);
}

static gboolean
item_matches (TesseraCli        *cli,
              TesseraSignInItem *item)
{
  return (cli->server == NULL || g_strcmp0 (item->server, cli->server) == 0) &&
         (cli->email == NULL || g_ascii_strcasecmp (item->account, cli->email) == 0);
}

/* The account a command acts on: the one --server and --account name, else
 * the one the window showed last, else the first. */
static TesseraSignInItem *
choose_account (TesseraCli  *cli,
                GPtrArray   *items)
{
  g_autofree char *last_server = NULL;
  g_autofree char *last_email = NULL;
  TesseraSignInItem *first = NULL;

  if (cli->settings != NULL)
    g_settings_get (cli->settings, "last-account", "(ss)", &last_server, &last_email);

  for (guint i = 0; i < items->len; i++)
    {
      TesseraSignInItem *item = g_ptr_array_index (items, i);

      if (!item_matches (cli, item))
        continue;
      if (first == NULL)
        first = item;
      if (g_strcmp0 (item->server, last_server) == 0 &&
          g_ascii_strcasecmp (item->account, last_email != NULL ? last_email : "") == 0)
        return item;
    }

  return first;
}

TesseraSignInItem *
tessera_cli_account (TesseraCli  *cli,
                     int         *status)
{
  g_autoptr(GError) error = NULL;
  TesseraSignInItem *item;

  if (cli->items == NULL)
    cli->items = saved_sign_ins (cli, &error);
  if (cli->items == NULL)
    {
      *status = tessera_cli_fail_error (error);
      return NULL;
    }

  item = choose_account (cli, cli->items);
  if (item == NULL)
    {
      *status = tessera_cli_fail (TESSERA_CLI_NOT_SIGNED_IN,
                                  cli->server != NULL || cli->email != NULL
                                  ? _("No account signed in to Tessera matches --server and --account. See “tessera accounts”.")
                                  : _("No account is signed in. Sign in with Tessera first, or pipe a token to “tessera --with-token”."));
      return NULL;
    }

  return item;
}

TesseraSession *
tessera_cli_session (TesseraCli  *cli,
                     int         *status)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TesseraSignInItem *item = tessera_cli_account (cli, status);
  TesseraSession *session;
  const GError *problem;

  if (item == NULL)
    return NULL;

  tessera_accounts_restore_only_async (cli->accounts, item->server, item->account, NULL,
                                       result_cb, &result);
  if (!tessera_accounts_restore_finish (cli->accounts, tessera_cli_wait (&result), &error))
    {
      *status = tessera_cli_fail_error (error);
      return NULL;
    }

  session = tessera_accounts_find (cli->accounts, item->server, item->account);
  if (session == NULL)
    {
      *status = tessera_cli_fail (TESSERA_CLI_NOT_SIGNED_IN, _("Not signed in"));
      return NULL;
    }

  wait_until_settled (session);
  problem = tessera_session_get_error (session);
  switch (tessera_session_get_state (session))
    {
    case TESSERA_SESSION_STATE_SIGNED_IN:
      if (tessera_token_list_get_error (tessera_session_get_tokens (session)) != NULL)
        {
          *status = tessera_cli_fail_error (tessera_token_list_get_error (tessera_session_get_tokens (session)));
          return NULL;
        }
      return session;

    case TESSERA_SESSION_STATE_REFUSED:
      *status = tessera_cli_fail (TESSERA_CLI_NOT_SIGNED_IN, problem->message);
      return NULL;

    case TESSERA_SESSION_STATE_RESTORING:
    case TESSERA_SESSION_STATE_FAILED:
    case TESSERA_SESSION_STATE_ENDED:
    default:
      *status = tessera_cli_fail (TESSERA_CLI_FAILED,
                                  problem != NULL ? problem->message : _("Not signed in"));
      return NULL;
    }
}

/* The listed tokens whose id is @key, else whose note is exactly @key. */
GPtrArray *
tessera_cli_find_tokens (TesseraSession *session,
                         const char     *key)
{
  GListModel *tokens = G_LIST_MODEL (tessera_session_get_tokens (session));
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  TesseraToken *by_id = tessera_token_list_find (TESSERA_TOKEN_LIST (tokens), key);

  if (by_id != NULL)
    {
      g_ptr_array_add (found, g_object_ref (by_id));
      return found;
    }

  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(TesseraToken) token = g_list_model_get_item (tokens, i);

      if (g_strcmp0 (tessera_token_get_notes (token), key) == 0)
        g_ptr_array_add (found, g_object_ref (token));
    }

  return found;
}

/* Exactly one token for @key, or a message and a status. */
TesseraToken *
tessera_cli_find_one (TesseraSession *session,
                      const char     *key,
                      int            *status)
{
  g_autoptr(GPtrArray) found = tessera_cli_find_tokens (session, key);
  g_autofree char *shown = tessera_text_escape_controls (key);

  if (found->len == 1)
    return g_object_ref (g_ptr_array_index (found, 0));

  if (found->len == 0)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is what the user typed, a token's id or note. */
      message = g_strdup_printf (_("No token has the id or the note “%s”."), shown);
      *status = tessera_cli_fail (TESSERA_CLI_FAILED, message);
      return NULL;
    }

  /* Translators: %s is a token's note, shared by several tokens. */
  g_printerr (_("tessera: several tokens have the note “%s”; name one by its id:\n"), shown);
  for (guint i = 0; i < found->len; i++)
    g_printerr ("  %s\n", tessera_token_get_id (g_ptr_array_index (found, i)));
  *status = TESSERA_CLI_AMBIGUOUS;
  return NULL;
}

/* ---------------------------------------------------------------- main */

static const char *
usage_text (void)
{
  return _("Commands (no window, no display needed):\n"
           "  token [NOTE-OR-ID]       print a saved secret (no argument: the sign-in token)\n"
           "  list [--json]            list the account's tokens\n"
           "  generate --note TEXT --expires 7d|30d|60d|90d|YYYY-MM-DD|never [--no-save]\n"
           "                           create a token and print its secret\n"
           "  delete ID-OR-NOTE [--yes]\n"
           "                           delete a token (asks first on a terminal)\n"
           "  accounts                 list the signed-in accounts\n"
           "Every command takes --server URL and --account EMAIL (default: the account\n"
           "used last). Run “tessera COMMAND --help” for more.\n"
           "\n"
           "Exit status: 0 done; 1 not found or failed; 2 several tokens have that note;\n"
           "3 no account signed in, or its sign-in token refused; 64 a wrong command line.");
}

const char *
tessera_cli_usage (void)
{
  return usage_text ();
}

static GSettings *
settings_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}

int
tessera_cli_run (int    argc,
                 char **argv)
{
  TesseraCli cli = { 0 };
  g_autoptr(TesseraClock) clock = tessera_clock_new ();
  const char *command = argv[1];
  int status;

  g_return_val_if_fail (argc >= 2 && tessera_cli_is_command (command), TESSERA_CLI_USAGE);

  cli.store = tessera_secret_store_new ();
  cli.accounts = tessera_accounts_new (cli.store, clock);
  cli.settings = settings_if_installed ();
  if (cli.settings != NULL)
    g_settings_bind (cli.settings, "expiry-warning-days", clock, "warning-days",
                     G_SETTINGS_BIND_GET);

  if (g_str_equal (command, "token"))
    status = tessera_cli_token (&cli, argc - 1, argv + 1);
  else if (g_str_equal (command, "list"))
    status = tessera_cli_list (&cli, argc - 1, argv + 1);
  else if (g_str_equal (command, "generate"))
    status = tessera_cli_generate (&cli, argc - 1, argv + 1);
  else if (g_str_equal (command, "delete"))
    status = tessera_cli_delete (&cli, argc - 1, argv + 1);
  else
    status = tessera_cli_accounts (&cli, argc - 1, argv + 1);

  /* Keyring writes still under way (a sign-in item upgraded, the item of a
   * deleted token removed) finish before the process ends: a replace that
   * stopped between its clear and its store would lose the item. */
  tessera_cli_wait_for_writes (cli.store);

  g_clear_pointer (&cli.items, g_ptr_array_unref);
  g_clear_pointer (&cli.server, g_free);
  g_clear_pointer (&cli.email, g_free);
  g_clear_object (&cli.accounts);
  g_clear_object (&cli.store);
  g_clear_object (&cli.settings);

  return status;
}
