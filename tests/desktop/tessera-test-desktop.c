/* tessera-test-desktop.c — the parts of a desktop Tessera talks to, for
 * tests: a notification server and a Background portal that record what
 * they are sent
 *
 *   tessera-test-desktop [--notifications] [--portal] [--portal-autostart=yes|no]
 *                        [--record FILE]
 *
 * On the session bus (DBUS_SESSION_BUS_ADDRESS) it owns
 * org.freedesktop.Notifications (the interface GLib's GNotification uses
 * outside a sandbox, when no org.gtk.Notifications server runs) and/or
 * org.freedesktop.portal.Desktop with org.freedesktop.portal.Background.
 * Each call is recorded as one JSON object, appended to FILE (one a line)
 * and kept for app.tessera.TestDesktop.Records().  It prints "ready" once
 * its names are owned, and leaves with the bus or on SIGTERM.
 *
 * app.tessera.TestDesktop at /app/tessera/TestDesktop:
 *   Records () → (s json): every record so far, as a JSON array
 *   Invoke (u id, s action): a click on a notification's button, as the
 *      Shell does it: the signal ActionInvoked (id, action)
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <gio/gio.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' name='app_name' direction='in'/>"
  "      <arg type='u' name='replaces_id' direction='in'/>"
  "      <arg type='s' name='app_icon' direction='in'/>"
  "      <arg type='s' name='summary' direction='in'/>"
  "      <arg type='s' name='body' direction='in'/>"
  "      <arg type='as' name='actions' direction='in'/>"
  "      <arg type='a{sv}' name='hints' direction='in'/>"
  "      <arg type='i' name='expire_timeout' direction='in'/>"
  "      <arg type='u' name='id' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'>"
  "      <arg type='u' name='id' direction='in'/>"
  "    </method>"
  "    <method name='GetCapabilities'>"
  "      <arg type='as' name='capabilities' direction='out'/>"
  "    </method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' name='name' direction='out'/>"
  "      <arg type='s' name='vendor' direction='out'/>"
  "      <arg type='s' name='version' direction='out'/>"
  "      <arg type='s' name='spec_version' direction='out'/>"
  "    </method>"
  "    <signal name='NotificationClosed'>"
  "      <arg type='u' name='id'/>"
  "      <arg type='u' name='reason'/>"
  "    </signal>"
  "    <signal name='ActionInvoked'>"
  "      <arg type='u' name='id'/>"
  "      <arg type='s' name='action_key'/>"
  "    </signal>"
  "  </interface>"
  "  <interface name='org.freedesktop.portal.Background'>"
  "    <method name='RequestBackground'>"
  "      <arg type='s' name='parent_window' direction='in'/>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "    <property name='version' type='u' access='read'/>"
  "  </interface>"
  "  <interface name='app.tessera.TestDesktop'>"
  "    <method name='Records'>"
  "      <arg type='s' name='json' direction='out'/>"
  "    </method>"
  "    <method name='Invoke'>"
  "      <arg type='u' name='id' direction='in'/>"
  "      <arg type='s' name='action' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct
{
  GMainLoop       *loop;
  GDBusConnection *bus;
  GDBusNodeInfo   *info;
  JsonArray       *records;
  FILE            *record_file;
  guint32          next_id;
  gboolean         portal_autostart;
  guint            names_wanted;
  guint            names_owned;
} Desktop;

static void
record (Desktop    *desktop,
        JsonObject *object)   /* (transfer full) */
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *line = NULL;

  json_node_take_object (node, object);
  line = json_to_string (node, FALSE);
  json_array_add_element (desktop->records, json_node_copy (node));
  if (desktop->record_file != NULL)
    {
      fprintf (desktop->record_file, "%s\n", line);
      fflush (desktop->record_file);
    }
}

static JsonArray *
strv_array (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

/* ---------------------------------------------------------------- notifications */

static void
notify (Desktop               *desktop,
        GVariant              *parameters,
        GDBusMethodInvocation *invocation)
{
  const char *app_name, *app_icon, *summary, *body;
  g_autofree const char **actions = NULL;
  g_autoptr(GVariant) hints = NULL;
  guint32 replaces_id, id;
  gint32 expire_timeout;
  JsonObject *object = json_object_new ();
  JsonArray *buttons = json_array_new ();
  JsonObject *hint_object = json_object_new ();
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_get (parameters, "(&su&s&s&s^a&s@a{sv}i)", &app_name, &replaces_id, &app_icon,
                 &summary, &body, &actions, &hints, &expire_timeout);
  id = replaces_id != 0 ? replaces_id : ++desktop->next_id;

  for (guint i = 0; actions[i] != NULL && actions[i + 1] != NULL; i += 2)
    {
      JsonObject *button = json_object_new ();

      json_object_set_string_member (button, "key", actions[i]);
      json_object_set_string_member (button, "label", actions[i + 1]);
      json_array_add_object_element (buttons, button);
    }

  g_variant_iter_init (&iter, hints);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        json_object_set_string_member (hint_object, key, g_variant_get_string (value, NULL));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTE))
        json_object_set_int_member (hint_object, key, g_variant_get_byte (value));
      g_variant_unref (value);
    }

  json_object_set_string_member (object, "kind", "notify");
  json_object_set_int_member (object, "id", id);
  json_object_set_int_member (object, "replaces_id", replaces_id);
  json_object_set_string_member (object, "app_name", app_name);
  json_object_set_string_member (object, "summary", summary);
  json_object_set_string_member (object, "body", body);
  json_object_set_array_member (object, "actions", buttons);
  json_object_set_object_member (object, "hints", hint_object);
  record (desktop, object);

  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", id));
}

