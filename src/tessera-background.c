/* tessera-background.c — "Run in Background": no window needed, and a
 * start at login
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In a sandbox only the Background portal can arrange a start at login.
 * Outside one, a portal may be running, but xdg-desktop-portal 1.16
 * (Debian 12) does not autostart unsandboxed apps: it answers "background"
 * and no "autostart", and then the XDG autostart entry is written here.
 */
#define G_LOG_DOMAIN "tessera-background"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libportal/portal.h>

#include "tessera-background.h"

#define PORTAL_BUS_NAME "org.freedesktop.portal.Desktop"

struct _TesseraBackground
{
  GObject       parent_instance;

  GApplication *application;   /* unowned: it owns us */
  GSettings    *settings;
  XdpPortal    *portal;
  GCancellable *cancellable;
  char         *autostart;
  guint         serial;         /* of the latest request: older answers count for nothing */
  guint         n_running;
  gboolean      held;
  gboolean      sandboxed;

  /* The autostart entry: one write or removal at a time. */
  gboolean      file_wanted;
  gboolean      file_busy;
};

G_DEFINE_FINAL_TYPE (TesseraBackground, tessera_background, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AUTOSTART,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
tessera_background_dup_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
}

static void
set_autostart (TesseraBackground *self,
               const char        *how)
{
  if (g_strcmp0 (self->autostart, how) == 0)
    return;

  g_free (self->autostart);
  self->autostart = g_strdup (how);
  g_debug ("Start at login: %s", how != NULL ? how : "none");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOSTART]);
}

