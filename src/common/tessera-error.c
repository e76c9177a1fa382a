/* tessera-error.c — the API error domain
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tessera-error.h"

G_DEFINE_QUARK (tessera-api-error-quark, tessera_api_error)
