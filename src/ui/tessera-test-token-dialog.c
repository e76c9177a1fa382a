/* tessera-test-token-dialog.c — "Test a Token": /user/me with any token
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-test-token-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-a11y.h"
#include "tessera-dialogs.h"
#include "tessera-secret.h"
#include "tessera-secret-row.h"
#include "tessera-test-token-dialog.h"

struct _TesseraTestTokenDialog
{
  AdwWindow     parent_instance;

  char         *server_url;
  GCancellable *cancellable;
  gboolean      running;
  GtkWidget    *announcer;

  /* Template children */
  TesseraSecretRow    *token_row;
  GtkWidget           *test_button;
  GtkWidget           *spinner;
  GtkWidget           *result_box;
  GtkImage            *result_icon;
  GtkLabel            *result_label;
  GtkLabel            *result_detail;
};

G_DEFINE_FINAL_TYPE (TesseraTestTokenDialog, tessera_test_token_dialog, ADW_TYPE_WINDOW)

static void
update_state (TesseraTestTokenDialog *self)
{
  const char *text = tessera_secret_row_get_secret (self->token_row);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "test-token.test",
                                 !self->running && text[0] != '\0');
  gtk_widget_set_visible (self->spinner, self->running);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->running);
}

static void
on_token_changed_cb (TesseraTestTokenDialog *self)
{
  /* A result speaks of the token it tested, not of what is typed now. */
  if (!self->running)
    gtk_widget_set_visible (self->result_box, FALSE);
  update_state (self);
}

/* Enter tests, through the same guarded action as the button. */
static void
on_token_activated_cb (TesseraTestTokenDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "test-token.test", NULL);
}

static void
show_result (TesseraTestTokenDialog *self,
             gboolean                valid,
             const char             *label,
             const char             *detail)
{
  gtk_image_set_from_icon_name (self->result_icon,
                                valid ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), valid ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), valid ? "success" : "error");
  gtk_label_set_text (self->result_label, label);
  gtk_label_set_text (self->result_detail, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->result_detail), detail != NULL && detail[0] != '\0');
  gtk_widget_set_visible (self->result_box, TRUE);

  /* The verdict appears away from the focus (still in the entry): said. */
  {
    g_autofree char *said = detail != NULL && detail[0] != '\0'
                            ? g_strdup_printf ("%s. %s", label, detail) : g_strdup (label);

    tessera_announcer_say (self->announcer, said);
  }
}

typedef struct
{
  TesseraTestTokenDialog *self;
  GDateTime              *exp;
  gboolean                is_jwt;
} TestData;

static void
test_data_free (TestData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->exp, g_date_time_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestData, test_data_free)

static void
test_token_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TestData) data = user_data;
  TesseraTestTokenDialog *self = data->self;
  g_autoptr(TesseraAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *detail = NULL;
  const char *email;

  account = tessera_test_token_finish (result, &data->exp, &data->is_jwt, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  self->running = FALSE;
  update_state (self);

  if (account == NULL)
    {
      /* The client's words for a 401 speak of signing in, which this
       * dialog does not do. */
      if (g_error_matches (error, TESSERA_API_ERROR, TESSERA_API_ERROR_UNAUTHENTICATED))
        show_result (self, FALSE, _("This token does not work"),
                     _("The server does not accept it: it is malformed, has expired or was deleted."));
      else
        show_result (self, FALSE, _("This token does not work"), error->message);
      return;
    }

  email = tessera_account_get_email (account);
  name = tessera_account_dup_display_name (account);
  if (name != NULL && name[0] != '\0' && g_strcmp0 (name, email) != 0)
    /* Translators: the first %s is an email address, the second a person's name. */
    label = g_strdup_printf (_("Valid — belongs to %s (%s)"), email, name);
  else
    label = g_strdup_printf (_("Valid — belongs to %s"), email);

  if (data->exp != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (data->exp);
      g_autofree char *when = g_date_time_format (local, _("%-d %b %Y at %H:%M"));

      detail = g_strdup_printf (_("Expires on %s"), when);
    }
  else if (data->is_jwt)
    {
      detail = g_strdup (_("Does not expire"));
    }

  show_result (self, TRUE, label, detail);
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TesseraTestTokenDialog *self = TESSERA_TEST_TOKEN_DIALOG (widget);
  g_auto(TesseraSecret) token = NULL;
  TestData *data;

  if (self->running)
    return;

  /* Trimmed (and wiped) by the one helper, in the session layer. */
  token = tessera_secret_dup (tessera_secret_row_get_secret (self->token_row));

  data = g_new0 (TestData, 1);
  data->self = g_object_ref (self);

  self->running = TRUE;
  gtk_widget_set_visible (self->result_box, FALSE);
  update_state (self);

  tessera_test_token_async (self->server_url, token, self->cancellable,
                            test_token_cb, data);
  /* g_auto(TesseraSecret) wipes this copy; the session layer keeps its own. */
}

static void
tessera_test_token_dialog_dispose (GObject *object)
{
  TesseraTestTokenDialog *self = TESSERA_TEST_TOKEN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->token_row != NULL)
    tessera_secret_row_clear (self->token_row);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_TEST_TOKEN_DIALOG);

  G_OBJECT_CLASS (tessera_test_token_dialog_parent_class)->dispose (object);
}

static void
tessera_test_token_dialog_finalize (GObject *object)
{
  TesseraTestTokenDialog *self = TESSERA_TEST_TOKEN_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->server_url, g_free);

  G_OBJECT_CLASS (tessera_test_token_dialog_parent_class)->finalize (object);
}

static void
tessera_test_token_dialog_class_init (TesseraTestTokenDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_test_token_dialog_dispose;
  object_class->finalize = tessera_test_token_dialog_finalize;

  g_type_ensure (TESSERA_TYPE_SECRET_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-test-token-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraTestTokenDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, TesseraTestTokenDialog, test_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraTestTokenDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TesseraTestTokenDialog, result_box);
  gtk_widget_class_bind_template_child (widget_class, TesseraTestTokenDialog, result_icon);
  gtk_widget_class_bind_template_child (widget_class, TesseraTestTokenDialog, result_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraTestTokenDialog, result_detail);
  gtk_widget_class_bind_template_callback (widget_class, on_token_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_token_activated_cb);

  gtk_widget_class_install_action (widget_class, "test-token.test", NULL, test_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tessera_test_token_dialog_init (TesseraTestTokenDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tessera_a11y_clean_mnemonic_names (self->test_button);
  self->announcer = tessera_announcer_new ();
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (self->result_box)), self->announcer);

  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), self->test_button);
  update_state (self);
}

TesseraTestTokenDialog *
tessera_test_token_dialog_new (GtkWindow  *parent,
                               const char *server_url)
{
  TesseraTestTokenDialog *self;

  g_return_val_if_fail (server_url != NULL, NULL);

  self = g_object_new (TESSERA_TYPE_TEST_TOKEN_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->server_url = g_strdup (server_url);

  return self;
}

GtkWindow *
tessera_test_token_dialog_present (TesseraWindow *window,
                                   const char    *server_url)
{
  TesseraTestTokenDialog *self;

  g_return_val_if_fail (TESSERA_IS_WINDOW (window), NULL);
  g_return_val_if_fail (server_url != NULL, NULL);

  self = tessera_test_token_dialog_new (GTK_WINDOW (window), server_url);
  gtk_window_present (GTK_WINDOW (self));

  return GTK_WINDOW (self);
}
