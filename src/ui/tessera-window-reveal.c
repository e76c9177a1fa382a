/* tessera-window-reveal.c — leading the window to one token (the Shell's
 * search, a notification) or to a search
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include "tessera-secret.h"
#include "tessera-window-private.h"

static void
reveal_copy_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TesseraWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(TesseraSecret) secret = NULL;

  secret = tessera_saved_secrets_lookup_finish (TESSERA_SAVED_SECRETS (object), result, &error);
  /* A locked keyring: the row is shown, without the copy. */
  if (secret == NULL)
    g_debug ("Not copied: %s", error != NULL ? error->message : "not saved");
  else
    tessera_window_copy_secret (self, secret);
}

void
tessera_window_stop_revealing (TesseraWindow *self)
{
  if (self->reveal_handler != 0 && self->session != NULL)
    g_signal_handler_disconnect (tessera_session_get_tokens (self->session), self->reveal_handler);
  self->reveal_handler = 0;
  g_clear_pointer (&self->reveal_id, g_free);
}

static void
try_reveal (TesseraWindow *self)
{
  TesseraSavedSecrets *secrets;
  TesseraSecretStore *store;
  gboolean interactive;

  if (self->reveal_id == NULL || self->session == NULL ||
      !tessera_token_page_reveal (self->token_page, self->reveal_id))
    return;

  secrets = tessera_session_get_secrets (self->session);
  /* Asked of the keyring even when the saved secrets are not known yet
   * (the row can come before their listing): a token with none is not
   * copied. */
  if (self->reveal_copy)
    {
      /* This one lookup may not ask to unlock the keyring, whatever the
       * rest of Tessera may do. */
      store = tessera_accounts_get_store (self->accounts);
      interactive = tessera_secret_store_get_interactive (store);
      tessera_secret_store_set_interactive (store, FALSE);
      tessera_saved_secrets_lookup_async (secrets, self->reveal_id, NULL,
                                          reveal_copy_cb, g_object_ref (self));
      tessera_secret_store_set_interactive (store, interactive);
    }

  tessera_window_stop_revealing (self);
}

void
tessera_window_reveal_token (TesseraWindow *self,
                             const char    *token_id,
                             gboolean       copy)
{
  g_return_if_fail (TESSERA_IS_WINDOW (self));
  g_return_if_fail (token_id != NULL);

  tessera_window_stop_revealing (self);
  if (self->session == NULL)
    return;

  self->reveal_id = g_strdup (token_id);
  self->reveal_copy = copy;
  /* Not listed yet (a Tessera just started): as soon as it is. */
  self->reveal_handler = g_signal_connect_object (tessera_session_get_tokens (self->session),
                                                  "items-changed", G_CALLBACK (try_reveal),
                                                  self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  try_reveal (self);
}

void
tessera_window_search (TesseraWindow *self,
                       const char    *text)
{
  g_return_if_fail (TESSERA_IS_WINDOW (self));

  if (self->session != NULL &&
      tessera_session_get_state (self->session) == TESSERA_SESSION_STATE_SIGNED_IN)
    tessera_token_page_search (self->token_page, text);
}

