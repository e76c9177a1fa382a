/* tessera-window-sign-in.c — the window's sign-in page: signing in, adding
 * an account, signing in again, and what the command line asks
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-time.h"
#include "tessera-window-private.h"
#include "tessera-words.h"

/* @mode, and the sign-in page's parts that depend on it: the server fixed
 * while signing in again, a Cancel while there is an account to go back
 * to.  The page and the actions are the caller's to update. */
void
tessera_window_apply_sign_in_mode (TesseraWindow *self,
                                   SignInMode     mode)
{
  self->sign_in_mode = mode;
  tessera_sign_in_page_set_server_locked (self->sign_in_page, mode == SIGN_IN_AGAIN);
  tessera_sign_in_page_set_can_cancel (self->sign_in_page,
                                       (mode == SIGN_IN_ADD || mode == SIGN_IN_AGAIN) &&
                                       self->session != NULL);
}

void
tessera_window_abandon_sign_in (TesseraWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  tessera_sign_in_page_set_busy (self->sign_in_page, FALSE);
  tessera_sign_in_page_clear_token (self->sign_in_page);
}

void
tessera_window_set_sign_in_mode (TesseraWindow *self,
                                 SignInMode     mode)
{
  if (mode == SIGN_IN_AGAIN && self->session != NULL)
    {
      g_autofree char *notice = NULL;

      /* Translators: %s is an email address. */
      notice = g_strdup_printf (_("Sign in again as %s with a new personal access token."),
                                tessera_session_get_email (self->session));
      tessera_sign_in_page_set_server (self->sign_in_page, tessera_session_get_server_url (self->session));
      tessera_sign_in_page_set_notice (self->sign_in_page, notice);
    }
  else if (mode == SIGN_IN_ADD)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      /* Another account is most often on the same server as this one. */
      if (self->session != NULL)
        tessera_sign_in_page_set_server (self->sign_in_page,
                                         tessera_session_get_server_url (self->session));
      else if (TESSERA_IS_APPLICATION (app))
        {
          g_autofree char *server = tessera_application_dup_server_url (TESSERA_APPLICATION (app));

          tessera_sign_in_page_set_server (self->sign_in_page, server);
        }
      tessera_sign_in_page_set_notice (self->sign_in_page, NULL);
    }

  tessera_sign_in_page_set_error (self->sign_in_page, NULL);
  tessera_window_apply_sign_in_mode (self, mode);
  tessera_window_update_page (self);
  tessera_window_update_actions (self);
}

static void
signed_in (TesseraWindow  *self,
           TesseraSession *session,
           const GError   *keyring_error)
{
  GDateTime *expires;

  tessera_sign_in_page_set_busy (self->sign_in_page, FALSE);
  tessera_sign_in_page_clear_token (self->sign_in_page);
  tessera_sign_in_page_set_notice (self->sign_in_page, NULL);
  /* Done: a plain sign-in page again, should it be shown later. */
  tessera_window_apply_sign_in_mode (self, SIGN_IN_NONE);
  if (self->session == session)
    {
      tessera_window_update_page (self);
      tessera_window_update_actions (self);
    }
  else
    tessera_window_set_session (self, session);

  if (g_error_matches (keyring_error, TESSERA_SECRET_STORE_ERROR,
                       TESSERA_SECRET_STORE_ERROR_UNAVAILABLE))
    {
      g_autofree char *message = tessera_words_signed_in_keyring_unavailable ();

      tessera_window_toast (self, message);
    }
  else if (keyring_error != NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Signed in, but the token could not be saved in the keyring: %s"),
                                 keyring_error->message);
      tessera_window_toast (self, message);
    }

  expires = tessera_session_get_sign_in_expires (session);
  if (expires != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *when = tessera_time_format_date (expires, now);
      g_autofree char *message = NULL;

      /* Translators: %s is a date, "5 Jan 2027" */
      message = g_strdup_printf (_("Signed in with a token that expires on %s"), when);
      tessera_window_toast (self, message);
    }
}

static void
sign_in_failed (TesseraWindow *self,
                const GError  *error)
{
  tessera_sign_in_page_set_busy (self->sign_in_page, FALSE);
  tessera_sign_in_page_set_error (self->sign_in_page, error->message);
  tessera_window_announce (self, error->message);
  /* A sign-in given on the command line lands here too: the sign-in page
   * then offers to try another token. */
  if (self->sign_in_mode != SIGN_IN_AGAIN)
    tessera_window_apply_sign_in_mode (self, SIGN_IN_ADD);
  tessera_window_update_page (self);
  tessera_window_update_actions (self);
  tessera_sign_in_page_focus (self->sign_in_page);
}

static void
add_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(TesseraWindow) self = user_data;
  g_autoptr(TesseraSession) session = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GError) error = NULL;

  session = tessera_accounts_add_finish (TESSERA_ACCOUNTS (object), result, &keyring_error, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (session == NULL)
    sign_in_failed (self, error);
  else
    signed_in (self, session, keyring_error);
}

static void
sign_in_again_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TesseraWindow) self = user_data;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GError) error = NULL;

  if (!tessera_session_sign_in_finish (TESSERA_SESSION (object), result, &keyring_error, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sign_in_failed (self, error);
      return;
    }

  signed_in (self, TESSERA_SESSION (object), keyring_error);
}

void
tessera_window_start_sign_in (TesseraWindow *self,
                              const char    *server_url,
                              const char    *token)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  tessera_sign_in_page_set_busy (self->sign_in_page, TRUE);

  if (self->sign_in_mode == SIGN_IN_AGAIN && self->session != NULL)
    tessera_session_sign_in_async (self->session, token, self->cancellable,
                                   sign_in_again_cb, g_object_ref (self));
  else
    tessera_accounts_add_async (self->accounts, server_url, token, self->cancellable,
                                add_cb, g_object_ref (self));
}

void
tessera_window_open_server (TesseraWindow *self,
                            const char    *server_url,
                            const char    *token)
{
  guint n;

  g_return_if_fail (TESSERA_IS_WINDOW (self));
  g_return_if_fail (server_url != NULL);

  if (token != NULL)
    {
      /* Stays on the loading page until the answer, unless it fails. */
      tessera_sign_in_page_set_server (self->sign_in_page, server_url);
      tessera_window_set_sign_in_mode (self, SIGN_IN_OPENING);
      tessera_window_start_sign_in (self, server_url, token);
      return;
    }

  /* Which accounts there are is not known yet: ask again when it is. */
  if (tessera_accounts_get_restoring (self->accounts))
    {
      g_free (self->pending_server);
      self->pending_server = g_strdup (server_url);
      tessera_sign_in_page_set_server (self->sign_in_page, server_url);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraSession) session = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      if (g_strcmp0 (tessera_session_get_server_url (session), server_url) == 0)
        {
          tessera_window_set_session (self, session);
          return;
        }
    }

  tessera_window_set_sign_in_mode (self, SIGN_IN_ADD);
  tessera_sign_in_page_set_server (self->sign_in_page, server_url);
}

