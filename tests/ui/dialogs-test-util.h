/* dialogs-test-util.h — what the dialog tests share: a real server, a
 * window and a signed-in session, and waiting on the main loop
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <adwaita.h>

#include "tessera-application.h"
#include "tessera-client.h"
#include "tessera-dialogs.h"
#include "tessera-secret-store.h"
#include "tessera-session.h"
#include "tessera-test-server.h"
#include "tessera-window.h"

#define WAIT_SECONDS 20

/* Iterates the main context until @cond holds, failing the test after
 * WAIT_SECONDS. */
#define WAIT_UNTIL(cond)                                                    \
  G_STMT_START {                                                            \
    gint64 wait_end_ = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC; \
    while (!(cond))                                                         \
      {                                                                     \
        if (g_get_monotonic_time () > wait_end_)                            \
          g_error ("Timed out waiting for: %s", #cond);                     \
        if (!g_main_context_iteration (NULL, FALSE))                        \
          g_usleep (2000);                                                  \
      }                                                                     \
  } G_STMT_END

/* Runs the main context for @ms milliseconds: time for anything wrongly
 * queued (a second request…) to happen. */
static inline void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static TesseraApplication *test_app;

typedef struct
{
  TesseraTestServer  *server;
  TesseraApplication *app;
  TesseraWindow      *window;
  TesseraSecretStore *store;
  TesseraSession     *session;
  char               *signed_out_reason;
  gboolean            signed_out;
} Fixture;

static inline void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Waits for an async call started with result_cb and &result. */
#define WAIT_RESULT(result) WAIT_UNTIL ((result) != NULL)

static inline void
on_signed_out_cb (TesseraSession *session,
                  const char     *reason,
                  Fixture        *fixture)
{
  fixture->signed_out = TRUE;
  g_free (fixture->signed_out_reason);
  fixture->signed_out_reason = g_strdup (reason);
}

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  TesseraTokenList *tokens;

  /* @data: extra arguments for the server, or NULL. */
  fixture->server = tessera_test_server_start (data, &error);
  g_assert_no_error (error);

  /* One application per process: a second one could not register its
   * D-Bus paths while the first still holds them. */
  if (test_app == NULL)
    {
      test_app = tessera_application_new ();
      /* Not unique: tests run side by side on one session bus. */
      g_application_set_flags (G_APPLICATION (test_app), G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (test_app), NULL, &error));
      g_assert_no_error (error);
    }
  fixture->app = g_object_ref (test_app);

  fixture->window = tessera_window_new (fixture->app, tessera_test_server_get_url (fixture->server));
  g_object_ref_sink (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (fixture->window)) > 0);

  fixture->store = tessera_secret_store_new ();
  fixture->session = tessera_session_new (tessera_test_server_get_url (fixture->server),
                                          fixture->store);
  g_signal_connect (fixture->session, "signed-out", G_CALLBACK (on_signed_out_cb), fixture);

  tessera_session_sign_in_async (fixture->session,
                                 tessera_test_server_get_demo_token (fixture->server),
                                 NULL, result_cb, &result);
  WAIT_RESULT (result);
  g_assert_true (tessera_session_sign_in_finish (fixture->session, result, &keyring_error, &error));
  g_assert_no_error (error);
  g_assert_no_error (keyring_error);

  tokens = tessera_session_get_tokens (fixture->session);
  WAIT_UNTIL (!tessera_token_list_get_loading (tokens)
              && g_list_model_get_n_items (G_LIST_MODEL (tokens)) > 0);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *toplevels;

  /* Every dialog left open goes first, then the window. */
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != fixture->window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  spin_for (50);

  /* Leave no item behind for a later test whose server gets the same port. */
  if (fixture->store != NULL)
    {
      g_autoptr(GAsyncResult) result = NULL;

      tessera_secret_store_delete_account_async (fixture->store,
                                                 tessera_test_server_get_url (fixture->server),
                                                 tessera_test_server_get_demo_email (fixture->server), NULL,
                                                 result_cb, &result);
      WAIT_RESULT (result);
      tessera_secret_store_delete_account_finish (fixture->store, result, NULL);
    }

  g_clear_object (&fixture->window);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->app);
  g_clear_pointer (&fixture->server, tessera_test_server_stop);
  g_clear_pointer (&fixture->signed_out_reason, g_free);
}

