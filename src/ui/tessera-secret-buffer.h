/* tessera-secret-buffer.h — an entry buffer that shows a secret only to
 * the person looking at the screen
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TESSERA_TYPE_SECRET_BUFFER (tessera_secret_buffer_get_type ())
G_DECLARE_FINAL_TYPE (TesseraSecretBuffer, tessera_secret_buffer, TESSERA, SECRET_BUFFER, GtkEntryBuffer)

/* GTK 4.8 hands the whole text of a password entry to every AT-SPI
 * client (its Text interface reads the buffer).  This buffer answers
 * gtk_entry_buffer_get_text() with one "•" per character unless it is
 * revealed (the entry's Show Text), so a client reads what the screen
 * shows; tessera_secret_buffer_get_secret() has the real text.  Its
 * memory is wiped before it is freed. */
GtkEntryBuffer *tessera_secret_buffer_new          (void);
const char     *tessera_secret_buffer_get_secret   (TesseraSecretBuffer *self);
void            tessera_secret_buffer_set_revealed (TesseraSecretBuffer *self,
                                                    gboolean             revealed);
gboolean        tessera_secret_buffer_get_revealed (TesseraSecretBuffer *self);

G_END_DECLS
