/* window-test-util.h — what the window tests share: a real server, an
 * application, windows, and finding widgets by what a person sees
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <adwaita.h>

#include "tessera-application.h"
#include "tessera-client.h"
#include "tessera-secret-store.h"
#include "tessera-session.h"
#include "tessera-sign-in-page.h"
#include "tessera-test-server.h"
#include "tessera-token-page.h"
#include "tessera-token-row.h"
#include "tessera-window.h"

#define WAIT_SECONDS 40

/* Iterates the main context until @cond holds; fails after WAIT_SECONDS. */
#define WAIT_UNTIL(cond)                                                        \
  G_STMT_START {                                                                \
    gint64 wait_end_ = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC; \
    while (!(cond))                                                             \
      {                                                                         \
        if (g_get_monotonic_time () > wait_end_)                                \
          g_error ("Timed out waiting for: %s", #cond);                         \
        if (!g_main_context_iteration (NULL, FALSE))                            \
          g_usleep (2000);                                                      \
      }                                                                         \
  } G_STMT_END

static inline void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static inline void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* One registered application per test program (a second one could not
 * export itself on the bus while the first lives); a new reference each call. */
static inline TesseraApplication *
new_test_application (void)
{
  static TesseraApplication *app;
  g_autoptr(GError) error = NULL;

  if (app == NULL)
    {
      app = tessera_application_new ();
      /* Not unique: tests run side by side on one session bus. */
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }

  return g_object_ref (app);
}

/* A shown window for @url (a reference the caller owns); @token: sign in
 * with it instead of restoring. */
static inline TesseraWindow *
open_test_window (TesseraApplication *app,
                  const char         *url,
                  const char         *token)
{
  TesseraWindow *window = tessera_window_new (app, url);

  g_object_ref_sink (window);
  if (token != NULL)
    tessera_window_sign_in_with_token (window, token);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (window)) > 0);

  return window;
}

static inline void
close_test_window (TesseraWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (20);
  g_object_unref (window);
}

static inline const char *
window_page (TesseraWindow *window)
{
  return tessera_window_get_page (window);
}

static inline TesseraTokenPage *
token_page (TesseraWindow *window)
{
  return TESSERA_TOKEN_PAGE (tessera_window_get_token_page (window));
}

static inline TesseraSignInPage *
sign_in_page (TesseraWindow *window)
{
  return TESSERA_SIGN_IN_PAGE (tessera_window_get_sign_in_page (window));
}

/* The token page shows its list (not loading, not an error). */
static inline gboolean
list_shown (TesseraWindow *window)
{
  return g_strcmp0 (window_page (window), "tokens") == 0 &&
         g_strcmp0 (tessera_token_page_get_view (token_page (window)), "list") == 0;
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

static inline void
collect_widgets (GtkWidget   *root,
                 WidgetMatch  match,
                 gconstpointer data,
                 GPtrArray   *out)
{
  if (match (root, data))
    g_ptr_array_add (out, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, match, data, out);
}

static inline GtkWidget *
find_widget (GtkWidget     *root,
             WidgetMatch    match,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, match, data, found);
  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

static inline gboolean
match_token_row (GtkWidget     *widget,
                 gconstpointer  data)
{
  return TESSERA_IS_TOKEN_ROW (widget);
}

static inline gboolean
match_action (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static inline gboolean
match_label_prefix (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

static inline gboolean
match_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

/* The token rows the list shows now, top to bottom. */
static inline GPtrArray *
token_rows (TesseraWindow *window)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (token_page (window)), match_token_row, NULL, rows);
  return rows;
}

static inline guint
n_token_rows (TesseraWindow *window)
{
  g_autoptr(GPtrArray) rows = token_rows (window);

  return rows->len;
}

static inline gboolean
match_visible_label (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget);
}

/* Every visible text of @row, one per line. */
static inline char *
row_text (GtkWidget *row)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  collect_widgets (row, match_visible_label, NULL, labels);
  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (text, "%s\n", gtk_label_get_text (g_ptr_array_index (labels, i)));

  return g_string_free (text, FALSE);
}

/* The row of the token whose notes are @notes. */
static inline GtkWidget *
row_for_notes (TesseraWindow *window,
               const char    *notes)
{
  g_autoptr(GPtrArray) rows = token_rows (window);

  for (guint i = 0; i < rows->len; i++)
    {
      TesseraToken *token = tessera_token_row_get_token (g_ptr_array_index (rows, i));

      if (g_strcmp0 (tessera_token_get_notes (token), notes) == 0)
        return g_ptr_array_index (rows, i);
    }

  return NULL;
}

/* The ids the server has, asked with a client of its own. */
static inline GPtrArray *
server_token_ids (TesseraTestServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  client = tessera_client_new (tessera_test_server_get_url (server),
                               tessera_test_server_get_demo_token (server), &error);
  g_assert_no_error (error);
  tessera_client_list_tokens_async (client, NULL, result_cb, &result);
  WAIT_UNTIL (result != NULL);
  tokens = tessera_client_list_tokens_finish (client, result, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < tokens->len; i++)
    g_ptr_array_add (ids, g_strdup (tessera_token_get_id (g_ptr_array_index (tokens, i))));

  return ids;
}

/* The sign-in token the keyring holds for @url, or NULL. */
static inline char *
keyring_sign_in (const char *url)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  tessera_secret_store_lookup_sign_in_async (store, url, NULL, result_cb, &result);
  WAIT_UNTIL (result != NULL);
  secret = tessera_secret_store_lookup_sign_in_finish (store, result, NULL, &error);
  /* A lookup racing the window's own write of the item can fail; callers
   * wait for the answer they expect, so say "nothing yet". */
  if (error != NULL)
    g_test_message ("Keyring lookup failed: %s", error->message);

  return secret;
}

/* Whether the keyring holds a sign-in token for @url.  A lookup that races
 * the window's own delete of that item can fail: that counts as "still
 * there" so that a WAIT_UNTIL asks again. */
static inline gboolean
keyring_has_sign_in (const char *url)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  tessera_secret_store_lookup_sign_in_async (store, url, NULL, result_cb, &result);
  WAIT_UNTIL (result != NULL);
  secret = tessera_secret_store_lookup_sign_in_finish (store, result, NULL, &error);
  if (error != NULL)
    {
      g_test_message ("Keyring lookup failed: %s", error->message);
      return TRUE;
    }
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));

  return secret != NULL;
}
