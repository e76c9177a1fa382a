/* tessera-text.h — text from the server, made safe to show
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @text with every control character (C0, DEL, C1: a newline, an escape
 * sequence) and every bidirectional override or isolate (U+202A–U+202E,
 * U+2066–U+2069, U+200E, U+200F, U+061C) written out visibly as \uXXXX,
 * so that a note can neither break a line or a terminal nor spoof the text
 * around it.  Invalid UTF-8 becomes U+FFFD.  A backslash stays itself. */
char *tessera_text_escape_controls (const char *text);

G_END_DECLS
