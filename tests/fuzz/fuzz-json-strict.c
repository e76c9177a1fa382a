/* fuzz-json-strict.c — the strict RFC 8259 check that guards json-glib:
 * whatever it lets through json-glib must parse, no deeper than the bound
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "tessera-json-private.h"

static guint
depth_of (JsonNode *node)
{
  guint deepest = 0;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        {
          guint depth = depth_of (member);   /* MAX() would call it twice */

          deepest = MAX (deepest, depth);
        }
      return deepest + 1;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          guint depth = depth_of (json_array_get_element (array, i));

          deepest = MAX (deepest, depth);
        }
      return deepest + 1;
    }
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = NULL;
  TesseraJsonCheck check = tessera_json_check_strict ((const char *) data, size, TESSERA_JSON_MAX_DEPTH);

  if (check != TESSERA_JSON_CHECK_OK)
    return 0;

  /* Passed: json-glib reads it, and it is as shallow as promised. */
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL))
    abort ();
  if (depth_of (json_parser_get_root (parser)) > TESSERA_JSON_MAX_DEPTH)
    abort ();
  return 0;
}
