/* tessera-release-notes.c — a release's notes, read from the AppStream
 * metainfo, in the user's language
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-release-notes"

#include "config.h"

#include <string.h>

#include "tessera-release-notes.h"

/* One paragraph or list item: its text in each language it comes in
 * (itstool writes the translations right after the original). */
typedef struct
{
  char       *element;      /* "p" or "li" */
  GHashTable *texts;        /* language ("" for the original) → escaped text */
} Slot;

typedef struct
{
  const char  *version;
  gboolean     in_release;  /* inside the <release> asked for */
  gboolean     in_description;
  gboolean     done;
  GPtrArray   *out;         /* of Slot, or of a plain string: "<ul>", "</ul>" */
  GPtrArray   *kinds;       /* parallel: TRUE for a Slot */
  Slot        *current;     /* being read */
  char        *current_lang;
  GString     *text;
} Reader;

static void
slot_free (Slot *slot)
{
  g_free (slot->element);
  g_hash_table_unref (slot->texts);
  g_free (slot);
}

static const char *
lang_of (const char **names,
         const char **values)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], "xml:lang"))
      return values[i];
  return "";
}

static void
start_cb (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  Reader *reader = user_data;

  if (reader->done)
    return;

  if (g_str_equal (element, "release"))
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "version"))
          reader->in_release = reader->version == NULL || g_str_equal (values[i], reader->version);
      return;
    }
  if (!reader->in_release)
    return;

  if (g_str_equal (element, "description"))
    reader->in_description = TRUE;
  else if (reader->in_description && g_str_equal (element, "ul"))
    {
      g_ptr_array_add (reader->out, g_strdup ("<ul>"));
      g_ptr_array_add (reader->kinds, GINT_TO_POINTER (FALSE));
    }
  else if (reader->in_description && (g_str_equal (element, "p") || g_str_equal (element, "li")))
    {
      const char *lang = lang_of (names, values);
      Slot *last = NULL;

      if (reader->out->len > 0 && GPOINTER_TO_INT (g_ptr_array_index (reader->kinds, reader->out->len - 1)))
        last = g_ptr_array_index (reader->out, reader->out->len - 1);

      /* A translation belongs to the original just before it. */
      if (lang[0] != '\0' && last != NULL && g_str_equal (last->element, element))
        reader->current = last;
      else
        {
          reader->current = g_new0 (Slot, 1);
          reader->current->element = g_strdup (element);
          reader->current->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_ptr_array_add (reader->out, reader->current);
          g_ptr_array_add (reader->kinds, GINT_TO_POINTER (TRUE));
        }
      g_free (reader->current_lang);
      reader->current_lang = g_strdup (lang);
      g_string_truncate (reader->text, 0);
    }
}

static void
end_cb (GMarkupParseContext  *context,
        const char           *element,
        gpointer              user_data,
        GError              **error)
{
  Reader *reader = user_data;

  if (reader->done || !reader->in_release)
    return;

  if (g_str_equal (element, "release"))
    {
      reader->in_release = FALSE;
      reader->done = reader->out->len > 0;
    }
  else if (g_str_equal (element, "description"))
    reader->in_description = FALSE;
  else if (reader->in_description && g_str_equal (element, "ul"))
    {
      g_ptr_array_add (reader->out, g_strdup ("</ul>"));
      g_ptr_array_add (reader->kinds, GINT_TO_POINTER (FALSE));
    }
  else if (reader->current != NULL && g_str_equal (element, reader->current->element))
    {
      g_hash_table_replace (reader->current->texts, g_strdup (reader->current_lang),
                            g_markup_escape_text (reader->text->str, -1));
      reader->current = NULL;
    }
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  Reader *reader = user_data;

  if (reader->current != NULL)
    g_string_append_len (reader->text, text, length);
}

/* The first of @languages ("de_DE.UTF-8", "de", "C"…) @slot has. */
static const char *
pick (Slot               *slot,
      const char * const *languages)
{
  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    {
      const char *text = g_hash_table_lookup (slot->texts, languages[i]);

      if (text != NULL)
        return text;
    }
  return g_hash_table_lookup (slot->texts, "");
}

char *
tessera_release_notes_read (const char         *metainfo,
                            const char         *version,
                            const char * const *languages)
{
  static const GMarkupParser parser = { start_cb, end_cb, text_cb, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  Reader reader = { 0 };
  GString *out;

  g_return_val_if_fail (metainfo != NULL, NULL);

  reader.version = version;
  reader.out = g_ptr_array_new ();
  reader.kinds = g_ptr_array_new ();
  reader.text = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, 0, &reader, NULL);
  if (!g_markup_parse_context_parse (context, metainfo, -1, NULL))
    g_debug ("The metainfo could not be read");

  out = g_string_new (NULL);
  for (guint i = 0; i < reader.out->len; i++)
    {
      if (GPOINTER_TO_INT (g_ptr_array_index (reader.kinds, i)))
        {
          Slot *slot = g_ptr_array_index (reader.out, i);
          const char *text = pick (slot, languages);

          if (text != NULL)
            g_string_append_printf (out, "<%s>%s</%s>", slot->element, text, slot->element);
          slot_free (slot);
        }
      else
        {
          g_string_append (out, g_ptr_array_index (reader.out, i));
          g_free (g_ptr_array_index (reader.out, i));
        }
    }

  g_ptr_array_unref (reader.out);
  g_ptr_array_unref (reader.kinds);
  g_string_free (reader.text, TRUE);
  g_free (reader.current_lang);

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}
