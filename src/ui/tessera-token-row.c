/* tessera-token-row.c — one token in the list
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-token-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-text.h"
#include "tessera-time.h"
#include "tessera-token-row.h"

struct _TesseraTokenRow
{
  GtkListBoxRow  parent_instance;

  TesseraToken  *token;
  TesseraSession *session;
  gboolean       selection_mode;

  /* Template children */
  GtkLabel      *notes_label;
  GtkImage      *key_icon;
  GtkLabel      *status_label;
  GtkLabel      *sign_in_label;
  GtkLabel      *expiry_label;
  GtkLabel      *usage_label;
  GtkButton     *copy_button;
  GtkMenuButton *copy_as_button;
  GtkMenuButton *more_button;
  GtkButton     *delete_button;
  GtkCheckButton *select_check;
};

G_DEFINE_FINAL_TYPE (TesseraTokenRow, tessera_token_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_TOKEN,
  PROP_SESSION,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The note as a row shows it: control characters and bidi overrides
 * written out (never spoofing the text around them, never a second line);
 * a token without one is named by its id. */
static char *
dup_display_name (TesseraTokenRow *self)
{
  const char *notes = tessera_token_get_notes (self->token);

  if (notes[0] == '\0')
    return g_strdup (tessera_token_get_id (self->token));

  return tessera_text_escape_controls (notes);
}

/* Takes @label. */
static void
name_button (gpointer  button,
             char     *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_free (label);
}

static void
update_notes (TesseraTokenRow *self)
{
  gboolean has_notes = tessera_token_get_notes (self->token)[0] != '\0';
  g_autofree char *name = dup_display_name (self);
  g_autofree char *row_name = NULL;

  gtk_label_set_text (self->notes_label, has_notes ? name : _("No note"));
  if (has_notes)
    gtk_widget_remove_css_class (GTK_WIDGET (self->notes_label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->notes_label), "dim-label");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->notes_label), has_notes ? name : NULL);

  /* Each button says which token it acts on: a screen reader reads the
   * button alone.  Translators: accessible names of a row's buttons; %s
   * is the token's note (or its id). */
  name_button (self->copy_button, g_strdup_printf (_("Copy token “%s”"), name));
  name_button (self->delete_button, g_strdup_printf (_("Delete token “%s”"), name));
  name_button (self->copy_as_button, g_strdup_printf (_("Copy token “%s” as…"), name));
  name_button (self->more_button, g_strdup_printf (_("More actions for token “%s”"), name));
  name_button (self->select_check, g_strdup_printf (_("Select token “%s”"), name));

  /* A token without a note is still told apart from the others. */
  row_name = has_notes ? g_strdup (name) : g_strdup_printf (_("Token %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, row_name, -1);
}

/* What the row shows besides the note, as one description: a screen
 * reader reads it with the row's name. */
static void
update_description (TesseraTokenRow *self)
{
  g_autoptr(GString) text = g_string_new (gtk_label_get_text (self->status_label));
  GtkLabel *labels[] = { self->sign_in_label, self->expiry_label, self->usage_label };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (gtk_widget_get_visible (GTK_WIDGET (labels[i])))
      g_string_append_printf (text, ". %s", gtk_label_get_text (labels[i]));
  if (gtk_widget_get_visible (GTK_WIDGET (self->key_icon)))
    g_string_append_printf (text, ". %s", _("Saved in the keyring"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
}

static void
update_state (TesseraTokenRow *self)
{
  static const char * const classes[] = { "success", "warning", "error" };
  TesseraTokenState state = tessera_token_get_state (self->token);
  const char *text;

  switch (state)
    {
    case TESSERA_TOKEN_STATE_EXPIRING_SOON:
      text = _("Expires soon");
      break;

    case TESSERA_TOKEN_STATE_EXPIRED:
      text = _("Expired");
      break;

    case TESSERA_TOKEN_STATE_ACTIVE:
    default:
      state = TESSERA_TOKEN_STATE_ACTIVE;
      text = _("Active");
      break;
    }

  gtk_label_set_text (self->status_label, text);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      if (i == (guint) state)
        gtk_widget_add_css_class (GTK_WIDGET (self->status_label), classes[i]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), classes[i]);
    }
  update_description (self);
}

static void
update_sign_in (TesseraTokenRow *self)
{
  const char *sign_in_id = tessera_session_get_sign_in_token_id (self->session);

  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_label),
                          sign_in_id != NULL &&
                          g_strcmp0 (sign_in_id, tessera_token_get_id (self->token)) == 0);
  update_description (self);
}

