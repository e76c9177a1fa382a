/* tessera-secret-buffer.c — an entry buffer that shows a secret only to
 * the person looking at the screen
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-secret-buffer"

#include "config.h"

#include <string.h>

#include "tessera-secret-buffer.h"

/* What assistive technologies read in place of each character. */
#define MASK_CHAR "\xe2\x80\xa2"  /* U+2022 BULLET */

struct _TesseraSecretBuffer
{
  GtkEntryBuffer  parent_instance;

  char           *text;       /* the secret, NUL-terminated; wiped before it is freed */
  gsize           n_bytes;
  gsize           capacity;
  guint           n_chars;
  GString        *mask;       /* one MASK_CHAR per character */
  gboolean        revealed;
};

G_DEFINE_FINAL_TYPE (TesseraSecretBuffer, tessera_secret_buffer, GTK_TYPE_ENTRY_BUFFER)

static void
wipe_free (char   *text,
           gsize   capacity)
{
  if (text == NULL)
    return;
  explicit_bzero (text, capacity);
  g_free (text);
}

/* Never realloc(): the old block would be freed without being wiped. */
static void
ensure_capacity (TesseraSecretBuffer *self,
                 gsize                needed)
{
  char *bigger;
  gsize capacity;

  if (needed <= self->capacity)
    return;

  capacity = MAX (needed, MAX (self->capacity * 2, 64));
  bigger = g_malloc0 (capacity);
  if (self->text != NULL)
    memcpy (bigger, self->text, self->n_bytes + 1);
  wipe_free (self->text, self->capacity);
  self->text = bigger;
  self->capacity = capacity;
}

static void
update_mask (TesseraSecretBuffer *self)
{
  g_string_truncate (self->mask, 0);
  for (guint i = 0; i < self->n_chars; i++)
    g_string_append (self->mask, MASK_CHAR);
}

static const char *
tessera_secret_buffer_get_text (GtkEntryBuffer *buffer,
                                gsize          *n_bytes)
{
  TesseraSecretBuffer *self = TESSERA_SECRET_BUFFER (buffer);

  if (self->revealed)
    {
      if (n_bytes != NULL)
        *n_bytes = self->n_bytes;
      return self->text != NULL ? self->text : "";
    }

  if (n_bytes != NULL)
    *n_bytes = self->mask->len;
  return self->mask->str;
}

static guint
tessera_secret_buffer_get_length (GtkEntryBuffer *buffer)
{
  return TESSERA_SECRET_BUFFER (buffer)->n_chars;
}

static guint
tessera_secret_buffer_insert_text (GtkEntryBuffer *buffer,
                                   guint           position,
                                   const char     *chars,
                                   guint           n_chars)
{
  TesseraSecretBuffer *self = TESSERA_SECRET_BUFFER (buffer);
  gsize n_bytes = g_utf8_offset_to_pointer (chars, n_chars) - chars;
  gsize at;

  position = MIN (position, self->n_chars);
  ensure_capacity (self, self->n_bytes + n_bytes + 1);
  at = g_utf8_offset_to_pointer (self->text, position) - self->text;
  memmove (self->text + at + n_bytes, self->text + at, self->n_bytes - at + 1);
  memcpy (self->text + at, chars, n_bytes);
  self->n_bytes += n_bytes;
  self->n_chars += n_chars;
  update_mask (self);

  gtk_entry_buffer_emit_inserted_text (buffer, position, chars, n_chars);
  return n_chars;
}

static guint
tessera_secret_buffer_delete_text (GtkEntryBuffer *buffer,
                                   guint           position,
                                   guint           n_chars)
{
  TesseraSecretBuffer *self = TESSERA_SECRET_BUFFER (buffer);
  gsize start, end;

  if (position > self->n_chars)
    position = self->n_chars;
  if (position + n_chars > self->n_chars)
    n_chars = self->n_chars - position;
  if (n_chars == 0)
    return 0;

  start = g_utf8_offset_to_pointer (self->text, position) - self->text;
  end = g_utf8_offset_to_pointer (self->text, position + n_chars) - self->text;
  memmove (self->text + start, self->text + end, self->n_bytes - end + 1);
  self->n_bytes -= end - start;
  self->n_chars -= n_chars;
  /* The bytes past the end held part of the secret. */
  explicit_bzero (self->text + self->n_bytes + 1, self->capacity - self->n_bytes - 1);
  update_mask (self);

  gtk_entry_buffer_emit_deleted_text (buffer, position, n_chars);
  return n_chars;
}

/* GtkEntryBuffer's own handlers of these signals edit its private copy
 * of the text (GTK 4.8 deletes there, in "deleted-text"): this buffer has
 * none, and only says that it changed. */
static void
tessera_secret_buffer_inserted_text (GtkEntryBuffer *buffer,
                                     guint           position,
                                     const char     *chars,
                                     guint           n_chars)
{
  g_object_notify (G_OBJECT (buffer), "text");
  g_object_notify (G_OBJECT (buffer), "length");
}

static void
tessera_secret_buffer_deleted_text (GtkEntryBuffer *buffer,
                                    guint           position,
                                    guint           n_chars)
{
  g_object_notify (G_OBJECT (buffer), "text");
  g_object_notify (G_OBJECT (buffer), "length");
}

static void
tessera_secret_buffer_finalize (GObject *object)
{
  TesseraSecretBuffer *self = TESSERA_SECRET_BUFFER (object);

  wipe_free (self->text, self->capacity);
  g_string_free (self->mask, TRUE);

  G_OBJECT_CLASS (tessera_secret_buffer_parent_class)->finalize (object);
}

static void
tessera_secret_buffer_class_init (TesseraSecretBufferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkEntryBufferClass *buffer_class = GTK_ENTRY_BUFFER_CLASS (klass);

  object_class->finalize = tessera_secret_buffer_finalize;

  buffer_class->get_text = tessera_secret_buffer_get_text;
  buffer_class->get_length = tessera_secret_buffer_get_length;
  buffer_class->insert_text = tessera_secret_buffer_insert_text;
  buffer_class->delete_text = tessera_secret_buffer_delete_text;
  buffer_class->inserted_text = tessera_secret_buffer_inserted_text;
  buffer_class->deleted_text = tessera_secret_buffer_deleted_text;
}

static void
tessera_secret_buffer_init (TesseraSecretBuffer *self)
{
  self->mask = g_string_new (NULL);
  ensure_capacity (self, 1);
}

GtkEntryBuffer *
tessera_secret_buffer_new (void)
{
  return g_object_new (TESSERA_TYPE_SECRET_BUFFER, NULL);
}

const char *
tessera_secret_buffer_get_secret (TesseraSecretBuffer *self)
{
  g_return_val_if_fail (TESSERA_IS_SECRET_BUFFER (self), NULL);

  return self->text;
}

void
tessera_secret_buffer_set_revealed (TesseraSecretBuffer *self,
                                    gboolean             revealed)
{
  g_return_if_fail (TESSERA_IS_SECRET_BUFFER (self));

  self->revealed = !!revealed;
}

gboolean
tessera_secret_buffer_get_revealed (TesseraSecretBuffer *self)
{
  g_return_val_if_fail (TESSERA_IS_SECRET_BUFFER (self), FALSE);

  return self->revealed;
}
