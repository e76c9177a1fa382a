/* tessera-token-page.c — the list of personal access tokens
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-token-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-a11y.h"
#include "tessera-limits.h"
#include "tessera-time.h"
#include "tessera-token-page-private.h"
#include "tessera-token-row.h"
#include "tessera-words.h"

G_DEFINE_FINAL_TYPE (TesseraTokenPage, tessera_token_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_VIEW,
  PROP_SORT,
  PROP_SHOW,
  PROP_SELECTION_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  TesseraTokenPage *self = user_data;
  GtkWidget *row = tessera_token_row_new (TESSERA_TOKEN (item), self->session);

  tessera_token_page_setup_row (self, row);
  return row;
}

static void
search_changed_cb (TesseraTokenPage *self)
{
  tessera_token_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  /* The first match is at the top of the list: show it. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->list_scroller), 0);
}

static void
stop_search_cb (TesseraTokenPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
update_stale (TesseraTokenPage *self,
              TesseraTokenList *tokens)
{
  const GError *error = tessera_token_list_get_error (tokens);
  GDateTime *refreshed = tessera_token_list_get_refreshed_at (tokens);
  gboolean stale = tessera_token_list_get_stale (tokens);
  gboolean unsettled = !stale && !tessera_token_list_get_settled (tokens);
  g_autofree char *text = NULL;

  if (stale && refreshed != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (refreshed);
      g_autofree char *when = g_date_time_format (local, "%H:%M");

      /* Translators: %s is a time ("14:02"), then the reason. */
      text = g_strdup_printf (_("Could not refresh: this list is from %s. %s"),
                              when, error != NULL ? error->message : "");
    }
  else if (unsettled)
    text = g_strdup (tessera_words_list_unsettled ());

  gtk_label_set_text (self->stale_label, text != NULL ? text : "");
  gtk_widget_set_visible (self->stale_box, text != NULL);
}

static const char *
wanted_view (TesseraTokenPage *self,
             TesseraTokenList *tokens)
{
  /* The full-page error is for a first load only: a failed refresh keeps
   * the rows, marked as not current. */
  if (!tessera_token_list_get_loaded (tokens))
    return tessera_token_list_get_error (tokens) != NULL && !tessera_token_list_get_loading (tokens)
           ? "error" : "loading";
  if (g_list_model_get_n_items (G_LIST_MODEL (tokens)) == 0)
    return "empty";
  if (tessera_token_filter_get_n_shown (self->filter) == 0)
    return "no-results";
  return "list";
}

static void
update_count (TesseraTokenPage *self,
              guint             n_items)
{
  g_autofree char *count = NULL;

  if (tessera_token_filter_get_filtering (self->filter))
    /* Translators: while a search or a filter hides some, "3 of 24 tokens shown" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u token shown",
                                          "%u of %u tokens shown", n_items),
                             tessera_token_filter_get_n_shown (self->filter), n_items);
  else
    /* Translators: "12 of 50 tokens": how many of the most an account can have */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %d token", "%u of %d tokens",
                                          TESSERA_MAX_TOKENS),
                             n_items, TESSERA_MAX_TOKENS);
  gtk_label_set_text (self->count_label, count);
}

static void
update_view (TesseraTokenPage *self)
{
  TesseraTokenList *tokens;
  const GError *error;
  const char *view;
  gboolean loading;
  gboolean full;
  guint n_items;
  g_autofree char *limit = NULL;

  if (self->session == NULL)
    return;

  tokens = tessera_session_get_tokens (self->session);
  error = tessera_token_list_get_error (tokens);
  loading = tessera_token_list_get_loading (tokens);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (tokens));
  view = wanted_view (self, tokens);

  if (error != NULL)
    {
      /* The description is markup; a server's words are not. */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
    }
  update_stale (self, tokens);
  update_count (self, n_items);
  /* Delete All is for the whole list, not for what a search shows. */
  gtk_widget_set_visible (self->danger_group, !tessera_token_filter_get_filtering (self->filter));
  adw_status_page_set_description (self->no_results_page,
                                   tessera_token_filter_get_search (self->filter)[0] != '\0'
                                   ? _("No token’s note matches this search.")
                                   : _("No token matches this filter."));

  full = n_items >= TESSERA_MAX_TOKENS;
  limit = tessera_words_token_limit ();
  gtk_label_set_text (self->limit_label, limit);
  gtk_widget_set_visible (GTK_WIDGET (self->limit_label), full);
  gtk_widget_set_tooltip_text (self->generate_button, full ? limit : _("Generate a New Token"));

  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (view, "loading"));
  gtk_widget_set_visible (GTK_WIDGET (self->reload_spinner), loading && n_items > 0);
  gtk_spinner_set_spinning (self->reload_spinner, loading && n_items > 0);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), view) != 0)
    {
      gtk_stack_set_visible_child_name (self->content_stack, view);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
    }
}

