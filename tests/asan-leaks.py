#!/usr/bin/python3
# asan-leaks.py — the exe_wrapper of `meson test --setup asan`: runs one
# test with LeakSanitizer's reports going to files instead of the exit
# status, then fails the test for every leak that is ours.
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A leak is ours when the first frame of its allocation stack outside
GLib, GObject, GIO, the C library and the sanitizer's allocator is in this source
tree (src/ or tests/): something we allocated, or asked GLib to, and never
freed. Leaks that GTK, GDK, fontconfig, libsoup or libsecret make on their
own (their stack leaves GLib into one of them first) are not ours and are
only counted. Without debug symbols for the system libraries LSan cannot
name their functions, so suppressions by name cannot tell them apart; this
rule can. Indirect leaks follow from a direct one and are not judged
apart. Every AddressSanitizer or UBSan error still fails at once
(abort_on_error in the setup's options)."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# GLib, GObject, GIO, the C library and the sanitizer runtime: the frames
# between an allocation and whoever asked for it.
LIBRARY = re.compile(r"lib(glib|gobject|gio)-2\.0\.so|libc\.so|libasan|libubsan|"
                     r"\b(libio|csu|stdlib|string|stdio-common|nptl|misc|posix|malloc)/|"
                     r"\binterceptor_|in (__)?(malloc|calloc|realloc|free|strdup|"
                     r"__interceptor\w*|__asan\w*|__lsan\w*)\b")


def ours(frame, roots):
    return any(root in frame for root in roots)


def main():
    source_root = os.environ.get("TESSERA_SOURCE_ROOT", "")
    roots = [os.path.join(source_root, "src") + "/", os.path.join(source_root, "tests") + "/",
             "../src/", "../tests/"]
    logs = tempfile.mkdtemp(prefix="tessera-lsan-")
    try:
        return judge(logs, roots)
    finally:
        remove(logs)


def remove(logs):
    """A helper the test started (a test desktop, an API server) may still
    be on its way out and write its report while the folder goes: that must
    not fail the test, nor leave the folder behind."""
    for _ in range(50):
        try:
            shutil.rmtree(logs)
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.1)
    shutil.rmtree(logs, ignore_errors=True)


def judge(logs, roots):
    env = dict(os.environ)
    env["LSAN_OPTIONS"] = ":".join(filter(None, [env.get("LSAN_OPTIONS"), "exitcode=0",
                                                  "log_path=" + os.path.join(logs, "leaks")]))
    status = subprocess.call(sys.argv[1:], env=env)
    judged = counted = 0
    for name in sorted(os.listdir(logs)):
        text = open(os.path.join(logs, name), encoding="utf-8", errors="replace").read()
        if "LeakSanitizer" not in text:
            sys.stderr.write(text)      # some other sanitizer report, already fatal
            continue
        for report in re.split(r"\n(?=(?:Direct|Indirect) leak of)", text):
            if not report.startswith("Direct leak"):
                continue
            frames = [line for line in report.splitlines()[1:] if re.match(r"\s+#\d+ ", line)]
            first = next((f for f in frames if not LIBRARY.search(f)), "")
            if ours(first, roots):
                judged += 1
                sys.stderr.write(f"== a leak of ours ({name}):\n{report}\n")
            else:
                counted += 1
    if counted:
        print(f"# asan-leaks: {counted} leak(s) inside system libraries, not ours",
              file=sys.stderr)
    if judged:
        print(f"# asan-leaks: {judged} leak(s) of ours: failing", file=sys.stderr)
        return status or 1
    return status


if __name__ == "__main__":
    sys.exit(main())
