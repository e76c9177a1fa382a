/* test-envelope.c — the API's envelope, and the errors a failure becomes
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tessera-error.h"
#include "tessera-error-private.h"
#include "tessera-json-private.h"
#include "tessera-request-private.h"

static JsonNode *
parse (guint        status,
       const char  *reason,
       const char  *body,
       char       **warning,
       GError     **error)
{
  return tessera_envelope_parse (status, reason, body, strlen (body), warning, error);
}

static void
test_success (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *payload;

  root = parse (200, "OK",
                "{\"payload\":{\"id\":\"x\"},\"status\":{\"code\":0,\"message\":\"OK\"},\"other\":1}",
                &warning, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_null (warning);
  payload = tessera_envelope_get_payload (root);
  g_assert_nonnull (payload);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (payload), "id"), ==, "x");
}

static void
test_success_null_payload (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) absent = NULL;

  root = parse (200, "OK", "{\"payload\":null,\"status\":{\"code\":0,\"message\":\"OK\"}}", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (tessera_envelope_get_payload (root));

  absent = parse (200, "OK", "{\"status\":{\"code\":0}}", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (tessera_envelope_get_payload (absent));
}

static void
test_warning (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *empty_warning = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) empty = NULL;

  root = parse (200, "OK",
                "{\"payload\":{},\"status\":{\"code\":0,\"message\":\"OK\"},"
                "\"warning\":\"This token expires in 2 days\"}",
                &warning, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (warning, ==, "This token expires in 2 days");

  empty = parse (200, "OK", "{\"payload\":{},\"status\":{\"code\":0},\"warning\":\"\"}",
                 &empty_warning, &error);
  g_assert_no_error (error);
  g_assert_null (empty_warning);
}

typedef struct
{
  guint http;
  const char *reason;
  const char *body;
  int code;
  const char *in_message;   /* must appear in the message */
} FailureCase;

static void
test_failures (void)
{
  static const FailureCase cases[] = {
    /* `error` wins over status.message and the reason phrase */
    { 401, "Unauthorized",
      "{\"payload\":null,\"status\":{\"code\":16,\"message\":\"Unauthenticated\"},\"error\":\"token expired\"}",
      TESSERA_API_ERROR_UNAUTHENTICATED, "token expired" },
    /* no `error`: status.message */
    { 403, "Forbidden",
      "{\"payload\":null,\"status\":{\"code\":7,\"message\":\"PermissionDenied\"}}",
      TESSERA_API_ERROR_PERMISSION_DENIED, "PermissionDenied" },
    /* no envelope: the reason phrase */
    { 404, "Not Found", "", TESSERA_API_ERROR_NOT_FOUND, "Not Found" },
    { 400, "Bad Request",
      "{\"payload\":null,\"status\":{\"code\":3,\"message\":\"InvalidArgument\"},\"error\":\"notes too long\"}",
      TESSERA_API_ERROR_INVALID_ARGUMENT, "notes too long" },
    { 400, "Bad Request",
      "{\"payload\":null,\"status\":{\"code\":8,\"message\":\"ResourceExhausted\"},\"error\":\"at most 50 tokens\"}",
      TESSERA_API_ERROR_TOKEN_LIMIT, "at most 50 tokens" },
    { 429, "Too Many Requests",
      "{\"payload\":null,\"status\":{\"code\":8,\"message\":\"ResourceExhausted\"}}",
      TESSERA_API_ERROR_RATE_LIMITED, "ResourceExhausted" },
    { 500, "Internal Server Error", "<html><body>oops</body></html>",
      TESSERA_API_ERROR_SERVER, "Internal Server Error" },
    { 502, "Bad Gateway", "upstream down", TESSERA_API_ERROR_SERVER, "Bad Gateway" },
    /* a failure dressed as success */
    { 200, "OK", "{\"payload\":null,\"status\":{\"code\":16,\"message\":\"Unauthenticated\"},\"error\":\"no\"}",
      TESSERA_API_ERROR_UNAUTHENTICATED, "no" },
    { 302, "Found", "", TESSERA_API_ERROR_BAD_RESPONSE, "redirect" },
    /* wrong types in an error envelope: still the HTTP status decides */
    { 404, "Not Found", "{\"status\":\"bad\",\"error\":5}", TESSERA_API_ERROR_NOT_FOUND, "Not Found" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;

      g_test_message ("%u %s", cases[i].http, cases[i].body);
      root = parse (cases[i].http, cases[i].reason, cases[i].body, NULL, &error);
      g_assert_null (root);
      g_assert_error (error, TESSERA_API_ERROR, cases[i].code);
      g_test_message ("→ %s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));
    }
}

static void
test_bad_success (void)
{
  static const char *cases[] = {
    "",
    "not json",
    "<html></html>",
    "[1,2,3]",
    "\"payload\"",
    "{\"payload\":{}}",
    "{\"payload\":{},\"status\":{}}",
    "{\"payload\":{},\"status\":{\"code\":\"0\"}}",
    "{\"payload\":{},\"status\":{\"code\":0.5}}",
    "{\"payload\":{},\"status\":[0]}",
    "{\"payload\":{},\"status\":{\"code\":0},\"warning\":42}",
    "{\"payload\":{\"a\":1}",
    "{\"status\":{\"code\":0},\"payload\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;

      g_test_message ("%s", cases[i]);
      root = parse (200, "OK", cases[i], NULL, &error);
      g_assert_null (root);
      g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_BAD_RESPONSE);
    }
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) body = g_string_new ("{\"status\":{\"code\":0},\"payload\":");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  for (guint i = 0; i < 500000; i++)
    g_string_append_c (body, '[');

  root = tessera_envelope_parse (200, "OK", body->str, body->len, NULL, &error);
  g_assert_null (root);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_BAD_RESPONSE);
}