static inline const char *
fixture_email (Fixture *fixture)
{
  return tessera_test_server_get_demo_email (fixture->server);
}

/* What the server holds now, asked with a client of its own. */
static inline GPtrArray *
server_list_tokens (Fixture  *fixture,
                    GError  **error)
{
  g_autoptr(TesseraClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  client = tessera_client_new (tessera_test_server_get_url (fixture->server),
                               tessera_test_server_get_demo_token (fixture->server), error);
  if (client == NULL)
    return NULL;

  tessera_client_list_tokens_async (client, NULL, result_cb, &result);
  WAIT_RESULT (result);

  return tessera_client_list_tokens_finish (client, result, error);
}

static inline guint
server_count_tokens (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = server_list_tokens (fixture, &error);

  g_assert_no_error (error);

  return tokens->len;
}

static inline gboolean
server_has_token (Fixture    *fixture,
                  const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = server_list_tokens (fixture, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < tokens->len; i++)
    if (g_strcmp0 (tessera_token_get_id (g_ptr_array_index (tokens, i)), id) == 0)
      return TRUE;

  return FALSE;
}

/* The secret the keyring holds for @id of the demo account, or NULL. */
static inline char *
keyring_lookup_generated (Fixture    *fixture,
                          const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  tessera_secret_store_lookup_generated_async (fixture->store,
                                               tessera_test_server_get_url (fixture->server),
                                               fixture_email (fixture), id,
                                               NULL, result_cb, &result);
  WAIT_RESULT (result);
  secret = tessera_secret_store_lookup_generated_finish (fixture->store, result, &error);
  g_assert_no_error (error);

  return secret;
}

/* Creates a token through the session (as the generate dialog would) and,
 * when @save, keeps its secret in the keyring. */
static inline TesseraToken *
create_token (Fixture    *fixture,
              const char *notes,
              gboolean    save)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) save_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expire = g_date_time_add_days (now, 30);
  TesseraToken *token;
  char *secret = NULL;

  tessera_session_create_token_async (fixture->session, notes, expire, NULL, result_cb, &result);
  WAIT_RESULT (result);
  token = tessera_session_create_token_finish (fixture->session, result, &secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_nonnull (secret);

  if (save)
    {
      tessera_session_save_secret_async (fixture->session, token, secret, NULL,
                                         result_cb, &save_result);
      WAIT_RESULT (save_result);
      g_assert_true (tessera_session_save_secret_finish (fixture->session, save_result, &error));
      g_assert_no_error (error);
    }

  explicit_bzero (secret, strlen (secret));
  g_free (secret);

  return token;
}

/* Whether @window (compared, never dereferenced) is still an open window:
 * destroyed, it may live on a little while something holds a reference. */
static inline gboolean
window_is_open (gpointer window)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gboolean found = g_list_find (toplevels, window) != NULL;

  g_list_free (toplevels);

  return found;
}

/* The message dialog transient for @parent, if one is open. */
static inline AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  AdwMessageDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data)
        && gtk_window_get_transient_for (l->data) == parent
        && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

static inline GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Clicks the response button labelled @label (mnemonic included, e.g.
 * "_Delete") as a person would: adw_message_dialog_response() alone would
 * not close the dialog. */
static inline void
click_response (AdwMessageDialog *dialog,
                const char       *label)
{
  GtkWidget *button = find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* No message dialog (an error…) is open over @parent. */
static inline void
assert_no_message_dialog (GtkWindow *parent)
{
  AdwMessageDialog *dialog = find_message_dialog (parent);

  if (dialog != NULL)
    g_error ("Unexpected dialog “%s”: %s", adw_message_dialog_get_heading (dialog),
             adw_message_dialog_get_body (dialog));
}

static inline GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);

  return GTK_WIDGET (child);
}

static inline void
test_init (int    *argc,
           char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}
