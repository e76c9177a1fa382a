/* tessera-token-filter.c — the tokens a list shows, in the order it shows them
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-token-filter"

#include "config.h"

#include <string.h>

#include "tessera-session.h"
#include "tessera-token-filter.h"

struct _TesseraTokenFilter
{
  GObject             parent_instance;

  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkCustomFilter    *filter;
  char               *search;          /* as set */
  char               *search_folded;   /* case-folded, or NULL for none */
  char               *show;
  char               *sort;
};

G_DEFINE_FINAL_TYPE (TesseraTokenFilter, tessera_token_filter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SEARCH,
  PROP_SHOW,
  PROP_SORT,
  PROP_N_SHOWN,
  PROP_FILTERING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const shows[] = { "all", "expiring", "expired", "never-used", NULL };
static const char * const sorts[] = { "created", "expiry", "last-used", "note", NULL };

static gboolean
shown_by_state (TesseraTokenFilter *self,
                TesseraToken       *token)
{
  if (g_str_equal (self->show, "expiring"))
    return tessera_token_get_state (token) == TESSERA_TOKEN_STATE_EXPIRING_SOON;
  if (g_str_equal (self->show, "expired"))
    return tessera_token_get_state (token) == TESSERA_TOKEN_STATE_EXPIRED;
  if (g_str_equal (self->show, "never-used"))
    return tessera_token_get_has_last_used (token) && tessera_token_get_last_used_at (token) == NULL;
  return TRUE;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TesseraTokenFilter *self = user_data;
  TesseraToken *token = TESSERA_TOKEN (item);
  g_autofree char *folded = NULL;

  if (!shown_by_state (self, token))
    return FALSE;
  if (self->search_folded == NULL)
    return TRUE;

  folded = g_utf8_casefold (tessera_token_get_notes (token), -1);
  return strstr (folded, self->search_folded) != NULL;
}

/* NULL (none: no expiry, never used) after every date. */
static int
compare_dates (GDateTime *a,
               GDateTime *b,
               gboolean   latest_first)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);

  return latest_first ? g_date_time_compare (b, a) : g_date_time_compare (a, b);
}

static int
compare_notes (TesseraToken *a,
               TesseraToken *b)
{
  const char *na = tessera_token_get_notes (a);
  const char *nb = tessera_token_get_notes (b);
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  /* Tokens without a note go last. */
  if (na[0] == '\0' || nb[0] == '\0')
    return (na[0] == '\0') - (nb[0] == '\0');

  fa = g_utf8_casefold (na, -1);
  fb = g_utf8_casefold (nb, -1);
  return g_utf8_collate (fa, fb);
}

static int
sort_func (gconstpointer item_a,
           gconstpointer item_b,
           gpointer      user_data)
{
  TesseraTokenFilter *self = user_data;
  TesseraToken *a = TESSERA_TOKEN ((gpointer) item_a);
  TesseraToken *b = TESSERA_TOKEN ((gpointer) item_b);
  int order = 0;

  if (g_str_equal (self->sort, "expiry"))
    order = compare_dates (tessera_token_get_expire (a), tessera_token_get_expire (b), FALSE);
  else if (g_str_equal (self->sort, "last-used"))
    order = compare_dates (tessera_token_get_last_used_at (a), tessera_token_get_last_used_at (b), TRUE);
  else if (g_str_equal (self->sort, "note"))
    order = compare_notes (a, b);

  /* Ties keep the newest first, as the list itself. */
  if (order == 0)
    order = compare_dates (tessera_token_get_created_at (a), tessera_token_get_created_at (b), TRUE);
  return order;
}

static void
update_sorter (TesseraTokenFilter *self)
{
  g_autoptr(GtkSorter) sorter = NULL;

  /* "created" is the list's own order: no sorter, so its changes pass on
   * as they are and the rows they do not touch stay. */
  if (!g_str_equal (self->sort, "created"))
    sorter = GTK_SORTER (gtk_custom_sorter_new (sort_func, self, NULL));
  gtk_sort_list_model_set_sorter (self->sorted, sorter);
}

static void
n_items_cb (TesseraTokenFilter *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);
}

TesseraTokenFilter *
tessera_token_filter_new (void)
{
  return g_object_new (TESSERA_TYPE_TOKEN_FILTER, NULL);
}

