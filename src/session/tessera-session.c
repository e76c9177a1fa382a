/* tessera-session.c — one account's sign-in state, and what a refusal, a
 * deleted sign-in token or Delete All do to it
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-session"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tessera-jwt.h"
#include "tessera-secret.h"
#include "tessera-server-url.h"
#include "tessera-session-impl.h"
#include "tessera-words.h"

G_DEFINE_FINAL_TYPE (TesseraSession, tessera_session, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (TesseraSessionState, tessera_session_state,
                    G_DEFINE_ENUM_VALUE (TESSERA_SESSION_STATE_RESTORING, "restoring"),
                    G_DEFINE_ENUM_VALUE (TESSERA_SESSION_STATE_SIGNED_IN, "signed-in"),
                    G_DEFINE_ENUM_VALUE (TESSERA_SESSION_STATE_REFUSED, "refused"),
                    G_DEFINE_ENUM_VALUE (TESSERA_SESSION_STATE_FAILED, "failed"),
                    G_DEFINE_ENUM_VALUE (TESSERA_SESSION_STATE_ENDED, "ended"))

enum {
  PROP_0,
  PROP_SERVER_URL,
  PROP_EMAIL,
  PROP_ACCOUNT,
  PROP_STATE,
  PROP_ERROR,
  PROP_TOKENS,
  PROP_SECRETS,
  PROP_SIGN_IN_TOKEN_ID,
  PROP_SIGN_IN_EXPIRES,
  N_PROPS
};

enum {
  WARNING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- state */

void
tessera_session_set_state (TesseraSession      *self,
           TesseraSessionState  state,
           GError              *error)   /* (transfer full) (nullable) */
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->error != NULL || error != NULL)
    {
      g_clear_error (&self->error);
      self->error = error;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  if (self->state != state)
    {
      g_debug ("%s on %s: %s", self->email, self->server_url,
               g_enum_get_value (g_type_class_peek (TESSERA_TYPE_SESSION_STATE), state)->value_nick);
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

GError *
tessera_session_words_error (int    code,
             char  *words)   /* (transfer full) */
{
  GError *error = g_error_new_literal (TESSERA_SESSION_ERROR, code, words);

  g_free (words);
  return error;
}

/* A new generation: whatever ran for the old one is abandoned. */
guint64
tessera_session_next_generation (TesseraSession *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  return ++self->generation;
}

static void
client_warning_cb (TesseraClient  *client,
                   const char     *message,
                   TesseraSession *self)
{
  g_signal_emit (self, signals[WARNING], 0, message);
}

void
tessera_session_set_client (TesseraSession *self,
            TesseraClient  *client)
{
  if (self->client == client)
    return;

  if (self->client != NULL)
    g_clear_signal_handler (&self->client_warning_id, self->client);
  g_set_object (&self->client, client);
  if (self->client != NULL)
    self->client_warning_id = g_signal_connect (self->client, "warning",
                                                G_CALLBACK (client_warning_cb), self);
  tessera_token_list_set_client (self->tokens, client);
}

static void
set_sign_in_token (TesseraSession *self,
                   const char     *token)
{
  g_autoptr(GDateTime) exp = NULL;
  g_autofree char *jti = NULL;

  /* Not every token need be a JWT: then there is simply nothing to say. */
  if (token == NULL || !tessera_jwt_read_claims (token, &exp, &jti, NULL))
    {
      g_clear_pointer (&exp, g_date_time_unref);
      g_clear_pointer (&jti, g_free);
    }

  if (g_strcmp0 (jti, self->sign_in_token_id) != 0)
    {
      g_free (self->sign_in_token_id);
      self->sign_in_token_id = g_steal_pointer (&jti);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGN_IN_TOKEN_ID]);
    }
  if (exp != NULL || self->sign_in_expires != NULL)
    {
      g_clear_pointer (&self->sign_in_expires, g_date_time_unref);
      self->sign_in_expires = g_steal_pointer (&exp);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGN_IN_EXPIRES]);
    }
}

static void
secrets_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tessera_saved_secrets_load_finish (TESSERA_SAVED_SECRETS (object), result, &error))
    g_debug ("Could not read which secrets are saved: %s", error->message);
}

