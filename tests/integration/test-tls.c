/* test-tls.c — HTTPS with a test certificate, trusted or not, and
 * redirects, never followed, least of all from HTTPS to HTTP
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fault-fixture.h"

/* ---- redirects --------------------------------------------------------- */

static void
script_redirect (Fixture           *f,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query)
{
  g_autofree char *location = g_strconcat (f->script_data, path, NULL);

  soup_server_message_set_redirect (msg, 302, location);
}

static void
test_redirect_not_followed (Fixture       *f,
                            gconstpointer  data)
{
  Fixture other = { 0 };
  g_autofree char *other_url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;

  other.server = server_new (&other, &other_url);
  other.script = script_user;

  f->script = script_redirect;
  f->script_data = other_url;
  account = get_account (f, &error);
  g_assert_null (account);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_BAD_RESPONSE);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (f->requests, ==, 1);
  /* The other origin never saw a request, let alone the token. */
  g_assert_cmpuint (other.requests, ==, 0);
  g_assert_null (other.authorization);

  spin (50);
  soup_server_disconnect (other.server);
  g_clear_object (&other.server);
}

/* ---- TLS --------------------------------------------------------------- */

/* A throwaway self-signed certificate for 127.0.0.1 (valid for 100 years),
 * made for these tests only: its key protects nothing. */
