/* tessera-clipboard.c — a secret on the clipboard, for a while
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-clipboard"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tessera-clipboard.h"
#include "tessera-secret.h"

typedef struct
{
  GdkClipboard       *clipboard;
  GdkContentProvider *provider;   /* what Tessera put there */
} Clear;

static void
clear_free (Clear *clear)
{
  g_clear_object (&clear->clipboard);
  g_clear_object (&clear->provider);
  g_free (clear);
}

static gboolean
clear_cb (gpointer user_data)
{
  Clear *clear = user_data;

  /* Only ours: anything the user copied since stays. */
  if (gdk_clipboard_get_content (clear->clipboard) == clear->provider)
    {
      g_debug ("Taking the copied secret off the clipboard");
      gdk_clipboard_set_content (clear->clipboard, NULL);
    }

  return G_SOURCE_REMOVE;
}

static void
wipe_and_free (gpointer data)
{
  tessera_secret_free (data);
}

char *
tessera_clipboard_format_delay (guint seconds)
{
  if (seconds >= 60 && seconds % 60 == 0)
    /* Translators: how long a copied token stays on the clipboard. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u min", "%u min", seconds / 60),
                            seconds / 60);

  /* Translators: how long a copied token stays on the clipboard. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u s", "%u s", seconds), seconds);
}

char *
tessera_clipboard_copy_secret (GtkWidget  *widget,
                               const char *secret,
                               guint       clear_after_s)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  char *copy = tessera_secret_dup (secret);
  g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (copy, strlen (copy), wipe_and_free, copy);
  g_autoptr(GdkContentProvider) provider = NULL;
  g_autofree char *delay = NULL;

  provider = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", bytes);
  gdk_clipboard_set_content (clipboard, provider);

  if (clear_after_s == 0)
    return g_strdup (_("Copied to clipboard"));

  {
    Clear *clear = g_new0 (Clear, 1);

    clear->clipboard = g_object_ref (clipboard);
    clear->provider = g_object_ref (provider);
    g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, clear_after_s, clear_cb, clear,
                                (GDestroyNotify) clear_free);
  }

  delay = tessera_clipboard_format_delay (clear_after_s);
  /* Translators: a toast; %s is "45 s" or "2 min". */
  return g_strdup_printf (_("Copied — clears in %s"), delay);
}
