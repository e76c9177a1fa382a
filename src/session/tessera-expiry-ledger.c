/* tessera-expiry-ledger.c — which expiry moments were told of which
 * token, kept across restarts
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-expiry-watch"

#include "config.h"

#include <string.h>

#include "tessera-expiry-ledger.h"
#include "tessera-expiry-watch.h"

struct _TesseraExpiryLedger
{
  GObject       parent_instance;

  GFile        *file;
  GHashTable   *told;       /* token id → the latest TesseraExpiryThreshold told */
  GCancellable *cancellable;
  gboolean      ready;
  gboolean      saving;
  gboolean      dirty;      /* changed since the write under way began */
};

G_DEFINE_FINAL_TYPE (TesseraExpiryLedger, tessera_expiry_ledger, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_READY,
  PROP_SAVING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
ledger_text (GHashTable *told)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  GString *text = g_string_new ("# Tessera: the expiry moments told of each token (no secret)\n");
  GEnumClass *klass = g_type_class_ref (TESSERA_TYPE_EXPIRY_THRESHOLD);

  g_hash_table_iter_init (&iter, told);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      int threshold = GPOINTER_TO_INT (g_hash_table_lookup (told, id));

      g_string_append_printf (text, "%s %s\n", id, g_enum_get_value (klass, threshold)->value_nick);
    }
  g_type_class_unref (klass);

  return g_string_free (text, FALSE);
}

static void
ledger_parse (GHashTable *told,
              const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GEnumClass *klass = g_type_class_ref (TESSERA_TYPE_EXPIRY_THRESHOLD);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      GEnumValue *value;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], " ", 2);
      if (g_strv_length (fields) != 2 || fields[0][0] == '\0')
        continue;
      value = g_enum_get_value_by_nick (klass, fields[1]);
      if (value != NULL && value->value > TESSERA_EXPIRY_NONE)
        g_hash_table_insert (told, g_strdup (fields[0]), GINT_TO_POINTER (value->value));
    }
  g_type_class_unref (klass);
}

/* A few lines in the state folder: read and written in a thread all the
 * same, the main loop never waits on a disk. */
static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *told = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_file_load_contents (file, cancellable, &contents, NULL, NULL, &error))
    ledger_parse (told, contents);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_debug ("Could not read the expiry ledger: %s", error->message);

  g_task_return_pointer (task, told, (GDestroyNotify) g_hash_table_unref);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TesseraExpiryLedger *self = TESSERA_EXPIRY_LEDGER (object);
  g_autoptr(GHashTable) told = g_task_propagate_pointer (G_TASK (result), NULL);

  if (told == NULL)
    return;

  g_clear_pointer (&self->told, g_hash_table_unref);
  self->told = g_steal_pointer (&told);
  self->ready = TRUE;
  g_debug ("%u tokens told of before", g_hash_table_size (self->told));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TesseraExpiryLedger *self = source_object;
  const char *text = task_data;
  g_autoptr(GFile) parent = g_file_get_parent (self->file);
  g_autoptr(GError) error = NULL;

  if (parent != NULL && !g_file_make_directory_with_parents (parent, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);

  if (!g_file_replace_contents (self->file, text, strlen (text), NULL, FALSE,
                                G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  TesseraExpiryLedger *self = TESSERA_EXPIRY_LEDGER (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_debug ("Could not write the expiry ledger: %s", error->message);

  self->saving = FALSE;
  if (self->dirty)
    tessera_expiry_ledger_save (self);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

/* One write at a time; a change made meanwhile is written after it.  The
 * task holds the ledger until its write is done. */
void
tessera_expiry_ledger_save (TesseraExpiryLedger *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TESSERA_IS_EXPIRY_LEDGER (self));

  if (!self->ready)
    return;
  if (self->saving)
    {
      self->dirty = TRUE;
      return;
    }

  self->dirty = FALSE;
  self->saving = TRUE;
  task = g_task_new (self, NULL, saved_cb, NULL);
  g_task_set_source_tag (task, tessera_expiry_ledger_save);
  g_task_set_task_data (task, ledger_text (self->told), g_free);
  g_task_run_in_thread (task, save_in_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

int
tessera_expiry_ledger_get (TesseraExpiryLedger *self,
                           const char          *token_id)
{
  g_return_val_if_fail (TESSERA_IS_EXPIRY_LEDGER (self), 0);
  g_return_val_if_fail (token_id != NULL, 0);

  return GPOINTER_TO_INT (g_hash_table_lookup (self->told, token_id));
}

void
tessera_expiry_ledger_set (TesseraExpiryLedger *self,
                           const char          *token_id,
                           int                  moment)
{
  g_return_if_fail (TESSERA_IS_EXPIRY_LEDGER (self));
  g_return_if_fail (token_id != NULL);

  g_hash_table_insert (self->told, g_strdup (token_id), GINT_TO_POINTER (moment));
}

void
tessera_expiry_ledger_forget (TesseraExpiryLedger *self,
                              const char          *token_id)
{
  g_return_if_fail (TESSERA_IS_EXPIRY_LEDGER (self));

  if (self->ready && g_hash_table_remove (self->told, token_id))
    tessera_expiry_ledger_save (self);
}

gboolean
tessera_expiry_ledger_get_ready (TesseraExpiryLedger *self)
{
  g_return_val_if_fail (TESSERA_IS_EXPIRY_LEDGER (self), FALSE);
  return self->ready;
}

gboolean
tessera_expiry_ledger_get_saving (TesseraExpiryLedger *self)
{
  g_return_val_if_fail (TESSERA_IS_EXPIRY_LEDGER (self), FALSE);
  return self->saving;
}

TesseraExpiryLedger *
tessera_expiry_ledger_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (TESSERA_TYPE_EXPIRY_LEDGER, "file", file, NULL);
}

static void
tessera_expiry_ledger_constructed (GObject *object)
{
  TesseraExpiryLedger *self = TESSERA_EXPIRY_LEDGER (object);
  g_autoptr(GTask) task = NULL;

  G_OBJECT_CLASS (tessera_expiry_ledger_parent_class)->constructed (object);

  task = g_task_new (self, self->cancellable, loaded_cb, NULL);
  g_task_set_source_tag (task, tessera_expiry_ledger_constructed);
  g_task_set_task_data (task, g_object_ref (self->file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

static void
tessera_expiry_ledger_finalize (GObject *object)
{
  TesseraExpiryLedger *self = TESSERA_EXPIRY_LEDGER (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_pointer (&self->told, g_hash_table_unref);

  G_OBJECT_CLASS (tessera_expiry_ledger_parent_class)->finalize (object);
}

static void
tessera_expiry_ledger_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TesseraExpiryLedger *self = TESSERA_EXPIRY_LEDGER (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_expiry_ledger_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TesseraExpiryLedger *self = TESSERA_EXPIRY_LEDGER (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_expiry_ledger_class_init (TesseraExpiryLedgerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = tessera_expiry_ledger_constructed;
  object_class->finalize = tessera_expiry_ledger_finalize;
  object_class->get_property = tessera_expiry_ledger_get_property;
  object_class->set_property = tessera_expiry_ledger_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READY] = g_param_spec_boolean ("ready", NULL, NULL, FALSE, flags);
  properties[PROP_SAVING] = g_param_spec_boolean ("saving", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_expiry_ledger_init (TesseraExpiryLedger *self)
{
  self->told = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}