/* About 360 KB of nesting that a scanner counting brackets outside
 * double-quoted strings misses: json-glib 1.6 also takes comments and
 * single-quoted strings, so a quote inside either hides what follows. */
static char *
hidden_deep_body (const char *opener,
                  const char *closer)
{
  GString *body = g_string_new ("{\"status\":{\"code\":0},\"payload\":");

  g_string_append (body, opener);
  for (guint i = 0; i < 180000; i++)
    g_string_append_c (body, '[');
  for (guint i = 0; i < 180000; i++)
    g_string_append_c (body, ']');
  g_string_append (body, closer);
  g_string_append_c (body, '}');
  return g_string_free (body, FALSE);
}

static void
test_deep_nesting_hidden (void)
{
  static const struct { const char *opener, *closer; } tricks[] = {
    { "/*\"*/ ", " /*\"*/" },
    { "[\"a\", '\"', ", ", '\"']" },
    { "// \"\n", "\n// \"\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tricks); i++)
    for (guint status = 200; status <= 500; status += 300)
      {
        g_autofree char *body = hidden_deep_body (tricks[i].opener, tricks[i].closer);
        g_autoptr(GError) error = NULL;
        g_autoptr(JsonNode) root = NULL;
        int expected = status == 200 ? TESSERA_API_ERROR_BAD_RESPONSE : TESSERA_API_ERROR_SERVER;

        /* A 5xx body is read for an envelope too. */
        root = tessera_envelope_parse (status, "Oops", body, strlen (body), NULL, &error);
        g_assert_null (root);
        g_assert_error (error, TESSERA_API_ERROR, expected);
      }
}

/* json-glib's extensions are not JSON: refused, not read. */
static void
test_not_strict_json (void)
{
  static const char *bodies[] = {
    "{\"payload\":null,/* c */\"status\":{\"code\":0}}",
    "{\"payload\":'x',\"status\":{\"code\":0}}",
    "{\"payload\":null,\"status\":{\"code\":0}} // end",
    "{\"payload\":null,\"status\":{\"code\":0},}",
    "{\"payload\":[1,],\"status\":{\"code\":0}}",
    "{\"payload\":0x10,\"status\":{\"code\":0}}",
    "{\"payload\":\"tab\there\",\"status\":{\"code\":0}}",
    "{\"payload\":\"\\x41\",\"status\":{\"code\":0}}",
    "{\"payload\":01,\"status\":{\"code\":0}}",
    "{\"payload\":nul,\"status\":{\"code\":0}}",
    "{payload:null,\"status\":{\"code\":0}}",
    "{\"payload\":null,\"status\":{\"code\":0}} {}",
    "{\"payload\":\"\xc3\x28\",\"status\":{\"code\":0}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;

      g_test_message ("case %u", i);
      root = parse (200, "OK", bodies[i], NULL, &error);
      g_assert_null (root);
      g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_BAD_RESPONSE);
    }
}

/* Found by fuzz-json-strict: a \\u escape of half a surrogate pair passed
 * the check and json-glib then refused the text.  Only whole pairs are
 * Unicode. */
static void
test_strict_surrogates (void)
{
  static const char *refused[] = {
    "[\"\\ude00\"]", "[\"\\ud83d\"]", "[\"\\ud83dx\"]", "[\"\\ud83d\\u0041\"]",
    "[\"\\ue83d\\ude00\"]", "[\"\\uDBFF\\uDBFF\"]",
  };
  static const char *accepted[] = {
    "[\"\\ud83d\\ude00\"]", "[\"\\uD83D\\uDE00\"]", "[\"\\ue83d\"]", "[\"\\u0041\\ud7ff\\ue000\"]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("refused %s", refused[i]);
      g_assert_cmpint (tessera_json_check_strict (refused[i], strlen (refused[i]), 32), ==, TESSERA_JSON_CHECK_NOT_JSON);
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_test_message ("accepted %s", accepted[i]);
      g_assert_cmpint (tessera_json_check_strict (accepted[i], strlen (accepted[i]), 32), ==, TESSERA_JSON_CHECK_OK);
      g_assert_true (json_parser_load_from_data (parser, accepted[i], -1, NULL));
    }
}

/* Strict JSON in all its forms still reads. */
static void
test_strict_json_accepted (void)
{
  const char *body = " {\"payload\" : {\"a\":[1,-0.5e+3,true,false,null,\"\\u00fc\\n\\\"\\/\",{}],"
                     "\"b\":[[[]]],\"c\":\"\xc3\xbc\"},\r\n\t\"status\":{\"code\":0}} ";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = parse (200, "OK", body, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (root);
}

static void
test_retry_after (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 27, 10, 0, 0);
  static const struct { const char *value; int delay; } cases[] = {
    { NULL, 1 },                                  /* absent: a second */
    { "0", 0 },
    { "5", 5 },
    { " 3 ", 3 },
    { "10", 10 },
    { "11", -1 },                                 /* too long: the 429 stands */
    { "3600", -1 },
    { "99999999999999999999999", -1 },            /* a wait too long to count */
    { "Fri, 27 Nov 2026 10:00:05 GMT", 5 },
    { "Fri, 27 Nov 2026 09:59:00 GMT", 0 },       /* already past */
    { "Sat, 28 Nov 2026 10:00:00 GMT", -1 },
    { "soon", 1 },                                /* unreadable: a second */
    { "-5", 1 },
    { "", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("Retry-After: %s", cases[i].value);
      g_assert_cmpint (tessera_retry_after_delay (cases[i].value, now, 10), ==, cases[i].delay);
    }
}

static void
test_wipe (void)
{
  const char *body = "{\"payload\":{\"token\":\"s3cr3t\",\"list\":[\"a\",{\"b\":\"c\"}]},\"status\":{\"code\":0}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = parse (200, "OK", body, NULL, &error);
  JsonObject *payload;
  const char *secret;

  g_assert_no_error (error);
  payload = json_node_get_object (tessera_envelope_get_payload (root));
  secret = json_object_get_string_member (payload, "token");
  g_assert_cmpstr (secret, ==, "s3cr3t");

  tessera_json_wipe (root);
  g_assert_cmpstr (secret, ==, "");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (payload, "list"), 1),
                     "b"), ==, "");
}

