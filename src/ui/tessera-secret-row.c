/* tessera-secret-row.c — a boxed-list row for typing or pasting a token
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-secret-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tessera-secret-buffer.h"
#include "tessera-secret-row.h"

/* What GTK 4.8 gives away, and what this row does about it:
 *
 * - AdwPasswordEntryRow is a "text" to AT-SPI, and its Text interface
 *   returns the whole token.  Only a GtkPasswordEntry is a "password
 *   text" (gtk_atspi_role_for_context()), so this row holds one.
 * - Its Text interface still reads the entry's buffer: the buffer is a
 *   TesseraSecretBuffer, which answers with one "•" per character until
 *   Show Text reveals it.
 * - Every "insert-text" of the inner GtkText is sent to AT-SPI clients
 *   with the inserted text (an "after" handler): the row inserts into the
 *   buffer itself and stops the emission, so no event carries the
 *   secret.  (Deletions are sent as the buffer reads: the mask.) */

struct _TesseraSecretRow
{
  AdwPreferencesRow    parent_instance;

  TesseraSecretBuffer *buffer;

  /* Template children */
  GtkLabel            *title_label;
  GtkPasswordEntry    *entry;
};

G_DEFINE_FINAL_TYPE (TesseraSecretRow, tessera_secret_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  CHANGED,
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkText *
inner_text (TesseraSecretRow *self)
{
  return GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->entry)));
}

static void
insert_text_cb (GtkEditable      *text,
                const char       *chars,
                int               length,
                int              *position,
                TesseraSecretRow *self)
{
  g_signal_stop_emission_by_name (text, "insert-text");
  if (length < 0)
    length = strlen (chars);
  if (length == 0)
    return;

  *position += gtk_entry_buffer_insert_text (GTK_ENTRY_BUFFER (self->buffer), *position, chars,
                                             g_utf8_strlen (chars, length));
}

/* The peek icon is an unlabelled GtkImage: "GtkImage" to a screen reader. */
static void
label_peek_icon (TesseraSecretRow *self,
                 gboolean          visible)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->entry));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_IMAGE (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      visible ? _("Hide Text") : _("Show Text"),
                                      -1);
}

static void
visibility_cb (TesseraSecretRow *self)
{
  gboolean visible = gtk_text_get_visibility (inner_text (self));

  /* Before GTK lays the text out again: it reads the buffer to draw it. */
  tessera_secret_buffer_set_revealed (self->buffer, visible);
  label_peek_icon (self, visible);
}

static void
title_cb (TesseraSecretRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  gtk_label_set_text (self->title_label, title != NULL ? title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "",
                                  -1);
}

static void
changed_cb (TesseraSecretRow *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
activate_cb (TesseraSecretRow *self)
{
  g_signal_emit (self, signals[ACTIVATED], 0);
}

GtkWidget *
tessera_secret_row_get_entry (TesseraSecretRow *self)
{
  g_return_val_if_fail (TESSERA_IS_SECRET_ROW (self), NULL);

  return GTK_WIDGET (self->entry);
}

const char *
tessera_secret_row_get_secret (TesseraSecretRow *self)
{
  g_return_val_if_fail (TESSERA_IS_SECRET_ROW (self), NULL);

  return tessera_secret_buffer_get_secret (self->buffer);
}

void
tessera_secret_row_clear (TesseraSecretRow *self)
{
  g_return_if_fail (TESSERA_IS_SECRET_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

static void
tessera_secret_row_dispose (GObject *object)
{
  TesseraSecretRow *self = TESSERA_SECRET_ROW (object);

  /* The secret does not outlive the row in a widget's buffer. */
  if (self->entry != NULL)
    tessera_secret_row_clear (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_SECRET_ROW);
  g_clear_object (&self->buffer);

  G_OBJECT_CLASS (tessera_secret_row_parent_class)->dispose (object);
}

static void
tessera_secret_row_class_init (TesseraSecretRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_secret_row_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-secret-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraSecretRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraSecretRow, entry);
}

static void
tessera_secret_row_init (TesseraSecretRow *self)
{
  GtkText *text;

  gtk_widget_init_template (GTK_WIDGET (self));

  text = inner_text (self);
  self->buffer = TESSERA_SECRET_BUFFER (tessera_secret_buffer_new ());
  gtk_text_set_buffer (text, GTK_ENTRY_BUFFER (self->buffer));
  g_signal_connect_object (text, "insert-text", G_CALLBACK (insert_text_cb), self, 0);
  g_signal_connect_object (text, "notify::visibility", G_CALLBACK (visibility_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::title", G_CALLBACK (title_cb), NULL);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title_label, NULL,
                                  -1);
  label_peek_icon (self, FALSE);
  title_cb (self);
}
