/* tessera-notifier.c — desktop notifications of the expiry watch's moments
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-notifier.h"
#include "tessera-time.h"

/* So many tokens are named in a grouped notification's body; the rest
 * are counted. */
#define MAX_LINES 4

struct _TesseraNotifier
{
  GObject             parent_instance;

  GApplication       *application;   /* unowned: it owns us */
  TesseraExpiryWatch *watch;
};

G_DEFINE_FINAL_TYPE (TesseraNotifier, tessera_notifier, G_TYPE_OBJECT)

/* "in 7 days", "in 1 day", "in 5 hours", "in 3 minutes": rounded, so the
 * moment a week before reads "7 days", not "6 days and 23 hours". */
static char *
expires_in (GDateTime *expire,
            GDateTime *now)
{
  GTimeSpan left = g_date_time_difference (expire, now);
  int n;

  if (left >= 20 * G_TIME_SPAN_HOUR)
    {
      n = MAX (1, (int) ((left + G_TIME_SPAN_DAY / 2) / G_TIME_SPAN_DAY));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", n), n);
    }
  if (left >= G_TIME_SPAN_HOUR)
    {
      n = (int) ((left + G_TIME_SPAN_HOUR / 2) / G_TIME_SPAN_HOUR);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d hour", "in %d hours", n), n);
    }

  n = MAX (1, (int) ((left + G_TIME_SPAN_MINUTE - 1) / G_TIME_SPAN_MINUTE));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d minute", "in %d minutes", n), n);
}

static const char *
token_name (TesseraExpiryAlert *alert)
{
  if (alert->notes != NULL && alert->notes[0] != '\0')
    return alert->notes;
  if (alert->is_sign_in)
    /* Translators: the name of a token without a note, Tessera's own */
    return _("Tessera sign-in");
  return alert->token_id;
}

static gboolean
alert_expired (TesseraExpiryAlert *alert,
               GDateTime          *now)
{
  return alert->threshold == TESSERA_EXPIRY_EXPIRED || g_date_time_compare (alert->expire, now) <= 0;
}

static GVariant *
alert_target (TesseraExpiryAlert *alert)
{
  return g_variant_new ("(sss)", tessera_session_get_server_url (alert->session),
                        tessera_session_get_email (alert->session), alert->token_id);
}