static void
emit_notifications (Desktop    *desktop,
                    const char *signal,
                    GVariant   *parameters)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (desktop->bus, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", signal, parameters, &error);
  if (error != NULL)
    g_printerr ("tessera-test-desktop: %s: %s\n", signal, error->message);
}

/* ---------------------------------------------------------------- portal */

typedef struct
{
  Desktop *desktop;
  char    *sender;
  char    *handle;
  gboolean autostart;
} Response;

static gboolean
respond_cb (gpointer user_data)
{
  Response *response = user_data;
  GVariantBuilder results;
  g_autoptr(GError) error = NULL;

  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&results, "{sv}", "background", g_variant_new_boolean (TRUE));
  g_variant_builder_add (&results, "{sv}", "autostart", g_variant_new_boolean (response->autostart));
  /* To the caller alone, as xdg-desktop-portal sends it: libportal adds
   * no match rule for it. */
  g_dbus_connection_emit_signal (response->desktop->bus, response->sender, response->handle,
                                 "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(u@a{sv})", 0, g_variant_builder_end (&results)),
                                 &error);
  if (error != NULL)
    g_printerr ("tessera-test-desktop: Response: %s\n", error->message);

  g_free (response->sender);
  g_free (response->handle);
  g_free (response);
  return G_SOURCE_REMOVE;
}

static void
request_background (Desktop               *desktop,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation)
{
  const char *parent_window;
  g_autoptr(GVariant) options = NULL;
  const char *token = "t";
  const char *reason = NULL;
  gboolean autostart = FALSE;
  gboolean activatable = FALSE;
  g_autofree const char **commandline = NULL;
  g_autofree char *sender = g_strdup (g_dbus_method_invocation_get_sender (invocation) + 1);
  JsonObject *object = json_object_new ();
  Response *response = g_new0 (Response, 1);

  g_variant_get (parameters, "(&s@a{sv})", &parent_window, &options);
  g_variant_lookup (options, "handle_token", "&s", &token);
  g_variant_lookup (options, "reason", "&s", &reason);
  g_variant_lookup (options, "autostart", "b", &autostart);
  g_variant_lookup (options, "dbus-activatable", "b", &activatable);
  g_variant_lookup (options, "commandline", "^a&s", &commandline);

  json_object_set_string_member (object, "kind", "request-background");
  json_object_set_string_member (object, "parent_window", parent_window);
  json_object_set_string_member (object, "reason", reason != NULL ? reason : "");
  json_object_set_boolean_member (object, "autostart", autostart);
  json_object_set_boolean_member (object, "dbus-activatable", activatable);
  json_object_set_array_member (object, "commandline", strv_array (commandline));
  record (desktop, object);

  g_strdelimit (sender, ".", '_');
  response->desktop = desktop;
  response->sender = g_strdup (g_dbus_method_invocation_get_sender (invocation));
  response->handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", sender, token);
  response->autostart = autostart && desktop->portal_autostart;
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", response->handle));
  /* After the reply, as xdg-desktop-portal answers. */
  g_idle_add (respond_cb, response);
}

/* ---------------------------------------------------------------- D-Bus */

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  Desktop *desktop = user_data;

  if (g_str_equal (method_name, "Notify"))
    notify (desktop, parameters, invocation);
  else if (g_str_equal (method_name, "CloseNotification"))
    {
      guint32 id;
      JsonObject *object = json_object_new ();

      g_variant_get (parameters, "(u)", &id);
      json_object_set_string_member (object, "kind", "close");
      json_object_set_int_member (object, "id", id);
      record (desktop, object);
      g_dbus_method_invocation_return_value (invocation, NULL);
      emit_notifications (desktop, "NotificationClosed", g_variant_new ("(uu)", id, 3));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "tessera-test-desktop",
                                                          "Tessera", "1", "1.2"));
  else if (g_str_equal (method_name, "RequestBackground"))
    request_background (desktop, parameters, invocation);
  else if (g_str_equal (method_name, "Records"))
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *json = NULL;

      json_node_set_array (node, desktop->records);
      json = json_to_string (node, FALSE);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(s)", json));
    }
  else if (g_str_equal (method_name, "Invoke"))
    {
      guint32 id;
      const char *action;

      g_variant_get (parameters, "(u&s)", &id, &action);
      g_dbus_method_invocation_return_value (invocation, NULL);
      emit_notifications (desktop, "ActionInvoked", g_variant_new ("(us)", id, action));
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "No method %s", method_name);
}

