#!/usr/bin/python3
# screenshots.py — the pictures of data/screenshots/, taken from the real app
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run by build-aux/screenshots inside a private session (Xvfb, D-Bus,
keyring, AT-SPI), once per variant:

    screenshots.py --scheme light|dark [--width W] [--lang de] --suffix S --out DIR

Starts a demo tessera-api-server and tessera signed in to it, in a window
of W×700 (900 by default), and saves DIR/NAME-SUFFIX.png for the token
list, the generate dialog, the shown-once secret and a token's details
(the last two with --full), each cropped to its window. With --lang the
app runs in that language (the build tree's catalogs): it is driven by
keys and roles, not by English names.
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

HEIGHT = 700
NOTE = "CI deploy pipeline"


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


def settings_env(width):
    """A keyfile GSettings backend that opens the window at width×HEIGHT."""
    config_home = tempfile.mkdtemp(prefix="tessera-shots-")
    os.makedirs(os.path.join(config_home, "glib-2.0", "settings"))
    with open(os.path.join(config_home, "glib-2.0", "settings", "keyfile"), "w") as keyfile:
        keyfile.write(f"[app/tessera/Tessera]\nwindow-width={width}\nwindow-height={HEIGHT}\n"
                      "window-maximized=false\n")
    return {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": config_home}


def new_window(app, known):
    """The window that opened after the ones in known."""
    return e2e.find_window_where(app, lambda w: w not in known, what="a new window")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scheme", choices=("light", "dark"), required=True)
    parser.add_argument("--width", type=int, default=900)
    parser.add_argument("--lang")
    parser.add_argument("--suffix", required=True)
    parser.add_argument("--full", action="store_true",
                        help="also the shown-once secret and a token's details")
    parser.add_argument("--out", required=True)
    options = parser.parse_args()
    os.makedirs(options.out, exist_ok=True)

    def out(name):
        return os.path.join(options.out, f"{name}-{options.suffix}.png")

    env = settings_env(options.width)
    # libadwaita 1.2 reads this debug variable before any desktop setting.
    env["ADW_DEBUG_COLOR_SCHEME"] = f"prefer-{options.scheme}"
    if options.lang:
        env.update({"LANGUAGE": options.lang, "LANG": "C.UTF-8",
                    "TESSERA_LOCALEDIR": os.environ.get("TESSERA_LOCALEDIR",
                                                        os.path.join(e2e.BUILD_ROOT, "po"))})

    server = e2e.ApiServer("--seed-demo")
    proc = None
    try:
        proc, app = e2e.start("--server=" + server.url, "--with-token",
                              stdin_data=server.token, env=env)
        window = e2e.find_window(app, "Tessera")
        e2e.wait_for(lambda: len(e2e.find_all(window, role="list item", showing=False)) >= 14, 30,
                     "the token list")
        _, _, width, height = e2e.extents(window)
        print(f"# window {width}×{height}", flush=True)
        shoot("Tessera", out("token-list"))

        # Ctrl+N, in any language.
        known = e2e.windows(app)
        e2e.point_at(window)
        e2e.key_combo("<Control>n")
        dialog = new_window(app, known)
        e2e.point_at(dialog)
        e2e.type_text(NOTE)
        note = e2e.find(dialog, role="text")
        e2e.wait_for(lambda: e2e.text_of(note) == NOTE, 5, "the note")
        shoot(dialog.name, out("generate-dialog"))
        if not options.full:
            return

        e2e.key("Return")
        e2e.find(dialog, "You have generated a new personal access token", "label", timeout=20)
        e2e.find(dialog, "Saved in the keyring", "label", timeout=35, showing=False,
                 pred=lambda n: e2e.extents(n)[3] > 0)
        shoot(dialog.name, out("new-token-secret"))
        e2e.press(e2e.find(dialog, "Done", "push button"))
        e2e.wait_for(lambda: dialog not in e2e.windows(app), 10, "the dialog to close")

        # A token's details: its row, activated.
        known = e2e.windows(app)
        # A click on the row (GTK 4.8 gives a row no AT-SPI action), away
        # from its buttons and its selectable note.
        row = e2e.find(window, NOTE, "list item", timeout=15)
        x, y, _, h = e2e.extents(row)
        e2e.dogtail.rawinput.click(x + 30, y + h - 12, check=False)
        details = new_window(app, known)
        e2e.find(details, "Claims", "label", timeout=20, showing=False)
        shoot(details.name, out("token-details"))
    finally:
        if proc is not None:
            e2e.stop(proc)
        server.stop()


if __name__ == "__main__":
    try:
        main()
    except Exception:  # noqa: BLE001 - dogtail swallows what is not printed here
        import traceback
        traceback.print_exc()
        sys.exit(1)
