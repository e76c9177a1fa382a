/* tessera-session-error.h — what the session layer adds to the API's errors
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* What the session layer reports is these codes, or the API's own
 * (TESSERA_API_ERROR), or GIO's G_IO_ERROR_CANCELLED. */
#include "tessera-error.h"

G_BEGIN_DECLS

#define TESSERA_SESSION_ERROR (tessera_session_error_quark ())

typedef enum
{
  TESSERA_SESSION_ERROR_NOT_SIGNED_IN,
  TESSERA_SESSION_ERROR_TOKEN_LIMIT,    /* checked before asking the server */
  TESSERA_SESSION_ERROR_WRONG_ACCOUNT,  /* Sign In Again with another account's token */
  TESSERA_SESSION_ERROR_UNCERTAIN,      /* an answer lost, and no way to find out */
  TESSERA_SESSION_ERROR_ORPHAN,         /* created, but the answer (and its secret) lost */
  TESSERA_SESSION_ERROR_ENDED,          /* why a session ended on its own */
  TESSERA_SESSION_ERROR_WRONG_TOKEN,    /* Attach Secret with another token's secret */
  TESSERA_SESSION_ERROR_NOT_SAFE,       /* Rotate: the old token stays until the new one is safe */
} TesseraSessionError;

GQuark tessera_session_error_quark (void);

G_END_DECLS