/* @listing: the first page already went out (a restore sends it together
 * with /user/me). */
void
tessera_session_become_signed_in (TesseraSession *self,
                  TesseraClient  *client,
                  TesseraAccount *account,
                  const char     *token,
                  gboolean        listing)
{
  g_object_freeze_notify (G_OBJECT (self));

  tessera_session_set_client (self, client);
  if (g_set_object (&self->account, account))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
  set_sign_in_token (self, token);
  if (!listing)
    tessera_token_list_reload (self->tokens);
  tessera_saved_secrets_load_async (self->secrets, self->cancellable, secrets_loaded_cb, NULL);
  tessera_session_set_state (self, TESSERA_SESSION_STATE_SIGNED_IN, NULL);

  g_object_thaw_notify (G_OBJECT (self));
}

/* The session is over: it leaves TesseraAccounts.  @reason: why, when it
 * ended on its own. */
void
tessera_session_end_session (TesseraSession *self,
     char           *reason)   /* (transfer full) (nullable) */
{
  tessera_session_next_generation (self);
  tessera_session_set_client (self, NULL);
  tessera_token_list_clear (self->tokens);
  set_sign_in_token (self, NULL);
  tessera_session_set_state (self, TESSERA_SESSION_STATE_ENDED,
             reason != NULL ? tessera_session_words_error (TESSERA_SESSION_ERROR_ENDED, reason) : NULL);
}

void
tessera_session_switch_token (TesseraSession *self,
                              TesseraClient  *client,
                              const char     *token)
{
  g_return_if_fail (self->state == TESSERA_SESSION_STATE_SIGNED_IN);

  g_object_freeze_notify (G_OBJECT (self));
  tessera_session_set_client (self, client);
  set_sign_in_token (self, token);
  /* A new client drops the listing under way: one with the new token. */
  tessera_token_list_reload (self->tokens);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Kept in the keyring: a proxy, a captive portal or a glitch can answer
 * 401 too.  Only the user removes it (Sign In Again, Remove Account). */
void
tessera_session_become_refused (TesseraSession *self)
{
  if (self->state == TESSERA_SESSION_STATE_REFUSED || self->state == TESSERA_SESSION_STATE_ENDED)
    return;

  tessera_session_next_generation (self);
  tessera_session_set_client (self, NULL);
  tessera_session_set_state (self, TESSERA_SESSION_STATE_REFUSED,
             tessera_session_words_error (TESSERA_SESSION_ERROR_NOT_SIGNED_IN, tessera_words_sign_in_refused ()));
}

static void
tokens_unauthenticated_cb (TesseraSession *self,
                           const GError   *error)
{
  g_debug ("The server refused the sign-in token: %s", error->message);
  tessera_session_become_refused (self);
}

static void
warn_keyring_left (TesseraSession *self,
                   const GError   *error)
{
  g_debug ("Keyring items stay behind: %s", error->message);
  if (!g_error_matches (error, TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE))
    g_signal_emit (self, signals[WARNING], 0,
                   _("Some keyring items of this account could not be removed"));
}

static void
sign_in_cleared_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TesseraSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tessera_secret_store_clear_sign_in_finish (TESSERA_SECRET_STORE (object), result, &error))
    warn_keyring_left (self, error);
}

static void
all_forgotten_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TesseraSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tessera_saved_secrets_forget_all_finish (TESSERA_SAVED_SECRETS (object), result, &error))
    warn_keyring_left (self, error);
}

static void
tokens_deleted_cb (TesseraSession *self,
                   const char     *id)
{
  if (self->state != TESSERA_SESSION_STATE_SIGNED_IN ||
      g_strcmp0 (id, self->sign_in_token_id) != 0)
    return;

  /* The token it was signed in with is gone: nothing left to keep. */
  tessera_secret_store_clear_sign_in_async (self->store, self->server_url, self->email, NULL,
                                            sign_in_cleared_cb, g_object_ref (self));
  tessera_session_end_session (self, tessera_words_sign_in_token_deleted ());
}

