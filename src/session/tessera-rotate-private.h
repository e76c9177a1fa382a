/* tessera-rotate-private.h — a rotation's insides, shared by its state
 * (tessera-rotate.c) and its steps (tessera-rotate-steps.c)
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tessera-rotate.h"

G_BEGIN_DECLS

struct _TesseraRotation
{
  GObject              parent_instance;

  TesseraSession      *session;
  TesseraToken        *old_token;
  TesseraToken        *new_token;
  char                *secret;          /* the new token's; wiped at finalize */
  TesseraRotationStep  step;
  int                  lifetime_days;
  gboolean             is_sign_in;
  gboolean             save;
  gboolean             saved;
  gboolean             switched;        /* the session runs on the new token */
  gboolean             sign_in_replaced;
  gboolean             copied;
  gboolean             saving;
  GError              *save_error;
  GError              *sign_in_error;
  guint                n_running;       /* requests and keyring writes under way */
  gboolean             busy;            /* as last notified */
  gboolean             can_delete_old;  /* as last notified */
  GCancellable        *cancellable;     /* everything, cancelled at dispose */
  GCancellable        *save_cancellable;
};

void tessera_rotation_set_step             (TesseraRotation     *self,
                                            TesseraRotationStep  step);
/* One more (+1) or one fewer (-1) request or keyring write under way. */
void tessera_rotation_running              (TesseraRotation     *self,
                                            int                  delta);
/* Saves the new secret in the keyring, when "save" asks for it and it is
 * not there or on its way already. */
void tessera_rotation_start_save           (TesseraRotation     *self);
/* The token the create made, and its secret (taken). */
void tessera_rotation_set_new_token        (TesseraRotation     *self,
                                            TesseraToken        *token,
                                            char                *secret);
/* The session and the keyring's sign-in item are on the new token. */
void tessera_rotation_set_sign_in_replaced (TesseraRotation     *self);
/* Why the sign-in stays on the old token (taken). */
void tessera_rotation_set_sign_in_error    (TesseraRotation     *self,
                                            GError              *error);

G_END_DECLS
