/* test-expiry.c — the expiry watch: the moments of every token (and of the
 * sign-in token from its JWT), each told once, ever, across a restart;
 * and the relister that keeps the lists fresh in the background
 *
 * Against tessera-api-server, with tokens that reach a moment seconds
 * after they are made (the server accepts near expiries), so the moments
 * are crossed while the test runs.  No timing is asserted: the tests wait
 * for what is told.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-expiry"

#include "config.h"

#include <glib/gstdio.h>

#include "session-test-util.h"
#include "test-own-keyring.h"
#include "tessera-expiry-watch.h"
#include "tessera-relister.h"

#define EMAIL "demo@tessera.app"

/* What "due" said, in order. */
typedef struct
{
  GPtrArray *alerts;   /* TesseraExpiryAlert */
  guint      n_dues;
} Told;

static void
due_cb (TesseraExpiryWatch *watch,
        GPtrArray          *alerts,
        Told               *told)
{
  told->n_dues++;
  for (guint i = 0; i < alerts->len; i++)
    g_ptr_array_add (told->alerts, tessera_expiry_alert_ref (g_ptr_array_index (alerts, i)));
}

static TesseraExpiryAlert *
told_of (Told       *told,
         const char *token_id)
{
  for (guint i = 0; i < told->alerts->len; i++)
    {
      TesseraExpiryAlert *alert = g_ptr_array_index (told->alerts, i);

      if (g_strcmp0 (alert->token_id, token_id) == 0)
        return alert;
    }
  return NULL;
}

static guint
n_told_of (Told       *told,
           const char *token_id)
{
  guint n = 0;

  for (guint i = 0; i < told->alerts->len; i++)
    n += g_strcmp0 (((TesseraExpiryAlert *) g_ptr_array_index (told->alerts, i))->token_id, token_id) == 0;
  return n;
}

typedef struct
{
  TesseraTestServer  *server;
  TesseraAccounts    *accounts;
  const char         *url;
  const char         *token;
  char               *dir;
  GFile              *ledger;
  TesseraExpiryWatch *watch;
  Told                told;
} Fixture;

static TesseraExpiryWatch *
new_watch (Fixture *fixture,
           GFile   *ledger,
           Told    *told)
{
  TesseraExpiryWatch *watch = tessera_expiry_watch_new (fixture->accounts, ledger);

  g_signal_connect (watch, "due", G_CALLBACK (due_cb), told);
  return watch;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = start_server (NULL);
  fixture->url = tessera_test_server_get_url (fixture->server);
  fixture->token = tessera_test_server_get_demo_token (fixture->server);
  fixture->accounts = new_accounts ();
  fixture->dir = g_dir_make_tmp ("tessera-expiry-XXXXXX", &error);
  g_assert_no_error (error);
  /* In a folder not made yet: the watch makes it. */
  fixture->ledger = g_file_new_build_filename (fixture->dir, "state", "expiry-told", NULL);
  fixture->told.alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_expiry_alert_unref);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TesseraSecretStore) store = tessera_secret_store_new ();
  g_autoptr(GAsyncResult) done = NULL;
  g_autofree char *state = g_build_filename (fixture->dir, "state", NULL);
  g_autofree char *path = g_file_get_path (fixture->ledger);

  if (fixture->watch != NULL)
    WAIT_UNTIL (!tessera_expiry_watch_get_saving (fixture->watch));
  g_clear_object (&fixture->watch);
  sign_out_on (fixture->accounts, fixture->url);
  tessera_secret_store_delete_account_async (store, fixture->url, EMAIL, NULL, result_cb, &done);
  tessera_secret_store_delete_account_finish (store, wait_result (&done), NULL);
  g_clear_object (&fixture->accounts);
  g_clear_pointer (&fixture->server, tessera_test_server_stop);
  g_unlink (path);
  g_rmdir (state);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_clear_object (&fixture->ledger);
  g_ptr_array_unref (fixture->told.alerts);
}

static char *
iso_from_now (GTimeSpan span)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add (now, span);

  return g_date_time_format_iso8601 (then);
}

/* A token of the demo account made over plain HTTP, expiring @span from
 * now; returns its id. */
