/* test-token.c — tokens, accounts and JWT claims, parsed from what a server
 * may send
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tessera-account.h"
#include "tessera-error.h"
#include "tessera-jwt.h"
#include "tessera-token.h"

static JsonObject *
object_from (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static TesseraToken *
token_from (const char  *json,
            GError     **error)
{
  g_autoptr(JsonObject) object = object_from (json);

  return tessera_token_new_from_json (object, error);
}

static void
assert_time (GDateTime  *time,
             const char *expected)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (time);
  g_assert_true (g_time_zone_get_offset (g_date_time_get_timezone (time), 0) == 0);
  text = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          g_date_time_get_year (time), g_date_time_get_month (time),
                          g_date_time_get_day_of_month (time), g_date_time_get_hour (time),
                          g_date_time_get_minute (time), g_date_time_get_second (time));
  g_assert_cmpstr (text, ==, expected);
}

typedef struct
{
  const char *text;
  const char *expected;   /* UTC, whole seconds; NULL: does not expire */
} ExpireCase;

static void
test_parse_expire (void)
{
  static const ExpireCase cases[] = {
    { NULL, NULL },
    { "", NULL },
    { "0001-01-01T00:00:00Z", NULL },
    { "0001-01-01T00:00:00.000Z", NULL },
    { "0001-01-01T00:00:00+00:00", NULL },
    { "2027-01-05T10:00:00Z", "2027-01-05T10:00:00Z" },
    { "2027-01-05T10:00:00.123456Z", "2027-01-05T10:00:00Z" },
    { "2027-01-05T10:00:00.123456789Z", "2027-01-05T10:00:00Z" },
    { "2027-01-05T12:00:00+02:00", "2027-01-05T10:00:00Z" },
    { "2027-01-05T04:30:00.5-05:30", "2027-01-05T10:00:00Z" },
    { "2027-01-05t10:00:00z", "2027-01-05T10:00:00Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) parsed = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("expire %s", cases[i].text ? cases[i].text : "(null)");
      g_assert_true (tessera_token_parse_expire (cases[i].text, &parsed, &error));
      g_assert_no_error (error);
      if (cases[i].expected == NULL)
        g_assert_null (parsed);
      else
        assert_time (parsed, cases[i].expected);
    }
}

static void
test_parse_expire_invalid (void)
{
  static const char *cases[] = {
    "tomorrow", "2027-01-05", "2027-01-05T10:00:00", "2027-02-30T10:00:00Z", "1700000000",
    /* In range where written, out of it in UTC: a parse error, never
     * "does not expire". */
    "9999-12-31T23:30:00-01:00", "0001-01-01T00:30:00+01:00",
    "10000-01-01T00:00:00Z", "0000-12-31T00:00:00Z",
    /* ISO 8601 that is not RFC 3339. */
    "2027-W01-1T00:00:00Z", "2027-001T00:00:00Z", "20270105T100000Z",
    "2027-01-05T10:00Z", "2027-01-05T10:00:00+0100", "2027-01-05T10:00:00.Z",
    "+2027-01-05T10:00:00Z", " 2027-01-05T10:00:00Z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) parsed = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("expire %s", cases[i]);
      g_assert_false (tessera_token_parse_expire (cases[i], &parsed, &error));
      g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_BAD_RESPONSE);
      g_assert_null (parsed);
    }
}

/* Every date a token carries goes through the same check. */
static void
test_token_json_dates_out_of_range (void)
{
  static const char *cases[] = {
    "{\"id\":\"a\",\"expire\":\"9999-12-31T23:30:00-01:00\"}",
    "{\"id\":\"a\",\"created_at\":\"9999-12-31T23:30:00-01:00\"}",
    "{\"id\":\"a\",\"last_used_at\":\"0001-01-01T00:30:00+01:00\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraToken) token = NULL;

      g_test_message ("%s", cases[i]);
      token = token_from (cases[i], &error);
      g_assert_null (token);
      g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_BAD_RESPONSE);
    }
}

