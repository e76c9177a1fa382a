/* test-own-keyring.h — a session bus and an unlocked gnome-keyring-daemon
 * of the test program's own, for session tests that write and remove many
 * keyring items
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The private session's keyring is shared by every program of the suite,
 * which run two at a time: items one program removes vanish under another
 * one's listing of every saved sign-in.  A program that churns through
 * items (test-expiry, test-rotate) keeps them on a keyring of its own, as
 * each ui program does (see tests/ui/ui-test-util.h).  secret-tool, run by
 * the oracles, finds it through the same DBUS_SESSION_BUS_ADDRESS.
 */
#pragma once

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

static GTestDBus *own_keyring_bus;
/* The folder of its files, under the private session's XDG_DATA_HOME;
 * a caller may keep more of its own there. */
static char *own_keyring_base;

/* One call of @method on @name's interface of the same name (as the
 * bus's own and org.a11y.Bus are) on the bus at @address, on a connection
 * of its own that is closed after it (never the process's session-bus
 * singleton). */
static inline GVariant *
own_keyring_call (const char         *address,
                  const char         *name,
                  const char         *path,
                  const char         *method,
                  GVariant           *parameters,
                  const GVariantType *reply_type)
{
  g_autoptr(GDBusConnection) bus = NULL;
  GVariant *reply;

  if (address == NULL)
    return NULL;
  bus = g_dbus_connection_new_for_address_sync (
    address, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, NULL);
  if (bus == NULL)
    return NULL;
  reply = g_dbus_connection_call_sync (bus, name, path, name, method, parameters, reply_type,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  g_dbus_connection_close_sync (bus, NULL, NULL);
  return reply;
}

static inline gboolean
own_keyring_on_bus (void)
{
  g_autoptr(GVariant) reply = own_keyring_call (g_test_dbus_get_bus_address (own_keyring_bus),
                                                "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                "NameHasOwner",
                                                g_variant_new ("(s)", "org.freedesktop.secrets"),
                                                G_VARIANT_TYPE ("(b)"));
  gboolean owned = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* The private session's accessibility bus, asked of its session bus: on
 * the test's own bus GTK would not find it, warn for every widget it
 * makes, and leave the window out of the screen reader's tree. */
static inline char *
own_keyring_a11y_address (void)
{
  g_autoptr(GVariant) reply = NULL;
  char *address = NULL;

  if (g_getenv ("AT_SPI_BUS_ADDRESS") != NULL)
    return g_strdup (g_getenv ("AT_SPI_BUS_ADDRESS"));
  reply = own_keyring_call (g_getenv ("DBUS_SESSION_BUS_ADDRESS"), "org.a11y.Bus", "/org/a11y/bus",
                            "GetAddress", NULL, G_VARIANT_TYPE ("(s)"));
  if (reply != NULL)
    g_variant_get (reply, "(s)", &address);
  return address;
}

/* Before anything talks to the session bus. */
static inline void
own_keyring_up (void)
{
  g_autofree char *a11y = own_keyring_a11y_address ();
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  g_autofree char *runtime_dir = g_strdup (g_getenv ("XDG_RUNTIME_DIR"));
  g_autofree char *base = g_build_filename (g_getenv ("XDG_DATA_HOME"), "own-keyring-XXXXXX", NULL);
  g_autofree char *data = NULL;
  g_autofree char *run = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GBytes) password = g_bytes_new_static ("tessera-own", strlen ("tessera-own"));
  g_autoptr(GError) error = NULL;
  gint64 end;

  own_keyring_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (own_keyring_bus);
  /* g_test_dbus_up() unsets these too. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  if (runtime_dir != NULL)
    g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);
  if (a11y != NULL)
    g_setenv ("AT_SPI_BUS_ADDRESS", a11y, TRUE);

  g_assert_nonnull (g_mkdtemp_full (base, 0700));
  own_keyring_base = g_strdup (base);
  data = g_build_filename (base, "data", NULL);
  run = g_build_filename (base, "run", NULL);
  g_assert_cmpint (g_mkdir (data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (run, 0700), ==, 0);

  /* Its own runtime folder: there it would find the control socket of
   * the private session's daemon and unlock that one instead. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", run, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "GNOME_KEYRING_CONTROL");
  daemon = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--unlock",
                                        "--components=secrets", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (daemon, password, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!own_keyring_on_bus ())
    {
      if (g_get_monotonic_time () > end)
        g_error ("gnome-keyring-daemon did not come on the test bus");
      g_usleep (20 * 1000);
    }
}

/* The daemon leaves with the bus.  Not g_test_dbus_down(): it waits for
 * the process's bus connection to go, and libsecret keeps it. */
static inline void
own_keyring_down (void)
{
  if (own_keyring_bus != NULL)
    g_test_dbus_stop (own_keyring_bus);
}
