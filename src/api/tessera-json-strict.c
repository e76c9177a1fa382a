/* tessera-json-strict.c — RFC 8259 JSON and nothing else, nested no deeper
 * than a bound, checked before json-glib sees a byte
 *
 * json-glib 1.6 parses recursively and accepts more than JSON: C and C++
 * comments, single-quoted strings, hexadecimal numbers.  A check that only
 * counts brackets outside double quotes is fooled by a quote inside a
 * comment or a single-quoted string, and ~360 KB of brackets then exhausts
 * the stack.  This checker reads the grammar itself, so every byte is
 * either part of a JSON token or refused; its recursion is bounded by the
 * depth limit, never by the input.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-json"

#include "config.h"

#include <string.h>

#include "tessera-json-private.h"

typedef struct
{
  const char *p;
  const char *end;
  guint depth;
  guint max_depth;
  gboolean too_deep;
} Scan;

static gboolean scan_value (Scan *s);

static void
skip_space (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
eat (Scan *s,
     char  c)
{
  if (s->p < s->end && *s->p == c)
    {
      s->p++;
      return TRUE;
    }
  return FALSE;
}

static gboolean
scan_literal (Scan       *s,
              const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (s->end - s->p) < length || memcmp (s->p, word, length) != 0)
    return FALSE;
  s->p += length;
  return TRUE;
}

static gboolean
scan_digits (Scan *s)
{
  const char *start = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return s->p > start;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
scan_number (Scan *s)
{
  eat (s, '-');
  if (eat (s, '0'))
    {
      if (s->p < s->end && g_ascii_isdigit (*s->p))
        return FALSE;  /* no leading zeros */
    }
  else if (!scan_digits (s))
    return FALSE;

  if (eat (s, '.') && !scan_digits (s))
    return FALSE;

  if (eat (s, 'e') || eat (s, 'E'))
    {
      if (!eat (s, '+'))
        eat (s, '-');
      if (!scan_digits (s))
        return FALSE;
    }

  return TRUE;
}

/* Four hex digits after "\\u"; -1 when they are not. */
static int
scan_hex4 (Scan *s)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      if (s->p >= s->end || !g_ascii_isxdigit (*s->p))
        return -1;
      value = value * 16 + g_ascii_xdigit_value (*s->p++);
    }
  return value;
}

/* After "\\u": a code point, or a whole surrogate pair.  Half a pair is
 * no Unicode (and json-glib refuses it). */
static gboolean
scan_unicode_escape (Scan *s)
{
  int unit = scan_hex4 (s);

  if (unit < 0 || (unit >= 0xdc00 && unit <= 0xdfff))
    return FALSE;
  if (unit < 0xd800 || unit > 0xdbff)
    return TRUE;

  /* A high surrogate: the low one must follow at once. */
  if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
    return FALSE;
  s->p += 2;
  unit = scan_hex4 (s);
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/* A double-quoted string: no control characters, only JSON's escapes.
 * UTF-8 was checked for the whole text beforehand. */
static gboolean
scan_string (Scan *s)
{
  if (!eat (s, '"'))
    return FALSE;

  while (s->p < s->end)
    {
      guchar c = (guchar) *s->p++;

      if (c == '"')
        return TRUE;
      if (c < 0x20)
        return FALSE;
      if (c != '\\')
        continue;

      if (s->p >= s->end)
        return FALSE;
      c = (guchar) *s->p++;
      if (c == 'u')
        {
          if (!scan_unicode_escape (s))
            return FALSE;
        }
      else if (strchr ("\"\\/bfnrt", c) == NULL || c == '\0')
        return FALSE;
    }

  return FALSE;
}

static gboolean
enter (Scan *s)
{
  if (++s->depth > s->max_depth)
    {
      s->too_deep = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* [ value (, value)* ] or [ ] */
static gboolean
scan_array (Scan *s)
{
  if (!eat (s, '[') || !enter (s))
    return FALSE;

  skip_space (s);
  if (!eat (s, ']'))
    {
      do
        {
          skip_space (s);
          if (!scan_value (s))
            return FALSE;
          skip_space (s);
        }
      while (eat (s, ','));

      if (!eat (s, ']'))
        return FALSE;
    }

  s->depth--;
  return TRUE;
}

/* { string : value (, string : value)* } or { } */
static gboolean
scan_object (Scan *s)
{
  if (!eat (s, '{') || !enter (s))
    return FALSE;

  skip_space (s);
  if (!eat (s, '}'))
    {
      do
        {
          skip_space (s);
          if (!scan_string (s))
            return FALSE;
          skip_space (s);
          if (!eat (s, ':'))
            return FALSE;
          skip_space (s);
          if (!scan_value (s))
            return FALSE;
          skip_space (s);
        }
      while (eat (s, ','));

      if (!eat (s, '}'))
        return FALSE;
    }

  s->depth--;
  return TRUE;
}

static gboolean
scan_value (Scan *s)
{
  if (s->p >= s->end)
    return FALSE;

  switch (*s->p)
    {
    case '{':
      return scan_object (s);
    case '[':
      return scan_array (s);
    case '"':
      return scan_string (s);
    case 't':
      return scan_literal (s, "true");
    case 'f':
      return scan_literal (s, "false");
    case 'n':
      return scan_literal (s, "null");
    default:
      return (*s->p == '-' || g_ascii_isdigit (*s->p)) && scan_number (s);
    }
}

/**
 * tessera_json_check_strict:
 * @text: (array length=length): what is to be parsed
 * @max_depth: the deepest nesting of objects and arrays allowed
 *
 * Returns: whether @text is one RFC 8259 JSON text in UTF-8, with nothing
 *   around it but whitespace and no nesting deeper than @max_depth.
 */
TesseraJsonCheck
tessera_json_check_strict (const char *text,
                           gsize       length,
                           guint       max_depth)
{
  Scan s = { text, text + length, 0, max_depth, FALSE };

  /* Also refuses a NUL byte anywhere. */
  if (text == NULL || length == 0 || !g_utf8_validate (text, (gssize) length, NULL))
    return TESSERA_JSON_CHECK_NOT_JSON;

  skip_space (&s);
  if (!scan_value (&s))
    return s.too_deep ? TESSERA_JSON_CHECK_TOO_DEEP : TESSERA_JSON_CHECK_NOT_JSON;
  skip_space (&s);

  return s.p == s.end ? TESSERA_JSON_CHECK_OK : TESSERA_JSON_CHECK_NOT_JSON;
}