/* The rows shown changed: a refresh, a delete, a search, a filter. */
static void
shown_changed_cb (TesseraTokenPage *self)
{
  tessera_token_page_prune_selection (self);
  update_view (self);
  tessera_token_page_restore_focus (self);
}

static void
tokens_changed_cb (TesseraTokenPage *self)
{
  update_view (self);
}

static void
account_changed_cb (TesseraTokenPage *self)
{
  g_autofree char *title = NULL;

  /* The email says which account; the tooltip, on which server too. */
  if (self->session != NULL)
    title = tessera_session_dup_title (self->session);
  adw_window_title_set_subtitle (self->window_title,
                                 self->session != NULL ? tessera_session_get_email (self->session) : NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), title);
  gtk_label_set_text (self->account_label, title != NULL ? title : "");
}

TesseraSession *
tessera_token_page_get_session (TesseraTokenPage *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_PAGE (self), NULL);

  return self->session;
}

void
tessera_token_page_set_session (TesseraTokenPage *self,
                                TesseraSession   *session)
{
  TesseraTokenList *tokens;

  g_return_if_fail (TESSERA_IS_TOKEN_PAGE (self));
  g_return_if_fail (session == NULL || TESSERA_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (tessera_session_get_tokens (self->session), self);
      g_signal_handlers_disconnect_by_data (self->session, self);
    }

  g_set_object (&self->session, session);

  if (session != NULL)
    {
      tokens = tessera_session_get_tokens (session);
      tessera_token_filter_set_model (self->filter, G_LIST_MODEL (tokens));
      g_signal_connect_object (tokens, "notify::loading", G_CALLBACK (tokens_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (tokens, "notify::error", G_CALLBACK (tokens_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (tokens, "notify::n-items", G_CALLBACK (tokens_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (tokens, "notify::loaded", G_CALLBACK (tokens_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (tokens, "notify::stale", G_CALLBACK (tokens_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (tokens, "notify::settled", G_CALLBACK (tokens_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::account", G_CALLBACK (account_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  else
    {
      tessera_token_filter_set_model (self->filter, NULL);
    }

  account_changed_cb (self);
  update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
tessera_token_page_toggle_search (TesseraTokenPage *self)
{
  g_return_if_fail (TESSERA_IS_TOKEN_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar,
                                  !gtk_search_bar_get_search_mode (self->search_bar));
  if (gtk_search_bar_get_search_mode (self->search_bar))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
tessera_token_page_search (TesseraTokenPage *self,
                           const char       *text)
{
  g_return_if_fail (TESSERA_IS_TOKEN_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static gboolean
unhighlight_cb (gpointer user_data)
{
  gtk_widget_remove_css_class (GTK_WIDGET (user_data), "highlighted");
  return G_SOURCE_REMOVE;
}

gboolean
tessera_token_page_reveal (TesseraTokenPage *self,
                           const char       *token_id)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_PAGE (self), FALSE);

  /* A search or a filter that hides it would hide it still. */
  if (gtk_search_bar_get_search_mode (self->search_bar))
    stop_search_cb (self);
  tessera_token_filter_set_show (self->filter, "all");

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!TESSERA_IS_TOKEN_ROW (child) ||
          g_strcmp0 (tessera_token_get_id (tessera_token_row_get_token (TESSERA_TOKEN_ROW (child))),
                     token_id) != 0)
        continue;

      /* The focus scrolls the list to it. */
      gtk_widget_grab_focus (child);
      gtk_widget_add_css_class (child, "highlighted");
      g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 3, unhighlight_cb,
                                  g_object_ref (child), g_object_unref);
      return TRUE;
    }

  return FALSE;
}

const char *
tessera_token_page_get_view (TesseraTokenPage *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->content_stack);
}

void
tessera_token_page_refresh_times (TesseraTokenPage *self)
{
  g_return_if_fail (TESSERA_IS_TOKEN_PAGE (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (TESSERA_IS_TOKEN_ROW (child))
        tessera_token_row_update_times (TESSERA_TOKEN_ROW (child));
    }
  /* "Expiring soon" and "Expired" follow the clock. */
  tessera_token_filter_refilter (self->filter);
}

void
tessera_token_page_set_primary_menu (TesseraTokenPage *self,
                                     gboolean          primary)
{
  g_return_if_fail (TESSERA_IS_TOKEN_PAGE (self));

  gtk_menu_button_set_primary (self->menu_button, primary);
}

void
tessera_token_page_add_menu_section (TesseraTokenPage *self,
                                     GMenuModel       *section)
{
  g_return_if_fail (TESSERA_IS_TOKEN_PAGE (self));

  g_menu_prepend_section (G_MENU (gtk_menu_button_get_menu_model (self->menu_button)), NULL, section);
}

static void
show_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TesseraTokenPage *self = TESSERA_TOKEN_PAGE (widget);

  stop_search_cb (self);
  g_object_set (self, "show", "all", NULL);
}

static gboolean
tick_cb (gpointer user_data)
{
  tessera_token_page_refresh_times (TESSERA_TOKEN_PAGE (user_data));

  return G_SOURCE_CONTINUE;
}

static void
tessera_token_page_dispose (GObject *object)
{
  TesseraTokenPage *self = TESSERA_TOKEN_PAGE (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (tessera_session_get_tokens (self->session), self);
      g_signal_handlers_disconnect_by_data (self->session, self);
    }
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_TOKEN_PAGE);

  tessera_token_page_selection_dispose (self);
  g_clear_object (&self->filter);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (tessera_token_page_parent_class)->dispose (object);
}

static void
tessera_token_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TesseraTokenPage *self = TESSERA_TOKEN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_VIEW:
      g_value_set_string (value, tessera_token_page_get_view (self));
      break;

    case PROP_SORT:
      g_value_set_string (value, tessera_token_filter_get_sort (self->filter));
      break;

    case PROP_SHOW:
      g_value_set_string (value, tessera_token_filter_get_show (self->filter));
      break;

    case PROP_SELECTION_MODE:
      g_value_set_boolean (value, self->selection_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_token_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TesseraTokenPage *self = TESSERA_TOKEN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      tessera_token_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_SORT:
      tessera_token_filter_set_sort (self->filter, g_value_get_string (value));
      g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_SHOW:
      tessera_token_filter_set_show (self->filter, g_value_get_string (value));
      g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_SELECTION_MODE:
      tessera_token_page_set_selection_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_token_page_widget_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (tessera_token_page_parent_class)->root (widget);
  tessera_token_page_root (TESSERA_TOKEN_PAGE (widget));
}

static void
tessera_token_page_widget_unroot (GtkWidget *widget)
{
  tessera_token_page_unroot (TESSERA_TOKEN_PAGE (widget));
  GTK_WIDGET_CLASS (tessera_token_page_parent_class)->unroot (widget);
}

static void
tessera_token_page_class_init (TesseraTokenPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->root = tessera_token_page_widget_root;
  widget_class->unroot = tessera_token_page_widget_unroot;
  object_class->dispose = tessera_token_page_dispose;
  object_class->get_property = tessera_token_page_get_property;
  object_class->set_property = tessera_token_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         TESSERA_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL,
                         "created",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW] =
    g_param_spec_string ("show", NULL, NULL,
                         "all",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTION_MODE] =
    g_param_spec_boolean ("selection-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TESSERA_TYPE_TOKEN_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-token-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, header_stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, selection_title);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, generate_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, account_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, reload_spinner);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, select_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, limit_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, stale_box);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, stale_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, danger_group);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, action_bar);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenPage, delete_selected_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, tessera_token_page_row_activated_cb);

  gtk_widget_class_install_property_action (widget_class, "tokens.sort", "sort");
  gtk_widget_class_install_property_action (widget_class, "tokens.show", "show");
  gtk_widget_class_install_property_action (widget_class, "tokens.selection-mode", "selection-mode");
  gtk_widget_class_install_action (widget_class, "tokens.show-all", NULL, show_all_action);
  gtk_widget_class_install_action (widget_class, "tokens.select-all", NULL,
                                   tessera_token_page_select_all_action);
  /* Escape leaves selection mode (and else goes on, to close a search). */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, tessera_token_page_escape_cb, NULL);
}

static void
tessera_token_page_init (TesseraTokenPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_bind_property (self->search_button, "active",
                          self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  /* Typing anywhere on the page starts a search, as in Files or Settings. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  self->filter = tessera_token_filter_new ();
  gtk_list_box_bind_model (self->list_box, tessera_token_filter_get_shown (self->filter),
                           create_row_cb, self, NULL);
  /* After the list box's own handler: the rows are there already. */
  g_signal_connect_object (tessera_token_filter_get_shown (self->filter), "items-changed",
                           G_CALLBACK (shown_changed_cb), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->filter, "notify::filtering", G_CALLBACK (update_view), self,
                           G_CONNECT_SWAPPED);
  tessera_token_page_selection_init (self);
  tessera_a11y_name_group_lists (self->danger_group);

  /* Relative times ("in 3 days", "3 hours ago") move on by themselves;
   * states follow the session's clock, to the second. */
  self->tick_id = g_timeout_add_seconds (60, tick_cb, self);
}
