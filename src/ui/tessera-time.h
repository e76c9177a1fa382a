/* tessera-time.h — the words of a token's dates: expiry, creation, last use
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every function takes "now" so that tests can fix it; dates are shown in
 * @now's time zone (the local one in the app). */

/* "5 Jan 2027" */
char *tessera_time_format_date      (GDateTime *when,
                                     GDateTime *now);
/* "just now", "in 5 minutes", "3 hours ago", "tomorrow", "in 30 days",
 * "2 months ago", "in 3 years" */
char *tessera_time_format_relative  (GDateTime *when,
                                     GDateTime *now);
/* "Does not expire" (@expire NULL), "Expires on 5 Jan 2027 · in 30 days",
 * "Expired on 5 Jan 2027" */
char *tessera_time_format_expiry    (GDateTime *expire,
                                     GDateTime *now);
/* "Created on 5 Jan 2027"; NULL when @created is NULL */
char *tessera_time_format_created   (GDateTime *created,
                                     GDateTime *now);
/* NULL when the server does not say (@has_last_used FALSE), "Never used",
 * "Last used 3 hours ago" */
char *tessera_time_format_last_used (gboolean   has_last_used,
                                     GDateTime *last_used,
                                     GDateTime *now);

G_END_DECLS