/* The edges of the range, and RFC 3339's lower-case letters, still read. */
static void
test_parse_expire_edges (void)
{
  static const struct { const char *text; const char *utc; } cases[] = {
    { "9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z" },
    { "9999-12-31T22:30:00-01:00", "9999-12-31T23:30:00Z" },
    { "0001-01-01T00:00:01Z", "0001-01-01T00:00:01Z" },
    { "2027-01-05t10:00:00.5z", "2027-01-05T10:00:00Z" },
    { "2027-01-05T10:00:00+05:30", "2027-01-05T04:30:00Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) parsed = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].text);
      g_assert_true (tessera_token_parse_expire (cases[i].text, &parsed, &error));
      g_assert_no_error (error);
      assert_time (parsed, cases[i].utc);
    }
}

static void
test_token_json_forms (void)
{
  static const struct {
    const char *json;
    const char *expire;
  } cases[] = {
    { "{\"id\":\"a\",\"notes\":\"n\",\"expire\":\"2027-01-05T10:00:00Z\"}", "2027-01-05T10:00:00Z" },
    { "{\"id\":\"a\",\"notes\":\"n\",\"expire\":null}", NULL },
    { "{\"id\":\"a\",\"notes\":\"n\"}", NULL },
    { "{\"id\":\"a\",\"notes\":\"n\",\"expire\":\"\"}", NULL },
    { "{\"id\":\"a\",\"notes\":\"n\",\"expire\":\"0001-01-01T00:00:00Z\"}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraToken) token = token_from (cases[i].json, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_no_error (error);
      g_assert_cmpstr (tessera_token_get_id (token), ==, "a");
      g_assert_cmpstr (tessera_token_get_notes (token), ==, "n");
      if (cases[i].expire == NULL)
        {
          g_assert_null (tessera_token_get_expire (token));
          g_assert_cmpint (tessera_token_get_state (token), ==, TESSERA_TOKEN_STATE_ACTIVE);
        }
      else
        assert_time (tessera_token_get_expire (token), cases[i].expire);
    }
}

static void
test_token_json_dates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraToken) used = NULL;
  g_autoptr(TesseraToken) never = NULL;
  g_autoptr(TesseraToken) absent = NULL;
  GDateTime *created = NULL;
  gboolean has = FALSE;

  used = token_from ("{\"id\":\"1\",\"notes\":\"ci\",\"expire\":null,"
                     "\"created_at\":\"2026-11-01T08:00:00+01:00\","
                     "\"last_used_at\":\"2026-11-20T12:34:56.789Z\","
                     "\"unknown\":{\"nested\":[1,2,3]}}", &error);
  g_assert_no_error (error);
  assert_time (tessera_token_get_created_at (used), "2026-11-01T07:00:00Z");
  assert_time (tessera_token_get_last_used_at (used), "2026-11-20T12:34:56Z");
  g_assert_true (tessera_token_get_has_last_used (used));

  /* null: the server knows it was never used. */
  never = token_from ("{\"id\":\"2\",\"notes\":\"\",\"last_used_at\":null}", &error);
  g_assert_no_error (error);
  g_assert_null (tessera_token_get_last_used_at (never));
  g_assert_true (tessera_token_get_has_last_used (never));
  g_assert_null (tessera_token_get_created_at (never));
  g_assert_cmpstr (tessera_token_get_notes (never), ==, "");

  /* absent: the server does not say. */
  absent = token_from ("{\"id\":\"3\"}", &error);
  g_assert_no_error (error);
  g_assert_null (tessera_token_get_last_used_at (absent));
  g_assert_false (tessera_token_get_has_last_used (absent));
  g_assert_cmpstr (tessera_token_get_notes (absent), ==, "");

  g_object_get (used, "created-at", &created, "has-last-used", &has, NULL);
  assert_time (created, "2026-11-01T07:00:00Z");
  g_assert_true (has);
  g_date_time_unref (created);
}

