/* tessera-server-url.c
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-server-url"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "tessera-error.h"
#include "tessera-server-url.h"
#include "tessera-words.h"

/**
 * tessera_server_url_is_loopback_host:
 * @host: a host as GUri gives it (IPv6 without brackets)
 *
 * Returns: %TRUE for `localhost`, 127.0.0.0/8 and ::1, the only hosts
 *   Tessera talks plain HTTP to.
 */
gboolean
tessera_server_url_is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  /* Only a literal address counts: a name that merely resolves to
   * loopback could resolve elsewhere tomorrow. */
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * tessera_server_url_normalize:
 * @url: what the user typed or passed with `--server`
 * @error: return location for a %TESSERA_API_ERROR
 *
 * Checks that @url names a server Tessera may talk to (HTTPS anywhere,
 * HTTP only on a loopback host) and reduces it to its origin.
 *
 * Returns: (transfer full): the origin, e.g. `https://console.api7.cloud`,
 *   with no trailing slash, or %NULL with @error set.
 */
char *
tessera_server_url_normalize (const char  *url,
                              GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *stripped = NULL;
  const char *scheme;
  const char *host;
  const char *path;
  gboolean is_https;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stripped = g_strstrip (g_strdup (url != NULL ? url : ""));

  if (*stripped == '\0')
    {
      g_propagate_error (error, tessera_words_error_url_empty ());
      return NULL;
    }

  uri = g_uri_parse (stripped, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_propagate_error (error, tessera_words_error_url_not_address (stripped));
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  path = g_uri_get_path (uri);
  is_https = g_ascii_strcasecmp (scheme, "https") == 0;

  if (!is_https && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_propagate_error (error, tessera_words_error_url_not_address (stripped));
      return NULL;
    }

  if (!is_https && !tessera_server_url_is_loopback_host (host))
    {
      g_propagate_error (error, tessera_words_error_url_plain_http (host));
      return NULL;
    }

  if (g_uri_get_userinfo (uri) != NULL ||
      g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL ||
      (path != NULL && *path != '\0' && g_strcmp0 (path, "/") != 0))
    {
      g_propagate_error (error, tessera_words_error_url_with_path ());
      return NULL;
    }

  {
    g_autofree char *lower_scheme = g_ascii_strdown (scheme, -1);
    g_autofree char *lower_host = g_ascii_strdown (host, -1);
    int port = g_uri_get_port (uri);
    gboolean default_port = port == -1 ||
                            (is_https && port == 443) ||
                            (!is_https && port == 80);
    gboolean ipv6 = strchr (lower_host, ':') != NULL;
    GString *origin = g_string_new (lower_scheme);

    g_string_append (origin, "://");
    if (ipv6)
      g_string_append_printf (origin, "[%s]", lower_host);
    else
      g_string_append (origin, lower_host);
    if (!default_port)
      g_string_append_printf (origin, ":%d", port);

    return g_string_free (origin, FALSE);
  }
}
