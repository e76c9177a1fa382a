/* tessera-window-private.h — what tessera-window.c and
 * tessera-window-actions.c share
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tessera-application.h"
#include "tessera-sign-in-page.h"
#include "tessera-token-page.h"
#include "tessera-window.h"

G_BEGIN_DECLS

/* What the sign-in page is for just now. */
typedef enum
{
  SIGN_IN_NONE,        /* not shown: the window follows its account */
  SIGN_IN_ADD,         /* a new account (or the first) */
  SIGN_IN_AGAIN,       /* a new token for the followed, refused account */
  SIGN_IN_OPENING,     /* a sign-in from the command line runs: "Signing in…" */
} SignInMode;

struct _TesseraWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  TesseraAccounts      *accounts;
  TesseraSession       *session;
  GSignalGroup         *session_signals;
  GSignalGroup         *tokens_signals;  /* the followed session's list */
  GCancellable         *cancellable;     /* the sign-in under way */
  GMenu                *accounts_menu;   /* a section of each page's menu */
  SignInMode            sign_in_mode;
  char                 *pending_server;  /* --server, until the accounts are read */
  char                 *reveal_id;       /* a token to show once it is listed */
  gboolean              reveal_copy;
  gulong                reveal_handler;
  gboolean              auto_followed;   /* nobody chose the account followed */
  GtkWindow            *delete_all_dialog; /* weak: the one confirmation shown */

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkOverlay           *main_overlay;
  GtkWidget            *announcer;       /* tessera-a11y.h */
  GtkStack             *main_stack;
  GtkSpinner           *loading_spinner;
  TesseraSignInPage    *sign_in_page;
  TesseraTokenPage     *token_page;
  AdwWindowTitle       *problem_title;
  GtkMenuButton        *problem_menu_button;
  AdwStatusPage        *problem_status;
  GtkWidget            *sign_in_again_button;
  GtkWidget            *retry_button;
};

void  tessera_window_class_add_actions (GtkWidgetClass *widget_class);
void  tessera_window_update_actions    (TesseraWindow  *self);
void  tessera_window_update_page       (TesseraWindow  *self);
/* tessera-window-reveal.c: stops waiting for a token to show. */
void  tessera_window_stop_revealing     (TesseraWindow  *self);

/* tessera-window-sign-in.c */
/* @mode, and the sign-in page's parts that depend on it; the page and the
 * actions are the caller's to update. */
void  tessera_window_apply_sign_in_mode (TesseraWindow  *self,
                                        SignInMode      mode);
/* Shows the sign-in page for @mode (SIGN_IN_NONE: back to the account). */
void  tessera_window_set_sign_in_mode  (TesseraWindow  *self,
                                        SignInMode      mode);
/* Drops the sign-in under way, if any (its answer changes nothing), and
 * the typed token. */
void  tessera_window_abandon_sign_in   (TesseraWindow  *self);
/* Signs in with @token on @server_url as the sign-in page's mode says. */
void  tessera_window_start_sign_in     (TesseraWindow  *self,
                                        const char     *server_url,
                                        const char     *token);
char *tessera_window_dup_account_key   (TesseraSession *session);
/* Copies a secret, cleared after the clipboard-clear-seconds setting, and
 * says so in a toast. */
void  tessera_window_copy_secret       (TesseraWindow  *self,
                                        const char     *secret);

G_END_DECLS
