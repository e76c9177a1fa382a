/* test-desktop.h — the test notification server and Background portal
 * (tests/desktop/tessera-test-desktop), from a C test
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

/* Starts it on the session bus of this process (@args: its options, NULL
 * terminated) and waits until its names are owned.  It leaves with the
 * bus, or when the returned process is sent SIGTERM. */
static inline GSubprocess *
test_desktop_start (const char * const *args)
{
  g_autofree char *program = g_build_filename (g_getenv ("TESSERA_BUILD_ROOT"), "tests", "desktop",
                                               "tessera-test-desktop", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, program);
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");
  return process;
}

static inline GVariant *
test_desktop_call (const char *method,
                   GVariant   *parameters,
                   const char *reply_type)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  g_assert_nonnull (bus);
  reply = g_dbus_connection_call_sync (bus, "app.tessera.TestDesktop", "/app/tessera/TestDesktop",
                                       "app.tessera.TestDesktop", method, parameters,
                                       reply_type != NULL ? G_VARIANT_TYPE (reply_type) : NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
  return reply;
}

/* Every record of @kind ("notify", "close", "request-background"), in
 * order: a JsonArray of JsonObject.  (A synchronous call to another
 * process: the caller's main loop need not run for it.) */
static inline JsonArray *
test_desktop_records (const char *kind)
{
  g_autoptr(GVariant) reply = test_desktop_call ("Records", NULL, "(s)");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *json;
  JsonArray *all;
  JsonArray *found = json_array_new ();

  g_variant_get (reply, "(&s)", &json);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  all = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *record = json_array_get_object_element (all, i);

      if (kind == NULL || g_strcmp0 (json_object_get_string_member (record, "kind"), kind) == 0)
        json_array_add_object_element (found, json_object_ref (record));
    }
  return found;
}

static inline guint
test_desktop_n_notifications (void)
{
  g_autoptr(JsonArray) found = test_desktop_records ("notify");

  return json_array_get_length (found);
}

/* A click on the button of notification @id whose action key is @action,
 * as the Shell reports it: the signal ActionInvoked. */
static inline void
test_desktop_invoke (guint32     id,
                     const char *action)
{
  G_GNUC_UNUSED g_autoptr(GVariant) reply = test_desktop_call ("Invoke", g_variant_new ("(us)", id, action), NULL);
}

/* The key of the button labelled @label of @notification. */
static inline const char *
test_desktop_action_key (JsonObject *notification,
                         const char *label)
{
  JsonArray *actions = json_object_get_array_member (notification, "actions");

  for (guint i = 0; i < json_array_get_length (actions); i++)
    {
      JsonObject *action = json_array_get_object_element (actions, i);

      if (g_strcmp0 (json_object_get_string_member (action, "label"), label) == 0)
        return json_object_get_string_member (action, "key");
    }
  return NULL;
}
