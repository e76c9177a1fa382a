#!/usr/bin/python3
# test_launch.py — the real binary opens its window on the accessibility bus
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tessera_e2e as e2e  # noqa: E402


def main(tap):
    tap.ok(e2e.clear_keyring(), "the keyring holds nothing of Tessera's")
    proc, app = e2e.start("--server=http://127.0.0.1:9")
    try:
        tap.ok(app is not None, "tessera appears on the AT-SPI bus")
        window = e2e.find_window(app, "Tessera")
        tap.ok(window.roleName == "frame", "its main window is a frame titled Tessera")
        menu = window.child(name="Main Menu", roleName="push button")
        tap.ok(menu is not None, "the icon-only main menu button has an accessible name")
        e2e.screenshot("launch")
        tap.ok(proc.poll() is None, "tessera is still running")
    finally:
        e2e.stop(proc)


e2e.Tap().run(main)
