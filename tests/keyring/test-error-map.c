/* test-error-map.c — which keyring failures mean "unavailable"
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Unavailable" makes the session stop saving secrets for the rest of its
 * life, so only a keyring that really cannot be used may give it.
 */
#include "config.h"

#include "tessera-keyring-op.h"
#include "tessera-secret-store.h"

typedef struct
{
  GQuark   domain;
  int      code;
  gboolean caller_cancelled;
  GQuark   want_domain;
  int      want_code;
} Case;

static void
test_error_map (void)
{
  Case cases[] = {
    /* An item deleted between the search and the read: the keyring works. */
    { G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD, FALSE,
      TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_FAILED },
    { G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT, FALSE,
      TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_FAILED },
    { SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT, FALSE,
      TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_FAILED },
    /* No Secret Service, no bus, a locked keyring nobody unlocked. */
    { G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN, FALSE,
      TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE },
    { G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER, FALSE,
      TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE },
    { G_IO_ERROR, G_IO_ERROR_NOT_FOUND, FALSE,
      TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE },
    { SECRET_ERROR, SECRET_ERROR_IS_LOCKED, FALSE,
      TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE },
    /* Cancelled: by the caller it stays cancelled; by a dismissed prompt or
     * our timeout it means unavailable. */
    { G_IO_ERROR, G_IO_ERROR_CANCELLED, TRUE, G_IO_ERROR, G_IO_ERROR_CANCELLED },
    { G_IO_ERROR, G_IO_ERROR_CANCELLED, FALSE,
      TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_UNAVAILABLE },
    { SECRET_ERROR, SECRET_ERROR_ALREADY_EXISTS, FALSE,
      TESSERA_SECRET_STORE_ERROR, TESSERA_SECRET_STORE_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) mapped = NULL;

      mapped = tessera_keyring_map_error (g_error_new_literal (cases[i].domain, cases[i].code, "x"),
                                          cases[i].caller_cancelled);
      g_test_message ("case %u: %s %d", i, g_quark_to_string (cases[i].domain), cases[i].code);
      g_assert_error (mapped, cases[i].want_domain, cases[i].want_code);
      g_assert_cmpstr (mapped->message, !=, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keyring/error-map", test_error_map);

  return g_test_run ();
}