static void
test_token_json_wrong (void)
{
  static const char *cases[] = {
    "{\"notes\":\"no id\"}",
    "{\"id\":\"\"}",
    "{\"id\":42}",
    "{\"id\":\"a\",\"notes\":7}",
    "{\"id\":\"a\",\"notes\":[\"x\"]}",
    "{\"id\":\"a\",\"expire\":1767607200}",
    "{\"id\":\"a\",\"expire\":true}",
    "{\"id\":\"a\",\"expire\":\"next week\"}",
    "{\"id\":\"a\",\"created_at\":{}}",
    "{\"id\":\"a\",\"created_at\":\"yesterday\"}",
    "{\"id\":\"a\",\"last_used_at\":0}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraToken) token = token_from (cases[i], &error);

      g_test_message ("%s", cases[i]);
      g_assert_null (token);
      g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_BAD_RESPONSE);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static TesseraToken *
token_expiring (const char *expire_text)
{
  g_autoptr(GDateTime) expire = NULL;

  if (expire_text != NULL)
    expire = g_date_time_new_from_iso8601 (expire_text, NULL);
  return tessera_token_new ("id", "notes", expire, NULL, NULL);
}

static void
test_state_at (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-11-27T12:00:00Z", NULL);
  static const struct {
    const char *expire;
    int warning_days;
    TesseraTokenState state;
  } cases[] = {
    { NULL, 7, TESSERA_TOKEN_STATE_ACTIVE },
    { NULL, 0, TESSERA_TOKEN_STATE_ACTIVE },
    { "2027-01-05T10:00:00Z", 7, TESSERA_TOKEN_STATE_ACTIVE },
    { "2026-12-04T12:00:01Z", 7, TESSERA_TOKEN_STATE_ACTIVE },
    { "2026-12-04T12:00:00Z", 7, TESSERA_TOKEN_STATE_EXPIRING_SOON },
    { "2026-11-28T12:00:00Z", 7, TESSERA_TOKEN_STATE_EXPIRING_SOON },
    { "2026-11-28T12:00:00Z", 0, TESSERA_TOKEN_STATE_ACTIVE },
    { "2026-12-20T12:00:00Z", 30, TESSERA_TOKEN_STATE_EXPIRING_SOON },
    { "2026-11-27T12:00:01Z", 7, TESSERA_TOKEN_STATE_EXPIRING_SOON },
    { "2026-11-27T12:00:00Z", 7, TESSERA_TOKEN_STATE_EXPIRED },
    { "2026-01-01T00:00:00Z", 7, TESSERA_TOKEN_STATE_EXPIRED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TesseraToken) token = token_expiring (cases[i].expire);

      g_test_message ("%s, %d days", cases[i].expire ? cases[i].expire : "never", cases[i].warning_days);
      g_assert_cmpint (tessera_token_state_at (token, now, cases[i].warning_days), ==, cases[i].state);
    }
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_state_property (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 3);
  g_autoptr(TesseraToken) token = tessera_token_new ("id", NULL, soon, NULL, NULL);
  TesseraTokenState state;
  guint notified = 0;

  /* A token does not judge its own state: whoever owns the clock sets it. */
  g_assert_cmpint (tessera_token_get_state (token), ==, TESSERA_TOKEN_STATE_ACTIVE);

  g_signal_connect (token, "notify::state", G_CALLBACK (count_notify_cb), &notified);
  tessera_token_set_state (token, TESSERA_TOKEN_STATE_EXPIRING_SOON);
  tessera_token_set_state (token, TESSERA_TOKEN_STATE_EXPIRING_SOON);
  g_assert_cmpuint (notified, ==, 1);
  g_object_set (token, "state", TESSERA_TOKEN_STATE_EXPIRED, NULL);
  g_object_get (token, "state", &state, NULL);
  g_assert_cmpint (state, ==, TESSERA_TOKEN_STATE_EXPIRED);
  g_assert_cmpuint (notified, ==, 2);

  g_assert_cmpstr (g_enum_get_value (g_type_class_peek (TESSERA_TYPE_TOKEN_STATE),
                                     TESSERA_TOKEN_STATE_EXPIRING_SOON)->value_nick, ==, "expiring-soon");
}

static void
test_update_from (void)
{
  g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 ("2026-01-01T00:00:00Z", NULL);
  g_autoptr(GDateTime) used = g_date_time_new_from_iso8601 ("2026-02-01T00:00:00Z", NULL);
  g_autoptr(GDateTime) used_again = g_date_time_new_from_iso8601 ("2026-03-01T00:00:00Z", NULL);
  g_autoptr(TesseraToken) token = tessera_token_new ("id", "ci", NULL, created, used);
  g_autoptr(TesseraToken) same = tessera_token_new ("id", "ci", NULL, created, used);
  g_autoptr(TesseraToken) newer = tessera_token_new ("id", "ci deploy", NULL, created, used_again);
  guint notes_notified = 0;
  guint used_notified = 0;
  guint expire_notified = 0;

  g_signal_connect (token, "notify::notes", G_CALLBACK (count_notify_cb), &notes_notified);
  g_signal_connect (token, "notify::last-used-at", G_CALLBACK (count_notify_cb), &used_notified);
  g_signal_connect (token, "notify::expire", G_CALLBACK (count_notify_cb), &expire_notified);

  /* Listed again unchanged: nothing to tell a view. */
  g_assert_false (tessera_token_update_from (token, same));
  g_assert_cmpuint (notes_notified + used_notified + expire_notified, ==, 0);

  /* Changed fields are taken and notified one by one; the rest are not. */
  g_assert_true (tessera_token_update_from (token, newer));
  g_assert_cmpstr (tessera_token_get_notes (token), ==, "ci deploy");
  g_assert_true (g_date_time_equal (tessera_token_get_last_used_at (token), used_again));
  g_assert_cmpuint (notes_notified, ==, 1);
  g_assert_cmpuint (used_notified, ==, 1);
  g_assert_cmpuint (expire_notified, ==, 0);
}

static void
test_account (void)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(TesseraAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char * const *orgs;

  object = object_from ("{\"id\":\"u1\",\"first_name\":\"Jack\",\"last_name\":\"Ma\","
                        "\"email\":\"jack@example.com\",\"org_ids\":[\"o1\",\"o2\"],"
                        "\"connection\":\"github\",\"avatar_url\":\"https://x\","
                        "\"created_at\":\"2022-04-01T11:37:39Z\",\"extra\":{\"a\":[]}}");
  account = tessera_account_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tessera_account_get_id (account), ==, "u1");
  g_assert_cmpstr (tessera_account_get_email (account), ==, "jack@example.com");
  g_assert_cmpstr (tessera_account_get_first_name (account), ==, "Jack");
  g_assert_cmpstr (tessera_account_get_last_name (account), ==, "Ma");
  orgs = tessera_account_get_org_ids (account);
  g_assert_cmpuint (g_strv_length ((char **) orgs), ==, 2);
  g_assert_cmpstr (orgs[1], ==, "o2");
  name = tessera_account_dup_display_name (account);
  g_assert_cmpstr (name, ==, "Jack Ma");
}

