/* tessera-a11y.c — what GTK 4.8 leaves to the app for screen readers
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-a11y"

#include "config.h"

#include "tessera-a11y.h"

void
tessera_a11y_clean_mnemonic_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  /* The mnemonic label (the button's child) names it without the
   * underscore; the label property would add the text with it. */
  if (GTK_IS_BUTTON (root) &&
      gtk_button_get_use_underline (GTK_BUTTON (root)) &&
      gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    tessera_a11y_clean_mnemonic_names (child);
}

static GtkWidget *
find_list_box (GtkWidget *root)
{
  if (GTK_IS_LIST_BOX (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_box (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

void
tessera_a11y_name_group_list (AdwPreferencesGroup *group,
                              const char          *name)
{
  GtkWidget *list;

  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  list = find_list_box (GTK_WIDGET (group));
  if (list != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

void
tessera_a11y_name_group_lists (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (ADW_IS_PREFERENCES_GROUP (root))
    {
      const char *title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (root));

      if (title != NULL && title[0] != '\0')
        tessera_a11y_name_group_list (ADW_PREFERENCES_GROUP (root), title);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    tessera_a11y_name_group_lists (child);
}

GtkWidget *
tessera_announcer_new (void)
{
  GtkWidget *label;

  label = g_object_new (GTK_TYPE_LABEL,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                        "halign", GTK_ALIGN_START,
                        "valign", GTK_ALIGN_END,
                        "can-target", FALSE,
                        "focusable", FALSE,
                        "ellipsize", PANGO_ELLIPSIZE_END,
                        "max-width-chars", 1,
                        "visible", FALSE,
                        NULL);
  gtk_widget_add_css_class (label, "announcer");
  return label;
}

void
tessera_announcer_say (GtkWidget  *announcer,
                       const char *message)
{
  g_return_if_fail (GTK_IS_LABEL (announcer));
  g_return_if_fail (message != NULL);

  /* Hidden, then shown with the new words: an alert that appears. */
  gtk_widget_set_visible (announcer, FALSE);
  gtk_label_set_text (GTK_LABEL (announcer), message);
  gtk_widget_set_visible (announcer, TRUE);
}
