#!/usr/bin/python3
# check_manifest.py — the Flatpak manifest parses and says what we ship
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the manifest says, without building it (the flatpak suite builds
and runs it): it is JSON, names the app id, a current GNOME runtime, the
command, the usual finish-args, and no D-Bus hole to the Secret Service
(libsecret uses the Secret portal inside the sandbox)."""
import json
import sys

path, app_id = sys.argv[1], sys.argv[2]
n = 0
failed = 0


def ok(cond, name):
    global n, failed
    n += 1
    if not cond:
        failed += 1
    print(f"{'ok' if cond else 'not ok'} {n} - {name}")


with open(path, encoding="utf-8") as f:
    manifest = json.load(f)

ok(manifest.get("id", manifest.get("app-id")) == app_id, f"id is {app_id}")
ok(manifest.get("runtime") == "org.gnome.Platform", "runtime is org.gnome.Platform")
ok(manifest.get("sdk") == "org.gnome.Sdk", "sdk is org.gnome.Sdk")
version = str(manifest.get("runtime-version", "0"))
ok(version.isdigit() and int(version) >= 49, f"runtime-version {version} is 49 or newer")
ok(manifest.get("command") == "tessera", "command is tessera")

args = manifest.get("finish-args", [])
for wanted in ("--share=network", "--share=ipc", "--socket=fallback-x11",
               "--socket=wayland", "--device=dri"):
    ok(wanted in args, f"finish-args has {wanted}")
ok(not any("org.freedesktop.secrets" in a for a in args),
   "no talk-name to org.freedesktop.secrets (the Secret portal serves libsecret)")

modules = manifest.get("modules", [])
last = modules[-1] if modules else {}
ok(isinstance(last, dict) and last.get("name") == "tessera", "the last module is tessera")
ok(isinstance(last, dict) and last.get("buildsystem") == "meson", "tessera builds with meson")
sources = last.get("sources", []) if isinstance(last, dict) else []
ok(any(s.get("type") in ("dir", "git") for s in sources), "tessera's source is the repository")

print(f"1..{n}")
sys.exit(1 if failed else 0)