static GVariant *
get_property_cb (GDBusConnection  *connection,
                 const char       *sender,
                 const char       *object_path,
                 const char       *interface_name,
                 const char       *property_name,
                 GError          **error,
                 gpointer          user_data)
{
  return g_variant_new_uint32 (1);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, get_property_cb, NULL };

static void
export (Desktop    *desktop,
        const char *path,
        const char *interface)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_register_object (desktop->bus, path,
                                     g_dbus_node_info_lookup_interface (desktop->info, interface),
                                     &vtable, desktop, NULL, &error);
  if (error != NULL)
    g_error ("Could not export %s: %s", interface, error->message);
}

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  Desktop *desktop = user_data;

  if (++desktop->names_owned == desktop->names_wanted)
    {
      g_print ("ready\n");
      fflush (stdout);
    }
}

static void
name_lost_cb (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  g_printerr ("tessera-test-desktop: could not own %s (another one runs?)\n", name);
  exit (1);
}

static void
own (Desktop    *desktop,
     const char *name)
{
  desktop->names_wanted++;
  g_bus_own_name_on_connection (desktop->bus, name, G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                name_acquired_cb, name_lost_cb, desktop, NULL);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
closed_cb (GDBusConnection *connection,
           gboolean         remote_peer_vanished,
           GError          *error,
           gpointer         user_data)
{
  g_main_loop_quit (user_data);
}

int
main (int   argc,
      char *argv[])
{
  gboolean notifications = FALSE;
  gboolean portal = FALSE;
  g_autofree char *portal_autostart = NULL;
  g_autofree char *record_path = NULL;
  const GOptionEntry entries[] = {
    { "notifications", 0, 0, G_OPTION_ARG_NONE, &notifications, "Be the notification server", NULL },
    { "portal", 0, 0, G_OPTION_ARG_NONE, &portal, "Be the Background portal", NULL },
    { "portal-autostart", 0, 0, G_OPTION_ARG_STRING, &portal_autostart,
      "Whether the portal grants autostart (yes, the default, or no, as for an unsandboxed app)", "yes|no" },
    { "record", 0, 0, G_OPTION_ARG_FILENAME, &record_path, "Append each call to FILE as a JSON line", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  Desktop desktop = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("tessera-test-desktop: %s\n", error->message);
      return 2;
    }
  if (!notifications && !portal)
    notifications = TRUE;

  desktop.loop = g_main_loop_new (NULL, FALSE);
  desktop.records = json_array_new ();
  desktop.portal_autostart = g_strcmp0 (portal_autostart, "no") != 0;
  desktop.info = g_dbus_node_info_new_for_xml (introspection_xml, &error);
  g_assert_no_error (error);
  if (record_path != NULL)
    {
      desktop.record_file = fopen (record_path, "a");
      if (desktop.record_file == NULL)
        {
          g_printerr ("tessera-test-desktop: cannot open %s\n", record_path);
          return 1;
        }
    }

  desktop.bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (desktop.bus == NULL)
    {
      g_printerr ("tessera-test-desktop: no session bus: %s\n", error->message);
      return 1;
    }
  g_dbus_connection_set_exit_on_close (desktop.bus, FALSE);
  g_signal_connect (desktop.bus, "closed", G_CALLBACK (closed_cb), desktop.loop);

  export (&desktop, "/app/tessera/TestDesktop", "app.tessera.TestDesktop");
  if (notifications)
    export (&desktop, "/org/freedesktop/Notifications", "org.freedesktop.Notifications");
  if (portal)
    export (&desktop, "/org/freedesktop/portal/desktop", "org.freedesktop.portal.Background");

  /* The control interface's own name first: a test may find it there. */
  own (&desktop, "app.tessera.TestDesktop");
  if (notifications)
    own (&desktop, "org.freedesktop.Notifications");
  if (portal)
    own (&desktop, "org.freedesktop.portal.Desktop");

  g_unix_signal_add (SIGTERM, quit_cb, desktop.loop);
  g_unix_signal_add (SIGINT, quit_cb, desktop.loop);
  g_main_loop_run (desktop.loop);

  if (desktop.record_file != NULL)
    fclose (desktop.record_file);
  json_array_unref (desktop.records);
  g_dbus_node_info_unref (desktop.info);
  g_object_unref (desktop.bus);
  g_main_loop_unref (desktop.loop);
  return 0;
}
