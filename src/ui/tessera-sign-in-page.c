/* tessera-sign-in-page.c — "Sign in to API7 Cloud"
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-sign-in-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-a11y.h"
#include "tessera-secret-row.h"
#include "tessera-sign-in-page.h"

struct _TesseraSignInPage
{
  AdwBin       parent_instance;

  gboolean     busy;
  gboolean     can_submit;
  gboolean     server_locked;

  /* Template children */
  GtkLabel    *notice_label;
  AdwEntryRow *server_row;
  TesseraSecretRow *token_row;
  GtkLabel    *error_label;
  GtkWidget   *sign_in_button;
  GtkSpinner  *spinner;
  GtkWidget   *cancel_button;
  GtkMenuButton *menu_button;
};

G_DEFINE_FINAL_TYPE (TesseraSignInPage, tessera_sign_in_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SERVER,
  PROP_BUSY,
  PROP_CAN_SUBMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static void
update_can_submit (TesseraSignInPage *self)
{
  gboolean can_submit;

  can_submit = !self->busy &&
               !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->server_row))) &&
               !is_blank (tessera_secret_row_get_secret (self->token_row));

  if (can_submit == self->can_submit)
    return;

  self->can_submit = can_submit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SUBMIT]);
}

static void
fields_changed_cb (TesseraSignInPage *self)
{
  /* An error speaks of what was typed: new input clears it. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)) && !self->busy)
    tessera_sign_in_page_set_error (self, NULL);
  update_can_submit (self);
}

static void
server_activated_cb (TesseraSignInPage *self)
{
  gtk_widget_grab_focus (tessera_secret_row_get_entry (self->token_row));
}

static void
token_activated_cb (TesseraSignInPage *self)
{
  if (self->can_submit)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.sign-in", NULL);
}

const char *
tessera_sign_in_page_get_server (TesseraSignInPage *self)
{
  g_return_val_if_fail (TESSERA_IS_SIGN_IN_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->server_row));
}

void
tessera_sign_in_page_set_server (TesseraSignInPage *self,
                                 const char        *server)
{
  g_return_if_fail (TESSERA_IS_SIGN_IN_PAGE (self));

  if (g_strcmp0 (server, tessera_sign_in_page_get_server (self)) == 0)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server != NULL ? server : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);
}

const char *
tessera_sign_in_page_get_token (TesseraSignInPage *self)
{
  g_return_val_if_fail (TESSERA_IS_SIGN_IN_PAGE (self), NULL);

  return tessera_secret_row_get_secret (self->token_row);
}

void
tessera_sign_in_page_clear_token (TesseraSignInPage *self)
{
  g_return_if_fail (TESSERA_IS_SIGN_IN_PAGE (self));

  tessera_secret_row_clear (self->token_row);
}

void
tessera_sign_in_page_set_busy (TesseraSignInPage *self,
                               gboolean           busy)
{
  g_return_if_fail (TESSERA_IS_SIGN_IN_PAGE (self));

  busy = !!busy;
  if (busy == self->busy)
    return;

  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  /* Not insensitive: that would yank the focus out of the entry (and GTK
   * 4.8 warns about the focus-out it then never delivers). */
  gtk_editable_set_editable (GTK_EDITABLE (self->server_row), !busy && !self->server_locked);
  gtk_editable_set_editable (GTK_EDITABLE (tessera_secret_row_get_entry (self->token_row)), !busy);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->sign_in_button),
                               GTK_ACCESSIBLE_STATE_BUSY, busy,
                               -1);
  if (busy)
    tessera_sign_in_page_set_error (self, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  update_can_submit (self);
}

gboolean
tessera_sign_in_page_get_busy (TesseraSignInPage *self)
{
  g_return_val_if_fail (TESSERA_IS_SIGN_IN_PAGE (self), FALSE);

  return self->busy;
}

gboolean
tessera_sign_in_page_get_can_submit (TesseraSignInPage *self)
{
  g_return_val_if_fail (TESSERA_IS_SIGN_IN_PAGE (self), FALSE);

  return self->can_submit;
}

static void
show_message (GtkLabel   *label,
              const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL && message[0] != '\0');
}

/* The error shows under the fields and on the row it is about (the entry
 * row's error style), and is that entry's description: a screen reader
 * reads it with the entry the focus goes back to. */
