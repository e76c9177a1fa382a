/* tessera-application.c
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-application"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "tessera-application.h"
#include "tessera-background.h"
#include "tessera-cli-private.h"
#include "tessera-expiry-watch.h"
#include "tessera-notifier.h"
#include "tessera-relister.h"
#include "tessera-search-provider.h"
#include "tessera-secret.h"
#include "tessera-window.h"

struct _TesseraApplication
{
  AdwApplication      parent_instance;

  GSettings          *settings;
  TesseraSecretStore *store;
  TesseraClock       *clock;
  TesseraAccounts    *accounts;
  TesseraSearchProvider *search_provider;
  TesseraExpiryWatch *watch;
  TesseraNotifier    *notifier;
  TesseraRelister    *relister;
  TesseraBackground  *background;
  char               *stdin_token;   /* a secret, from --with-token */
};

#define MAX_TOKEN_LENGTH TESSERA_SECRET_MAX_LENGTH

G_DEFINE_FINAL_TYPE (TesseraApplication, tessera_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "server", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Talk to the API7 Cloud server at URL for this run"), N_("URL") },
  { "with-token", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Sign in with a personal access token read from standard input"), NULL },
  { "background", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Start without a window, to tell of expiring tokens (with Run in Background on)"), NULL },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

TesseraApplication *
tessera_application_new (void)
{
  return g_object_new (TESSERA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/app/tessera/Tessera",
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}

char *
tessera_application_dup_server_url (TesseraApplication *self)
{
  g_autofree char *configured = NULL;
  g_autoptr(GError) error = NULL;
  char *origin;

  g_return_val_if_fail (TESSERA_IS_APPLICATION (self), NULL);

  configured = g_settings_get_string (self->settings, "server-url");
  origin = tessera_normalize_server_url (configured, &error);
  if (origin == NULL)
    {
      /* A hand-edited setting must not lock the user out: fall back. */
      g_message ("Ignoring the server-url setting: %s", error->message);
      origin = g_strdup (DEFAULT_SERVER_URL);
    }

  return origin;
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* No keyring: nothing to restore; the sign-in page says the rest. */
  if (!tessera_accounts_restore_finish (TESSERA_ACCOUNTS (object), result, &error))
    g_debug ("Could not read the saved sign-ins: %s", error->message);
}

/* The settings, the keyring store, the clock and the accounts, made at the
 * first of registration (the search provider is exported then) and
 * startup.  The restore starts at once: the keyring search and then
 * /user/me and the first page of each list are under way while GTK starts
 * and the window is built (never from an idle, which a spinner's redraws
 * can starve).  The session layer needs no GTK. */
static void
ensure_accounts (TesseraApplication *self)
{
  if (self->accounts != NULL)
    return;

  /* Here, not in init: --version and --help need no settings. */
  self->settings = g_settings_new (APP_ID);
  self->store = tessera_secret_store_new ();
  /* Started by the Shell's search: never a prompt until a window shows,
   * and stay a little for the next keystrokes of the search. */
  if (g_application_get_flags (G_APPLICATION (self)) & G_APPLICATION_IS_SERVICE)
    {
      tessera_secret_store_set_interactive (self->store, FALSE);
      g_application_set_inactivity_timeout (G_APPLICATION (self), 30000);
    }
  self->clock = tessera_clock_new ();
  g_settings_bind (self->settings, "expiry-warning-days", self->clock, "warning-days",
                   G_SETTINGS_BIND_GET);
  self->accounts = tessera_accounts_new (self->store, self->clock);
  tessera_accounts_restore_async (self->accounts, NULL, restored_cb, NULL);
}

/* A window is to show: the keyring may ask again, and the accounts it
 * would not unlock for the search get another go. */
static void
become_interactive (TesseraApplication *self)
{
  guint n;

  if (tessera_secret_store_get_interactive (self->store))
    return;

  tessera_secret_store_set_interactive (self->store, TRUE);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraSession) session = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);
      const GError *error = tessera_session_get_error (session);

      if (tessera_session_get_state (session) == TESSERA_SESSION_STATE_FAILED &&
          error != NULL && error->domain == TESSERA_SECRET_STORE_ERROR)
        tessera_session_restore_async (session, NULL, NULL, NULL);
    }
}

static void
activate_result_cb (TesseraApplication *self,
                    TesseraSession     *session,
                    const char         *token_id)
{
  GtkWindow *window = tessera_application_show_session (self, session);

  /* The copy reads what the keyring has unlocked, without asking: the
   * Shell's search never brings up a prompt. */
  tessera_window_reveal_token (TESSERA_WINDOW (window), token_id, TRUE);
  become_interactive (self);
}

static TesseraWindow *main_window (TesseraApplication *self);

static void
launch_search_cb (TesseraApplication *self,
                  const char         *text)
{
  TesseraWindow *window = main_window (self);

  become_interactive (self);
  tessera_window_search (window, text);
  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
tessera_application_dbus_register (GApplication     *app,
                                   GDBusConnection  *connection,
                                   const char       *object_path,
                                   GError          **error)
{
  TesseraApplication *self = TESSERA_APPLICATION (app);

  if (!G_APPLICATION_CLASS (tessera_application_parent_class)->dbus_register (app, connection,
                                                                              object_path, error))
    return FALSE;

  ensure_accounts (self);
  self->search_provider = tessera_search_provider_new (app, self->accounts);
  g_signal_connect_object (self->search_provider, "activate-result",
                           G_CALLBACK (activate_result_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_provider, "launch-search",
                           G_CALLBACK (launch_search_cb), self, G_CONNECT_SWAPPED);
  return tessera_search_provider_export (self->search_provider, connection, error);
}

static void
tessera_application_dbus_unregister (GApplication    *app,
                                     GDBusConnection *connection,
                                     const char      *object_path)
{
  TesseraApplication *self = TESSERA_APPLICATION (app);

  if (self->search_provider != NULL)
    tessera_search_provider_unexport (self->search_provider);

  G_APPLICATION_CLASS (tessera_application_parent_class)->dbus_unregister (app, connection,
                                                                           object_path);
}

TesseraAccounts *
tessera_application_get_accounts (TesseraApplication *self)
{
  g_return_val_if_fail (TESSERA_IS_APPLICATION (self), NULL);

  return self->accounts;
}

TesseraSession *
tessera_application_get_preferred_session (TesseraApplication *self)
{
  g_autofree char *server = NULL;
  g_autofree char *email = NULL;
  TesseraSession *session;

  g_return_val_if_fail (TESSERA_IS_APPLICATION (self), NULL);

  if (self->accounts == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->accounts)) == 0)
    return NULL;

  g_settings_get (self->settings, "last-account", "(ss)", &server, &email);
  session = tessera_accounts_find (self->accounts, server, email);
  if (session == NULL)
    {
      g_autoptr(TesseraSession) first = g_list_model_get_item (G_LIST_MODEL (self->accounts), 0);

      session = first;
    }

  return session;
}

void
tessera_application_set_last_session (TesseraApplication *self,
                                      TesseraSession     *session)
{
  g_return_if_fail (TESSERA_IS_APPLICATION (self));
  g_return_if_fail (TESSERA_IS_SESSION (session));

  g_settings_set (self->settings, "last-account", "(ss)",
                  tessera_session_get_server_url (session),
                  tessera_session_get_email (session));
}

static TesseraWindow *
find_window_for (TesseraApplication *self,
                 TesseraSession     *session)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (TESSERA_IS_WINDOW (l->data) && tessera_window_get_session (l->data) == session)
      return l->data;

  return NULL;
}

