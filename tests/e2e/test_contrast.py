#!/usr/bin/python3
# test_contrast.py — the status pills and warning texts, measured on screen
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""WCAG AA asks 4.5:1 for text of their size (the pills are small bold
text, the warnings body text). This test takes the real rendered colours:
it shows each text (the Active, Expires soon and Expired pills, the
50-token warning, the could-not-refresh banner, the sign-in error),
light and dark, screenshots the
screen and reads the pixels inside the text's AT-SPI extents: the
background is the commonest colour there, the text the one with the most
contrast to it that at least a few pixels have (the glyphs' cores, not
their anti-aliased edges). The figures are printed as TAP comments.
"""

import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tessera_e2e as e2e  # noqa: E402

AA = 4.5


def luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def colours(path, box):
    """{(r, g, b): count} inside box (x, y, w, h) of the PNG at path."""
    x, y, w, h = box
    out = subprocess.run(["convert", path, "-crop", f"{w}x{h}+{x}+{y}", "+repage",
                          "-format", "%c", "histogram:info:-"],
                         capture_output=True, text=True, check=True).stdout
    found = {}
    for line in out.splitlines():
        match = re.match(r"\s*(\d+): \((\d+),(\d+),(\d+)", line)
        if match:
            count, r, g, b = (int(v) for v in match.groups())
            found[(r, g, b)] = found.get((r, g, b), 0) + count
    return found


def measure(path, box):
    """(text colour, background colour, contrast ratio) in box."""
    found = colours(path, box)
    background = max(found, key=found.get)
    candidates = [c for c, n in found.items() if n >= 3 and c != background]
    text = max(candidates, key=lambda c: ratio(c, background))
    return text, background, ratio(text, background)


def hexa(rgb):
    return "#%02x%02x%02x" % rgb


def check(tap, scheme, what, node, shots):
    path = os.path.join(shots, f"contrast-{scheme}-{len(os.listdir(shots))}.png")
    e2e.wait_for(lambda: e2e.extents(node)[2] > 0, 10, f"{what} on screen")
    subprocess.run(["import", "-window", "root", path], check=True)
    x, y, w, h = e2e.extents(node)
    text, background, value = measure(path, (x, y, w, h))
    tap.ok(value >= AA, f"{scheme}: {what}: {hexa(text)} on {hexa(background)} = {value:.2f}:1")
    return value


def search(window, text, first):
    e2e.point_at(window)
    if first:
        e2e.key_combo("<Control>f")
    e2e.key_combo("<Control>a")
    e2e.type_text(text)


def pills(tap, scheme, shots):
    env = {"ADW_DEBUG_COLOR_SCHEME": f"prefer-{scheme}"}
    server = e2e.ApiServer("--seed-demo", "--seed-tokens", "36")
    proc = None
    try:
        proc, app = e2e.start("--server=" + server.url, "--with-token",
                              stdin_data=server.token, env=env)
        window = e2e.find_window(app, "Tessera")
        warning = e2e.find(window, lambda n: n.startswith("An account can have at most 50 tokens"), "alert",
                           timeout=30)
        check(tap, scheme, "the 50-token warning", warning, shots)
        for i, (note, pill) in enumerate((("local dev", "Active"), ("terraform", "Expires soon"),
                                          ("old laptop", "Expired"))):
            search(window, note, i == 0)
            row = e2e.find(window, note, "list item", timeout=10)
            e2e.wait_for(lambda: len(e2e.find_all(window, role="list item")) == 1, 10,
                         f"only {note!r}")
            label = e2e.find(row, pill, "label")
            check(tap, scheme, f"the {pill} pill", label, shots)

        # A refresh that fails: the banner over the rows kept.
        server.fail_next(method="GET", path_prefix="/api/v1/user/access_tokens", status=500,
                         count=1)
        e2e.key("Escape")
        e2e.point_at(window)
        e2e.key("F5")
        banner = e2e.find(window, lambda n: n.startswith("Could not refresh"), "label", timeout=20)
        check(tap, scheme, "the could-not-refresh banner", banner, shots)
    finally:
        if proc is not None:
            e2e.stop(proc)
        server.stop()


def sign_in_error(tap, scheme, shots):
    env = {"ADW_DEBUG_COLOR_SCHEME": f"prefer-{scheme}"}
    server = e2e.ApiServer("--seed-demo")
    proc = None
    try:
        e2e.clear_keyring()
        proc, app = e2e.start("--server=" + server.url, env=env)
        window = e2e.find_window(app, "Tessera")
        e2e.find(window, "Sign In to API7 Cloud", "label", timeout=30)
        e2e.point_at(window)
        e2e.type_text("not-a-token")
        e2e.key("Return")
        error = e2e.find(window, lambda n: n.startswith("This token is not valid"), "label",
                         timeout=20)
        check(tap, scheme, "the sign-in error", error, shots)
    finally:
        if proc is not None:
            e2e.stop(proc)
        server.stop()


def main(tap):
    shots = tempfile.mkdtemp(prefix="tessera-contrast-",
                             dir=os.path.join(e2e.BUILD_ROOT, "e2e-screenshots")
                             if os.path.isdir(os.path.join(e2e.BUILD_ROOT, "e2e-screenshots"))
                             else None)
    for scheme in ("light", "dark"):
        pills(tap, scheme, shots)
        sign_in_error(tap, scheme, shots)


e2e.Tap().run(main)
