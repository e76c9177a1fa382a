/* test-file-backend.c — TesseraSecretStore on libsecret's file backend,
 * the one a Flatpak sandbox uses
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inside a sandbox libsecret keeps the secrets in an encrypted file of the
 * app's own.  Here the same backend runs outside one: SECRET_BACKEND=file
 * with libsecret's test path and password instead of the Secret portal.
 * The backend is chosen once per process, by the first call, so each case
 * is a process of its own (g_test_trap_subprocess()).
 */
#include "config.h"

#include <glib/gstdio.h>

#include "tessera-secret.h"
#include "tessera-secret-store.h"

#define SERVER "https://console.api7.ai"
#define N_ITEMS 8

typedef struct
{
  GMainLoop *loop;
  guint      pending;
  guint      failed;
} Wait;

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;
  g_autoptr(GError) error = NULL;

  if (!tessera_secret_store_save_generated_finish (TESSERA_SECRET_STORE (source), result, &error))
    {
      g_printerr ("save failed: %s\n", error->message);
      wait->failed++;
    }
  if (--wait->pending == 0)
    g_main_loop_quit (wait->loop);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GStrv *ids = user_data;
  g_autoptr(GError) error = NULL;

  *ids = tessera_secret_store_list_generated_finish (TESSERA_SECRET_STORE (source), result, &error);
  g_assert_no_error (error);
}

static GStrv
list_ids (TesseraSecretStore *store)
{
  GStrv ids = NULL;

  tessera_secret_store_list_generated_async (store, SERVER, "a@example.com", NULL, listed_cb, &ids);
  while (ids == NULL)
    g_main_context_iteration (NULL, TRUE);
  return ids;
}

/* The app's first calls come together: restoring the sign-ins while a
 * command line saves a token, say.  Each must land in the one file. */
static void
concurrent_first_writes_child (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, N_ITEMS, 0 };
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autofree char *id = g_strdup_printf ("token-%u", i);
      g_autofree char *secret = g_strdup_printf ("secret-%u", i);

      tessera_secret_store_save_generated_async (store, SERVER, "a@example.com", id, "note",
                                                 secret, NULL, saved_cb, &wait);
    }
  g_main_loop_run (loop);
  g_assert_cmpuint (wait.failed, ==, 0);

  ids = list_ids (store);
  g_assert_cmpuint (g_strv_length (ids), ==, N_ITEMS);
}

static void
cancelled_saved_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Wait *wait = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_false (tessera_secret_store_save_generated_finish (TESSERA_SECRET_STORE (source),
                                                              result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  if (--wait->pending == 0)
    g_main_loop_quit (wait->loop);
}

/* A call cancelled while it waits for the first one ends as cancelled,
 * and writes nothing; the first one is not disturbed. */
static void
cancel_while_waiting_child (void)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Wait wait = { loop, 2, 0 };
  g_auto(GStrv) ids = NULL;

  tessera_secret_store_save_generated_async (store, SERVER, "a@example.com", "first", "note",
                                             "secret-1", NULL, saved_cb, &wait);
  tessera_secret_store_save_generated_async (store, SERVER, "a@example.com", "second", "note",
                                             "secret-2", cancellable, cancelled_saved_cb, &wait);
  g_cancellable_cancel (cancellable);
  g_main_loop_run (loop);
  g_assert_cmpuint (wait.failed, ==, 0);

  ids = list_ids (store);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, "first");
}

/* Runs child in a process of its own, on a keyring file of its own. */
static void
run_on_file_backend (void (*child) (void))
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (g_test_subprocess ())
    {
      child ();
      return;
    }

  dir = g_dir_make_tmp ("tessera-file-backend-XXXXXX", NULL);
  g_assert_nonnull (dir);
  path = g_build_filename (dir, "keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test password", TRUE);

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_concurrent_first_writes (void)
{
  run_on_file_backend (concurrent_first_writes_child);
}

static void
test_cancel_while_waiting (void)
{
  run_on_file_backend (cancel_while_waiting_child);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file-backend/concurrent-first-writes", test_concurrent_first_writes);
  g_test_add_func ("/file-backend/cancel-while-waiting", test_cancel_while_waiting);

  return g_test_run ();
}