static char *
made_expiring (Fixture    *fixture,
               const char *notes,
               GTimeSpan   span)
{
  g_autofree char *expire = iso_from_now (span);
  g_autofree char *secret = NULL;
  char *id = NULL;

  secret = oracle_create_full (fixture->url, fixture->token, notes, expire, &id);
  explicit_bzero (secret, strlen (secret));
  return id;
}

static char *
id_of_notes (TesseraSession *session,
             const char     *notes)
{
  GListModel *model = G_LIST_MODEL (tessera_session_get_tokens (session));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TesseraToken) token = g_list_model_get_item (model, i);

      if (g_strcmp0 (tessera_token_get_notes (token), notes) == 0)
        return g_strdup (tessera_token_get_id (token));
    }
  g_assert_not_reached ();
}

static char *
ledger_contents (GFile *ledger)
{
  g_autofree char *path = g_file_get_path (ledger);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* ---- moments -------------------------------------------------------- */

static void
test_moments (void)
{
  g_autoptr(GDateTime) created = g_date_time_new_utc (2026, 3, 1, 12, 0, 0);
  g_autoptr(GDateTime) expire = g_date_time_add_days (created, 30);
  g_autoptr(GDateTime) warning = tessera_expiry_moment (TESSERA_EXPIRY_WARNING, created, expire, 7);
  g_autoptr(GDateTime) one_day = tessera_expiry_moment (TESSERA_EXPIRY_ONE_DAY, created, expire, 7);
  g_autoptr(GDateTime) expired = tessera_expiry_moment (TESSERA_EXPIRY_EXPIRED, created, expire, 7);
  g_autoptr(GDateTime) short_lived = g_date_time_add_days (created, 7);
  g_autoptr(GDateTime) born_past = tessera_expiry_moment (TESSERA_EXPIRY_WARNING, created, short_lived, 7);
  g_autoptr(GDateTime) unknown_birth = tessera_expiry_moment (TESSERA_EXPIRY_WARNING, NULL, short_lived, 7);
  g_autoptr(GDateTime) one_day_window = tessera_expiry_moment (TESSERA_EXPIRY_WARNING, created, expire, 1);

  g_assert_cmpint (g_date_time_difference (expire, warning), ==, 7 * G_TIME_SPAN_DAY);
  g_assert_cmpint (g_date_time_difference (expire, one_day), ==, G_TIME_SPAN_DAY);
  g_assert_true (g_date_time_equal (expired, expire));
  /* A 7-day token is born inside a 7-day window: no moment to tell. */
  g_assert_null (born_past);
  g_assert_nonnull (unknown_birth);
  /* A window of one day is the one-day moment's. */
  g_assert_null (one_day_window);
}

/* ---- start-up ------------------------------------------------------- */

/* The demo account: "terraform" (3 days left) and "temporary debugging"
 * (5 days) are inside the 7-day window; "old laptop" expired 20 days ago
 * (old news, remembered but not told). */
static void
test_start_up (Fixture       *fixture,
               gconstpointer  data)
{
  TesseraSession *session;
  g_autofree char *terraform = NULL;
  g_autofree char *debugging = NULL;
  g_autofree char *old_laptop = NULL;
  g_autofree char *contents = NULL;
  TesseraExpiryAlert *alert;

  fixture->watch = new_watch (fixture, fixture->ledger, &fixture->told);
  session = add_account (fixture->accounts, fixture->url, fixture->token);
  terraform = id_of_notes (session, "terraform");
  debugging = id_of_notes (session, "temporary debugging");
  old_laptop = id_of_notes (session, "old laptop");

  WAIT_UNTIL (fixture->told.n_dues > 0);
  /* All at once, soonest first. */
  g_assert_cmpuint (fixture->told.n_dues, ==, 1);
  g_assert_cmpuint (fixture->told.alerts->len, ==, 2);
  alert = g_ptr_array_index (fixture->told.alerts, 0);
  g_assert_cmpstr (alert->token_id, ==, terraform);
  g_assert_cmpstr (alert->notes, ==, "terraform");
  g_assert_cmpint (alert->threshold, ==, TESSERA_EXPIRY_WARNING);
  g_assert_true (alert->session == session);
  g_assert_false (alert->is_sign_in);
  alert = g_ptr_array_index (fixture->told.alerts, 1);
  g_assert_cmpstr (alert->token_id, ==, debugging);
  g_assert_cmpint (alert->threshold, ==, TESSERA_EXPIRY_WARNING);

  g_assert_cmpint (tessera_expiry_watch_get_told (fixture->watch, old_laptop), ==, TESSERA_EXPIRY_EXPIRED);
  g_assert_null (told_of (&fixture->told, old_laptop));

  /* Next: terraform's last day. */
  {
    TesseraToken *token = tessera_token_list_find (tessera_session_get_tokens (session), terraform);
    g_autoptr(GDateTime) moment = g_date_time_add_days (tessera_token_get_expire (token), -1);

    g_assert_true (g_date_time_equal (tessera_expiry_watch_get_next (fixture->watch), moment));
  }

  /* Written down, ids and moments only. */
  WAIT_UNTIL (!tessera_expiry_watch_get_saving (fixture->watch));
  contents = ledger_contents (fixture->ledger);
  g_assert_nonnull (strstr (contents, terraform));
  g_assert_nonnull (strstr (contents, debugging));
  g_assert_nonnull (strstr (contents, old_laptop));
  g_assert_null (strstr (contents, "terraform"));
  g_assert_null (strstr (contents, EMAIL));
  {
    g_autofree char *line = g_strdup_printf ("%s warning\n", terraform);

    g_assert_nonnull (strstr (contents, line));
  }
}

/* ---- moments crossed while the watch runs --------------------------- */

static void
test_crossed (Fixture       *fixture,
              gconstpointer  data)
{
  TesseraSession *session;
  g_autofree char *warns = made_expiring (fixture, "warns", 7 * G_TIME_SPAN_DAY + 3 * G_TIME_SPAN_SECOND);
  g_autofree char *last_day = made_expiring (fixture, "last day", G_TIME_SPAN_DAY + 3 * G_TIME_SPAN_SECOND);
  g_autofree char *expires = made_expiring (fixture, "expires", 3 * G_TIME_SPAN_SECOND);
  TesseraExpiryAlert *alert;

  fixture->watch = new_watch (fixture, fixture->ledger, &fixture->told);
  session = add_account (fixture->accounts, fixture->url, fixture->token);
  WAIT_UNTIL (fixture->told.n_dues > 0);
  /* Born inside their windows: nothing yet of the three new ones. */
  g_assert_null (told_of (&fixture->told, warns));
  g_assert_null (told_of (&fixture->told, last_day));
  g_assert_null (told_of (&fixture->told, expires));
  g_assert_nonnull (tessera_expiry_watch_get_next (fixture->watch));

  WAIT_UNTIL (told_of (&fixture->told, warns) != NULL &&
              told_of (&fixture->told, last_day) != NULL &&
              told_of (&fixture->told, expires) != NULL);

  alert = told_of (&fixture->told, warns);
  g_assert_cmpint (alert->threshold, ==, TESSERA_EXPIRY_WARNING);
  g_assert_cmpstr (alert->notes, ==, "warns");
  alert = told_of (&fixture->told, last_day);
  g_assert_cmpint (alert->threshold, ==, TESSERA_EXPIRY_ONE_DAY);
  alert = told_of (&fixture->told, expires);
  g_assert_cmpint (alert->threshold, ==, TESSERA_EXPIRY_EXPIRED);
  g_assert_true (alert->session == session);

  /* Each once. */
  g_assert_cmpuint (n_told_of (&fixture->told, warns), ==, 1);
  g_assert_cmpuint (n_told_of (&fixture->told, last_day), ==, 1);
  g_assert_cmpuint (n_told_of (&fixture->told, expires), ==, 1);
}

/* ---- once, ever ------------------------------------------------------ */

static void
test_once_across_restart (Fixture       *fixture,
                          gconstpointer  data)
{
  Told again = { g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_expiry_alert_unref), 0 };
  Told elsewhere = { g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_expiry_alert_unref), 0 };
  g_autoptr(TesseraExpiryWatch) second = NULL;
  g_autoptr(TesseraExpiryWatch) other = NULL;
  g_autofree char *other_path = g_build_filename (fixture->dir, "other-ledger", NULL);
  g_autoptr(GFile) other_ledger = g_file_new_for_path (other_path);
  g_autofree char *soon = NULL;

  fixture->watch = new_watch (fixture, fixture->ledger, &fixture->told);
  add_account (fixture->accounts, fixture->url, fixture->token);
  WAIT_UNTIL (fixture->told.n_dues > 0);
  g_assert_cmpuint (fixture->told.alerts->len, ==, 2);
  WAIT_UNTIL (!tessera_expiry_watch_get_saving (fixture->watch));
  g_clear_object (&fixture->watch);

  /* Started again on the same ledger: nothing to tell.  It checked once
   * its alarm is armed for the next moment. */
  second = new_watch (fixture, fixture->ledger, &again);
  WAIT_UNTIL (tessera_expiry_watch_get_next (second) != NULL);
  g_assert_cmpuint (again.n_dues, ==, 0);

  /* A ledger of its own tells it all again: the ledger is what remembers. */
  other = new_watch (fixture, other_ledger, &elsewhere);
  WAIT_UNTIL (elsewhere.n_dues > 0);
  g_assert_cmpuint (elsewhere.alerts->len, ==, 2);

  /* And a new moment is told by the one started again, once. */
  soon = made_expiring (fixture, "soon", 3 * G_TIME_SPAN_SECOND);
  tessera_token_list_reload (tessera_session_get_tokens (tessera_accounts_find (fixture->accounts,
                                                                                 fixture->url, EMAIL)));
  WAIT_UNTIL (told_of (&again, soon) != NULL);
  g_assert_cmpuint (again.alerts->len, ==, 1);

  WAIT_UNTIL (!tessera_expiry_watch_get_saving (second) && !tessera_expiry_watch_get_saving (other));
  g_unlink (other_path);
  g_ptr_array_unref (again.alerts);
  g_ptr_array_unref (elsewhere.alerts);
}