static void
tokens_all_deleted_cb (TesseraSession *self)
{
  tessera_saved_secrets_forget_all_async (self->secrets, NULL, all_forgotten_cb, g_object_ref (self));
  tessera_session_end_session (self, tessera_words_all_tokens_deleted ());
}

void
tessera_session_set_request_timeout (TesseraSession *self,
                                     guint           seconds)
{
  g_return_if_fail (TESSERA_IS_SESSION (self));

  self->request_timeout = seconds;
  if (self->client != NULL && seconds > 0)
    tessera_client_set_timeout (self->client, seconds);
}

TesseraSession *
tessera_session_new (TesseraSecretStore *store,
                     TesseraClock       *clock,
                     const char         *server_url,
                     const char         *email)
{
  TesseraSession *self;

  g_return_val_if_fail (TESSERA_IS_SECRET_STORE (store), NULL);
  g_return_val_if_fail (TESSERA_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (server_url != NULL && email != NULL, NULL);

  self = g_object_new (TESSERA_TYPE_SESSION, NULL);
  self->store = g_object_ref (store);
  self->clock = g_object_ref (clock);
  self->server_url = g_strdup (server_url);
  self->email = g_strdup (email);
  self->secrets = tessera_saved_secrets_new (store, server_url, email);
  self->tokens = tessera_token_list_new (clock, self->secrets);

  g_signal_connect_object (self->tokens, "unauthenticated",
                           G_CALLBACK (tokens_unauthenticated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tokens, "deleted",
                           G_CALLBACK (tokens_deleted_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tokens, "all-deleted",
                           G_CALLBACK (tokens_all_deleted_cb), self, G_CONNECT_SWAPPED);

  return self;
}

/* A shell word in single quotes: a ' inside becomes '\''. */
static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append (out, "'\\''");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

char *
tessera_session_format_secret (TesseraSession    *self,
                               const char        *secret,
                               TesseraCopyFormat  format)
{
  GString *out;
  char *text;

  g_return_val_if_fail (TESSERA_IS_SESSION (self), NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  /* Room for all of it at once: a buffer that grew would leave an
   * earlier, unwiped copy behind. */
  out = g_string_sized_new (2 * strlen (secret) + strlen (self->server_url) + 128);
  switch (format)
    {
    case TESSERA_COPY_ENVIRONMENT:
      g_string_append (out, "export API7_CLOUD_TOKEN=");
      append_quoted (out, secret);
      break;

    case TESSERA_COPY_HEADER:
      g_string_append_printf (out, "Authorization: Bearer %s", secret);
      break;

    case TESSERA_COPY_CURL:
      {
        g_autofree char *url = tessera_server_url_user_me (self->server_url);
        g_autofree char *header = g_strconcat ("Authorization: Bearer ", secret, NULL);

        /* The seed's own test of a token. */
        g_string_append_printf (out, "curl %s -H ", url);
        append_quoted (out, header);
        g_string_append (out, " -i");
        tessera_secret_wipe (header, strlen (header));
      }
      break;

    case TESSERA_COPY_TOKEN:
    default:
      g_string_append (out, secret);
      break;
    }

  text = g_strndup (out->str, out->len);
  tessera_secret_wipe (out->str, out->allocated_len);
  g_string_free (out, TRUE);
  return text;
}

/* ---------------------------------------------------------------- getters */

const char *
tessera_session_get_server_url (TesseraSession *self)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), NULL);
  return self->server_url;
}

const char *
tessera_session_get_email (TesseraSession *self)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), NULL);
  return self->email;
}

TesseraAccount *
tessera_session_get_account (TesseraSession *self)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), NULL);
  return self->account;
}

TesseraSessionState
tessera_session_get_state (TesseraSession *self)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), TESSERA_SESSION_STATE_ENDED);
  return self->state;
}

const GError *
tessera_session_get_error (TesseraSession *self)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), NULL);
  return self->error;
}

TesseraTokenList *
tessera_session_get_tokens (TesseraSession *self)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), NULL);
  return self->tokens;
}

TesseraSavedSecrets *
tessera_session_get_secrets (TesseraSession *self)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), NULL);
  return self->secrets;
}

