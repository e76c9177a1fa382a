#!/usr/bin/python3
# screenshots.py — the pictures of data/screenshots/, taken from the real app
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run by build-aux/screenshots inside a private session (Xvfb, D-Bus,
keyring, AT-SPI), once per colour scheme:

    screenshots.py --scheme light|dark --out DIR

Starts a demo tessera-api-server and tessera signed in to it, in a window
of 900×700, and saves DIR/{token-list,generate-dialog,new-token-secret}-SCHEME.png,
each cropped to its window.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tessera_e2e as e2e  # noqa: E402

WIDTH, HEIGHT = 900, 700


def x_window_id(title):
    """The X window id of the top-level window with this title."""
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True,
                          check=True).stdout
    for line in tree.splitlines():
        match = re.match(r'\s*(0x[0-9a-f]+) "(.*)": \(', line)
        if match and match.group(2) == title:
            return match.group(1)
    raise LookupError(f"no X window titled {title!r}")


def shoot(title, path):
    """Saves the window titled title, and only it, as a small PNG."""
    time.sleep(1.0)  # let transitions and the spinner settle
    window_id = x_window_id(title)
    subprocess.run(["import", "-window", window_id, "-strip", "-define",
                    "png:compression-level=9", path], check=True)
    print(f"# saved {path}", flush=True)


def settings_env():
    """A keyfile GSettings backend that opens the window at WIDTH×HEIGHT."""
    config_home = tempfile.mkdtemp(prefix="tessera-shots-")
    os.makedirs(os.path.join(config_home, "glib-2.0", "settings"))
    with open(os.path.join(config_home, "glib-2.0", "settings", "keyfile"), "w") as keyfile:
        keyfile.write(f"[app/tessera/Tessera]\nwindow-width={WIDTH}\nwindow-height={HEIGHT}\n"
                      "window-maximized=false\n")
    return {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": config_home}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scheme", choices=("light", "dark"), required=True)
    parser.add_argument("--out", required=True)
    options = parser.parse_args()
    os.makedirs(options.out, exist_ok=True)

    def out(name):
        return os.path.join(options.out, f"{name}-{options.scheme}.png")

    env = settings_env()
    # libadwaita 1.2 reads this debug variable before any desktop setting.
    env["ADW_DEBUG_COLOR_SCHEME"] = f"prefer-{options.scheme}"

    server = e2e.ApiServer("--seed-demo")
    proc = None
    try:
        proc, app = e2e.start("--server=" + server.url, "--with-token",
                              stdin_data=server.token, env=env)
        window = e2e.find_window(app, "Tessera")
        e2e.wait_for(lambda: e2e.find_all(window, name=lambda n: n.endswith(" of 50 tokens"),
                                          role="label"), 30, "the token list")
        _, _, width, height = e2e.extents(window)
        print(f"# window {width}×{height}", flush=True)
        shoot("Tessera", out("token-list"))

        e2e.press(e2e.find(window, "Generate a New Token", "push button"))
        dialog = e2e.find_window_where(app, lambda w: w.name == "New Personal Access Token",
                                       what="the generate dialog")
        note = e2e.find(dialog, "Note", "text")
        e2e.point_at(note)
        e2e.click_at(note)
        e2e.type_text("CI deploy pipeline")
        e2e.wait_for(lambda: e2e.text_of(note) == "CI deploy pipeline", 5, "the note")
        shoot("New Personal Access Token", out("generate-dialog"))

        e2e.press(e2e.find(dialog, e2e.label("Create Token"), "push button"))
        e2e.find(dialog, "You have generated a new personal access token", "label", timeout=20)
        e2e.find(dialog, "Saved in the keyring", "label", timeout=35, showing=False,
                 pred=lambda n: e2e.extents(n)[3] > 0)
        shoot("New Personal Access Token", out("new-token-secret"))
    finally:
        if proc is not None:
            e2e.stop(proc)
        server.stop()


if __name__ == "__main__":
    main()