GtkWindow *
tessera_application_show_session (TesseraApplication *self,
                                  TesseraSession     *session)
{
  GtkWindow *window;

  g_return_val_if_fail (TESSERA_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (TESSERA_IS_SESSION (session), NULL);

  window = GTK_WINDOW (find_window_for (self, session));
  if (window == NULL)
    window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (!TESSERA_IS_WINDOW (window))
    window = GTK_WINDOW (tessera_window_new (self));

  tessera_window_set_session (TESSERA_WINDOW (window), session);
  gtk_window_present (window);
  return window;
}

/* The window a command line or an activation lands in. */
static TesseraWindow *
main_window (TesseraApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (TESSERA_IS_WINDOW (window))
    return TESSERA_WINDOW (window);

  return tessera_window_new (self);
}

static void
wipe_buffer (char *buffer)
{
  explicit_bzero (buffer, MAX_TOKEN_LENGTH + 1);
  g_free (buffer);
}

typedef char *TokenBuffer;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (TokenBuffer, wipe_buffer, NULL)

/* Reads the whole of standard input (a token, maybe with a newline) into a
 * buffer that is wiped whole afterwards; returns the trimmed token in an
 * allocation of its own size.  Blocking is fine: the main loop has not
 * started yet. */
static char *
read_token_from_stdin (GError **error)
{
  g_auto(TokenBuffer) buffer = g_malloc0 (MAX_TOKEN_LENGTH + 1);
  g_auto(TesseraSecret) token = NULL;
  gsize length = 0;

  if (isatty (STDIN_FILENO))
    g_printerr (_("Paste a personal access token, then press Ctrl+D:\n"));

  for (;;)
    {
      gssize n = read (STDIN_FILENO, buffer + length, MAX_TOKEN_LENGTH - length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not read the token from standard input: %s"),
                       g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;

      length += n;
      if (length >= MAX_TOKEN_LENGTH)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("Standard input is too long to be a token"));
          return NULL;
        }
    }

  token = tessera_secret_dup_trimmed (buffer, length, NULL);
  if (token[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("No token on standard input"));
      return NULL;
    }
  if (strpbrk (token, " \t\r\n") != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Standard input holds more than one token"));
      return NULL;
    }

  return g_steal_pointer (&token);
}