static void
running (TesseraBackground *self,
         int                delta)
{
  gboolean was_busy = self->n_running > 0;

  self->n_running += delta;
  if (was_busy != (self->n_running > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ---------------------------------------------------------------- the entry */

static char *
autostart_entry (void)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();

  g_key_file_set_string (keyfile, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE,
                         G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  g_key_file_set_string (keyfile, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NAME, "Tessera");
  g_key_file_set_string (keyfile, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         _("Tells you before a personal access token expires"));
  g_key_file_set_string (keyfile, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC,
                         "tessera --background");
  g_key_file_set_string (keyfile, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, APP_ID);
  g_key_file_set_boolean (keyfile, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TERMINAL, FALSE);
  g_key_file_set_boolean (keyfile, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, TRUE);
  g_key_file_set_boolean (keyfile, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", TRUE);

  return g_key_file_to_data (keyfile, NULL, NULL);
}

/* In a thread: a few hundred bytes, but the main loop never waits on a disk. */
static void
file_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *contents = task_data;
  g_autofree char *path = tessera_background_dup_autostart_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GError) error = NULL;

  if (contents == NULL)
    {
      if (!g_file_delete (file, NULL, &error) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!g_file_make_directory_with_parents (parent, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);
  if (!g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void sync_file (TesseraBackground *self);

static void
file_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TesseraBackground *self = TESSERA_BACKGROUND (object);
  gboolean written = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;

  self->file_busy = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not %s the autostart entry: %s", written ? "write" : "remove", error->message);
  else if (written == self->file_wanted)
    {
      if (written)
        set_autostart (self, "file");
      else if (g_strcmp0 (self->autostart, "file") == 0)
        set_autostart (self, NULL);
    }

  if (written != self->file_wanted)
    sync_file (self);
  running (self, -1);
}

static void
sync_file (TesseraBackground *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->file_busy)
    return;

  self->file_busy = TRUE;
  running (self, +1);
  task = g_task_new (self, NULL, file_done_cb, GINT_TO_POINTER (self->file_wanted));
  g_task_set_source_tag (task, sync_file);
  g_task_set_task_data (task, self->file_wanted ? autostart_entry () : NULL, g_free);
  g_task_run_in_thread (task, file_in_thread);
}

static void
want_file (TesseraBackground *self,
           gboolean           wanted)
{
  /* A sandbox's config folder is not the one the session reads. */
  if (self->sandboxed)
    return;

  self->file_wanted = wanted;
  sync_file (self);
}

/* ---------------------------------------------------------------- the portal */

typedef struct
{
  TesseraBackground *self;
  guint              serial;
  gboolean           on;
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_free (request);
}

static void
portal_answered_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Request *request = user_data;
  TesseraBackground *self = request->self;
  g_autoptr(GError) error = NULL;
  gboolean granted;

  granted = xdp_portal_request_background_finish (XDP_PORTAL (object), result, &error);
  running (self, -1);
  if (request->serial != self->serial)
    {
      request_free (request);
      return;
    }

  if (error != NULL)
    g_debug ("The Background portal did not answer: %s", error->message);

  if (request->on && granted)
    {
      /* The portal's entry does it: not ours too. */
      want_file (self, FALSE);
      set_autostart (self, "portal");
    }
  else if (request->on)
    {
      g_debug ("The Background portal did not arrange a start at login");
      if (self->sandboxed)
        set_autostart (self, NULL);
      want_file (self, TRUE);
    }
  else
    {
      set_autostart (self, NULL);
      want_file (self, FALSE);
    }

  request_free (request);
}

static void
ask_portal (TesseraBackground *self,
            gboolean           on)
{
  g_autoptr(GPtrArray) commandline = g_ptr_array_new_with_free_func (g_free);
  Request *request = g_new0 (Request, 1);

  if (self->portal == NULL)
    self->portal = xdp_portal_new ();

  g_ptr_array_add (commandline, g_strdup ("tessera"));
  g_ptr_array_add (commandline, g_strdup ("--background"));
  request->self = g_object_ref (self);
  request->serial = self->serial;
  request->on = on;
  running (self, +1);
  /* Annotated "transfer container", but libportal takes a reference of
   * its own: ours is dropped here (AddressSanitizer saw it leak). */
  xdp_portal_request_background (self->portal, NULL,
                                 _("Tessera tells you when a personal access token is about to expire."),
                                 commandline,
                                 on ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE,
                                 self->cancellable, portal_answered_cb, request);
}

static void
owner_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Request *request = user_data;
  TesseraBackground *self = request->self;
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  running (self, -1);

  if (request->serial == self->serial)
    {
      if (owned)
        ask_portal (self, request->on);
      else
        {
          /* No portal answers: the entry is the way. */
          want_file (self, request->on);
          if (!request->on && g_strcmp0 (self->autostart, "portal") == 0)
            set_autostart (self, NULL);
        }
    }

  request_free (request);
}

/* ---------------------------------------------------------------- the setting */

static void
apply (TesseraBackground *self)
{
  gboolean on = g_settings_get_boolean (self->settings, "run-in-background");
  GDBusConnection *bus = g_application_get_dbus_connection (self->application);

  /* Held, the application outlives its last window. */
  if (on && !self->held)
    g_application_hold (self->application);
  else if (!on && self->held)
    g_application_release (self->application);
  self->held = on;

  self->serial++;
  if (self->sandboxed)
    {
      ask_portal (self, on);
      return;
    }

  /* A portal that runs already, never one started for this: outside a
   * sandbox the entry does as well. */
  if (bus != NULL)
    {
      Request *request = g_new0 (Request, 1);

      request->self = g_object_ref (self);
      request->serial = self->serial;
      request->on = on;
      running (self, +1);
      g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                              "org.freedesktop.DBus", "NameHasOwner",
                              g_variant_new ("(s)", PORTAL_BUS_NAME), G_VARIANT_TYPE ("(b)"),
                              G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, owner_cb, request);
      return;
    }

  want_file (self, on);
}

TesseraBackground *
tessera_background_new (GApplication *application,
                        GSettings    *settings)
{
  TesseraBackground *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (TESSERA_TYPE_BACKGROUND, NULL);
  self->application = application;
  self->settings = g_object_ref (settings);
  self->sandboxed = xdp_portal_running_under_sandbox ();
  g_signal_connect_object (settings, "changed::run-in-background", G_CALLBACK (apply), self,
                           G_CONNECT_SWAPPED);

  /* At every start when on: the entry names this version's way to start. */
  if (g_settings_get_boolean (settings, "run-in-background"))
    apply (self);

  return self;
}

const char *
tessera_background_get_autostart (TesseraBackground *self)
{
  g_return_val_if_fail (TESSERA_IS_BACKGROUND (self), NULL);
  return self->autostart;
}

gboolean
tessera_background_get_busy (TesseraBackground *self)
{
  g_return_val_if_fail (TESSERA_IS_BACKGROUND (self), FALSE);
  return self->n_running > 0;
}

static void
tessera_background_dispose (GObject *object)
{
  TesseraBackground *self = TESSERA_BACKGROUND (object);

  g_cancellable_cancel (self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->held)
    g_application_release (self->application);
  self->held = FALSE;
  g_clear_object (&self->portal);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tessera_background_parent_class)->dispose (object);
}

static void
tessera_background_finalize (GObject *object)
{
  TesseraBackground *self = TESSERA_BACKGROUND (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->autostart, g_free);

  G_OBJECT_CLASS (tessera_background_parent_class)->finalize (object);
}

static void
tessera_background_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TesseraBackground *self = TESSERA_BACKGROUND (object);

  switch (prop_id)
    {
    case PROP_AUTOSTART:
      g_value_set_string (value, self->autostart);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_running > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_background_class_init (TesseraBackgroundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tessera_background_dispose;
  object_class->finalize = tessera_background_finalize;
  object_class->get_property = tessera_background_get_property;

  properties[PROP_AUTOSTART] = g_param_spec_string ("autostart", NULL, NULL, NULL, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_background_init (TesseraBackground *self)
{
  self->cancellable = g_cancellable_new ();
}
