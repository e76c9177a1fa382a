#!/usr/bin/python3
# local_manifest.py — the Flatpak manifest, pointed at the local Debian runtime
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The GNOME runtime cannot be downloaded on the machines this project is
developed and tested on, so build-aux/flatpak-check builds a runtime and an
SDK from Debian 12's packages and builds the real manifest against them.

This writes that local manifest: flatpak/app.tessera.Tessera.json with only
the runtime, runtime-version and sdk lines swapped; every module, build
option, finish-arg and cleanup rule stays as it is.

    local_manifest.py REAL.json OUT.json   writes the local manifest
    local_manifest.py --refs               prints the runtime, sdk, version
"""
import json
import sys

# The only keys that differ; check_local_manifest.py holds the line to it.
LOCAL = {
    "runtime": "app.tessera.Debian.Platform",
    "runtime-version": "12",
    "sdk": "app.tessera.Debian.Sdk",
}


def local_manifest(real):
    """A copy of the parsed manifest real, pointed at the local runtime."""
    local = dict(real)
    for key, value in LOCAL.items():
        if key not in real:
            raise KeyError(f"the manifest has no {key!r} to swap")
        local[key] = value
    return local


def main(argv):
    if argv[1:] == ["--refs"]:
        print(LOCAL["runtime"], LOCAL["sdk"], LOCAL["runtime-version"])
        return 0
    if len(argv) != 3:
        print("usage: local_manifest.py REAL.json OUT.json | --refs", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        real = json.load(f)
    with open(argv[2], "w", encoding="utf-8") as f:
        json.dump(local_manifest(real), f, indent=2, ensure_ascii=False)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
