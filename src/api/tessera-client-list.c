/* tessera-client-list.c — listing every token, page by page, until the
 * pages agree with each other
 *
 * Paging is by offset, not a snapshot: when another client creates or
 * deletes a token between two page requests, items move across pages, one
 * is seen twice or not at all, and each page's `count` is the total at the
 * moment that page was answered.  So a listing is only believed when its
 * pages agree: every page carries page 1's `count`, no id comes twice, no
 * page before the last is short, nothing follows the last, and the items
 * add up to `count`.  Otherwise the whole listing is read again, at most
 * LIST_MAX_ATTEMPTS times; then the freshest complete listing is returned
 * as not settled, for the caller to say so.
 *
 * Page 1 comes first (its length is the server's real page size, its
 * `count` says how many pages there are); pages 2… follow concurrently,
 * at most TESSERA_CLIENT_MAX_IN_FLIGHT at once.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-client"

#include "config.h"

#include <libsoup/soup.h>

#include "tessera-api-names-private.h"
#include "tessera-client-private.h"
#include "tessera-json-private.h"
#include "tessera-payload-private.h"
#include "tessera-request-private.h"
#include "tessera-words.h"

/* What we ask for per page; the most tokens a `count` is believed about
 * (the API allows 50: a lying count stops here); listings per call. */
#define LIST_PAGE_SIZE      50
#define LIST_MAX_TOKENS     1000
#define LIST_MAX_ATTEMPTS   3

typedef struct
{
  GPtrArray *tokens;               /* TesseraToken */
  gint64 count;
} Page;

typedef struct
{
  GCancellable *cancellable;       /* ours: stops the other pages on failure */
  GCancellable *caller_cancellable;
  gulong caller_cancelled_id;

  guint attempt;                   /* 1… */
  guint page_size;                 /* what the server really returns per page */
  guint n_pages;                   /* pages page 1's count implies */
  guint last_page;                 /* the first short or empty page, else n_pages */
  guint next_page;
  guint in_flight;
  guint max_in_flight;             /* measured, for the debug log */
  GPtrArray *pages;                /* Page n at n - 1, NULL until fetched */
  GError *error;                   /* the first failure */
} ListState;

typedef struct
{
  GPtrArray *tokens;
  gboolean settled;
} ListResult;

static void
page_free (gpointer data)
{
  Page *page = data;

  if (page == NULL)
    return;
  g_clear_pointer (&page->tokens, g_ptr_array_unref);
  g_free (page);
}

static void
list_state_free (gpointer data)
{
  ListState *state = data;

  if (state->caller_cancelled_id != 0)
    g_cancellable_disconnect (state->caller_cancellable, state->caller_cancelled_id);
  g_clear_object (&state->caller_cancellable);
  g_clear_object (&state->cancellable);
  g_clear_pointer (&state->pages, g_ptr_array_unref);
  g_clear_error (&state->error);
  g_free (state);
}

static void
list_result_free (gpointer data)
{
  ListResult *result = data;

  g_clear_pointer (&result->tokens, g_ptr_array_unref);
  g_free (result);
}

static Page *
page_at (ListState *state,
         guint      n)
{
  return n >= 1 && n <= state->pages->len ? g_ptr_array_index (state->pages, n - 1) : NULL;
}

/* Every page of this attempt in order, each id once; *settled says
 * whether the pages agreed (see the top of the file). */
static GPtrArray *
list_assemble (ListState *state,
               gboolean  *settled)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 count = page_at (state, 1)->count;
  gint64 total = 0;

  *settled = TRUE;
  for (guint n = 1; n <= state->pages->len; n++)
    {
      Page *page = page_at (state, n);

      if (page == NULL)
        continue;
      if (page->count != count)
        *settled = FALSE;   /* the total changed between pages */
      if (n > state->last_page)
        {
          if (page->tokens->len > 0)
            *settled = FALSE;   /* items after the end */
          continue;
        }

      total += page->tokens->len;
      for (guint i = 0; i < page->tokens->len; i++)
        {
          TesseraToken *token = g_ptr_array_index (page->tokens, i);

          if (g_hash_table_add (seen, (gpointer) tessera_token_get_id (token)))
            g_ptr_array_add (all, g_object_ref (token));
          else
            *settled = FALSE;   /* an item moved onto the next page */
        }
    }

  /* A short page before the end, or a count that lies. */
  if (total != count)
    *settled = FALSE;

  return all;
}

