/* tessera-json-private.h — reading the API's JSON: the envelope, typed
 * members, dates, and wiping documents that held a secret
 *
 * Private to src/api/ (and its unit tests).
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Nesting deeper than this is refused before json-glib's recursive parser
 * sees it: a hostile body must not exhaust the stack. */
#define TESSERA_JSON_MAX_DEPTH 32

typedef enum
{
  TESSERA_JSON_CHECK_OK,
  TESSERA_JSON_CHECK_NOT_JSON,     /* not RFC 8259 JSON, or not UTF-8 */
  TESSERA_JSON_CHECK_TOO_DEEP,
} TesseraJsonCheck;

/* Every text goes through this before json-glib: strict JSON (no comments,
 * no single quotes, nothing after the value), nested at most @max_depth
 * deep (tessera-json-strict.c). */
TesseraJsonCheck tessera_json_check_strict (const char *text,
                                            gsize       length,
                                            guint       max_depth);
/* The checked text parsed by json-glib: NULL unless it is a JSON object
 * (then free with tessera_json_wipe_free()).  *check_out (optional) says
 * why not. */
JsonNode *tessera_json_parse_object (const char       *text,
                                     gsize             length,
                                     TesseraJsonCheck *check_out);

/* *out points into @object; NULL when the member is absent or null.  A
 * member of another type, or a missing @required one, is a
 * TESSERA_API_ERROR_BAD_RESPONSE. */
gboolean  tessera_json_get_string   (JsonObject   *object,
                                     const char   *name,
                                     gboolean      required,
                                     const char  **out,
                                     GError      **error);
/* An integer member; TRUE with *present_out = FALSE when absent or null. */
gboolean  tessera_json_get_int      (JsonObject   *object,
                                     const char   *name,
                                     gboolean     *present_out,
                                     gint64       *out,
                                     GError      **error);
/* An object member (required): *out points into @object. */
gboolean  tessera_json_get_object   (JsonObject   *object,
                                     const char   *name,
                                     JsonObject  **out,
                                     GError      **error);
/* GDateTime's range in UTC: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z,
 * as Unix seconds. */
#define TESSERA_JSON_MIN_UNIX G_GINT64_CONSTANT (-62135596800)
#define TESSERA_JSON_MAX_UNIX G_GINT64_CONSTANT (253402300799)

/* RFC 3339 → UTC GDateTime; BAD_RESPONSE otherwise, also when the time
 * falls outside GDateTime's range once in UTC. */
gboolean  tessera_json_parse_time   (const char   *text,
                                     GDateTime   **out,
                                     GError      **error);
/* Formats @time as RFC 3339 in UTC, whole seconds: 2026-01-05T10:00:00Z;
 * NULL when that UTC time is outside GDateTime's range. */
char     *tessera_json_format_time  (GDateTime    *time);

/* Overwrites every string value under @node with zeroes. */
void      tessera_json_wipe         (JsonNode     *node);
/* Wipes, then frees. */
void      tessera_json_wipe_free    (JsonNode     *node);

/* Parses one API answer.
 *
 * @http_status / @reason_phrase: from the response line.
 * @body / @length: the whole body (may be empty).
 *
 * On success (2xx and status.code 0) returns the envelope's root node
 * (transfer full; use tessera_envelope_get_payload()) and sets
 * *warning_out to the envelope's non-empty `warning`, else NULL.
 * Otherwise returns NULL with a TESSERA_API_ERROR chosen from the HTTP
 * status and status.code, keeping the server's `error` text. */
JsonNode *tessera_envelope_parse        (guint         http_status,
                                         const char   *reason_phrase,
                                         const char   *body,
                                         gsize         length,
                                         char        **warning_out,
                                         GError      **error);
/* The `payload` of a root returned above: borrowed; NULL when it is null
 * or absent. */
JsonNode *tessera_envelope_get_payload  (JsonNode     *root);

G_END_DECLS
