#!/usr/bin/python3
# test_search.py — GNOME Shell's search, as the Shell drives it, over AT-SPI
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real tessera binary, started as a D-Bus service as the Shell's
search starts it, asked for results over D-Bus; activating one shows the
window at that token's row, with the focus on it, and puts its saved
secret on the clipboard; LaunchSearch opens the window searching.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tessera_e2e as e2e  # noqa: E402
from gi.repository import Gio, GLib  # noqa: E402
import pyatspi  # noqa: E402

NOTE = "search me: deploy key"


def provider_call(bus, method, args, reply):
    return bus.call_sync("app.tessera.Tessera", "/app/tessera/Tessera/SearchProvider",
                         "org.gnome.Shell.SearchProvider2", method, args,
                         GLib.VariantType(reply) if reply else None,
                         Gio.DBusCallFlags.NONE, 20000, None)


def main(tap):
    tap.ok(e2e.clear_keyring(), "the keyring holds nothing of Tessera's yet")
    server = e2e.ApiServer("--seed-demo")
    proc = None
    try:
        status, answer = server.request("POST", "/api/v1/user/access_tokens",
                                        body={"notes": NOTE, "expire": None}, token=server.token)
        secret = answer["payload"]["token"]
        token_id = answer["payload"]["id"]
        tap.ok(status == 200, "a token made elsewhere, its secret saved in the keyring below")
        for attributes, value in ((["kind", "sign-in"], server.token),
                                  (["kind", "generated", "token-id", token_id], secret)):
            e2e.secret_tool_store(value, "xdg:schema", "app.tessera.Tessera", "server", server.url,
                                  "account", server.email, *attributes)

        # As D-Bus activation starts it: no window, so not on the
        # accessibility bus until one opens.
        e2e.wait_for_a11y_registry()
        proc = e2e.launch("--gapplication-service")
        e2e.wait_for_bus_name("app.tessera.Tessera", 30)
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        results = provider_call(bus, "GetInitialResultSet",
                                GLib.Variant("(as)", (["deploy", "key"],)), "(as)").unpack()[0]
        tap.ok(len(results) == 1 and token_id in results[0], f"the Shell finds the token ({results})")
        metas = provider_call(bus, "GetResultMetas", GLib.Variant("(as)", (results,)),
                              "(aa{sv})").unpack()[0]
        tap.ok(metas[0]["name"] == NOTE and server.email in metas[0]["description"],
               "by its note, with the account in the description")
        tap.ok(secret not in repr(metas) and server.token not in repr(metas),
               "no reply holds a secret")

        e2e.set_clipboard("something else")
        provider_call(bus, "ActivateResult", GLib.Variant("(sasu)", (results[0], ["deploy"], 0)), None)
        app = e2e.find_app(timeout=30)
        window = e2e.find_window(app, "Tessera", timeout=30)
        row = e2e.find(window, NOTE, "list item", timeout=30)

        def focused():
            return row.getState().contains(pyatspi.STATE_FOCUSED)

        e2e.wait_for(focused, 15, "the row to have the focus")
        tap.ok(True, "activating the result shows the window at that row, focused")
        e2e.wait_for(lambda: e2e.clipboard() == secret, 15, "the secret on the clipboard")
        tap.ok(True, "and copies the token's saved secret")
        e2e.screenshot("search-01-activated")

        provider_call(bus, "LaunchSearch", GLib.Variant("(asu)", (["deploy", "key"], 0)), None)
        entry = e2e.find(window, "Search by note", timeout=15)
        e2e.wait_for(lambda: e2e.text_of(entry) == "deploy key", 15, "the search text")
        tap.ok(True, "LaunchSearch opens the window searching for the terms")
        e2e.screenshot("search-02-launch-search")
        tap.ok(proc.poll() is None, "tessera is still running")
    except Exception:
        e2e.screenshot("search-failure")
        raise
    finally:
        if proc is not None:
            e2e.stop(proc)
        server.stop()
        e2e.clear_keyring()


e2e.Tap().run(main)
