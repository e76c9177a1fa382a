/* test-list.c — listing through pages: a capped page size, a count that
 * lies, pages fetched concurrently, and a list that changes between pages
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fault-fixture.h"

typedef struct
{
  guint total;        /* tokens the server really has */
  guint cap;          /* page_size cap */
  guint count;        /* what it claims */
  gboolean overlap;   /* each page repeats the last token of the one before */
  guint delay_ms;     /* answer each page this late */

  /* A list that changes between pages: right after answering page 1, the
   * newest token is deleted (-1) or a new newest one inserted (+1), for
   * the next `mutations` listings.  The server then serves `live`. */
  int mutate;
  guint mutations;
  GArray *live;       /* token numbers, newest first */
  guint next_number;
} Pages;

/* Makes @pages serve a live list of @total tokens, 0… newest first. */
static void
pages_go_live (Pages *pages)
{
  pages->live = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < pages->total; i++)
    g_array_append_val (pages->live, i);
  pages->next_number = 100;
}

static void
pages_mutate (Pages *pages)
{
  if (pages->mutations == 0)
    return;
  pages->mutations--;
  if (pages->mutate < 0 && pages->live->len > 0)
    g_array_remove_index (pages->live, 0);
  else if (pages->mutate > 0)
    {
      g_array_prepend_val (pages->live, pages->next_number);
      pages->next_number++;
    }
}

/* The number of the token at @i of what the server serves. */
static guint
pages_number (Pages *pages,
              guint  i)
{
  return pages->live != NULL ? g_array_index (pages->live, guint, i) : i;
}

static guint
pages_total (Pages *pages)
{
  return pages->live != NULL ? pages->live->len : pages->total;
}

static char *
token_json (guint i)
{
  return g_strdup_printf ("{\"id\":\"t%03u\",\"notes\":\"token %u\",\"expire\":%s,"
                          "\"created_at\":\"2026-11-01T00:00:00Z\",\"last_used_at\":null}",
                          i, i, i % 2 ? "null" : "\"2027-06-01T00:00:00Z\"");
}

static gboolean
unpause_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;
  Fixture *f = g_object_get_data (G_OBJECT (msg), "fixture");

  f->in_flight--;
  soup_server_message_unpause (msg);
  g_object_unref (msg);
  return G_SOURCE_REMOVE;
}

static void
script_pages (Fixture           *f,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query)
{
  Pages *pages = f->script_data;
  guint page = (guint) g_ascii_strtoull (g_hash_table_lookup (query, "page"), NULL, 10);
  guint size = (guint) g_ascii_strtoull (g_hash_table_lookup (query, "page_size"), NULL, 10);
  g_autoptr(GString) list = g_string_new ("[");
  g_autofree char *payload = NULL;
  guint start;

  g_assert_cmpstr (path, ==, "/api/v1/user/access_tokens");
  g_assert_cmpuint (page, >=, 1);
  size = MIN (size, pages->cap);
  start = (page - 1) * size;
  if (pages->overlap && page > 1)
    start--;

  for (guint i = start; i < start + size && i < pages_total (pages); i++)
    {
      g_autofree char *token = token_json (pages_number (pages, i));

      if (list->len > 1)
        g_string_append_c (list, ',');
      g_string_append (list, token);
    }
  g_string_append_c (list, ']');

  payload = g_strdup_printf ("{\"list\":%s,\"count\":%u}", list->str,
                             pages->live != NULL ? pages->live->len : pages->count);
  reply_ok (msg, payload);
  if (page == 1 && pages->live != NULL)
    pages_mutate (pages);

  f->in_flight++;
  f->max_in_flight = MAX (f->max_in_flight, f->in_flight);
  if (pages->delay_ms > 0)
    {
      g_object_set_data (G_OBJECT (msg), "fixture", f);
      soup_server_message_pause (msg);
      g_timeout_add (pages->delay_ms, unpause_cb, g_object_ref (msg));
    }
  else
    f->in_flight--;
}

static void
assert_tokens (GPtrArray *tokens,
               guint      n)
{
  g_assert_nonnull (tokens);
  g_assert_cmpuint (tokens->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%03u", i);

      g_assert_cmpstr (tessera_token_get_id (g_ptr_array_index (tokens, i)), ==, id);
    }
}

