#!/usr/bin/python3
# check_po.py — every user-facing string is translatable and translated
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""1. Every source file with translatable strings is listed in po/POTFILES.in.
2. A template extracted afresh from those files is fully translated in every
   language of po/LINGUAS: no untranslated or fuzzy message, and msgfmt -c
   (format strings, headers) is happy."""
import os
import re
import subprocess
import sys
import tempfile

top = sys.argv[1]
po_dir = os.path.join(top, "po")
n = 0
failed = 0


def ok(cond, name, detail=""):
    global n, failed
    n += 1
    if not cond:
        failed += 1
        for line in detail.splitlines():
            print(f"# {line}")
    print(f"{'ok' if cond else 'not ok'} {n} - {name}")


def read_list(name):
    with open(os.path.join(po_dir, name), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


potfiles = read_list("POTFILES.in")
linguas = read_list("LINGUAS")

translatable = re.compile(r'(\b_\(\s*"|\bN_\(\s*"|\bC_\(|\bngettext\s*\(|translatable="yes")')
unlisted = []
for folder in ("src", "data"):
    for root, _dirs, files in os.walk(os.path.join(top, folder)):
        for name in files:
            if not name.endswith((".c", ".ui", ".in", ".xml")):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, top)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if rel.endswith(".gschema.xml") or translatable.search(text):
                if rel not in potfiles:
                    unlisted.append(rel)
ok(not unlisted, "every file with translatable strings is in POTFILES.in",
   "missing: " + ", ".join(unlisted))
ok(all(os.path.exists(os.path.join(top, p)) for p in potfiles),
   "every file in POTFILES.in exists")

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "tessera.pot")
    # The keywords of meson's i18n 'glib' preset.
    args = ["xgettext", "--from-code=UTF-8", "--add-comments", "--directory", top,
            "--output", pot, "--package-name=tessera",
            "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
            "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
            "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format",
            "--flag=NC_:2:pass-c-format", "--flag=g_dngettext:2:pass-c-format",
            "--flag=g_strdup_printf:1:c-format", "--flag=g_string_printf:2:c-format",
            "--flag=g_string_append_printf:2:c-format", "--flag=g_error_new:3:c-format",
            "--flag=g_set_error:4:c-format", "--flag=g_markup_printf_escaped:1:c-format",
            "--flag=g_log:3:c-format", "--flag=g_print:1:c-format",
            "--flag=g_printerr:1:c-format", "--flag=g_printf:1:c-format",
            "--flag=g_fprintf:2:c-format", "--flag=g_sprintf:2:c-format",
            "--flag=g_snprintf:3:c-format"]
    args += potfiles
    r = subprocess.run(args, capture_output=True, text=True)
    ok(r.returncode == 0, "xgettext extracts the template", r.stderr)

    for lang in linguas:
        po = os.path.join(po_dir, lang + ".po")
        merged = os.path.join(tmp, lang + ".po")
        r = subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, pot],
                           capture_output=True, text=True)
        if r.returncode != 0:
            ok(False, f"{lang}: msgmerge", r.stderr)
            continue
        r = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged],
                           capture_output=True, text=True)
        lines = r.stderr.strip().splitlines()
        stats = lines[-1] if lines else ""
        complete = r.returncode == 0 and "untranslated" not in stats and "fuzzy" not in stats
        detail = stats
        if not complete:
            u = subprocess.run(["msgattrib", "--untranslated", "--no-wrap", merged],
                               capture_output=True, text=True).stdout
            ids = [l for l in u.splitlines() if l.startswith("msgid ")][1:15]
            detail += "\nfirst missing: " + " | ".join(ids)
        ok(complete, f"{lang}: every message translated ({stats})", detail)

print(f"1..{n}")
sys.exit(1 if failed else 0)
