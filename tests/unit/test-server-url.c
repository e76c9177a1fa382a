/* test-server-url.c — which server URLs Tessera accepts
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tessera-error.h"
#include "tessera-server-url.h"

typedef struct
{
  const char *input;
  const char *origin;
} Accepted;

static void
test_accepted (void)
{
  static const Accepted cases[] = {
    { "https://console.api7.cloud", "https://console.api7.cloud" },
    { "https://console.api7.cloud/", "https://console.api7.cloud" },
    { "  https://console.api7.cloud  ", "https://console.api7.cloud" },
    { "HTTPS://Console.API7.Cloud", "https://console.api7.cloud" },
    { "https://console.api7.cloud:443", "https://console.api7.cloud" },
    { "https://api.example.com:8443", "https://api.example.com:8443" },
    { "http://localhost:8080", "http://localhost:8080" },
    { "http://LOCALHOST", "http://localhost" },
    { "http://127.0.0.1:9080/", "http://127.0.0.1:9080" },
    { "http://127.1.2.3", "http://127.1.2.3" },
    { "http://[::1]:9080", "http://[::1]:9080" },
    { "https://[2001:db8::1]", "https://[2001:db8::1]" },
    /* An IDN already in ASCII (punycode) is a plain host. */
    { "https://xn--bcher-kva.example", "https://xn--bcher-kva.example" },
    { "https://a-b.c0.example:8443/", "https://a-b.c0.example:8443" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *origin = tessera_server_url_normalize (cases[i].input, &error);

      g_test_message ("%s", cases[i].input);
      g_assert_no_error (error);
      g_assert_cmpstr (origin, ==, cases[i].origin);
    }
}

typedef struct
{
  const char *input;
  int code;
} Refused;

static void
test_refused (void)
{
  static const Refused cases[] = {
    { "http://console.api7.cloud", TESSERA_API_ERROR_INSECURE_URL },
    { "http://example.com:80", TESSERA_API_ERROR_INSECURE_URL },
    { "http://128.0.0.1", TESSERA_API_ERROR_INSECURE_URL },
    { "http://10.0.0.1", TESSERA_API_ERROR_INSECURE_URL },
    { "http://localhost.example.com", TESSERA_API_ERROR_INSECURE_URL },
    { "http://[::2]", TESSERA_API_ERROR_INSECURE_URL },
    { "http://0.0.0.0", TESSERA_API_ERROR_INSECURE_URL },
    { "ftp://console.api7.cloud", TESSERA_API_ERROR_INVALID_URL },
    { "console.api7.cloud", TESSERA_API_ERROR_INVALID_URL },
    { "", TESSERA_API_ERROR_INVALID_URL },
    { "   ", TESSERA_API_ERROR_INVALID_URL },
    { "https://", TESSERA_API_ERROR_INVALID_URL },
    { "https://user:pw@console.api7.cloud", TESSERA_API_ERROR_INVALID_URL },
    { "https://console.api7.cloud/api/v1", TESSERA_API_ERROR_INVALID_URL },
    { "https://console.api7.cloud/?x=1", TESSERA_API_ERROR_INVALID_URL },
    { "not a url", TESSERA_API_ERROR_INVALID_URL },
    /* Percent-encoded hosts are refused, not decoded into another host
     * or port. */
    { "https://console.api7.cloud%2F", TESSERA_API_ERROR_INVALID_URL },
    { "https://console.api7.cloud%3A8443", TESSERA_API_ERROR_INVALID_URL },
    { "https://evil.example%2F.console.api7.cloud", TESSERA_API_ERROR_INVALID_URL },
    { "https://exa%6Dple.com", TESSERA_API_ERROR_INVALID_URL },
    { "http://127.0.0.1%2F", TESSERA_API_ERROR_INVALID_URL },
    { "https://[fe80::1%25eth0]", TESSERA_API_ERROR_INVALID_URL },
    /* Other hosts that are not plain. */
    { "https://bücher.example", TESSERA_API_ERROR_INVALID_URL },
    { "https://console.api7.cloud.", TESSERA_API_ERROR_INVALID_URL },
    { "http://localhost.", TESSERA_API_ERROR_INVALID_URL },
    { "https://a..example", TESSERA_API_ERROR_INVALID_URL },
    { "https://-a.example", TESSERA_API_ERROR_INVALID_URL },
    { "https://a-.example", TESSERA_API_ERROR_INVALID_URL },
    { "https://a_b.example", TESSERA_API_ERROR_INVALID_URL },
    { "https://a!b.example", TESSERA_API_ERROR_INVALID_URL },
    { "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example", TESSERA_API_ERROR_INVALID_URL },
    /* Numbers that resolvers read as addresses (127.0.0.1 in disguise). */
    { "https://2130706433", TESSERA_API_ERROR_INVALID_URL },
    { "https://127.1", TESSERA_API_ERROR_INVALID_URL },
    { "https://0x7f.0.0.1", TESSERA_API_ERROR_INVALID_URL },
    { "https://0177.0.0.1", TESSERA_API_ERROR_INVALID_URL },
    { "https://console.api7.cloud:0", TESSERA_API_ERROR_INVALID_URL },
    { "https://user@console.api7.cloud", TESSERA_API_ERROR_INVALID_URL },
    { "https://@console.api7.cloud", TESSERA_API_ERROR_INVALID_URL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *origin = tessera_server_url_normalize (cases[i].input, &error);

      g_test_message ("%s → %s", cases[i].input, origin);
      g_assert_null (origin);
      g_assert_error (error, TESSERA_API_ERROR, cases[i].code);
      g_assert_nonnull (error->message);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_loopback_hosts (void)
{
  g_assert_true (tessera_server_url_is_loopback_host ("localhost"));
  g_assert_true (tessera_server_url_is_loopback_host ("127.0.0.1"));
  g_assert_true (tessera_server_url_is_loopback_host ("127.255.255.254"));
  g_assert_true (tessera_server_url_is_loopback_host ("::1"));
  g_assert_false (tessera_server_url_is_loopback_host ("[::1]"));
  g_assert_false (tessera_server_url_is_loopback_host ("localhost.evil.example"));
  g_assert_false (tessera_server_url_is_loopback_host ("127.0.0.1.nip.io"));
  g_assert_false (tessera_server_url_is_loopback_host (""));
  g_assert_false (tessera_server_url_is_loopback_host (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-url/accepted", test_accepted);
  g_test_add_func ("/server-url/refused", test_refused);
  g_test_add_func ("/server-url/loopback-hosts", test_loopback_hosts);

  return g_test_run ();
}
