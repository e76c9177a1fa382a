#!/usr/bin/python3
# check_local_manifest.py — the locally built manifest is the real one
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Diffs flatpak/app.tessera.Tessera.json against the manifest that
build-aux/flatpak-check builds (made by local_manifest.py, or the file
given as the second argument): only runtime, runtime-version and sdk may
differ, so what the sandbox check proves holds for the real manifest.

    check_local_manifest.py REAL.json [LOCAL.json]
"""
import difflib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import local_manifest  # noqa: E402

ALLOWED = set(local_manifest.LOCAL)
n = 0
failed = 0


def ok(cond, name):
    global n, failed
    n += 1
    if not cond:
        failed += 1
    print(f"{'ok' if cond else 'not ok'} {n} - {name}", flush=True)
    return cond


def lines(manifest):
    return json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False).splitlines()


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        real = json.load(f)
    if len(argv) > 2:
        with open(argv[2], encoding="utf-8") as f:
            local = json.load(f)
        what = os.path.basename(argv[2])
    else:
        local = local_manifest.local_manifest(real)
        what = "the generated local manifest"

    diff = list(difflib.unified_diff(lines(real), lines(local), "flatpak/app.tessera.Tessera.json",
                                     what, n=0, lineterm=""))
    for line in diff:
        print("# " + line)

    changed = {key for key in set(real) | set(local) if real.get(key) != local.get(key)}
    ok(changed <= ALLOWED,
       f"{what} differs from the real manifest only in {', '.join(sorted(ALLOWED))}"
       + (f" (also: {', '.join(sorted(changed - ALLOWED))})" if changed - ALLOWED else ""))
    for key in ("id", "command", "finish-args", "cleanup", "modules"):
        ok(key in real and real.get(key) == local.get(key), f"{key} is the same")
    ok(all(local.get(k) == v for k, v in local_manifest.LOCAL.items()),
       "it names the local Debian runtime and SDK: "
       + ", ".join(f"{k} {local.get(k)}" for k in sorted(ALLOWED)))
    ok(real.get("runtime") == "org.gnome.Platform" and real.get("sdk") == "org.gnome.Sdk",
       "the real manifest still names the GNOME runtime and SDK")

    print(f"1..{n}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