static void
test_account_minimal (void)
{
  g_autoptr(JsonObject) object = object_from ("{\"id\":\"u2\",\"email\":\"a@b.c\",\"first_name\":null}");
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = tessera_account_new_from_json (object, &error);
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (tessera_account_get_first_name (account), ==, "");
  g_assert_nonnull (tessera_account_get_org_ids (account));
  g_assert_null (tessera_account_get_org_ids (account)[0]);
  name = tessera_account_dup_display_name (account);
  g_assert_cmpstr (name, ==, "a@b.c");
}

static void
test_account_wrong (void)
{
  static const char *cases[] = {
    "{\"email\":\"a@b.c\"}",
    "{\"id\":\"u\"}",
    "{\"id\":1,\"email\":\"a@b.c\"}",
    "{\"id\":\"u\",\"email\":[\"a@b.c\"]}",
    "{\"id\":\"u\",\"email\":\"a@b.c\",\"first_name\":{}}",
    "{\"id\":\"u\",\"email\":\"a@b.c\",\"org_ids\":\"o1\"}",
    "{\"id\":\"u\",\"email\":\"a@b.c\",\"org_ids\":[1]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) object = object_from (cases[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraAccount) account = tessera_account_new_from_json (object, &error);

      g_test_message ("%s", cases[i]);
      g_assert_null (account);
      g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_BAD_RESPONSE);
    }
}

static char *
base64url (const char *text)
{
  char *encoded = g_base64_encode ((const guchar *) text, strlen (text));

  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  /* No padding in a JWT. */
  while (*encoded != '\0' && encoded[strlen (encoded) - 1] == '=')
    encoded[strlen (encoded) - 1] = '\0';
  return encoded;
}

