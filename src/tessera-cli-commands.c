/* tessera-cli-commands.c — what each command of the command line does
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "tessera-cli.h"
#include "tessera-cli-private.h"
#include "tessera-secret.h"
#include "tessera-text.h"

/* ---------------------------------------------------------------- options */

/* Parses the command's own options and --server/--account; on return,
 * argv holds the command's arguments.  FALSE: *status says why. */
static gboolean
parse (TesseraCli          *cli,
       int                 *argc,
       char              ***argv,
       const char          *parameters,
       const char          *summary,
       const GOptionEntry  *entries,
       int                 *status)
{
  g_autofree char *server = NULL;
  g_autofree char *email = NULL;
  const GOptionEntry common[] = {
    { "server", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &server,
      N_("The account’s server (default: the account used last)"), N_("URL") },
    { "account", 'a', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &email,
      N_("The account’s email address"), N_("EMAIL") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, tessera_cli_usage ());

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = tessera_cli_fail (TESSERA_CLI_USAGE, error->message);
      return FALSE;
    }

  if (server != NULL)
    {
      cli->server = tessera_normalize_server_url (server, &error);
      if (cli->server == NULL)
        {
          *status = tessera_cli_fail (TESSERA_CLI_USAGE, error->message);
          return FALSE;
        }
    }
  cli->email = g_steal_pointer (&email);

  return TRUE;
}

