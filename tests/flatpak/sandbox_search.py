# sandbox_search.py — GNOME Shell's search, through Flatpak's exports
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_sandbox.py's steps for the search provider of the installed app
(issue 11: a feature that talks to the desktop works through its portal or
exported file, and exported files are named after the app id).

The Shell reads the exported .search-provider.ini, and calls
org.gnome.Shell.SearchProvider2 on its BusName; the session bus starts the
app through the exported D-Bus service, whose Exec Flatpak rewrote into a
`flatpak run`. The tests' session bus has the installation's exports in its
service directories (build-aux/flatpak-check says why and how), so these
calls, made as the Shell makes them, start the sandboxed app by activation.
The app's window is then found over AT-SPI, as in the other steps.
"""

import configparser
import os
import shlex
import time

import flatpak_e2e as fe
from flatpak_e2e import e2e
from gi.repository import Gio, GLib
import pyatspi

SOURCE_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PROVIDER_INI = f"gnome-shell/search-providers/{fe.APP_ID}.search-provider.ini"
SERVICE = f"dbus-1/services/{fe.APP_ID}.service"
DESKTOP = f"applications/{fe.APP_ID}.desktop"
PROVIDER_PATH = "/app/tessera/Tessera/SearchProvider"
PROVIDER_INTERFACE = "org.gnome.Shell.SearchProvider2"
SEARCH_ENTRY = "Search by note"


def read_ini(path, section):
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return dict(parser.items(section)) if parser.has_section(section) else {}


def check_exports(tap):
    """The two files the search needs, as the installation exports them."""
    exports = fe.installation_exports()
    source = read_ini(os.path.join(SOURCE_ROOT, "data", os.path.basename(PROVIDER_INI)),
                      "Shell Search Provider")
    provider = read_ini(os.path.join(exports, PROVIDER_INI), "Shell Search Provider")
    # Flatpak adds DefaultDisabled=true to every app's provider: the user
    # turns it on in Settings → Search.
    tap.ok(provider == {**source, "DefaultDisabled": "true"}
           and provider.get("BusName") == fe.APP_ID
           and provider.get("DesktopId") == f"{fe.APP_ID}.desktop",
           f"the installation exports share/{PROVIDER_INI}: the app's own, BusName "
           f"{provider.get('BusName')}, ObjectPath {provider.get('ObjectPath')}, and the "
           "DefaultDisabled=true Flatpak adds")

    service = read_ini(os.path.join(exports, SERVICE), "D-BUS Service")
    argv = shlex.split(service.get("Exec", ""))
    flatpak_run = (len(argv) >= 3 and os.path.basename(argv[0]) == "flatpak" and argv[1] == "run"
                   and "--command=/app/bin/tessera" in argv
                   and argv[-2:] == [fe.APP_ID, "--gapplication-service"])
    tap.ok(service.get("Name") == fe.APP_ID and flatpak_run,
           f"and share/{SERVICE}: Name={service.get('Name')}, its Exec rewritten to "
           f"“{' '.join(argv[:2] + argv[-3:])}”")

    desktop = read_ini(os.path.join(exports, DESKTOP), "Desktop Entry")
    tap.ok(desktop.get("DBusActivatable") == "true" and desktop.get("X-Flatpak") == fe.APP_ID,
           f"the provider's DesktopId names the exported share/{DESKTOP}, D-Bus activatable")


def provider_call(method, args, reply=None, timeout=40000):
    """A call as the Shell makes it: the bus may start the app for it."""
    return fe.bus().call_sync(fe.APP_ID, PROVIDER_PATH, PROVIDER_INTERFACE, method, args,
                              GLib.VariantType(reply) if reply else None,
                              Gio.DBusCallFlags.NONE, timeout, None)


def check_activation(tap, term, token_id):
    """GetInitialResultSet starts the sandboxed app; returns the results."""
    tap.ok(fe.APP_ID in fe.activatable_names() and fe.name_owner_pid(fe.APP_ID) is None,
           f"the session bus can start {fe.APP_ID} from the exported service, and nothing "
           "owns that name yet")
    started = time.monotonic()
    results = provider_call("GetInitialResultSet", GLib.Variant("(as)", ([term],)),
                            "(as)").unpack()[0]
    took = time.monotonic() - started
    owner = fe.name_owner_pid(fe.APP_ID)
    with open(fe.BUS_LOG, encoding="utf-8", errors="replace") as f:
        activated = f"Successfully activated service '{fe.APP_ID}'" in f.read()
    tap.ok(activated and owner is not None and fe.sandbox_of(owner) == fe.APP_ID
           and len(fe.running_instances()) == 1,
           f"GetInitialResultSet has the bus start it (the bus says so): {fe.APP_ID} is owned "
           "from its sandbox (the owner's /.flatpak-info), one instance in flatpak ps; "
           f"answered in {took:.1f} s")
    ours = [r for r in results if r.split(" ")[-1] == token_id]
    tap.ok(len(ours) == 1,
           f"the results find the token by its note ({len(results)} for “{term}”)")
    return results, ours[0] if ours else None


def check_metas(tap, server, results, result, note, secrets):
    metas = provider_call("GetResultMetas", GLib.Variant("(as)", (results,)),
                          "(aa{sv})").unpack()[0]
    meta = next((m for m in metas if m.get("id") == result), {})
    tap.ok(meta.get("name") == note and server.email in meta.get("description", ""),
           f"GetResultMetas names it by its note, the account in the description "
           f"({meta.get('description')!r})")
    replies = repr(results) + repr(metas)
    tap.ok(not any(s and s in replies for s in secrets), "no reply holds a secret")


def check_activate_result(tap, result, term, note, secret):
    e2e.set_clipboard("nothing yet")
    e2e.wait_for(lambda: e2e.clipboard() == "nothing yet", 5, "the clipboard to be reset")
    provider_call("ActivateResult", GLib.Variant("(sasu)", (result, [term], 0)))
    # A service-mode app has no window, so it is on the accessibility bus
    # only once ActivateResult has opened one.
    app = e2e.find_app(timeout=40)
    window = e2e.find_window(app, "Tessera", timeout=30)
    row = e2e.find(window, note, "list item", timeout=30)
    e2e.wait_for(lambda: row.getState().contains(pyatspi.STATE_FOCUSED), 20,
                 "the row to have the focus")
    tap.ok(True, "ActivateResult opens the sandboxed window at the token's row, focused")
    e2e.wait_for(lambda: e2e.clipboard() == secret, 30, "the saved secret on the clipboard")
    tap.ok(True, "and puts its secret, saved in the sandbox's keyring file, on the clipboard")
    fe.screenshot("20-search-activated")
    return window


def check_launch_search(tap, window, term):
    provider_call("LaunchSearch", GLib.Variant("(asu)", ([term], 0)))
    entry = e2e.find(window, SEARCH_ENTRY, timeout=15)
    e2e.wait_for(lambda: e2e.text_of(entry) == term, 15, "the search text")
    tap.ok(True, f"LaunchSearch shows the window searching for “{term}”")
    fe.screenshot("21-search-launched")


def check_search(tap, server, term, note, token_id, secret):
    """The search steps, the sandboxed app started by activation for them."""
    results, result = check_activation(tap, term, token_id)
    if result is None:
        return
    check_metas(tap, server, results, result, note, (secret, server.token))
    window = check_activate_result(tap, result, term, note, secret)
    check_launch_search(tap, window, term)
    e2e.point_at(window)
    e2e.key_combo("<Control>q")
    fe.wait_until_gone()
    tap.ok(fe.name_owner_pid(fe.APP_ID) is None, "Ctrl+Q quits it: its name leaves the bus")
    metadata = fe.installed_metadata()
    tap.ok("[Session Bus Policy]" not in metadata and "own-name" not in metadata,
           "the search needs no finish-arg: the sandbox may own its own app id on the bus, "
           "and the metadata grants no D-Bus name")
