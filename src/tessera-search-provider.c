/* tessera-search-provider.c — tokens in GNOME Shell's search
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A result id is "SERVER EMAIL TOKEN-ID" (a server origin and an email
 * hold no space): it names a token, never its secret.  The Shell may ask
 * before the accounts are restored (it starts Tessera to ask): answers wait
 * for every account's first listing, a few seconds at most.
 */
#define G_LOG_DOMAIN "tessera-search-provider"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-search-provider.h"
#include "tessera-shell-search-provider2.h"
#include "tessera-text.h"
#include "tessera-time.h"

/* How long an answer may wait for the accounts to be listed. */
#define READY_WAIT_MS 4000
/* The Shell shows a handful; more only costs the D-Bus message. */
#define MAX_RESULTS 30

struct _TesseraSearchProvider
{
  GObject                       parent_instance;

  GApplication                 *application;
  TesseraAccounts              *accounts;
  TesseraShellSearchProvider2  *skeleton;
  GPtrArray                    *waiting;   /* Pending */
};

G_DEFINE_FINAL_TYPE (TesseraSearchProvider, tessera_search_provider, G_TYPE_OBJECT)

enum {
  ACTIVATE_RESULT,
  LAUNCH_SEARCH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- results */

static char *
result_id (TesseraSession *session,
           TesseraToken   *token)
{
  return g_strdup_printf ("%s %s %s", tessera_session_get_server_url (session),
                          tessera_session_get_email (session), tessera_token_get_id (token));
}

/* The session and token a result id names, or FALSE. */
static gboolean
parse_result_id (TesseraSearchProvider  *self,
                 const char             *id,
                 TesseraSession        **session_out,
                 TesseraToken          **token_out)
{
  g_auto(GStrv) parts = g_strsplit (id, " ", 3);
  TesseraSession *session;
  TesseraToken *token;

  if (g_strv_length (parts) != 3)
    return FALSE;

  session = tessera_accounts_find (self->accounts, parts[0], parts[1]);
  if (session == NULL)
    return FALSE;
  token = tessera_token_list_find (tessera_session_get_tokens (session), parts[2]);
  if (token == NULL)
    return FALSE;

  *session_out = session;
  *token_out = token;
  return TRUE;
}

static gboolean
matches (TesseraToken       *token,
         const char * const *folded_terms)
{
  g_autofree char *note = g_utf8_casefold (tessera_token_get_notes (token), -1);

  for (guint i = 0; folded_terms[i] != NULL; i++)
    if (strstr (note, folded_terms[i]) == NULL)
      return FALSE;

  return folded_terms[0] != NULL;
}

static GStrv
fold_terms (const char * const *terms)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; terms != NULL && terms[i] != NULL; i++)
    if (terms[i][0] != '\0')
      {
        g_autofree char *folded = g_utf8_casefold (terms[i], -1);

        g_strv_builder_add (builder, folded);
      }

  return g_strv_builder_end (builder);
}

GStrv
tessera_search_provider_find (TesseraSearchProvider *self,
                              const char * const    *terms)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) folded = fold_terms (terms);
  GListModel *accounts = G_LIST_MODEL (self->accounts);
  guint n_found = 0;

  g_return_val_if_fail (TESSERA_IS_SEARCH_PROVIDER (self), NULL);

  for (guint a = 0; a < g_list_model_get_n_items (accounts) && n_found < MAX_RESULTS; a++)
    {
      g_autoptr(TesseraSession) session = g_list_model_get_item (accounts, a);
      GListModel *tokens = G_LIST_MODEL (tessera_session_get_tokens (session));

      for (guint t = 0; t < g_list_model_get_n_items (tokens) && n_found < MAX_RESULTS; t++)
        {
          g_autoptr(TesseraToken) token = g_list_model_get_item (tokens, t);

          if (matches (token, (const char * const *) folded))
            {
              g_autofree char *id = result_id (session, token);

              g_strv_builder_add (builder, id);
              n_found++;
            }
        }
    }

  return g_strv_builder_end (builder);
}

/* Of @previous, those still there that match @terms. */
static GStrv
refine (TesseraSearchProvider *self,
        const char * const    *previous,
        const char * const    *terms)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) folded = fold_terms (terms);

  for (guint i = 0; previous != NULL && previous[i] != NULL; i++)
    {
      TesseraSession *session;
      TesseraToken *token;

      if (parse_result_id (self, previous[i], &session, &token) &&
          matches (token, (const char * const *) folded))
        g_strv_builder_add (builder, previous[i]);
    }

  return g_strv_builder_end (builder);
}

static char *
describe (TesseraSession *session,
          TesseraToken   *token)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *account = tessera_session_dup_title (session);
  g_autofree char *expiry = NULL;

  if (tessera_token_get_state (token) == TESSERA_TOKEN_STATE_EXPIRED)
    expiry = g_strdup (_("Expired"));
  else
    expiry = tessera_time_format_expiry (tessera_token_get_expire (token), now);

  /* Translators: a search result's description: the account, then when
   * the token expires ("Expires on 5 Jan 2027 · in 3 months"). */
  return g_strdup_printf (_("%s · %s"), account, expiry);
}

