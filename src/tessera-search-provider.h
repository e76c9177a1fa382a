/* tessera-search-provider.h — tokens in GNOME Shell's search
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tessera-accounts.h"

G_BEGIN_DECLS

#define TESSERA_SEARCH_PROVIDER_PATH "/app/tessera/Tessera/SearchProvider"

#define TESSERA_TYPE_SEARCH_PROVIDER (tessera_search_provider_get_type ())
G_DECLARE_FINAL_TYPE (TesseraSearchProvider, tessera_search_provider, TESSERA, SEARCH_PROVIDER, GObject)

/* org.gnome.Shell.SearchProvider2 over the tokens of every account: found
 * by note, described by account and expiry.  No reply holds a secret.
 *
 * Signals:
 *   "activate-result" (TesseraSession *session, const char *token_id):
 *      the user chose a token in the Shell: show it (and copy its secret
 *      when it is saved, without asking the keyring to unlock).
 *   "launch-search" (const char *text): show the window, searching. */

TesseraSearchProvider *tessera_search_provider_new      (GApplication          *application,
                                                         TesseraAccounts       *accounts);
gboolean               tessera_search_provider_export   (TesseraSearchProvider *self,
                                                         GDBusConnection       *connection,
                                                         GError               **error);
void                   tessera_search_provider_unexport (TesseraSearchProvider *self);

/* The tokens of @accounts whose note holds every term (case folded), as
 * result ids; exposed for the tests. */
GStrv                  tessera_search_provider_find     (TesseraSearchProvider *self,
                                                         const char * const    *terms);

G_END_DECLS