static void
print_secret (const char *secret)
{
  /* The secret alone, then a newline: `$(tessera token)` takes it. */
  fputs (secret, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

/* ---------------------------------------------------------------- token */

static char *
lookup_sign_in (TesseraCli         *cli,
                TesseraSignInItem  *item,
                GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tessera_secret_store_lookup_sign_in_async (cli->store, item->server, item->account, NULL,
                                             tessera_cli_result_cb (), &result);
  return tessera_secret_store_lookup_sign_in_finish (cli->store, tessera_cli_wait (&result),
                                                     NULL, error);
}

static char *
lookup_generated (TesseraCli         *cli,
                  TesseraSignInItem  *item,
                  const char         *id,
                  GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tessera_secret_store_lookup_generated_async (cli->store, item->server, item->account, id, NULL,
                                               tessera_cli_result_cb (), &result);
  return tessera_secret_store_lookup_generated_finish (cli->store, tessera_cli_wait (&result),
                                                       error);
}

int
tessera_cli_token (TesseraCli  *cli,
                   int          argc,
                   char       **argv)
{
  g_auto(TesseraSecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) token = NULL;
  TesseraSignInItem *item;
  TesseraSession *session;
  int status = TESSERA_CLI_OK;

  if (!parse (cli, &argc, &argv, _("[NOTE-OR-ID]"),
              _("Print a saved secret: the sign-in token, or the token with this id or note."),
              NULL, &status))
    return status;
  if (argc > 2)
    return tessera_cli_fail (TESSERA_CLI_USAGE, _("Name one token at most."));

  item = tessera_cli_account (cli, &status);
  if (item == NULL)
    return status;

  /* The sign-in token, like `gh auth token`: no network needed. */
  if (argc < 2)
    {
      secret = lookup_sign_in (cli, item, &error);
      if (secret == NULL)
        return error != NULL ? tessera_cli_fail_error (error)
                             : tessera_cli_fail (TESSERA_CLI_NOT_SIGNED_IN, _("Not signed in"));
      print_secret (secret);
      return TESSERA_CLI_OK;
    }

  /* An id saved in the keyring needs no network either. */
  secret = lookup_generated (cli, item, argv[1], &error);
  if (secret != NULL)
    {
      print_secret (secret);
      return TESSERA_CLI_OK;
    }
  g_clear_error (&error);

  session = tessera_cli_session (cli, &status);
  if (session == NULL)
    return status;
  token = tessera_cli_find_one (session, argv[1], &status);
  if (token == NULL)
    return status;

  secret = lookup_generated (cli, item, tessera_token_get_id (token), &error);
  if (secret == NULL)
    {
      g_autofree char *shown = tessera_text_escape_controls (argv[1]);
      g_autofree char *message = NULL;

      if (error != NULL)
        return tessera_cli_fail_error (error);
      /* Translators: %s is a token's note or id. */
      message = g_strdup_printf (_("The secret of “%s” is not saved in the keyring: the server shows a secret only once, when the token is made."),
                                 shown);
      return tessera_cli_fail (TESSERA_CLI_FAILED, message);
    }

  print_secret (secret);
  return TESSERA_CLI_OK;
}

/* ---------------------------------------------------------------- list */

static const char *
state_nick (TesseraTokenState state)
{
  switch (state)
    {
    case TESSERA_TOKEN_STATE_EXPIRING_SOON:
      return "expiring-soon";
    case TESSERA_TOKEN_STATE_EXPIRED:
      return "expired";
    case TESSERA_TOKEN_STATE_ACTIVE:
    default:
      return "active";
    }
}

static const char *
state_words (TesseraTokenState state)
{
  switch (state)
    {
    case TESSERA_TOKEN_STATE_EXPIRING_SOON:
      return _("Expires soon");
    case TESSERA_TOKEN_STATE_EXPIRED:
      return _("Expired");
    case TESSERA_TOKEN_STATE_ACTIVE:
    default:
      return _("Active");
    }
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          GDateTime   *when)
{
  json_builder_set_member_name (builder, name);
  if (when == NULL)
    json_builder_add_null_value (builder);
  else
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (when);
      g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

      json_builder_add_string_value (builder, text);
    }
}

static void
print_json (TesseraSession *session)
{
  GListModel *tokens = G_LIST_MODEL (tessera_session_get_tokens (session));
  TesseraSavedSecrets *secrets = tessera_session_get_secrets (session);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(TesseraToken) token = g_list_model_get_item (tokens, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, tessera_token_get_id (token));
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, tessera_token_get_notes (token));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, state_nick (tessera_token_get_state (token)));
      add_time (builder, "expires", tessera_token_get_expire (token));
      add_time (builder, "last_used", tessera_token_get_last_used_at (token));
      add_time (builder, "created", tessera_token_get_created_at (token));
      json_builder_set_member_name (builder, "saved");
      json_builder_add_boolean_value (builder,
                                      tessera_saved_secrets_contains (secrets, tessera_token_get_id (token)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static char *
format_day (GDateTime  *when,
            const char *never)
{
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return g_strdup (never);
  local = g_date_time_to_local (when);
  return g_date_time_format (local, "%Y-%m-%d");
}

/* Pads @text with spaces to @width characters (not bytes). */
static void
append_cell (GString    *line,
             const char *text,
             guint       width)
{
  glong n = g_utf8_strlen (text, -1);

  g_string_append (line, text);
  for (glong i = n; i < (glong) width + 2; i++)
    g_string_append_c (line, ' ');
}

#define NOTE_WIDTH 40

static void
print_table (TesseraSession *session)
{
  GListModel *tokens = G_LIST_MODEL (tessera_session_get_tokens (session));
  TesseraSavedSecrets *secrets = tessera_session_get_secrets (session);
  guint n = g_list_model_get_n_items (tokens);
  const char *headers[] = { _("ID"), _("NOTE"), _("STATUS"), _("EXPIRES"), _("LAST USED"), _("SAVED") };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  guint widths[G_N_ELEMENTS (headers)] = { 0 };

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    g_ptr_array_add (cells, g_strdup (headers[c]));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraToken) token = g_list_model_get_item (tokens, i);
      g_autofree char *note = tessera_text_escape_controls (tessera_token_get_notes (token));

      if (g_utf8_strlen (note, -1) > NOTE_WIDTH)
        {
          char *cut = g_utf8_substring (note, 0, NOTE_WIDTH - 1);

          g_free (note);
          note = g_strconcat (cut, "…", NULL);
          g_free (cut);
        }

      g_ptr_array_add (cells, g_strdup (tessera_token_get_id (token)));
      g_ptr_array_add (cells, g_steal_pointer (&note));
      g_ptr_array_add (cells, g_strdup (state_words (tessera_token_get_state (token))));
      g_ptr_array_add (cells, format_day (tessera_token_get_expire (token), _("never")));
      g_ptr_array_add (cells, format_day (tessera_token_get_last_used_at (token), _("never")));
      g_ptr_array_add (cells, g_strdup (tessera_saved_secrets_contains (secrets, tessera_token_get_id (token))
                                        ? _("yes") : _("no")));
    }

  for (guint i = 0; i < cells->len; i++)
    widths[i % G_N_ELEMENTS (headers)] = MAX (widths[i % G_N_ELEMENTS (headers)],
                                              (guint) g_utf8_strlen (g_ptr_array_index (cells, i), -1));

  for (guint row = 0; row <= n; row++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
        append_cell (line, g_ptr_array_index (cells, row * G_N_ELEMENTS (headers) + c),
                     c + 1 < G_N_ELEMENTS (headers) ? widths[c] : 0);
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_print ("%s\n", line->str);
    }
}

