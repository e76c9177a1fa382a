/* tessera-sign-in-page.h — "Sign in to API7 Cloud"
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TESSERA_TYPE_SIGN_IN_PAGE (tessera_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (TesseraSignInPage, tessera_sign_in_page, TESSERA, SIGN_IN_PAGE, AdwBin)

/* A view: its "Sign In" button and the token entry's Enter activate
 * win.sign-in; the window reads the fields and reports back.
 *
 * Properties: "server" (string), "busy" (bool: spinner, fields locked),
 * "can-submit" (bool, read-only: both fields filled and not busy). */

const char *tessera_sign_in_page_get_server   (TesseraSignInPage *self);
void        tessera_sign_in_page_set_server   (TesseraSignInPage *self,
                                               const char        *server);
/* The typed token (a secret: copy it with tessera_secret_dup()). */
const char *tessera_sign_in_page_get_token    (TesseraSignInPage *self);
/* Empties the token entry (after a sign in, so it does not linger). */
void        tessera_sign_in_page_clear_token  (TesseraSignInPage *self);
void        tessera_sign_in_page_set_busy     (TesseraSignInPage *self,
                                               gboolean           busy);
gboolean    tessera_sign_in_page_get_busy     (TesseraSignInPage *self);
gboolean    tessera_sign_in_page_get_can_submit (TesseraSignInPage *self);
/* An inline error under the fields, the token row marked; NULL hides
 * it.  Typing clears it. */
void        tessera_sign_in_page_set_error    (TesseraSignInPage *self,
                                               const char        *message);
/* The same, about the server address: that row marked, and focused. */
void        tessera_sign_in_page_set_server_error (TesseraSignInPage *self,
                                               const char        *message);
const char *tessera_sign_in_page_get_error    (TesseraSignInPage *self);
/* Why the user is here again ("Your sign-in token is no longer valid");
 * NULL hides it. */
void        tessera_sign_in_page_set_notice   (TesseraSignInPage *self,
                                               const char        *message);
const char *tessera_sign_in_page_get_notice   (TesseraSignInPage *self);
/* Puts the keyboard focus in the token entry. */
void        tessera_sign_in_page_focus        (TesseraSignInPage *self);
/* Signing in again: the server is the account's and cannot change. */
void        tessera_sign_in_page_set_server_locked (TesseraSignInPage *self,
                                               gboolean           locked);
/* Adding an account beside others: a Cancel button goes back. */
void        tessera_sign_in_page_set_can_cancel (TesseraSignInPage *self,
                                               gboolean           can_cancel);
/* Whether F10 opens the page's main menu (only the page shown's does). */
void        tessera_sign_in_page_set_primary_menu (TesseraSignInPage *self,
                                               gboolean           primary);
/* A section (the accounts) at the top of the page's main menu. */
void        tessera_sign_in_page_add_menu_section (TesseraSignInPage *self,
                                               GMenuModel        *section);

G_END_DECLS
