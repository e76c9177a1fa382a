#!/usr/bin/python3
# test_accessibility.py — what a screen reader finds in Tessera
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real tessera binary against a real tessera-api-server, looked at
through AT-SPI as a screen reader does: every control checked by its
accessible name, the secret entries as password fields whose text never
reaches AT-SPI in clear, no button named twice or "GtkImage", and what
changes on screen reachable (see the steps).
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tessera_e2e as e2e  # noqa: E402
from gi.repository import Atspi, GLib  # noqa: E402

SEEDED = 14


class TextEvents:
    """Every object:text-changed event on the bus, as a screen reader
    gets them."""

    def __init__(self):
        self.texts = []
        self.listener = Atspi.EventListener.new(self._event)
        self.listener.register("object:text-changed")

    def _event(self, event):
        try:
            self.texts.append(str(event.any_data))
        except Exception:  # noqa: BLE001
            self.texts.append("")

    def pump(self, seconds=1.0):
        context = GLib.MainContext.default()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if not context.iteration(False):
                time.sleep(0.02)

    def stop(self):
        self.listener.deregister("object:text-changed")


def bad_button_names(root):
    """Buttons a screen reader would read wrongly: unnamed ("GtkImage",
    a type name), with a mnemonic underscore, or named twice."""
    bad = []
    for node in e2e.descendants(root):
        try:
            if node.roleName not in ("push button", "toggle button", "check box", "menu item",
                                     "radio menu item", "check menu item"):
                continue
            name = node.name
        except Exception:  # noqa: BLE001
            continue
        words = name.split(" ")
        half = len(words) // 2
        doubled = len(words) % 2 == 0 and half > 0 and words[:half] == words[half:]
        if (name == "" or name.startswith("Gtk") or name.startswith("Adw") or "_" in name
                or doubled or "(_" in name):
            bad.append(f"{node.roleName} {name!r}")
    return bad


def secret_entries(tap, app, server):
    window = e2e.find_window(app, "Tessera")
    e2e.find(window, "Sign In to API7 Cloud", "label", timeout=30)
    tap.ok(bad_button_names(window) == [],
           f"the sign-in page's buttons have clean names ({bad_button_names(window)})")
    entries = e2e.find_all(window, "Personal Access Token", "password text")
    tap.ok(len(entries) == 1, "the token entry is a password text to AT-SPI")
    entry = entries[0] if entries else e2e.find(window, "Personal Access Token", "text")

    # Typed half, pasted the rest: both ways a token comes in.
    events = TextEvents()
    e2e.point_at(window)
    half = len(server.token) // 2
    e2e.type_text(server.token[:half])
    e2e.set_clipboard(server.token[half:])
    e2e.key_combo("<Control>v")
    e2e.wait_for(lambda: len(e2e.text_of(entry)) == len(server.token), 10, "the typed token")
    events.pump(1.0)
    shown = e2e.text_of(entry)
    tap.ok(shown == "•" * len(server.token),
           "its text reads as one bullet per character, not the token")
    heard = "".join(events.texts)
    tap.ok(server.token[:half] not in heard and server.token[half:] not in heard,
           f"no text-changed event carries the token ({len(events.texts)} events)")
    peek = e2e.find_all(window, "Show Text", showing=False)
    tap.ok(peek != [], "its Show Text icon is named, not \"GtkImage\"")
    e2e.key("Return")
    e2e.wait_for(lambda: e2e.find_all(window, name=lambda n: n.endswith(" of 50 tokens"),
                                      role="label"), 30, "the token list")

    # The same listener hears what is typed in a plain entry.
    e2e.key_combo("<Control>f")
    e2e.type_text("zq")
    events.pump(1.0)
    events.stop()
    tap.ok("zq" in "".join(events.texts), "(a plain entry's typing is heard: the check above works)")
    e2e.key("Escape")
    return window


def main(tap):
    server = e2e.ApiServer("--seed-demo")
    proc = None
    try:
        tap.ok(e2e.clear_keyring(), "the keyring holds nothing of Tessera's yet")
        proc, app = e2e.start("--server=" + server.url)
        secret_entries(tap, app, server)
        tap.ok(proc.poll() is None, "tessera is still running")
    except Exception:
        e2e.screenshot("a11y-failure")
        raise
    finally:
        if proc is not None:
            e2e.stop(proc)
        server.stop()


e2e.Tap().run(main)