static GVariant *
result_metas (TesseraSearchProvider *self,
              const char * const    *ids)
{
  GVariantBuilder metas;

  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autoptr(GIcon) icon = g_themed_icon_new (APP_ID);
      g_autofree char *icon_text = g_icon_to_string (icon);
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;
      TesseraSession *session;
      TesseraToken *token;
      GVariantBuilder meta;

      if (!parse_result_id (self, ids[i], &session, &token))
        continue;

      /* A note with control characters or bidi overrides cannot spoof
       * the Shell's text. */
      if (tessera_token_get_notes (token)[0] != '\0')
        name = tessera_text_escape_controls (tessera_token_get_notes (token));
      else
        /* Translators: a token without a note, by its id. */
        name = g_strdup_printf (_("Token %s"), tessera_token_get_id (token));
      description = describe (session, token);

      g_variant_builder_init (&meta, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (ids[i]));
      g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (name));
      g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
      g_variant_builder_add (&meta, "{sv}", "gicon", g_variant_new_string (icon_text));
      g_variant_builder_add_value (&metas, g_variant_builder_end (&meta));
    }

  return g_variant_builder_end (&metas);
}

/* ---------------------------------------------------------------- waiting */

/* Every account restored and listed (or failed): the answers can be whole. */
static gboolean
ready (TesseraSearchProvider *self)
{
  GListModel *accounts = G_LIST_MODEL (self->accounts);

  if (tessera_accounts_get_restoring (self->accounts))
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(TesseraSession) session = g_list_model_get_item (accounts, i);
      TesseraTokenList *tokens = tessera_session_get_tokens (session);

      if (tessera_session_get_state (session) == TESSERA_SESSION_STATE_RESTORING ||
          (tessera_session_get_state (session) == TESSERA_SESSION_STATE_SIGNED_IN &&
           !tessera_token_list_get_loaded (tokens) && tessera_token_list_get_error (tokens) == NULL))
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  TesseraSearchProvider *self;
  GDBusMethodInvocation *invocation;
  GStrv                  previous;   /* NULL: an initial search */
  GStrv                  terms;
  guint                  timeout_id;
} Pending;

static void
pending_answer (Pending *pending)
{
  g_auto(GStrv) results = NULL;

  if (pending->previous != NULL)
    results = refine (pending->self, (const char * const *) pending->previous,
                      (const char * const *) pending->terms);
  else
    results = tessera_search_provider_find (pending->self, (const char * const *) pending->terms);

  g_dbus_method_invocation_return_value (pending->invocation,
                                         g_variant_new ("(^as)", results));
}

static void
pending_free (Pending *pending)
{
  g_clear_handle_id (&pending->timeout_id, g_source_remove);
  g_clear_object (&pending->invocation);
  g_strfreev (pending->previous);
  g_strfreev (pending->terms);
  g_application_release (pending->self->application);
  g_free (pending);
}

static void
answer_waiting (TesseraSearchProvider *self,
                gboolean               even_if_not_ready)
{
  if (!even_if_not_ready && !ready (self))
    return;

  while (self->waiting->len > 0)
    {
      Pending *pending = g_ptr_array_steal_index (self->waiting, 0);

      pending_answer (pending);
      pending_free (pending);
    }
}

static gboolean
ready_timeout_cb (gpointer user_data)
{
  Pending *pending = user_data;
  TesseraSearchProvider *self = pending->self;

  /* Whatever is listed by now: the Shell does not wait forever either. */
  pending->timeout_id = 0;
  g_ptr_array_remove (self->waiting, pending);
  pending_answer (pending);
  pending_free (pending);

  return G_SOURCE_REMOVE;
}

static void
wait_then_answer (TesseraSearchProvider *self,
                  GDBusMethodInvocation *invocation,
                  const char * const    *previous,
                  const char * const    *terms)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = self;
  pending->invocation = g_object_ref (invocation);
  pending->previous = previous != NULL ? g_strdupv ((char **) previous) : NULL;
  pending->terms = g_strdupv ((char **) terms);
  /* A Tessera started for the search stays while it answers. */
  g_application_hold (self->application);

  if (ready (self))
    {
      pending_answer (pending);
      pending_free (pending);
      return;
    }

  pending->timeout_id = g_timeout_add (READY_WAIT_MS, ready_timeout_cb, pending);
  g_ptr_array_add (self->waiting, pending);
}

static void
session_changed_cb (TesseraSearchProvider *self)
{
  answer_waiting (self, FALSE);
}