/* What the row offers beyond Copy and Delete. */
static void
update_more_menu (TesseraTokenRow *self,
                  gboolean         saved)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GVariant *target = g_variant_new_string (tessera_token_get_id (self->token));

  g_variant_ref_sink (target);
  /* A token made elsewhere (the web console): its secret can be attached. */
  if (!saved)
    {
      g_autoptr(GMenuItem) attach = g_menu_item_new (_("_Attach Secret…"), NULL);

      g_menu_item_set_action_and_target_value (attach, "win.attach-secret", target);
      g_menu_append_item (menu, attach);
    }
  /* A new token in its place, the old one deleted once the new is safe. */
  {
    g_autoptr(GMenuItem) rotate = g_menu_item_new (_("_Rotate…"), NULL);

    g_menu_item_set_action_and_target_value (rotate, "win.rotate-token", target);
    g_menu_append_item (menu, rotate);
  }
  {
    g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete…"), NULL);

    g_menu_item_set_action_and_target_value (delete, "win.delete-token", target);
    g_menu_append_item (menu, delete);
  }
  g_variant_unref (target);

  gtk_menu_button_set_menu_model (self->more_button, G_MENU_MODEL (menu));
}

static void
update_saved (TesseraTokenRow *self)
{
  gboolean saved = tessera_saved_secrets_contains (tessera_session_get_secrets (self->session),
                                                   tessera_token_get_id (self->token));

  gtk_widget_set_visible (GTK_WIDGET (self->key_icon), saved);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), saved);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_as_button), saved);
  update_more_menu (self, saved);
  update_description (self);
}

static void
secrets_changed_cb (TesseraTokenRow *self,
                    const char      *token_id)
{
  if (token_id == NULL || g_strcmp0 (token_id, tessera_token_get_id (self->token)) == 0)
    update_saved (self);
}

void
tessera_token_row_update_times (TesseraTokenRow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *expiry = NULL;
  g_autofree char *created = NULL;
  g_autofree char *last_used = NULL;
  g_autofree char *usage = NULL;

  g_return_if_fail (TESSERA_IS_TOKEN_ROW (self));

  expiry = tessera_time_format_expiry (tessera_token_get_expire (self->token), now);
  gtk_label_set_text (self->expiry_label, expiry);

  created = tessera_time_format_created (tessera_token_get_created_at (self->token), now);
  last_used = tessera_time_format_last_used (tessera_token_get_has_last_used (self->token),
                                             tessera_token_get_last_used_at (self->token),
                                             now);
  if (created != NULL && last_used != NULL)
    /* Translators: "Created on 5 Jan 2027 · Last used 3 hours ago" */
    usage = g_strdup_printf (_("%s · %s"), created, last_used);
  else if (created != NULL)
    usage = g_steal_pointer (&created);
  else
    usage = g_steal_pointer (&last_used);

  gtk_label_set_text (self->usage_label, usage != NULL ? usage : "");
  gtk_widget_set_visible (GTK_WIDGET (self->usage_label), usage != NULL);
  update_description (self);
}

static void
token_notify_cb (TesseraToken    *token,
                 GParamSpec      *pspec,
                 TesseraTokenRow *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "notes"))
    update_notes (self);
  else if (g_str_equal (name, "state"))
    update_state (self);
  else if (g_str_equal (name, "expire") ||
           g_str_equal (name, "created-at") ||
           g_str_equal (name, "last-used-at") ||
           g_str_equal (name, "has-last-used"))
    tessera_token_row_update_times (self);
}

GtkWidget *
tessera_token_row_new (TesseraToken   *token,
                       TesseraSession *session)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN (token), NULL);
  g_return_val_if_fail (TESSERA_IS_SESSION (session), NULL);

  return g_object_new (TESSERA_TYPE_TOKEN_ROW, "token", token, "session", session, NULL);
}

TesseraToken *
tessera_token_row_get_token (TesseraTokenRow *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_ROW (self), NULL);

  return self->token;
}

