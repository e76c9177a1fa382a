/* tessera-release-notes.h — a release's notes, read from the AppStream
 * metainfo, in the user's language
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The <description> of @version's <release> in @metainfo (the merged
 * file, translations included as xml:lang siblings), as the AppStream
 * markup AdwAboutWindow's release notes take (<p>, <ul>, <li>), each
 * paragraph in the first of @languages it comes in (g_get_language_names()
 * order), else the original.  @version NULL: the first release.  NULL
 * when there is none. */
char *tessera_release_notes_read (const char         *metainfo,
                                  const char         *version,
                                  const char * const *languages);

G_END_DECLS