static gboolean
load_saved (TesseraSession  *session,
            GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  TesseraSavedSecrets *secrets = tessera_session_get_secrets (session);

  tessera_saved_secrets_load_async (secrets, NULL, tessera_cli_result_cb (), &result);
  return tessera_saved_secrets_load_finish (secrets, tessera_cli_wait (&result), error);
}

int
tessera_cli_list (TesseraCli  *cli,
                  int          argc,
                  char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("A JSON array, for scripts"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  TesseraSession *session;
  int status = TESSERA_CLI_OK;

  if (!parse (cli, &argc, &argv, "", _("List the account’s tokens: id, note, status, expiry, last use, and whether the secret is saved."),
              entries, &status))
    return status;
  if (argc > 1)
    return tessera_cli_fail (TESSERA_CLI_USAGE, _("“list” takes no argument."));

  session = tessera_cli_session (cli, &status);
  if (session == NULL)
    return status;
  /* Which secrets are saved: read now, not left to the background. */
  if (!load_saved (session, &error))
    g_printerr ("tessera: %s\n", error->message);

  if (json)
    print_json (session);
  else
    print_table (session);

  return TESSERA_CLI_OK;
}

/* ---------------------------------------------------------------- generate */

/* "7d", "30d", "60d", "90d", "YYYY-MM-DD" (through that whole day, here) or
 * "never" (*expire NULL). */
static gboolean
parse_expiry (const char  *text,
              GDateTime  **expire)
{
  static const char * const presets[] = { "7d", "30d", "60d", "90d", NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = 0, month = 0, day = 0;
  char tail = '\0';

  *expire = NULL;
  if (g_strcmp0 (text, "never") == 0)
    return TRUE;
  if (text != NULL && g_strv_contains (presets, text))
    {
      g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();

      *expire = g_date_time_add_days (utc, atoi (text));
      return TRUE;
    }

  if (text != NULL && sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3 &&
      strlen (text) == 10 && g_date_valid_dmy (day, month, year))
    {
      g_autoptr(GDateTime) end_of_day = g_date_time_new_local (year, month, day, 23, 59, 59);

      if (end_of_day == NULL || g_date_time_compare (end_of_day, now) <= 0)
        return FALSE;
      *expire = g_date_time_to_utc (end_of_day);
      return *expire != NULL;
    }

  return FALSE;
}

static gboolean
save_secret (TesseraSession  *session,
             TesseraToken    *token,
             const char      *secret,
             GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  TesseraSavedSecrets *secrets = tessera_session_get_secrets (session);

  tessera_saved_secrets_save_async (secrets, tessera_token_get_id (token),
                                    tessera_token_get_notes (token), secret, NULL,
                                    tessera_cli_result_cb (), &result);
  return tessera_saved_secrets_save_finish (secrets, tessera_cli_wait (&result), error);
}

int
tessera_cli_generate (TesseraCli  *cli,
                      int          argc,
                      char       **argv)
{
  g_autofree char *note = NULL;
  g_autofree char *expires = NULL;
  gboolean no_save = FALSE;
  const GOptionEntry entries[] = {
    { "note", 'n', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &note,
      N_("What the token is for"), N_("TEXT") },
    { "expires", 'e', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &expires,
      N_("7d, 30d, 60d, 90d, a date (YYYY-MM-DD, through that day) or never"), N_("WHEN") },
    { "no-save", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &no_save,
      N_("Do not save the secret in the keyring"), NULL },
    { NULL }
  };
  g_autoptr(GDateTime) expire = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TesseraToken) token = NULL;
  g_autoptr(TesseraToken) orphan = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(TesseraSecret) secret = NULL;
  TesseraTokenList *tokens;
  TesseraSession *session;
  int status = TESSERA_CLI_OK;

  if (!parse (cli, &argc, &argv, "", _("Generate a new token and print its secret, shown this once."),
              entries, &status))
    return status;
  if (argc > 1)
    return tessera_cli_fail (TESSERA_CLI_USAGE, _("“generate” takes no argument: use --note and --expires."));
  if (expires == NULL)
    return tessera_cli_fail (TESSERA_CLI_USAGE, _("Say when the token expires: --expires 7d, 30d, 60d, 90d, YYYY-MM-DD or never."));
  if (!parse_expiry (expires, &expire))
    return tessera_cli_fail (TESSERA_CLI_USAGE, _("--expires takes 7d, 30d, 60d, 90d, a date after today (YYYY-MM-DD) or never."));

  session = tessera_cli_session (cli, &status);
  if (session == NULL)
    return status;

  tokens = tessera_session_get_tokens (session);
  tessera_token_list_create_async (tokens, note != NULL ? note : "", expire, NULL,
                                   tessera_cli_result_cb (), &result);
  token = tessera_token_list_create_finish (tokens, tessera_cli_wait (&result), &secret,
                                            &orphan, &error);
  if (token == NULL)
    return tessera_cli_fail_error (error);

  print_secret (secret);

  if (!no_save && !save_secret (session, token, secret, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why the keyring did not take it. */
      message = g_strdup_printf (_("The token was made and its secret printed, but it could not be saved in the keyring: %s"),
                                 error->message);
      return tessera_cli_fail (TESSERA_CLI_FAILED, message);
    }

  return TESSERA_CLI_OK;
}

/* ---------------------------------------------------------------- delete */

static gboolean
confirm_on_terminal (TesseraToken *token)
{
  g_autofree char *note = tessera_text_escape_controls (tessera_token_get_notes (token));
  char answer[16] = { 0 };

  if (note[0] != '\0')
    /* Translators: a question on the terminal; the answer is y or n. */
    g_printerr (_("Delete token “%s” (%s)? Apps and scripts that use it will lose access. [y/N] "),
                note, tessera_token_get_id (token));
  else
    g_printerr (_("Delete token %s? Apps and scripts that use it will lose access. [y/N] "),
                tessera_token_get_id (token));

  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  g_strstrip (answer);
  /* y and yes always work; the translated short and long yes too. */
  return g_ascii_strcasecmp (answer, "y") == 0 || g_ascii_strcasecmp (answer, "yes") == 0 ||
         /* Translators: the short answer "yes" to a [y/N] question. */
         g_strcmp0 (answer, C_("answer", "y")) == 0 ||
         /* Translators: the answer "yes" to a [y/N] question. */
         g_strcmp0 (answer, C_("answer", "yes")) == 0;
}

int
tessera_cli_delete (TesseraCli  *cli,
                    int          argc,
                    char       **argv)
{
  gboolean yes = FALSE;
  const GOptionEntry entries[] = {
    { "yes", 'y', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &yes,
      N_("Do not ask (needed without a terminal)"), NULL },
    { NULL }
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TesseraToken) token = NULL;
  g_autoptr(GError) error = NULL;
  TesseraTokenList *tokens;
  TesseraSession *session;
  int status = TESSERA_CLI_OK;

  if (!parse (cli, &argc, &argv, _("ID-OR-NOTE"), _("Delete a token."), entries, &status))
    return status;
  if (argc != 2)
    return tessera_cli_fail (TESSERA_CLI_USAGE, _("Name the token to delete, by its id or its note."));
  if (!yes && !isatty (STDIN_FILENO))
    return tessera_cli_fail (TESSERA_CLI_USAGE, _("There is no terminal to ask on: add --yes to delete without asking."));

  session = tessera_cli_session (cli, &status);
  if (session == NULL)
    return status;
  token = tessera_cli_find_one (session, argv[1], &status);
  if (token == NULL)
    return status;
  if (!yes && !confirm_on_terminal (token))
    return tessera_cli_fail (TESSERA_CLI_FAILED, _("Nothing was deleted."));

  tokens = tessera_session_get_tokens (session);
  tessera_token_list_delete_async (tokens, token, NULL, tessera_cli_result_cb (), &result);
  if (!tessera_token_list_delete_finish (tokens, tessera_cli_wait (&result), &error))
    return tessera_cli_fail_error (error);

  g_printerr ("%s\n", _("Token deleted"));
  return TESSERA_CLI_OK;
}

/* ---------------------------------------------------------------- accounts */

int
tessera_cli_accounts (TesseraCli  *cli,
                      int          argc,
                      char       **argv)
{
  TesseraSignInItem *chosen;
  int status = TESSERA_CLI_OK;

  if (!parse (cli, &argc, &argv, "", _("List the accounts Tessera is signed in to; * marks the one commands use by default."),
              NULL, &status))
    return status;
  if (argc > 1)
    return tessera_cli_fail (TESSERA_CLI_USAGE, _("“accounts” takes no argument."));

  chosen = tessera_cli_account (cli, &status);
  if (chosen == NULL)
    return status;

  for (guint i = 0; i < cli->items->len; i++)
    {
      TesseraSignInItem *item = g_ptr_array_index (cli->items, i);

      if (!((cli->server == NULL || g_strcmp0 (item->server, cli->server) == 0) &&
            (cli->email == NULL || g_ascii_strcasecmp (item->account, cli->email) == 0)))
        continue;
      g_print ("%s %s %s\n", item == chosen ? "*" : " ", item->account, item->server);
    }

  return TESSERA_CLI_OK;
}