static char *
list_path (guint page,
           guint page_size)
{
  return g_strdup_printf ("%s?%s=%u&%s=%u", API_PATH_ACCESS_TOKENS,
                          API_QUERY_PAGE, page, API_QUERY_PAGE_SIZE, page_size);
}

/* Reads one page; NULL with @error on failure. */
static Page *
page_from_result (GAsyncResult  *result,
                  GError       **error)
{
  g_autoptr(GPtrArray) tokens = NULL;
  gint64 count = 0;
  JsonNode *root;
  Page *page;

  root = tessera_request_finish (result, error);
  if (root != NULL)
    tokens = tessera_payload_read_page (root, &count, error);
  g_clear_pointer (&root, tessera_json_wipe_free);
  if (tokens == NULL)
    return NULL;

  page = g_new0 (Page, 1);
  page->tokens = g_steal_pointer (&tokens);
  page->count = count;
  return page;
}

/* One page in flight. */
typedef struct
{
  GTask *task;
  guint page;
} PageRequest;

static void list_start_attempt (GTask *task);
static void list_page_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
list_request_page (GTask *task,
                   guint  n)
{
  ListState *state = g_task_get_task_data (task);
  TesseraClient *self = g_task_get_source_object (task);
  g_autofree char *path = list_path (n, n == 1 ? LIST_PAGE_SIZE : state->page_size);
  PageRequest *request = g_new0 (PageRequest, 1);

  request->task = g_object_ref (task);
  request->page = n;
  state->in_flight++;
  state->max_in_flight = MAX (state->max_in_flight, state->in_flight);
  tessera_client_request (self, SOUP_METHOD_GET, path, NULL, state->cancellable,
                          list_page_cb, request);
}

/* Everything this attempt fetched is in: return, or read it all again. */
static void
list_attempt_done (GTask *task)
{
  ListState *state = g_task_get_task_data (task);
  ListResult *result;
  gboolean settled = FALSE;
  g_autoptr(GPtrArray) all = NULL;

  if (state->error != NULL)
    {
      /* A cancellation by the caller wins over what it caused. */
      if (g_cancellable_is_cancelled (state->caller_cancellable))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 "%s", tessera_words_cancelled ());
      else
        g_task_return_error (task, g_steal_pointer (&state->error));
      return;
    }

  all = list_assemble (state, &settled);
  g_debug ("Listing %u: %u tokens in %u pages of %u (at most %u at once), %s",
           state->attempt, all->len, MIN (state->last_page, state->n_pages),
           state->page_size, state->max_in_flight, settled ? "settled" : "the list moved");

  if (!settled && state->attempt < LIST_MAX_ATTEMPTS)
    {
      state->attempt++;
      list_start_attempt (task);
      return;
    }

  result = g_new0 (ListResult, 1);
  result->tokens = g_steal_pointer (&all);
  result->settled = settled;
  g_task_return_pointer (task, result, list_result_free);
}

/* Takes a reference to @task. */
static void
list_fetch_more (GTask *task)
{
  ListState *state = g_task_get_task_data (task);

  while (state->error == NULL &&
         state->in_flight < TESSERA_CLIENT_MAX_IN_FLIGHT &&
         state->next_page <= state->n_pages &&
         state->next_page <= state->last_page)
    list_request_page (task, state->next_page++);

  /* Done only when nothing is in flight: no request outlives the task. */
  if (state->in_flight == 0)
    list_attempt_done (task);

  g_object_unref (task);
}