static gboolean
tessera_application_schema_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  return schema != NULL;
}

static int
tessera_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  const char *server = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("tessera %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* Everything from here on reads the settings: say what is missing
   * rather than let g_settings_new() abort. */
  if (!tessera_application_schema_installed ())
    {
      g_printerr (_("tessera: the settings schema %s is not installed. From a build tree, run "
                    "Tessera with “meson devenv”, or set GSETTINGS_SCHEMA_DIR to the folder of "
                    "the compiled schema.\n"), APP_ID);
      return 1;
    }

  /* Refuse a bad server here, in the process the user started, so the
   * message lands on their terminal and the exit status says so. */
  if (g_variant_dict_lookup (options, "server", "&s", &server))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *origin = tessera_normalize_server_url (server, &error);

      if (origin == NULL)
        {
          g_printerr ("tessera: %s\n", error->message);
          return 1;
        }

      g_variant_dict_insert (options, "server", "s", origin);
    }

  if (g_variant_dict_contains (options, "with-token"))
    {
      TesseraApplication *self = TESSERA_APPLICATION (app);
      g_autoptr(GError) error = NULL;

      self->stdin_token = read_token_from_stdin (&error);
      if (self->stdin_token == NULL)
        {
          g_printerr ("tessera: %s\n", error->message);
          return 1;
        }

      /* The token must not travel to an already running instance: over
       * D-Bus it would sit in that message's buffers (and be visible to a
       * bus monitor).  So this process becomes an instance of its own and
       * signs in itself; command_line() then runs here, not remotely. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static int
tessera_application_command_line (GApplication            *app,
                                  GApplicationCommandLine *command_line)
{
  TesseraApplication *self = TESSERA_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *server = NULL;
  TesseraWindow *window;

  /* At login, or by hand: no window.  Held by Run in Background, Tessera
   * stays; without it there is nothing to stay for. */
  if (g_variant_dict_contains (options, "background"))
    {
      g_clear_pointer (&self->stdin_token, tessera_secret_free);
      if (!g_settings_get_boolean (self->settings, "run-in-background"))
        g_application_command_line_printerr (command_line, "%s\n",
                                             _("Run in Background is off in Preferences, so Tessera does not stay without a window."));
      return 0;
    }

  window = main_window (self);

  /* Only set in this very process (--with-token makes it non-unique). */
  if (g_variant_dict_lookup (options, "server", "s", &server) || self->stdin_token != NULL)
    {
      if (server == NULL)
        server = tessera_application_dup_server_url (self);
      tessera_window_open_server (window, server, self->stdin_token);
    }
  g_clear_pointer (&self->stdin_token, tessera_secret_free);

  gtk_window_present (GTK_WINDOW (window));
  return 0;
}

