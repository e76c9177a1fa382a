#!/usr/bin/python3
# check_icons.py — the app icons exist, parse as SVG and are drawn, not empty
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import sys
import xml.etree.ElementTree as ET

icons, app_id = sys.argv[1], sys.argv[2]
SVG = "{http://www.w3.org/2000/svg}"
n = 0
failed = 0


def ok(cond, name):
    global n, failed
    n += 1
    if not cond:
        failed += 1
    print(f"{'ok' if cond else 'not ok'} {n} - {name}")


for rel, size in ((f"hicolor/scalable/apps/{app_id}.svg", "128"),
                  (f"hicolor/symbolic/apps/{app_id}-symbolic.svg", "16")):
    path = os.path.join(icons, rel)
    ok(os.path.exists(path), f"{rel} exists")
    if not os.path.exists(path):
        continue
    root = ET.parse(path).getroot()
    ok(root.tag == SVG + "svg", f"{rel} is SVG")
    ok(root.get("width") == size and root.get("height") == size, f"{rel} is {size}×{size}")
    shapes = [e for e in root.iter() if e.tag in (SVG + "path", SVG + "circle", SVG + "rect")]
    ok(len(shapes) >= 1, f"{rel} draws something")

print(f"1..{n}")
sys.exit(1 if failed else 0)