const char *
tessera_session_get_sign_in_token_id (TesseraSession *self)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), NULL);
  return self->sign_in_token_id;
}

GDateTime *
tessera_session_get_sign_in_expires (TesseraSession *self)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), NULL);
  return self->sign_in_expires;
}

char *
tessera_session_dup_title (TesseraSession *self)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  g_return_val_if_fail (TESSERA_IS_SESSION (self), NULL);

  uri = g_uri_parse (self->server_url, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : self->server_url;
  if (uri != NULL && g_uri_get_port (uri) > 0)
    /* Translators: an account in the account menu: "ada@example.com — 127.0.0.1:8080" */
    return g_strdup_printf (_("%s — %s:%d"), self->email, host, g_uri_get_port (uri));

  /* Translators: an account in the account menu: "ada@example.com — console.api7.cloud" */
  return g_strdup_printf (_("%s — %s"), self->email, host);
}

gboolean
tessera_session_matches (TesseraSession *self,
                         const char     *server_url,
                         const char     *email)
{
  g_return_val_if_fail (TESSERA_IS_SESSION (self), FALSE);

  /* Email addresses are compared as the server does not care for case. */
  return g_strcmp0 (self->server_url, server_url) == 0 &&
         email != NULL && g_ascii_strcasecmp (self->email, email) == 0;
}

/* ---------------------------------------------------------------- GObject */

static void
tessera_session_dispose (GObject *object)
{
  TesseraSession *self = TESSERA_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->tokens != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->tokens, self);
      tessera_token_list_set_client (self->tokens, NULL);
    }
  tessera_session_set_client (self, NULL);

  G_OBJECT_CLASS (tessera_session_parent_class)->dispose (object);
}

static void
tessera_session_finalize (GObject *object)
{
  TesseraSession *self = TESSERA_SESSION (object);

  g_clear_object (&self->tokens);
  g_clear_object (&self->secrets);
  g_clear_object (&self->account);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_error (&self->error);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->sign_in_token_id, g_free);
  g_clear_pointer (&self->sign_in_expires, g_date_time_unref);

  G_OBJECT_CLASS (tessera_session_parent_class)->finalize (object);
}

static void
tessera_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TesseraSession *self = TESSERA_SESSION (object);

  switch (prop_id)
    {
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_TOKENS:
      g_value_set_object (value, self->tokens);
      break;
    case PROP_SECRETS:
      g_value_set_object (value, self->secrets);
      break;
    case PROP_SIGN_IN_TOKEN_ID:
      g_value_set_string (value, self->sign_in_token_id);
      break;
    case PROP_SIGN_IN_EXPIRES:
      g_value_set_boxed (value, self->sign_in_expires);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_session_class_init (TesseraSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tessera_session_dispose;
  object_class->finalize = tessera_session_finalize;
  object_class->get_property = tessera_session_get_property;

  properties[PROP_SERVER_URL] = g_param_spec_string ("server-url", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_ACCOUNT] = g_param_spec_object ("account", NULL, NULL, TESSERA_TYPE_ACCOUNT, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, TESSERA_TYPE_SESSION_STATE,
                                              TESSERA_SESSION_STATE_RESTORING, flags);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, flags);
  properties[PROP_TOKENS] = g_param_spec_object ("tokens", NULL, NULL, TESSERA_TYPE_TOKEN_LIST, flags);
  properties[PROP_SECRETS] = g_param_spec_object ("secrets", NULL, NULL,
                                                  TESSERA_TYPE_SAVED_SECRETS, flags);
  properties[PROP_SIGN_IN_TOKEN_ID] = g_param_spec_string ("sign-in-token-id", NULL, NULL,
                                                           NULL, flags);
  properties[PROP_SIGN_IN_EXPIRES] = g_param_spec_boxed ("sign-in-expires", NULL, NULL,
                                                         G_TYPE_DATE_TIME, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[WARNING] =
    g_signal_new ("warning", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tessera_session_init (TesseraSession *self)
{
  self->state = TESSERA_SESSION_STATE_RESTORING;
  self->cancellable = g_cancellable_new ();
}