static void
tessera_application_activate (GApplication *app)
{
  TesseraApplication *self = TESSERA_APPLICATION (app);

  gtk_window_present (GTK_WINDOW (main_window (self)));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TesseraApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Tessera developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  g_object_set (about,
                "transient-for", parent,
                "application-name", _("Tessera"),
                "application-icon", APP_ID,
                "developer-name", _("The Tessera developers"),
                "developers", developers,
                "version", PACKAGE_VERSION,
                "comments", _("Manage your API7 Cloud personal access tokens"),
                "website", "https://tessera.app",
                "issue-url", "https://tessera.app/issues",
                "license-type", GTK_LICENSE_GPL_3_0,
                "copyright", "© 2026 The Tessera developers",
                /* Translators: your names, one per line */
                "translator-credits", _("translator-credits"),
                NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* A notification's "Open" (and its default action): the window of that
 * account, at that token's row, highlighted.  NULL when the account is
 * gone (signed out since): then the main window. */
static TesseraWindow *
show_token (TesseraApplication *self,
            GVariant           *parameter,
            const char        **token_id_out)
{
  const char *server, *email, *token_id;
  TesseraSession *session;
  GtkWindow *window;

  g_variant_get (parameter, "(&s&s&s)", &server, &email, &token_id);
  become_interactive (self);
  session = tessera_accounts_find (self->accounts, server, email);
  if (session == NULL)
    {
      gtk_window_present (GTK_WINDOW (main_window (self)));
      return NULL;
    }

  window = tessera_application_show_session (self, session);
  tessera_window_reveal_token (TESSERA_WINDOW (window), token_id, FALSE);
  *token_id_out = token_id;
  return TESSERA_WINDOW (window);
}

static void
open_token_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  const char *token_id = NULL;

  show_token (user_data, parameter, &token_id);
}

static void
rotate_token_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  const char *token_id = NULL;
  TesseraWindow *window = show_token (user_data, parameter, &token_id);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.rotate-token", "s", token_id);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
  { "open-token", open_token_action, "(sss)" },
  { "rotate-token", rotate_token_action, "(sss)" },
};

/* The expiry watch and what follows it: notifications, lists read again
 * in the background, and Run in Background. */
static void
start_watching (TesseraApplication *self)
{
  g_autofree char *ledger_path = g_build_filename (g_get_user_state_dir (), "tessera", "expiry-told", NULL);
  g_autoptr(GFile) ledger = g_file_new_for_path (ledger_path);

  self->watch = tessera_expiry_watch_new (self->accounts, ledger);
  g_settings_bind (self->settings, "notify-expiry", self->watch, "enabled", G_SETTINGS_BIND_GET);
  self->notifier = tessera_notifier_new (G_APPLICATION (self), self->watch);
  self->relister = tessera_relister_new (self->accounts, NULL, TESSERA_RELIST_INTERVAL_S);
  self->background = tessera_background_new (G_APPLICATION (self), self->settings);
}

static void
tessera_application_startup (GApplication *app)
{
  TesseraApplication *self = TESSERA_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  /* The accounts belong to the application, not to a window, and their
   * restore starts first of all, before GTK does. */
  ensure_accounts (self);

  G_APPLICATION_CLASS (tessera_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  start_watching (self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
}

static void
tessera_application_shutdown (GApplication *app)
{
  TesseraApplication *self = TESSERA_APPLICATION (app);

  /* Quit waits for keyring writes under way (a sign-in saved or upgraded):
   * one cut between its clear and its store would lose the item. */
  if (self->store != NULL)
    tessera_cli_wait_for_writes (self->store);
  /* And for what the watch has told, and the start at login. */
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (((self->watch != NULL && tessera_expiry_watch_get_saving (self->watch)) ||
            (self->background != NULL && tessera_background_get_busy (self->background))) &&
           g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }

  G_APPLICATION_CLASS (tessera_application_parent_class)->shutdown (app);
}

static void
tessera_application_finalize (GObject *object)
{
  TesseraApplication *self = TESSERA_APPLICATION (object);

  g_clear_object (&self->search_provider);
  g_clear_object (&self->background);
  g_clear_object (&self->relister);
  g_clear_object (&self->notifier);
  g_clear_object (&self->watch);
  g_clear_object (&self->accounts);
  g_clear_object (&self->clock);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->stdin_token, tessera_secret_free);

  G_OBJECT_CLASS (tessera_application_parent_class)->finalize (object);
}

static void
tessera_application_class_init (TesseraApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = tessera_application_finalize;

  app_class->handle_local_options = tessera_application_handle_local_options;
  app_class->command_line = tessera_application_command_line;
  app_class->activate = tessera_application_activate;
  app_class->startup = tessera_application_startup;
  app_class->dbus_register = tessera_application_dbus_register;
  app_class->dbus_unregister = tessera_application_dbus_unregister;
  app_class->shutdown = tessera_application_shutdown;
}

static void
tessera_application_init (TesseraApplication *self)
{
  /* The name notifications go out with. */
  g_set_application_name (_("Tessera"));

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Manage API7 Cloud personal access tokens."));
  {
    g_autofree char *description = NULL;

    description = g_strdup_printf ("%s\n\n%s",
                                   _("To sign in without typing, pipe a token in:\n"
                                     "  tessera --server https://console.api7.cloud --with-token < token.txt"),
                                   tessera_cli_usage ());
    g_application_set_option_context_description (G_APPLICATION (self), description);
  }
}