static const char test_certificate[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIDHDCCAgSgAwIBAgIUedagQdPcnxG/idw7W65uFi9G9+IwDQYJKoZIhvcNAQEL\n"
  "BQAwFDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNzIzMjUyMFoYDzIxMjYx\n"
  "MTAzMjMyNTIwWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwggEiMA0GCSqGSIb3DQEB\n"
  "AQUAA4IBDwAwggEKAoIBAQDt7B6qiNj6HX4b9CeajqJAlPx1fqiwOsZw56/pzowa\n"
  "RMCRuFsgFpwI4ZW1KLO/vL0fMtRppYHcykk0f1iQB8M1su2XtYupCOC4qm3gKx3v\n"
  "oSM2o9o3VZCo0idBMjh0dQmtnAcUFe1WvBa1YdjiIZxe53L/pcMASqPW7Sw6HxHL\n"
  "CV2P2bxg+Pp28q1Do+jUM7bjDzHrLzxJtesGHvJfoPQg00SjRckEDKh/Lm/2PyyS\n"
  "DaLgU1PauzXRn7uugXvCju6aFXWLkqV1ASQpUv9OYHmcwdQNhgN2PCLCXq9hJGnl\n"
  "flW6c2Nvalb/0FGRgfzwyR+/TG14PVcLnbQuZXfhf/YbAgMBAAGjZDBiMB0GA1Ud\n"
  "DgQWBBTbQVOU/baiOE0n0pyKnTaOjH2KbTAfBgNVHSMEGDAWgBTbQVOU/baiOE0n\n"
  "0pyKnTaOjH2KbTAPBgNVHREECDAGhwR/AAABMA8GA1UdEwEB/wQFMAMBAf8wDQYJ\n"
  "KoZIhvcNAQELBQADggEBAH9u3FqkHDP5zHZzamwshpR6j+fvt7hPBMHBLDXjxiee\n"
  "p4eJFnICdAM0/18l/8oZApHzG4zMojLUEiU7efwSBNA/lMUiCAd1hyipVN0J1lc4\n"
  "TNMRByeG+KmjWg9gZlmxsHc5scHXe+Dh9/uD144eehQQF4ScMNtCbMNqnwP6JbNs\n"
  "FUKHuBrZrO77dug5CJ5tDrbTFHPMGXf/ayq9j5T8lrhy7JibMIW56IzM+9aZkvgn\n"
  "zN1zZpQl1bF7P+qnMxldzA/K09s6z2XWCtv2h4G8A0BNj/vqBJCZxkvRbWRSK/K8\n"
  "KsNr7vpAXy9ob1UYF64SWO+ZKJqtQDjoQpCsCvPRl/0=\n"
  "-----END CERTIFICATE-----\n";

static const char test_key[] =
  "-----BEGIN PRIVATE KEY-----\n"
  "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDt7B6qiNj6HX4b\n"
  "9CeajqJAlPx1fqiwOsZw56/pzowaRMCRuFsgFpwI4ZW1KLO/vL0fMtRppYHcykk0\n"
  "f1iQB8M1su2XtYupCOC4qm3gKx3voSM2o9o3VZCo0idBMjh0dQmtnAcUFe1WvBa1\n"
  "YdjiIZxe53L/pcMASqPW7Sw6HxHLCV2P2bxg+Pp28q1Do+jUM7bjDzHrLzxJtesG\n"
  "HvJfoPQg00SjRckEDKh/Lm/2PyySDaLgU1PauzXRn7uugXvCju6aFXWLkqV1ASQp\n"
  "Uv9OYHmcwdQNhgN2PCLCXq9hJGnlflW6c2Nvalb/0FGRgfzwyR+/TG14PVcLnbQu\n"
  "ZXfhf/YbAgMBAAECggEABTqvmqGM0v8aQYIvEqcRDVUFRNzo/seCsoKAzkLvt0ug\n"
  "ZUc2mw5KUFrjZM+UKuIYMxr/ZVQeCet2lKrEBKko3Mt5oBF9T15xd9T3a/U+B9nv\n"
  "UFB5FngHKxzhzv2HFUdCBZ7vBfilQEcLVwlPyPodmdfuDmWJjmWpRL7bDQhwegW0\n"
  "eqkIAY/ataB6/pS37u5IoEampH1f36nKV4+9JwItDT4AjK3MRGbslumDt5M78rJw\n"
  "w43brZvRI7jJjzM+ekde5R7RWJLSoFP1btonbLgjuH/kqdxdUDkyIWpP4yYjqIjL\n"
  "JJJyFmDQPaInOweVzahEqSlYyLhudr1245RgjscSCQKBgQD21LJXWd4xghlmsZFD\n"
  "4oCfclAz++MGLEi6SPcLzcPPDEMuFnG1jBIaH0n1ivkVGB0OO0iZ8XYRsuYY6Sia\n"
  "8XX9SgJuXmM6UlQkj0YljP+asVJty5DwFYJLwOX5hVa/U2NnC6KUmFOQonRlW0iD\n"
  "4iFEjIafMWQvVX6qqkGdUgtQswKBgQD2wrSTKkcwSyRJ2P0OEdKPNAKoiHr9vCy1\n"
  "kTWG6pKUCWCHYWiRiUehB9oc62Gu0mYHrpON2tdL+LRyCsiwzmrgnXFdgkko96ht\n"
  "SQMriBrtCa0VDa422kZg3eqGJW6Fi6y0ROxf/AMRNBPFEOaUdYaLZfvPUUZ28I7P\n"
  "eV/hTNOo+QKBgQDSohNGg4QfD3yJrAHgwkssxao3kj3bqLKvdVCMnBz6dOZnT/Pd\n"
  "DxjrfcPpa5y/KYKyAFkmNW2iEN5WZ7Gk92TOrveAI7/dpx/yyuj7ZmVBJwzGcS7Q\n"
  "EirMZmJaGjU6s/hhmQY2c/7rsBZP4CPzl2b4TksbUlTCJ90d2oh/reHGDQKBgAmB\n"
  "1O06msWMj5hcyNsq6p7j1RpjL8Ho5xwTvSk2jnEvr01n/lxlGqJkqA2nL/tJVe8D\n"
  "1eGIRfVCXslqCvNs8Ic46a49n835RL75KisaMldhoQ6HmWe5ny6KPkfu10RD7mJ/\n"
  "qU/FaOTXyc806H1dzdI/GqWRLxLUD9yEg6ItkJYZAoGAIq5q8Sux/mz+kcqjE2Dy\n"
  "IOU49dgW+DMHV2TMSDRiUbfmqnTduZpFATe75vosXWBEAeqYKqYKQjQ5Z+QNic4T\n"
  "XTw7bbeyRY8uK5Yn6lvbgdtbu8xQYdUxTswngrjgaQKcyGyul/hCOyOtVtf2s8Kf\n"
  "3nTu6ap2RXkYg0fMLZ6BDWo=\n"
  "-----END PRIVATE KEY-----\n";

static SoupServer *
tls_server_new (Fixture  *f,
                char    **url_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = g_strconcat (test_certificate, test_key, NULL);
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  SoupServer *server;
  GSList *uris;

  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, server_cb, f, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  *url_out = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

/* A trust store that holds only the test certificate. */
static GTlsDatabase *
test_database (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GTlsDatabase *database;
  int fd;

  g_assert_null (f->ca_path);
  fd = g_file_open_tmp ("tessera-test-ca-XXXXXX.pem", &f->ca_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (f->ca_path, test_certificate, -1, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (f->ca_path, &error);
  g_assert_no_error (error);
  return database;
}

/* Replaces the fixture's server and client with HTTPS ones. */
static void
use_tls (Fixture  *f,
         gboolean  trusted)
{
  g_autoptr(GError) error = NULL;

  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->url, g_free);
  g_clear_object (&f->client);

  f->server = tls_server_new (f, &f->url);
  f->client = tessera_client_new (f->url, TEST_TOKEN, &error);
  g_assert_no_error (error);

  if (trusted)
    {
      g_autoptr(GTlsDatabase) database = test_database (f);

      tessera_client_set_tls_database (f->client, database);
    }
}

static void
test_tls_untrusted (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;

  use_tls (f, FALSE);
  f->script = script_user;

  account = get_account (f, &error);
  g_assert_null (account);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_TLS);
  g_test_message ("%s", error->message);
  /* The handshake failed: no request, no token sent. */
  g_assert_cmpuint (f->requests, ==, 0);
}

static void
test_tls_trusted (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;

  use_tls (f, TRUE);
  f->script = script_user;

  account = get_account (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tessera_account_get_email (account), ==, "jack@example.com");
  g_assert_cmpstr (f->authorization, ==, "Bearer " TEST_TOKEN);
}

static void
test_https_to_http_redirect (Fixture       *f,
                             gconstpointer  data)
{
  Fixture other = { 0 };
  g_autofree char *other_url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAccount) account = NULL;

  use_tls (f, TRUE);
  other.server = server_new (&other, &other_url);
  other.script = script_user;

  f->script = script_redirect;
  f->script_data = other_url;
  account = get_account (f, &error);
  g_assert_null (account);
  g_assert_error (error, TESSERA_API_ERROR, TESSERA_API_ERROR_INSECURE_URL);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (f->requests, ==, 1);
  g_assert_cmpuint (other.requests, ==, 0);
  g_assert_null (other.authorization);

  spin (50);
  soup_server_disconnect (other.server);
  g_clear_object (&other.server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/faults/redirect-not-followed", test_redirect_not_followed);
  ADD ("/faults/tls-untrusted", test_tls_untrusted);
  ADD ("/faults/tls-trusted", test_tls_trusted);
  ADD ("/faults/https-to-http-redirect", test_https_to_http_redirect);

#undef ADD

  return g_test_run ();
}
