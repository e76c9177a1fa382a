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
#include "tessera-api-names-private.h"
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

/* A DNS name in plain ASCII: dot-separated labels of letters, digits and
 * hyphens (not at either end), 1–63 each, 253 in all, no trailing dot. */
static gboolean
is_plain_name (const char *host)
{
  g_auto(GStrv) labels = NULL;
  gsize length = strlen (host);

  if (length == 0 || length > 253)
    return FALSE;

  labels = g_strsplit (host, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize n = strlen (labels[i]);

      if (n == 0 || n > 63 || labels[i][0] == '-' || labels[i][n - 1] == '-')
        return FALSE;
      for (gsize j = 0; j < n; j++)
        if (!g_ascii_isalnum (labels[i][j]) && labels[i][j] != '-')
          return FALSE;
    }

  return TRUE;
}

/* @host as typed (percent escapes left in, no IDN conversion): an IPv6
 * literal without a zone, a dotted-quad IPv4 address, or a plain DNS name
 * whose last label is not a number.  Anything else — escapes that would
 * decode into another host or a port, non-ASCII names that would be
 * rewritten as punycode, a trailing dot, the number forms resolvers read
 * as addresses (2130706433, 127.1, 0x7f.0.0.1) — is refused. */
static gboolean
is_plain_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  const char *last_label;

  if (strchr (host, '%') != NULL)
    return FALSE;

  if (strchr (host, ':') != NULL)
    {
      address = g_inet_address_new_from_string (host);
      return address != NULL && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6;
    }

  if (!is_plain_name (host))
    return FALSE;

  last_label = strrchr (host, '.');
  last_label = last_label != NULL ? last_label + 1 : host;
  if (g_ascii_isdigit (last_label[0]))
    {
      /* A number at the end: only a whole dotted quad is an address. */
      address = g_inet_address_new_from_string (host);
      return address != NULL && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4;
    }

  return TRUE;
}

/* The authority of @url as typed (after "//", up to the path, query or
 * fragment) holds no escape and nothing but printable ASCII: GLib would
 * decode %6D into "m" even when asked to keep escapes. */
static gboolean
authority_is_literal (const char *url)
{
  const char *start = strstr (url, "//");

  if (start == NULL)
    return TRUE;  /* no authority: refused later for its missing host */

  for (const char *p = start + 2; *p != '\0' && strchr ("/?#", *p) == NULL; p++)
    if (*p == '%' || (guchar) *p <= ' ' || (guchar) *p >= 0x7f)
      return FALSE;
  return TRUE;
}

/* scheme://host[:port], lower case, without the default port. */
static char *
origin_of (GUri     *uri,
           gboolean  is_https)
{
  g_autofree char *lower_scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  g_autofree char *lower_host = g_ascii_strdown (g_uri_get_host (uri), -1);
  int port = g_uri_get_port (uri);
  gboolean default_port = port == -1 || (is_https && port == 443) || (!is_https && port == 80);
  GString *origin = g_string_new (lower_scheme);

  g_string_append (origin, "://");
  if (strchr (lower_host, ':') != NULL)
    g_string_append_printf (origin, "[%s]", lower_host);
  else
    g_string_append (origin, lower_host);
  if (!default_port)
    g_string_append_printf (origin, ":%d", port);

  return g_string_free (origin, FALSE);
}

/* Only an origin: no user, path, query or fragment; a usable port. */
static gboolean
is_origin_only (GUri *uri)
{
  const char *path = g_uri_get_path (uri);

  return g_uri_get_userinfo (uri) == NULL &&
         g_uri_get_query (uri) == NULL &&
         g_uri_get_fragment (uri) == NULL &&
         g_uri_get_port (uri) != 0 &&
         (path == NULL || *path == '\0' || g_strcmp0 (path, "/") == 0);
}

/**
 * tessera_server_url_normalize:
 * @url: what the user typed or passed with `--server`
 * @error: return location for a %TESSERA_API_ERROR
 *
 * Checks that @url names a server Tessera may talk to (HTTPS anywhere,
 * HTTP only on a loopback host, a plain host name or address) and reduces
 * it to its origin.  Nothing is rewritten into another host: what is not
 * plain is refused.
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
  gboolean is_https;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stripped = g_strstrip (g_strdup (url != NULL ? url : ""));
  if (*stripped == '\0')
    {
      g_propagate_error (error, tessera_words_error_url_empty ());
      return NULL;
    }

  /* Escapes stay escaped and names are not converted (IDN): the host is
   * checked as it was typed. */
  uri = g_uri_parse (stripped, G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host == NULL || *host == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_propagate_error (error, tessera_words_error_url_not_address (stripped));
      return NULL;
    }
  is_https = g_ascii_strcasecmp (scheme, "https") == 0;

  if (!authority_is_literal (stripped) || !is_plain_host (host))
    {
      g_propagate_error (error, tessera_words_error_url_bad_host (stripped));
      return NULL;
    }

  if (!is_https && !tessera_server_url_is_loopback_host (host))
    {
      g_propagate_error (error, tessera_words_error_url_plain_http (host));
      return NULL;
    }

  if (!is_origin_only (uri))
    {
      g_propagate_error (error, g_uri_get_userinfo (uri) != NULL
                                  ? tessera_words_error_url_bad_host (stripped)
                                  : tessera_words_error_url_with_path ());
      return NULL;
    }

  return origin_of (uri, is_https);
}

char *
tessera_server_url_user_me (const char *origin)
{
  g_return_val_if_fail (origin != NULL, NULL);

  return g_strconcat (origin, API_PATH_USER_ME, NULL);
}