/* ---- the sign-in token ---------------------------------------------- */

/* Signed in with a token of 2 days whose list cannot be read: its JWT
 * says when it expires.  Listed later, it is the same token, told once. */
static void
test_sign_in_from_jwt (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *expire = iso_from_now (2 * G_TIME_SPAN_DAY);
  g_autofree char *id = NULL;
  g_autofree char *secret = oracle_create_full (fixture->url, fixture->token, "laptop sign-in", expire, &id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TesseraSession *session;
  TesseraTokenList *tokens;
  TesseraExpiryAlert *alert;
  g_autoptr(GError) rule_error = NULL;

  g_assert_true (tessera_test_server_add_rule (fixture->server,
                                               "{\"method\": \"GET\", \"path_prefix\": \"/api/v1/user/access_tokens\", "
                                               "\"status\": 500, \"count\": 1000}", &rule_error));
  fixture->watch = new_watch (fixture, fixture->ledger, &fixture->told);
  tessera_accounts_add_async (fixture->accounts, fixture->url, secret, NULL, result_cb, &result);
  session = tessera_accounts_add_finish (fixture->accounts, wait_result (&result), NULL, &error);
  g_assert_no_error (error);
  tokens = tessera_session_get_tokens (session);
  WAIT_UNTIL (tessera_token_list_get_error (tokens) != NULL);
  g_assert_false (tessera_token_list_get_loaded (tokens));

  WAIT_UNTIL (fixture->told.n_dues > 0);
  g_assert_cmpuint (fixture->told.alerts->len, ==, 1);
  alert = g_ptr_array_index (fixture->told.alerts, 0);
  g_assert_cmpstr (alert->token_id, ==, id);
  g_assert_null (alert->notes);
  g_assert_true (alert->is_sign_in);
  g_assert_cmpint (alert->threshold, ==, TESSERA_EXPIRY_WARNING);

  /* The list comes (the rules forgotten): the demo's two, not the
   * sign-in token again. */
  {
    g_autoptr(SoupSession) soup = soup_session_new ();
    g_autofree char *uri = g_strconcat (fixture->url, "/_test/fail", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("DELETE", uri);
    G_GNUC_UNUSED g_autoptr(GBytes) body = soup_session_send_and_read (soup, msg, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  }
  tessera_token_list_reload (tokens);
  WAIT_UNTIL (tessera_token_list_get_loaded (tokens));
  WAIT_UNTIL (fixture->told.n_dues > 1);
  g_assert_cmpuint (fixture->told.alerts->len, ==, 3);
  g_assert_cmpuint (n_told_of (&fixture->told, id), ==, 1);
}

/* ---- settings ------------------------------------------------------- */

static void
test_disabled_catches_up (Fixture       *fixture,
                          gconstpointer  data)
{
  TesseraSession *session;
  g_autofree char *terraform = NULL;

  fixture->watch = new_watch (fixture, fixture->ledger, &fixture->told);
  tessera_expiry_watch_set_enabled (fixture->watch, FALSE);
  session = add_account (fixture->accounts, fixture->url, fixture->token);
  terraform = id_of_notes (session, "terraform");
  WAIT_UNTIL (tessera_expiry_watch_get_ready (fixture->watch));
  /* Only to show that nothing comes while it is off. */
  spin_for (500);
  g_assert_cmpuint (fixture->told.n_dues, ==, 0);
  g_assert_null (tessera_expiry_watch_get_next (fixture->watch));
  g_assert_cmpint (tessera_expiry_watch_get_told (fixture->watch, terraform), ==, TESSERA_EXPIRY_NONE);

  tessera_expiry_watch_set_enabled (fixture->watch, TRUE);
  WAIT_UNTIL (fixture->told.n_dues > 0);
  g_assert_cmpuint (fixture->told.alerts->len, ==, 2);
}

/* A wider window: "backup script" (15 days left) enters it at once. */
static void
test_wider_window (Fixture       *fixture,
                   gconstpointer  data)
{
  TesseraClock *clock = tessera_accounts_get_clock (fixture->accounts);
  TesseraSession *session;
  g_autofree char *backup = NULL;
  TesseraExpiryAlert *alert;

  fixture->watch = new_watch (fixture, fixture->ledger, &fixture->told);
  session = add_account (fixture->accounts, fixture->url, fixture->token);
  backup = id_of_notes (session, "backup script");
  WAIT_UNTIL (fixture->told.n_dues > 0);
  g_assert_null (told_of (&fixture->told, backup));

  tessera_clock_set_warning_days (clock, 20);
  WAIT_UNTIL (fixture->told.n_dues > 1);
  g_assert_cmpuint (fixture->told.alerts->len, ==, 3);
  alert = told_of (&fixture->told, backup);
  g_assert_cmpint (alert->threshold, ==, TESSERA_EXPIRY_WARNING);
  tessera_clock_set_warning_days (clock, 7);
}

/* A token deleted through Tessera leaves the ledger. */
static void
test_deleted_forgotten (Fixture       *fixture,
                        gconstpointer  data)
{
  TesseraSession *session;
  g_autofree char *terraform = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  TesseraTokenList *tokens;

  fixture->watch = new_watch (fixture, fixture->ledger, &fixture->told);
  session = add_account (fixture->accounts, fixture->url, fixture->token);
  tokens = tessera_session_get_tokens (session);
  terraform = id_of_notes (session, "terraform");
  WAIT_UNTIL (fixture->told.n_dues > 0);
  WAIT_UNTIL (!tessera_expiry_watch_get_saving (fixture->watch));

  tessera_token_list_delete_async (tokens, tessera_token_list_find (tokens, terraform), NULL,
                                   result_cb, &result);
  g_assert_true (tessera_token_list_delete_finish (tokens, wait_result (&result), NULL));
  g_assert_cmpint (tessera_expiry_watch_get_told (fixture->watch, terraform), ==, TESSERA_EXPIRY_NONE);
  WAIT_UNTIL (!tessera_expiry_watch_get_saving (fixture->watch));
  contents = ledger_contents (fixture->ledger);
  g_assert_null (strstr (contents, terraform));
}

/* ---- the relister ----------------------------------------------------- */

/* A GNetworkMonitor the test turns on and off. */
#define FAKE_TYPE_MONITOR (fake_monitor_get_type ())
G_DECLARE_FINAL_TYPE (FakeMonitor, fake_monitor, FAKE, MONITOR, GObject)

struct _FakeMonitor
{
  GObject  parent_instance;
  gboolean available;
};

static void fake_monitor_iface_init (GNetworkMonitorInterface *iface) { }
static gboolean fake_monitor_init_initable (GInitable *initable, GCancellable *cancellable, GError **error) { return TRUE; }
static void fake_monitor_initable_iface_init (GInitableIface *iface) { iface->init = fake_monitor_init_initable; }

G_DEFINE_FINAL_TYPE_WITH_CODE (FakeMonitor, fake_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, fake_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, fake_monitor_iface_init))

enum { FAKE_PROP_0, FAKE_PROP_AVAILABLE, FAKE_PROP_METERED, FAKE_PROP_CONNECTIVITY };

static void
fake_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FakeMonitor *self = FAKE_MONITOR (object);

  switch (prop_id)
    {
    case FAKE_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case FAKE_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case FAKE_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fake_monitor_class_init (FakeMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fake_monitor_get_property;
  g_object_class_override_property (object_class, FAKE_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, FAKE_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, FAKE_PROP_CONNECTIVITY, "connectivity");
}

static void
fake_monitor_init (FakeMonitor *self)
{
  self->available = TRUE;
}

static void
fake_monitor_set (FakeMonitor *self,
                  gboolean     available)
{
  self->available = available;
  g_signal_emit_by_name (self, "network-changed", available);
}

/* The network comes back: every list is read again, and what appeared
 * meanwhile is watched too. */
static void
test_relist_network_back (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(FakeMonitor) monitor = g_object_new (FAKE_TYPE_MONITOR, NULL);
  g_autoptr(TesseraRelister) relister = tessera_relister_new (fixture->accounts, G_NETWORK_MONITOR (monitor), 0);
  TesseraSession *session;
  g_autofree char *soon = NULL;
  TesseraExpiryAlert *alert;

  fixture->watch = new_watch (fixture, fixture->ledger, &fixture->told);
  session = add_account (fixture->accounts, fixture->url, fixture->token);
  WAIT_UNTIL (fixture->told.n_dues > 0);

  soon = made_expiring (fixture, "made in the console", 3 * G_TIME_SPAN_SECOND);
  fake_monitor_set (monitor, FALSE);
  g_assert_cmpuint (tessera_relister_get_n_relists (relister), ==, 0);
  fake_monitor_set (monitor, TRUE);
  g_assert_cmpuint (tessera_relister_get_n_relists (relister), ==, 1);
  WAIT_UNTIL (tessera_token_list_find (tessera_session_get_tokens (session), soon) != NULL);

  WAIT_UNTIL (told_of (&fixture->told, soon) != NULL);
  alert = told_of (&fixture->told, soon);
  g_assert_cmpint (alert->threshold, ==, TESSERA_EXPIRY_EXPIRED);
}

/* Every interval: here one second, waited for as an event. */
static void
test_relist_interval (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(FakeMonitor) monitor = g_object_new (FAKE_TYPE_MONITOR, NULL);
  g_autoptr(TesseraRelister) relister = NULL;
  TesseraSession *session;
  g_autofree char *made = NULL;

  session = add_account (fixture->accounts, fixture->url, fixture->token);
  made = made_expiring (fixture, "made later", 30 * G_TIME_SPAN_DAY);
  g_assert_null (tessera_token_list_find (tessera_session_get_tokens (session), made));

  relister = tessera_relister_new (fixture->accounts, G_NETWORK_MONITOR (monitor), 1);
  WAIT_UNTIL (tessera_relister_get_n_relists (relister) >= 2);
  WAIT_UNTIL (tessera_token_list_find (tessera_session_get_tokens (session), made) != NULL);
}

static void
add (const char *path,
     void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  if (!tessera_test_in_private_session (argv[0]))
    return 0;

  own_keyring_up ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/expiry/moments", test_moments);
  add ("/expiry/start-up", test_start_up);
  add ("/expiry/crossed", test_crossed);
  add ("/expiry/once-across-restart", test_once_across_restart);
  add ("/expiry/sign-in-from-jwt", test_sign_in_from_jwt);
  add ("/expiry/disabled-catches-up", test_disabled_catches_up);
  add ("/expiry/wider-window", test_wider_window);
  add ("/expiry/deleted-forgotten", test_deleted_forgotten);
  add ("/relister/network-back", test_relist_network_back);
  add ("/relister/interval", test_relist_interval);

  {
    int status = g_test_run ();

    own_keyring_down ();
    return status;
  }
}