GListModel *
tessera_token_filter_get_shown (TesseraTokenFilter *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_FILTER (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

void
tessera_token_filter_set_model (TesseraTokenFilter *self,
                                GListModel         *model)
{
  g_return_if_fail (TESSERA_IS_TOKEN_FILTER (self));

  if (gtk_filter_list_model_get_model (self->filtered) == model)
    return;

  gtk_filter_list_model_set_model (self->filtered, model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

const char *
tessera_token_filter_get_search (TesseraTokenFilter *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_FILTER (self), NULL);

  return self->search;
}

void
tessera_token_filter_set_search (TesseraTokenFilter *self,
                                 const char         *search)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_return_if_fail (TESSERA_IS_TOKEN_FILTER (self));

  stripped = g_strstrip (g_strdup (search != NULL ? search : ""));
  if (g_str_equal (stripped, self->search))
    return;

  if (stripped[0] != '\0')
    folded = g_utf8_casefold (stripped, -1);
  /* Typing on narrows (only removals), deleting widens (only additions). */
  if (folded != NULL && (self->search_folded == NULL || strstr (folded, self->search_folded) != NULL))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->search_folded != NULL && (folded == NULL || strstr (self->search_folded, folded) != NULL))
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_free (self->search);
  self->search = g_steal_pointer (&stripped);
  g_free (self->search_folded);
  self->search_folded = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self->filter), change);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTERING]);
}

const char *
tessera_token_filter_get_show (TesseraTokenFilter *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_FILTER (self), NULL);

  return self->show;
}

void
tessera_token_filter_set_show (TesseraTokenFilter *self,
                               const char         *show)
{
  g_return_if_fail (TESSERA_IS_TOKEN_FILTER (self));

  if (show == NULL || !g_strv_contains (shows, show))
    show = "all";
  if (g_str_equal (show, self->show))
    return;

  g_free (self->show);
  self->show = g_strdup (show);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTERING]);
}

const char *
tessera_token_filter_get_sort (TesseraTokenFilter *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_FILTER (self), NULL);

  return self->sort;
}

void
tessera_token_filter_set_sort (TesseraTokenFilter *self,
                               const char         *sort)
{
  g_return_if_fail (TESSERA_IS_TOKEN_FILTER (self));

  if (sort == NULL || !g_strv_contains (sorts, sort))
    sort = "created";
  if (g_str_equal (sort, self->sort))
    return;

  g_free (self->sort);
  self->sort = g_strdup (sort);
  update_sorter (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

guint
tessera_token_filter_get_n_shown (TesseraTokenFilter *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_FILTER (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

gboolean
tessera_token_filter_get_filtering (TesseraTokenFilter *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_FILTER (self), FALSE);

  return self->search_folded != NULL || !g_str_equal (self->show, "all");
}

void
tessera_token_filter_refilter (TesseraTokenFilter *self)
{
  g_return_if_fail (TESSERA_IS_TOKEN_FILTER (self));

  if (!g_str_equal (self->show, "all"))
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
tessera_token_filter_finalize (GObject *object)
{
  TesseraTokenFilter *self = TESSERA_TOKEN_FILTER (object);

  g_clear_object (&self->sorted);
  g_clear_object (&self->filter);
  g_free (self->search);
  g_free (self->search_folded);
  g_free (self->show);
  g_free (self->sort);

  G_OBJECT_CLASS (tessera_token_filter_parent_class)->finalize (object);
}

static void
tessera_token_filter_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TesseraTokenFilter *self = TESSERA_TOKEN_FILTER (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, gtk_filter_list_model_get_model (self->filtered));
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_SHOW:
      g_value_set_string (value, self->show);
      break;

    case PROP_SORT:
      g_value_set_string (value, self->sort);
      break;

    case PROP_N_SHOWN:
      g_value_set_uint (value, tessera_token_filter_get_n_shown (self));
      break;

    case PROP_FILTERING:
      g_value_set_boolean (value, tessera_token_filter_get_filtering (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_token_filter_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TesseraTokenFilter *self = TESSERA_TOKEN_FILTER (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      tessera_token_filter_set_model (self, g_value_get_object (value));
      break;

    case PROP_SEARCH:
      tessera_token_filter_set_search (self, g_value_get_string (value));
      break;

    case PROP_SHOW:
      tessera_token_filter_set_show (self, g_value_get_string (value));
      break;

    case PROP_SORT:
      tessera_token_filter_set_sort (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_token_filter_class_init (TesseraTokenFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tessera_token_filter_finalize;
  object_class->get_property = tessera_token_filter_get_property;
  object_class->set_property = tessera_token_filter_set_property;

  properties[PROP_MODEL] = g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL, rw);
  properties[PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, "", rw);
  properties[PROP_SHOW] = g_param_spec_string ("show", NULL, NULL, "all", rw);
  properties[PROP_SORT] = g_param_spec_string ("sort", NULL, NULL, "created", rw);
  properties[PROP_N_SHOWN] = g_param_spec_uint ("n-shown", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_FILTERING] = g_param_spec_boolean ("filtering", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_token_filter_init (TesseraTokenFilter *self)
{
  self->search = g_strdup ("");
  self->show = g_strdup ("all");
  self->sort = g_strdup ("created");
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), NULL);
  g_signal_connect_object (self->sorted, "notify::n-items", G_CALLBACK (n_items_cb), self,
                           G_CONNECT_SWAPPED);
}
