/* tessera-a11y.h — what GTK 4.8 leaves to the app for screen readers
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* GTK 4.8 names a button whose label has a mnemonic twice, "_Cancel
 * Cancel": its label property keeps the underscore and its mnemonic label
 * adds the plain text.  Drops the first, for every such button under
 * @root (an AdwMessageDialog's responses too: call it once they are
 * added). */
void       tessera_a11y_clean_mnemonic_names (GtkWidget           *root);

/* Names the list inside @group (GTK 4.8 calls it "GtkListBox"). */
void       tessera_a11y_name_group_list      (AdwPreferencesGroup *group,
                                              const char          *name);

/* Names the list of every AdwPreferencesGroup under @root that has a
 * title, by that title. */
void       tessera_a11y_name_group_lists     (GtkWidget           *root);

/* GTK 4.8 has no way to announce a message (gtk_accessible_announce()
 * came in 4.14).  An announcer is a label with the role "alert", in the
 * accessibility tree but not seen (1×1 px, transparent): what it says
 * replaces its text, and it is shown again, so an AT-SPI client gets an
 * alert that appears with the message as its name (children-changed, then
 * a name change), as a live region's would. */
GtkWidget *tessera_announcer_new             (void);
void       tessera_announcer_say             (GtkWidget           *announcer,
                                              const char          *message);

G_END_DECLS