static void
accounts_changed_cb (TesseraSearchProvider *self,
                     guint                  position,
                     guint                  removed,
                     guint                  added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(TesseraSession) session = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      g_signal_connect_object (session, "notify::state", G_CALLBACK (session_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (tessera_session_get_tokens (session), "notify::loaded",
                               G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (tessera_session_get_tokens (session), "notify::error",
                               G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
    }

  answer_waiting (self, FALSE);
}

/* ---------------------------------------------------------------- methods */

static gboolean
handle_get_initial_result_set (TesseraShellSearchProvider2 *skeleton,
                               GDBusMethodInvocation       *invocation,
                               const char * const          *terms,
                               TesseraSearchProvider       *self)
{
  wait_then_answer (self, invocation, NULL, terms);
  return TRUE;
}

static gboolean
handle_get_subsearch_result_set (TesseraShellSearchProvider2 *skeleton,
                                 GDBusMethodInvocation       *invocation,
                                 const char * const          *previous,
                                 const char * const          *terms,
                                 TesseraSearchProvider       *self)
{
  wait_then_answer (self, invocation, previous, terms);
  return TRUE;
}

static gboolean
handle_get_result_metas (TesseraShellSearchProvider2 *skeleton,
                         GDBusMethodInvocation       *invocation,
                         const char * const          *ids,
                         TesseraSearchProvider       *self)
{
  tessera_shell_search_provider2_complete_get_result_metas (skeleton, invocation,
                                                            result_metas (self, ids));
  return TRUE;
}

static gboolean
handle_activate_result (TesseraShellSearchProvider2 *skeleton,
                        GDBusMethodInvocation       *invocation,
                        const char                  *id,
                        const char * const          *terms,
                        guint                        timestamp,
                        TesseraSearchProvider       *self)
{
  TesseraSession *session;
  TesseraToken *token;

  if (parse_result_id (self, id, &session, &token))
    g_signal_emit (self, signals[ACTIVATE_RESULT], 0, session, tessera_token_get_id (token));
  else
    g_debug ("Activated a result that is gone: %s", id);

  tessera_shell_search_provider2_complete_activate_result (skeleton, invocation);
  return TRUE;
}

static gboolean
handle_launch_search (TesseraShellSearchProvider2 *skeleton,
                      GDBusMethodInvocation       *invocation,
                      const char * const          *terms,
                      guint                        timestamp,
                      TesseraSearchProvider       *self)
{
  g_autofree char *text = g_strjoinv (" ", (char **) terms);

  g_signal_emit (self, signals[LAUNCH_SEARCH], 0, text);
  tessera_shell_search_provider2_complete_launch_search (skeleton, invocation);
  return TRUE;
}

/* ---------------------------------------------------------------- public */

TesseraSearchProvider *
tessera_search_provider_new (GApplication    *application,
                             TesseraAccounts *accounts)
{
  TesseraSearchProvider *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TESSERA_IS_ACCOUNTS (accounts), NULL);

  self = g_object_new (TESSERA_TYPE_SEARCH_PROVIDER, NULL);
  self->application = application;   /* it owns us */
  self->accounts = g_object_ref (accounts);
  g_signal_connect_object (accounts, "items-changed", G_CALLBACK (accounts_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (accounts, "notify::restoring", G_CALLBACK (session_changed_cb),
                           self, G_CONNECT_SWAPPED);
  accounts_changed_cb (self, 0, 0, g_list_model_get_n_items (G_LIST_MODEL (accounts)));

  return self;
}

gboolean
tessera_search_provider_export (TesseraSearchProvider  *self,
                                GDBusConnection        *connection,
                                GError                **error)
{
  g_return_val_if_fail (TESSERA_IS_SEARCH_PROVIDER (self), FALSE);

  return g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->skeleton),
                                           connection, TESSERA_SEARCH_PROVIDER_PATH, error);
}

void
tessera_search_provider_unexport (TesseraSearchProvider *self)
{
  g_return_if_fail (TESSERA_IS_SEARCH_PROVIDER (self));

  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->skeleton));
}

static void
tessera_search_provider_dispose (GObject *object)
{
  TesseraSearchProvider *self = TESSERA_SEARCH_PROVIDER (object);

  /* Nobody is left to wait for: answer with what there is. */
  if (self->waiting != NULL)
    answer_waiting (self, TRUE);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_object (&self->skeleton);
  g_clear_object (&self->accounts);

  G_OBJECT_CLASS (tessera_search_provider_parent_class)->dispose (object);
}

static void
tessera_search_provider_class_init (TesseraSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tessera_search_provider_dispose;

  signals[ACTIVATE_RESULT] =
    g_signal_new ("activate-result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, TESSERA_TYPE_SESSION, G_TYPE_STRING);
  signals[LAUNCH_SEARCH] =
    g_signal_new ("launch-search", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tessera_search_provider_init (TesseraSearchProvider *self)
{
  self->waiting = g_ptr_array_new ();
  self->skeleton = tessera_shell_search_provider2_skeleton_new ();

  g_signal_connect (self->skeleton, "handle-get-initial-result-set",
                    G_CALLBACK (handle_get_initial_result_set), self);
  g_signal_connect (self->skeleton, "handle-get-subsearch-result-set",
                    G_CALLBACK (handle_get_subsearch_result_set), self);
  g_signal_connect (self->skeleton, "handle-get-result-metas",
                    G_CALLBACK (handle_get_result_metas), self);
  g_signal_connect (self->skeleton, "handle-activate-result",
                    G_CALLBACK (handle_activate_result), self);
  g_signal_connect (self->skeleton, "handle-launch-search",
                    G_CALLBACK (handle_launch_search), self);
}