static void
mark_row (GtkWidget  *row,
          GtkWidget  *entry,
          const char *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
set_error_on (TesseraSignInPage *self,
              gboolean           on_server,
              const char        *message)
{
  if (message != NULL && message[0] == '\0')
    message = NULL;

  show_message (self->error_label, message);
  mark_row (GTK_WIDGET (self->server_row), GTK_WIDGET (self->server_row), on_server ? message : NULL);
  mark_row (GTK_WIDGET (self->token_row), tessera_secret_row_get_entry (self->token_row),
            on_server ? NULL : message);
}

void
tessera_sign_in_page_set_error (TesseraSignInPage *self,
                                const char        *message)
{
  g_return_if_fail (TESSERA_IS_SIGN_IN_PAGE (self));

  set_error_on (self, FALSE, message);
}

void
tessera_sign_in_page_set_server_error (TesseraSignInPage *self,
                                       const char        *message)
{
  g_return_if_fail (TESSERA_IS_SIGN_IN_PAGE (self));

  set_error_on (self, TRUE, message);
  if (message != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
}

const char *
tessera_sign_in_page_get_error (TesseraSignInPage *self)
{
  g_return_val_if_fail (TESSERA_IS_SIGN_IN_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_text (self->error_label);
}

void
tessera_sign_in_page_set_notice (TesseraSignInPage *self,
                                 const char        *message)
{
  g_return_if_fail (TESSERA_IS_SIGN_IN_PAGE (self));

  show_message (self->notice_label, message);
}

const char *
tessera_sign_in_page_get_notice (TesseraSignInPage *self)
{
  g_return_val_if_fail (TESSERA_IS_SIGN_IN_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->notice_label)))
    return NULL;

  return gtk_label_get_text (self->notice_label);
}

void
tessera_sign_in_page_focus (TesseraSignInPage *self)
{
  g_return_if_fail (TESSERA_IS_SIGN_IN_PAGE (self));

  if (is_blank (tessera_sign_in_page_get_server (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
  else
    gtk_widget_grab_focus (tessera_secret_row_get_entry (self->token_row));
}

void
tessera_sign_in_page_set_server_locked (TesseraSignInPage *self,
                                        gboolean           locked)
{
  g_return_if_fail (TESSERA_IS_SIGN_IN_PAGE (self));

  self->server_locked = !!locked;
  gtk_editable_set_editable (GTK_EDITABLE (self->server_row), !self->busy && !self->server_locked);
}

void
tessera_sign_in_page_set_can_cancel (TesseraSignInPage *self,
                                     gboolean           can_cancel)
{
  g_return_if_fail (TESSERA_IS_SIGN_IN_PAGE (self));

  gtk_widget_set_visible (self->cancel_button, can_cancel);
}

void
tessera_sign_in_page_set_primary_menu (TesseraSignInPage *self,
                                       gboolean           primary)
{
  g_return_if_fail (TESSERA_IS_SIGN_IN_PAGE (self));

  gtk_menu_button_set_primary (self->menu_button, primary);
}

void
tessera_sign_in_page_add_menu_section (TesseraSignInPage *self,
                                       GMenuModel        *section)
{
  g_return_if_fail (TESSERA_IS_SIGN_IN_PAGE (self));

  g_menu_prepend_section (G_MENU (gtk_menu_button_get_menu_model (self->menu_button)), NULL, section);
}

static void
tessera_sign_in_page_dispose (GObject *object)
{
  TesseraSignInPage *self = TESSERA_SIGN_IN_PAGE (object);

  /* The typed token does not outlive the page in a widget's buffer. */
  if (self->token_row != NULL)
    tessera_secret_row_clear (self->token_row);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_SIGN_IN_PAGE);

  G_OBJECT_CLASS (tessera_sign_in_page_parent_class)->dispose (object);
}

static void
tessera_sign_in_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TesseraSignInPage *self = TESSERA_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      g_value_set_string (value, tessera_sign_in_page_get_server (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_CAN_SUBMIT:
      g_value_set_boolean (value, self->can_submit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_sign_in_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TesseraSignInPage *self = TESSERA_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      tessera_sign_in_page_set_server (self, g_value_get_string (value));
      break;

    case PROP_BUSY:
      tessera_sign_in_page_set_busy (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_sign_in_page_class_init (TesseraSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_sign_in_page_dispose;
  object_class->get_property = tessera_sign_in_page_get_property;
  object_class->set_property = tessera_sign_in_page_set_property;

  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_SUBMIT] =
    g_param_spec_boolean ("can-submit", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TESSERA_TYPE_SECRET_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraSignInPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraSignInPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraSignInPage, token_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraSignInPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TesseraSignInPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraSignInPage, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, token_activated_cb);
}

static void
tessera_sign_in_page_init (TesseraSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* GTK 4.8 would call it "GtkListBox". */
  tessera_a11y_name_group_list (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (GTK_WIDGET (self->server_row),
                                                                                ADW_TYPE_PREFERENCES_GROUP)),
                                _("Sign In"));
}