typedef struct
{
  GQuark domain;
  int code;
  int expected;
} TransportCase;

static void
test_transport_errors (void)
{
  const TransportCase cases[] = {
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, TESSERA_API_ERROR_NETWORK },
    { G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE, TESSERA_API_ERROR_NETWORK },
    { G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, TESSERA_API_ERROR_NETWORK },
    { G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, TESSERA_API_ERROR_NETWORK },
    { G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, TESSERA_API_ERROR_TLS },
    { G_TLS_ERROR, G_TLS_ERROR_HANDSHAKE, TESSERA_API_ERROR_TLS },
    { G_IO_ERROR, G_IO_ERROR_TIMED_OUT, TESSERA_API_ERROR_TIMEOUT },
  };
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  g_autoptr(GError) mapped = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) source = g_error_new_literal (cases[i].domain, cases[i].code, "details");
      g_autoptr(GError) error = tessera_api_error_new_transport (source);

      g_assert_error (error, TESSERA_API_ERROR, cases[i].expected);
      g_assert_cmpstr (error->message, !=, "");
    }

  /* Cancellation keeps GIO's code: one convention in every layer. */
  mapped = tessera_api_error_new_transport (cancelled);
  g_assert_error (mapped, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/envelope/success", test_success);
  g_test_add_func ("/envelope/success-null-payload", test_success_null_payload);
  g_test_add_func ("/envelope/warning", test_warning);
  g_test_add_func ("/envelope/failures", test_failures);
  g_test_add_func ("/envelope/bad-success", test_bad_success);
  g_test_add_func ("/envelope/deep-nesting", test_deep_nesting);
  g_test_add_func ("/envelope/deep-nesting-hidden", test_deep_nesting_hidden);
  g_test_add_func ("/envelope/not-strict-json", test_not_strict_json);
  g_test_add_func ("/envelope/strict-json-accepted", test_strict_json_accepted);
  g_test_add_func ("/envelope/strict-surrogates", test_strict_surrogates);
  g_test_add_func ("/envelope/wipe", test_wipe);
  g_test_add_func ("/request/retry-after", test_retry_after);
  g_test_add_func ("/error/transport", test_transport_errors);

  return g_test_run ();
}