static GNotification *
build_one (TesseraExpiryAlert *alert,
           GDateTime          *now)
{
  g_autofree char *title = NULL;
  g_autofree char *account = tessera_session_dup_title (alert->session);
  g_autofree char *body = NULL;
  const char *name = token_name (alert);
  GNotification *notification;

  if (alert_expired (alert, now))
    {
      /* Translators: %s is the note of a token */
      title = g_strdup_printf (_("Token “%s” has expired"), name);
      body = g_strdup_printf ("%s\n%s", account,
                              alert->is_sign_in
                              ? _("Tessera can no longer sign in with it.")
                              : _("Apps and scripts that use it can no longer sign in."));
    }
  else
    {
      g_autofree char *when = expires_in (alert->expire, now);
      g_autoptr(GDateTime) local_now = g_date_time_to_local (now);
      g_autofree char *date = tessera_time_format_date (alert->expire, local_now);
      g_autofree char *on = NULL;

      /* Translators: the first %s is the note of a token, the second
       * when it expires: "in 7 days", "in 5 hours" */
      title = g_strdup_printf (_("Token “%s” expires %s"), name, when);
      /* Translators: %s is a date, "5 Jan 2027" */
      on = g_strdup_printf (_("It stops working on %s."), date);
      body = g_strdup_printf ("%s\n%s%s%s", account, on,
                              alert->is_sign_in ? " " : "",
                              alert->is_sign_in ? _("Tessera signs in with it: rotate it to stay signed in.") : "");
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, alert->threshold == TESSERA_EXPIRY_WARNING
                                             ? G_NOTIFICATION_PRIORITY_NORMAL
                                             : G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target_value (notification, "app.open-token",
                                                      alert_target (alert));
  /* Rotate needs the token in the list (a sign-in token known only from
   * its JWT is not). */
  if (alert->notes != NULL)
    g_notification_add_button_with_target_value (notification, _("Rotate…"), "app.rotate-token",
                                                 alert_target (alert));
  g_notification_add_button_with_target_value (notification, _("Open"), "app.open-token",
                                               alert_target (alert));
  return notification;
}

static GNotification *
build_group (GPtrArray *alerts,
             GDateTime *now)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *title = NULL;
  TesseraExpiryAlert *first = g_ptr_array_index (alerts, 0);
  TesseraExpiryAlert *last = g_ptr_array_index (alerts, alerts->len - 1);
  g_autoptr(GDateTime) week = g_date_time_add_days (now, 7);
  guint n = alerts->len;
  guint n_expired = 0;
  GNotification *notification;

  for (guint i = 0; i < n; i++)
    n_expired += alert_expired (g_ptr_array_index (alerts, i), now);

  if (n_expired == n)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u token has expired",
                                          "%u tokens have expired", n), n);
  else if (n_expired > 0)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u token expires soon or has expired",
                                          "%u tokens expire soon or have expired", n), n);
  else if (g_date_time_compare (last->expire, week) <= 0)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u token expires this week",
                                          "%u tokens expire this week", n), n);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u token expires soon",
                                          "%u tokens expire soon", n), n);

  for (guint i = 0; i < MIN (n, MAX_LINES); i++)
    {
      TesseraExpiryAlert *alert = g_ptr_array_index (alerts, i);
      g_autofree char *when = alert_expired (alert, now) ? g_strdup (_("expired"))
                                                         : expires_in (alert->expire, now);

      if (i > 0)
        g_string_append_c (body, '\n');
      /* Translators: a line of a notification: the note of a token, when
       * it expires ("in 3 days", or "expired") and its account's email */
      g_string_append_printf (body, _("“%s” %s · %s"), token_name (alert), when,
                              tessera_session_get_email (alert->session));
    }
  if (n > MAX_LINES)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                 n - MAX_LINES), n - MAX_LINES);
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, body->str);
  g_notification_set_priority (notification, n_expired > 0 ? G_NOTIFICATION_PRIORITY_HIGH
                                                           : G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action_and_target_value (notification, "app.open-token",
                                                      alert_target (first));
  g_notification_add_button_with_target_value (notification, _("Open"), "app.open-token",
                                               alert_target (first));
  return notification;
}

GNotification *
tessera_notifier_build (GPtrArray  *alerts,
                        GDateTime  *now,
                        char      **id_out)
{
  TesseraExpiryAlert *first;

  g_return_val_if_fail (alerts != NULL && alerts->len > 0, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  first = g_ptr_array_index (alerts, 0);
  /* One token: a later moment replaces the earlier one's notification. */
  if (id_out != NULL)
    *id_out = alerts->len == 1 ? g_strdup_printf ("expiry-%s", first->token_id)
                               : g_strdup_printf ("expiry-group-%s-%d", first->token_id, first->threshold);

  return alerts->len == 1 ? build_one (first, now) : build_group (alerts, now);
}

static void
due_cb (TesseraNotifier *self,
        GPtrArray       *alerts)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;

  notification = tessera_notifier_build (alerts, now, &id);
  g_debug ("Notifying %s (%u tokens)", id, alerts->len);
  g_application_send_notification (self->application, id, notification);
}

TesseraNotifier *
tessera_notifier_new (GApplication       *application,
                      TesseraExpiryWatch *watch)
{
  TesseraNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TESSERA_IS_EXPIRY_WATCH (watch), NULL);

  self = g_object_new (TESSERA_TYPE_NOTIFIER, NULL);
  self->application = application;
  self->watch = g_object_ref (watch);
  g_signal_connect_object (watch, "due", G_CALLBACK (due_cb), self, G_CONNECT_SWAPPED);
  return self;
}

static void
tessera_notifier_dispose (GObject *object)
{
  TesseraNotifier *self = TESSERA_NOTIFIER (object);

  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  g_clear_object (&self->watch);

  G_OBJECT_CLASS (tessera_notifier_parent_class)->dispose (object);
}

static void
tessera_notifier_class_init (TesseraNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tessera_notifier_dispose;
}

static void
tessera_notifier_init (TesseraNotifier *self)
{
}
