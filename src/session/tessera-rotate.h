/* tessera-rotate.h — Rotate: a new token in the old one's place, its
 * secret safe before the old one goes
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tessera-session.h"

G_BEGIN_DECLS

typedef enum
{
  TESSERA_ROTATION_READY,      /* nothing done yet */
  TESSERA_ROTATION_CREATING,
  TESSERA_ROTATION_CREATED,    /* both tokens exist */
  TESSERA_ROTATION_DELETING,   /* the old one is being deleted */
  TESSERA_ROTATION_DONE,       /* the old one is gone */
} TesseraRotationStep;

#define TESSERA_TYPE_ROTATION_STEP (tessera_rotation_step_get_type ())
GType tessera_rotation_step_get_type (void);

#define TESSERA_TYPE_ROTATION (tessera_rotation_get_type ())
G_DECLARE_FINAL_TYPE (TesseraRotation, tessera_rotation, TESSERA, ROTATION, GObject)

/* One rotation of one token of a signed-in session, in three steps:
 *
 * 1. create: a new token with the old one's note and lifetime (its
 *    created→expire span rounded to the nearest of 7, 30, 60 and 90 days,
 *    or "does not expire").  A failure changes nothing.
 * 2. keep it: the secret is saved in the keyring when "save" is on (by
 *    default when the old one's was saved).  When the old token is the
 *    one the session is signed in with, the session first checks the new
 *    one against /user/me, switches to it (a new client) and replaces the
 *    keyring's sign-in item with it: from then on the stored sign-in never
 *    names a token about to be revoked.
 * 3. delete the old one, which "can-delete-old" allows only when the new
 *    secret is safe (saved, or copied: tessera_rotation_set_copied()) and,
 *    for the sign-in token, the sign-in item replaced.  A failure leaves
 *    both tokens, and the delete may be tried again.
 *
 * Properties (all notify):
 *   "session", "old-token"  construct-only
 *   "new-token"         TesseraToken or NULL: once created
 *   "step"              TesseraRotationStep
 *   "lifetime-days"     int: 7, 30, 60, 90, or 0 for "does not expire"
 *   "is-sign-in"        bool: the old token is the session's sign-in token
 *   "save"              bool, read-write: keep the new secret in the keyring
 *   "saved"             bool: it is there
 *   "save-error"        GError or NULL: why it could not be saved
 *   "sign-in-replaced"  bool: the session and the keyring's sign-in item
 *                       moved to the new token
 *   "sign-in-error"     GError or NULL: why they could not
 *   "copied"            bool
 *   "busy"              bool: a request or a keyring write runs
 *   "can-delete-old"    bool */

TesseraRotation    *tessera_rotation_new                  (TesseraSession  *session,
                                                           TesseraToken    *old_token);
TesseraSession     *tessera_rotation_get_session          (TesseraRotation *self);
TesseraToken       *tessera_rotation_get_old_token        (TesseraRotation *self);
TesseraToken       *tessera_rotation_get_new_token        (TesseraRotation *self);
TesseraRotationStep tessera_rotation_get_step             (TesseraRotation *self);
int                 tessera_rotation_get_lifetime_days    (TesseraRotation *self);
gboolean            tessera_rotation_get_is_sign_in       (TesseraRotation *self);
gboolean            tessera_rotation_get_save             (TesseraRotation *self);
/* Before the create: whether to save.  After it: on saves (again, after a
 * failure), off cancels a save under way. */
void                tessera_rotation_set_save             (TesseraRotation *self,
                                                           gboolean         save);
gboolean            tessera_rotation_get_saved            (TesseraRotation *self);
const GError       *tessera_rotation_get_save_error       (TesseraRotation *self);
gboolean            tessera_rotation_get_sign_in_replaced (TesseraRotation *self);
const GError       *tessera_rotation_get_sign_in_error    (TesseraRotation *self);
gboolean            tessera_rotation_get_copied           (TesseraRotation *self);
/* The user copied the new secret (the keyring may not have it). */
void                tessera_rotation_set_copied           (TesseraRotation *self);
gboolean            tessera_rotation_get_busy             (TesseraRotation *self);
gboolean            tessera_rotation_get_can_delete_old   (TesseraRotation *self);
/* The new token's secret, once created, until the rotation is finalized
 * (then wiped). */
const char         *tessera_rotation_peek_secret          (TesseraRotation *self);

/* Step 1, then step 2 on its own.  Finishes once the token is created
 * (the keyring writes follow: "busy", "saved", "sign-in-replaced"). */
void                tessera_rotation_create_async         (TesseraRotation     *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
TesseraToken       *tessera_rotation_create_finish        (TesseraRotation     *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* Tries the sign-in switch (and its keyring item) again after
 * "sign-in-error". */
void                tessera_rotation_retry_sign_in        (TesseraRotation *self);

/* Step 3.  TESSERA_SESSION_ERROR_NOT_SAFE while "can-delete-old" is
 * FALSE; any other failure leaves both tokens (step CREATED again), said
 * in words that say so. */
void                tessera_rotation_delete_old_async     (TesseraRotation     *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean            tessera_rotation_delete_old_finish    (TesseraRotation     *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* The lifetime a rotation gives: the span from @created to @expire
 * rounded to the nearest of 7, 30, 60 and 90 days (the shorter of two as
 * near), 0 when @expire is NULL (does not expire).  @created NULL: 30. */
int                 tessera_rotation_round_lifetime       (GDateTime       *created,
                                                           GDateTime       *expire);

G_END_DECLS
