/* tessera-generate-dialog-private.h — what the generate dialog's files share
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tessera-generate-dialog.h"

G_BEGIN_DECLS

struct _TesseraGenerateDialog
{
  AdwWindow        parent_instance;

  TesseraSession  *session;
  GCancellable    *cancellable;       /* the create request */
  GCancellable    *save_cancellable;  /* the keyring save */

  TesseraToken    *token;             /* once created */
  TesseraToken    *orphan;            /* created, but its answer was lost */
  char            *secret;            /* once created; wiped at dispose */
  GtkWidget       *announcer;         /* tessera-a11y.h */
  GHashTable      *ids_before;        /* the list's ids when the create went */
  char            *created_notes;     /* the note it went with */

  guint            creating : 1;
  guint            saving : 1;
  guint            saved : 1;
  guint            copied : 1;
  guint            close_confirmed : 1;
  guint            updating_switch : 1;
  guint            disposed : 1;
  guint            uncertain : 1;     /* a lost answer not found out yet */
  guint            settling : 1;      /* Check Again or Delete It under way */

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkWidget       *cancel_button;
  GtkWidget       *create_button;
  GtkWidget       *create_spinner;
  GtkWidget       *done_button;
  GtkStack        *stack;
  GtkScrolledWindow *form_scroller;
  GtkScrolledWindow *secret_scroller;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  GtkWidget       *delete_orphan_button;
  GtkWidget       *check_again_button;
  GtkStringList   *expiry_choices;
  AdwEntryRow     *note_row;
  GtkLabel        *note_counter;
  GtkLabel        *note_hint;
  AdwComboRow     *expiry_row;
  AdwActionRow    *date_row;
  GtkMenuButton   *date_button;
  GtkCalendar     *date_calendar;
  GtkLabel        *date_reason;
  GtkWidget       *no_expiry_row;
  GtkLabel        *secret_label;
  AdwActionRow    *save_row;
  GtkSwitch       *save_switch;
  GtkWidget       *save_spinner;
};

/* tessera-generate-dialog.c */
void tessera_generate_dialog_set_style       (GtkWidget             *widget,
                                              const char            *style_class,
                                              gboolean               on);
void tessera_generate_dialog_update_state    (TesseraGenerateDialog *self);
/* The card at the top of the form; NULL hides it. */
void tessera_generate_dialog_show_error      (TesseraGenerateDialog *self,
                                              const char            *message);

gboolean tessera_generate_dialog_parent_close_request (GtkWindow *window);

/* tessera-generate-save.c: the keyring, and closing without losing the
 * secret unseen */
void     tessera_generate_dialog_wipe_secret   (TesseraGenerateDialog *self);
gboolean tessera_generate_dialog_close_request (GtkWindow             *window);
void tessera_generate_dialog_set_save_status (TesseraGenerateDialog *self,
                                              const char            *status,
                                              gboolean               is_error);
void tessera_generate_dialog_start_save      (TesseraGenerateDialog *self);
void tessera_generate_dialog_save_switch_cb  (TesseraGenerateDialog *self);

/* tessera-generate-lost.c: lost answers */
void tessera_generate_dialog_show_orphan     (TesseraGenerateDialog *self,
                                              TesseraToken          *orphan);
void tessera_generate_dialog_delete_orphan   (GtkWidget             *widget,
                                              const char            *action_name,
                                              GVariant              *parameter);
void tessera_generate_dialog_check_again     (GtkWidget             *widget,
                                              const char            *action_name,
                                              GVariant              *parameter);

G_END_DECLS