/* The ids the server serves now, in order. */
static void
assert_live (GPtrArray *tokens,
             Pages     *pages)
{
  g_assert_nonnull (tokens);
  g_assert_cmpuint (tokens->len, ==, pages->live->len);
  for (guint i = 0; i < tokens->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%03u", g_array_index (pages->live, guint, i));

      g_assert_cmpstr (tessera_token_get_id (g_ptr_array_index (tokens, i)), ==, id);
    }
}

static void
test_list_capped (Fixture       *f,
                  gconstpointer  data)
{
  Pages pages = { .total = 23, .cap = 10, .count = 23 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  gboolean settled = FALSE;

  f->script = script_pages;
  f->script_data = &pages;
  tokens = list_tokens (f, &settled, &error);
  g_assert_no_error (error);
  g_assert_true (settled);
  assert_tokens (tokens, 23);
  g_assert_cmpuint (f->requests, ==, 3);
  g_assert_null (tessera_token_get_expire (g_ptr_array_index (tokens, 1)));
  g_assert_nonnull (tessera_token_get_expire (g_ptr_array_index (tokens, 2)));
}

static void
test_list_uncapped (Fixture       *f,
                    gconstpointer  data)
{
  Pages pages = { .total = 23, .cap = 100, .count = 23 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  gboolean settled = FALSE;

  f->script = script_pages;
  f->script_data = &pages;
  tokens = list_tokens (f, &settled, &error);
  g_assert_no_error (error);
  g_assert_true (settled);
  assert_tokens (tokens, 23);
  g_assert_cmpuint (f->requests, ==, 1);
}

/* An empty account is one request; an empty page with a count of 40 is a
 * count that lies: read again, bounded, then not settled. */
static void
test_list_empty (Fixture       *f,
                 gconstpointer  data)
{
  Pages pages = { .total = 0, .cap = 10, .count = 0 };
  Pages lying = { .total = 0, .cap = 10, .count = 40 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) lied = NULL;
  gboolean settled = FALSE;

  f->script = script_pages;
  f->script_data = &pages;
  tokens = list_tokens (f, &settled, &error);
  g_assert_no_error (error);
  g_assert_true (settled);
  assert_tokens (tokens, 0);
  g_assert_cmpuint (f->requests, ==, 1);

  f->script_data = &lying;
  f->requests = 0;
  lied = list_tokens (f, &settled, &error);
  g_assert_no_error (error);
  g_assert_false (settled);
  assert_tokens (lied, 0);
  g_assert_cmpuint (f->requests, ==, 3);
}

static void
test_list_count_too_large (Fixture       *f,
                           gconstpointer  data)
{
  Pages pages = { .total = 23, .cap = 10, .count = 100 };
  Pages absurd = { .total = 7, .cap = 1, .count = G_MAXINT };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) few = NULL;
  gboolean settled = TRUE;

  f->script = script_pages;
  f->script_data = &pages;
  tokens = list_tokens (f, &settled, &error);
  g_assert_no_error (error);
  g_assert_false (settled);
  assert_tokens (tokens, 23);
  /* Three readings of page 1 and at most nine more; the short page 3
   * ends each. */
  g_test_message ("%u requests", f->requests);
  g_assert_cmpuint (f->requests, <=, 3 * 10);

  /* A count of two billion with pages of one: bounded, not a hang. */
  f->script_data = &absurd;
  f->requests = 0;
  settled = TRUE;
  few = list_tokens (f, &settled, &error);
  g_assert_no_error (error);
  g_assert_false (settled);
  assert_tokens (few, 7);
  g_test_message ("%u requests", f->requests);
  g_assert_cmpuint (f->requests, <=, 3 * (7 + 1 + 4));
}

static void
test_list_count_too_small (Fixture       *f,
                           gconstpointer  data)
{
  Pages pages = { .total = 23, .cap = 10, .count = 5 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  gboolean settled = TRUE;

  f->script = script_pages;
  f->script_data = &pages;
  tokens = list_tokens (f, &settled, &error);
  g_assert_no_error (error);
  /* Ten items where the count says five: never settles; no loop. */
  g_assert_false (settled);
  g_assert_cmpuint (tokens->len, ==, 10);
  g_assert_cmpuint (f->requests, ==, 3);
}

static void
test_list_duplicates (Fixture       *f,
                      gconstpointer  data)
{
  Pages pages = { .total = 23, .cap = 10, .count = 23, .overlap = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  gboolean settled = TRUE;

  /* An id seen twice is a list that moved: never shown twice. */
  f->script = script_pages;
  f->script_data = &pages;
  tokens = list_tokens (f, &settled, &error);
  g_assert_no_error (error);
  g_assert_false (settled);
  assert_tokens (tokens, 23);
}

/* Another client deletes or creates a token right after page 1 was
 * answered: the first reading disagrees with itself, the second shows
 * exactly what the server has. */
static void
test_list_changes_between_pages (Fixture       *f,
                                 gconstpointer  data)
{
  for (int mutate = -1; mutate <= 1; mutate += 2)
    {
      Pages pages = { .total = 23, .cap = 10, .mutate = mutate, .mutations = 1 };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) tokens = NULL;
      gboolean settled = FALSE;

      pages_go_live (&pages);
      f->script = script_pages;
      f->script_data = &pages;
      f->requests = 0;
      tokens = list_tokens (f, &settled, &error);
      g_assert_no_error (error);
      g_assert_true (settled);
      g_assert_cmpuint (pages.live->len, ==, mutate < 0 ? 22 : 24);
      assert_live (tokens, &pages);
      g_assert_cmpuint (f->requests, ==, 3 + 3);
      g_array_unref (pages.live);
    }
}

/* A list that changes on every reading: three readings, then the last one
 * (complete) as not settled. */
static void
test_list_keeps_changing (Fixture       *f,
                          gconstpointer  data)
{
  for (int mutate = -1; mutate <= 1; mutate += 2)
    {
      Pages pages = { .total = 23, .cap = 10, .mutate = mutate, .mutations = 100 };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) tokens = NULL;
      gboolean settled = TRUE;

      pages_go_live (&pages);
      f->script = script_pages;
      f->script_data = &pages;
      f->requests = 0;
      tokens = list_tokens (f, &settled, &error);
      g_assert_no_error (error);
      g_assert_false (settled);
      g_assert_nonnull (tokens);
      g_assert_cmpuint (f->requests, ==, 3 * 3);
      g_assert_cmpuint (pages.mutations, ==, 100 - 3);
      g_array_unref (pages.live);
    }
}

static void
test_list_concurrent (Fixture       *f,
                      gconstpointer  data)
{
  Pages pages = { .total = 95, .cap = 10, .count = 95, .delay_ms = 150 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  gboolean settled = FALSE;

  f->script = script_pages;
  f->script_data = &pages;
  tokens = list_tokens (f, &settled, &error);
  g_assert_no_error (error);
  g_assert_true (settled);
  assert_tokens (tokens, 95);
  g_assert_cmpuint (f->requests, ==, 10);
  g_test_message ("at most %u pages in flight", f->max_in_flight);
  /* Page 1 alone, then up to four at once (the benchmark measures how
   * much time that saves). */
  g_assert_cmpuint (f->max_in_flight, <=, 4);
  g_assert_cmpuint (f->max_in_flight, >=, 2);
}

static void
script_pages_fail (Fixture           *f,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query)
{
  if (g_strcmp0 (g_hash_table_lookup (query, "page"), "3") == 0)
    {
      reply (msg, 502, "text/plain", "bad gateway");
      return;
    }
  script_pages (f, msg, path, query);
}

static void
test_list_page_fails (Fixture       *f,
                      gconstpointer  data)
{
  Pages pages = { .total = 60, .cap = 10, .count = 60, .delay_ms = 50 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;

  /* One bad page fails the whole list: never a partial one. */
  f->script = script_pages_fail;
  f->script_data = &pages;
  tokens = list_tokens (f, NULL, &error);
  g_assert_null (tokens);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_SERVER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/list/capped", test_list_capped);
  ADD ("/list/uncapped", test_list_uncapped);
  ADD ("/list/empty", test_list_empty);
  ADD ("/list/count-too-large", test_list_count_too_large);
  ADD ("/list/count-too-small", test_list_count_too_small);
  ADD ("/list/duplicates", test_list_duplicates);
  ADD ("/list/changes-between-pages", test_list_changes_between_pages);
  ADD ("/list/keeps-changing", test_list_keeps_changing);
  ADD ("/list/concurrent", test_list_concurrent);
  ADD ("/list/page-fails", test_list_page_fails);

#undef ADD

  return g_test_run ();
}