void
tessera_token_row_set_selection_mode (TesseraTokenRow *self,
                                      gboolean         selection_mode)
{
  g_return_if_fail (TESSERA_IS_TOKEN_ROW (self));

  self->selection_mode = !!selection_mode;
  gtk_widget_set_visible (GTK_WIDGET (self->select_check), self->selection_mode);
  /* While choosing, the row's own buttons would act on one token only. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_button), !self->selection_mode);
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_as_button), !self->selection_mode);
  gtk_widget_set_sensitive (GTK_WIDGET (self->more_button), !self->selection_mode);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), !self->selection_mode);
  if (!self->selection_mode)
    tessera_token_row_set_selected (self, FALSE);
}

gboolean
tessera_token_row_get_selection_mode (TesseraTokenRow *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_ROW (self), FALSE);

  return self->selection_mode;
}

void
tessera_token_row_set_selected (TesseraTokenRow *self,
                                gboolean         selected)
{
  g_return_if_fail (TESSERA_IS_TOKEN_ROW (self));

  gtk_check_button_set_active (self->select_check, selected);
}

gboolean
tessera_token_row_get_selected (TesseraTokenRow *self)
{
  g_return_val_if_fail (TESSERA_IS_TOKEN_ROW (self), FALSE);

  return gtk_check_button_get_active (self->select_check);
}

static void
select_toggled_cb (TesseraTokenRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/* Delete on a focused row (or a button in it) starts its delete. */
static gboolean
delete_key_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  TesseraTokenRow *self = TESSERA_TOKEN_ROW (widget);

  if (self->selection_mode)
    return FALSE;

  return gtk_widget_activate_action (widget, "win.delete-token", "s", tessera_token_get_id (self->token));
}

static void
tessera_token_row_constructed (GObject *object)
{
  TesseraTokenRow *self = TESSERA_TOKEN_ROW (object);
  GVariant *target;

  G_OBJECT_CLASS (tessera_token_row_parent_class)->constructed (object);

  g_return_if_fail (self->token != NULL);
  g_return_if_fail (self->session != NULL);

  target = g_variant_new_string (tessera_token_get_id (self->token));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->copy_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->delete_button), target);

  {
    static const struct { const char *label; const char *action; } copies[] = {
      { N_("Copy Token"), "win.copy-token" },
      { N_("Copy as Environment Variable"), "win.copy-environment" },
      { N_("Copy Authorization Header"), "win.copy-header" },
      { N_("Copy as curl Test"), "win.copy-curl" },
    };
    g_autoptr(GMenu) menu = g_menu_new ();

    for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (_(copies[i].label), NULL);

        g_menu_item_set_action_and_target_value (item, copies[i].action,
                                                 g_variant_new_string (tessera_token_get_id (self->token)));
        g_menu_append_item (menu, item);
      }
    gtk_menu_button_set_menu_model (self->copy_as_button, G_MENU_MODEL (menu));
  }

  g_signal_connect_object (self->token, "notify", G_CALLBACK (token_notify_cb), self, 0);
  g_signal_connect_object (tessera_session_get_secrets (self->session), "changed",
                           G_CALLBACK (secrets_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::sign-in-token-id",
                           G_CALLBACK (update_sign_in), self, G_CONNECT_SWAPPED);

  update_saved (self);
  update_sign_in (self);
  update_notes (self);
  update_state (self);
  tessera_token_row_update_times (self);
}

static void
tessera_token_row_dispose (GObject *object)
{
  TesseraTokenRow *self = TESSERA_TOKEN_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_TOKEN_ROW);
  g_clear_object (&self->token);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (tessera_token_row_parent_class)->dispose (object);
}

static void
tessera_token_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TesseraTokenRow *self = TESSERA_TOKEN_ROW (object);

  switch (prop_id)
    {
    case PROP_TOKEN:
      g_value_set_object (value, self->token);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SELECTED:
      g_value_set_boolean (value, tessera_token_row_get_selected (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_token_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TesseraTokenRow *self = TESSERA_TOKEN_ROW (object);

  switch (prop_id)
    {
    case PROP_TOKEN:
      self->token = g_value_dup_object (value);
      break;

    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_SELECTED:
      tessera_token_row_set_selected (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_token_row_class_init (TesseraTokenRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tessera_token_row_constructed;
  object_class->dispose = tessera_token_row_dispose;
  object_class->get_property = tessera_token_row_get_property;
  object_class->set_property = tessera_token_row_set_property;

  properties[PROP_TOKEN] =
    g_param_spec_object ("token", NULL, NULL,
                         TESSERA_TYPE_TOKEN,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         TESSERA_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-token-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenRow, notes_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenRow, key_icon);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenRow, sign_in_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenRow, expiry_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenRow, usage_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenRow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenRow, copy_as_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenRow, more_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraTokenRow, select_check);
  gtk_widget_class_bind_template_callback (widget_class, select_toggled_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_key_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, delete_key_cb, NULL);
}

static void
tessera_token_row_init (TesseraTokenRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