static char *
make_jwt (const char *payload)
{
  g_autofree char *header = base64url ("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
  g_autofree char *body = base64url (payload);

  return g_strdup_printf ("%s.%s.c2lnbmF0dXJlLW5vdC1jaGVja2Vk", header, body);
}

static void
test_jwt_claims (void)
{
  /* "~~~" and "???" make '-' and '_' appear in the encoding. */
  g_autofree char *jwt = make_jwt ("{\"sub\":\"u1\",\"exp\":1798761600,\"jti\":\"tok-1\",\"n\":\"~~~???\"}");
  g_autoptr(GDateTime) exp = NULL;
  g_autofree char *jti = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (strchr (jwt, '-') != NULL || strchr (jwt, '_') != NULL);
  g_assert_true (tessera_jwt_read_claims (jwt, &exp, &jti, &error));
  g_assert_no_error (error);
  assert_time (exp, "2027-01-01T00:00:00Z");
  g_assert_cmpstr (jti, ==, "tok-1");

  /* Only one of them asked for. */
  g_clear_pointer (&exp, g_date_time_unref);
  g_assert_true (tessera_jwt_read_claims (jwt, &exp, NULL, &error));
  g_assert_nonnull (exp);
}

static void
test_jwt_no_exp (void)
{
  g_autofree char *jwt = make_jwt ("{\"sub\":\"u1\",\"jti\":\"x\"}");
  g_autofree char *jwt_null = make_jwt ("{\"exp\":null}");
  g_autoptr(GDateTime) exp = NULL;
  g_autofree char *jti = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_jwt_read_claims (jwt, &exp, &jti, &error));
  g_assert_no_error (error);
  g_assert_null (exp);
  g_assert_cmpstr (jti, ==, "x");

  g_clear_pointer (&jti, g_free);
  g_assert_true (tessera_jwt_read_claims (jwt_null, &exp, &jti, &error));
  g_assert_null (exp);
  g_assert_null (jti);
}

static void
test_jwt_invalid (void)
{
  g_autofree char *not_json_body = base64url ("this is not json");
  g_autofree char *array_body = base64url ("[1,2]");
  g_autofree char *not_json = g_strdup_printf ("aGVhZGVy.%s.c2ln", not_json_body);
  g_autofree char *array = g_strdup_printf ("aGVhZGVy.%s.c2ln", array_body);
  g_autofree char *exp_string = make_jwt ("{\"exp\":\"tomorrow\"}");
  /* Past 9999-12-31 and before 0001-01-01: no date, not "no expiry". */
  g_autofree char *exp_too_late = make_jwt ("{\"exp\":253402300800,\"jti\":\"t\"}");
  g_autofree char *exp_too_early = make_jwt ("{\"exp\":-62135596801}");
  g_autofree char *commented = make_jwt ("{\"jti\":\"t\"/* comment */}");
  g_autofree char *quoted = make_jwt ("{'jti':'t'}");
  g_autoptr(GString) deep_payload = g_string_new ("{\"a\":/*\"*/");
  g_autofree char *deep = NULL;
  const char *cases[] = {
    "",
    "abc",
    "aGVhZGVy.eyJleHAiOjF9",             /* two segments */
    "a.b.c.d",
    "aGVhZGVy.!!!.c2ln",                  /* not base64url */
    "aGVhZGVy.eyJleHAiOjF9=x.c2ln",
    "aGVhZGVy.e.c2ln",                    /* impossible length */
    "aGVhZGVy..c2ln",
    not_json,
    array,
    exp_string,
    exp_too_late,
    exp_too_early,
    commented,
    quoted,
    NULL,                                 /* deep, below */
  };

  /* Nesting hidden behind a quote in a comment, within the length cap. */
  for (guint i = 0; i < 20000; i++)
    g_string_append_c (deep_payload, '[');
  deep = make_jwt (deep_payload->str);
  cases[G_N_ELEMENTS (cases) - 1] = deep;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) exp = NULL;
      g_autofree char *jti = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("jwt %.80s", cases[i]);
      g_assert_false (tessera_jwt_read_claims (cases[i], &exp, &jti, &error));
      g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_INVALID_ARGUMENT);
      g_assert_null (exp);
      g_assert_null (jti);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/token/parse-expire", test_parse_expire);
  g_test_add_func ("/token/parse-expire-invalid", test_parse_expire_invalid);
  g_test_add_func ("/token/json-expire-forms", test_token_json_forms);
  g_test_add_func ("/token/json-dates", test_token_json_dates);
  g_test_add_func ("/token/json-dates-out-of-range", test_token_json_dates_out_of_range);
  g_test_add_func ("/token/parse-expire-edges", test_parse_expire_edges);
  g_test_add_func ("/token/json-wrong-types", test_token_json_wrong);
  g_test_add_func ("/token/state-at", test_state_at);
  g_test_add_func ("/token/state-property", test_state_property);
  g_test_add_func ("/token/update-from", test_update_from);
  g_test_add_func ("/account/full", test_account);
  g_test_add_func ("/account/minimal", test_account_minimal);
  g_test_add_func ("/account/wrong-types", test_account_wrong);
  g_test_add_func ("/jwt/claims", test_jwt_claims);
  g_test_add_func ("/jwt/no-exp", test_jwt_no_exp);
  g_test_add_func ("/jwt/invalid", test_jwt_invalid);

  return g_test_run ();
}
