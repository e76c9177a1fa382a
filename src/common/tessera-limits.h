/* tessera-limits.h — the limits of the API that the words and the checks
 * of every layer take from one place
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* An account has at most this many personal access tokens. */
#define TESSERA_MAX_TOKENS 50
/* A token's note has at most this many characters. */
#define TESSERA_MAX_NOTES_CHARS 256