/* Page 1 gives the server's page size and, through `count`, the number
 * of pages; a count is believed up to LIST_MAX_TOKENS only, so a lying
 * count cannot make us loop. */
static void
list_plan (ListState *state,
           Page      *first)
{
  gint64 count = CLAMP (first->count, 0, LIST_MAX_TOKENS);

  state->page_size = MAX (first->tokens->len, 1);
  state->n_pages = first->tokens->len == 0 ? 1 : (guint) ((count + state->page_size - 1) / state->page_size);
  state->n_pages = MAX (state->n_pages, 1);
  state->last_page = first->tokens->len == 0 ? 1 : state->n_pages;
  state->next_page = 2;
}

static void
list_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PageRequest *request = user_data;
  GTask *task = request->task;
  ListState *state = g_task_get_task_data (task);
  guint n = request->page;
  g_autoptr(GError) error = NULL;
  Page *page;

  g_free (request);
  state->in_flight--;

  page = page_from_result (result, &error);
  if (page == NULL)
    {
      if (state->error == NULL)
        {
          state->error = g_steal_pointer (&error);
          g_cancellable_cancel (state->cancellable);
        }
      list_fetch_more (task);
      return;
    }

  if (n == 1)
    list_plan (state, page);
  /* A short or empty page ends the list: nothing after it is asked for. */
  else if (page->tokens->len < state->page_size && n < state->last_page)
    state->last_page = n;

  if (state->pages->len < n)
    g_ptr_array_set_size (state->pages, n);
  g_ptr_array_index (state->pages, n - 1) = page;
  list_fetch_more (task);
}

static void
list_start_attempt (GTask *task)
{
  ListState *state = g_task_get_task_data (task);

  g_ptr_array_set_size (state->pages, 0);
  state->page_size = 0;
  state->n_pages = 1;
  state->last_page = 1;
  state->next_page = 2;
  state->max_in_flight = 0;
  list_request_page (task, 1);
}

static void
list_caller_cancelled_cb (GCancellable *cancellable,
                          gpointer      user_data)
{
  GCancellable *ours = user_data;

  g_cancellable_cancel (ours);
}

void
tessera_client_list_tokens_async (TesseraClient       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListState *state;

  g_return_if_fail (TESSERA_IS_CLIENT (self));

  task = tessera_client_task_new (self, tessera_client_list_tokens_async, cancellable, callback, user_data);

  state = g_new0 (ListState, 1);
  state->cancellable = g_cancellable_new ();
  state->pages = g_ptr_array_new_with_free_func (page_free);
  state->attempt = 1;
  g_task_set_task_data (task, state, list_state_free);

  if (cancellable != NULL)
    {
      state->caller_cancellable = g_object_ref (cancellable);
      /* Runs at once when already cancelled. */
      state->caller_cancelled_id = g_cancellable_connect (cancellable,
                                                          G_CALLBACK (list_caller_cancelled_cb),
                                                          state->cancellable, NULL);
    }

  list_start_attempt (task);
}

/**
 * tessera_client_list_tokens_finish:
 * @settled: (out) (optional): %FALSE when the list still changed while it
 *   was read the last time (the result is then the freshest complete
 *   listing; say so with tessera_words_list_unsettled())
 *
 * Returns: (transfer full): a GPtrArray of TesseraToken, newest first
 */
GPtrArray *
tessera_client_list_tokens_finish (TesseraClient  *self,
                                   GAsyncResult   *result,
                                   gboolean       *settled,
                                   GError        **error)
{
  ListResult *list;
  GPtrArray *tokens;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (settled != NULL)
    *settled = FALSE;

  list = g_task_propagate_pointer (G_TASK (result), error);
  if (list == NULL)
    return NULL;

  if (settled != NULL)
    *settled = list->settled;
  tokens = g_steal_pointer (&list->tokens);
  list_result_free (list);
  return tokens;
}
