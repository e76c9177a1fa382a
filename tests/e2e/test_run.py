#!/usr/bin/python3
# test_run.py — build-aux/run, headless and in another language
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""build-aux/run as the README tells a person to try it headless: on an X
display with no D-Bus session (what xvfb-run gives). It must not wait
behind a keyring prompt nobody sees: it says that it uses a throwaway
keyring, and Tessera shows the demo account's list. And LANGUAGE=de shows
the build tree's German (the locale is C here, as on a bare machine).
"""

import os
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tessera_e2e as e2e  # noqa: E402

SOURCE_ROOT = os.environ.get("TESSERA_SOURCE_ROOT",
                             os.path.dirname(os.path.dirname(os.path.dirname(
                                 os.path.abspath(__file__)))))
RUN = os.path.join(SOURCE_ROOT, "build-aux", "run")


def start_run(state_home):
    env = dict(os.environ)
    # A headless run: a display, and no session bus at all.
    for name in ("DBUS_SESSION_BUS_ADDRESS", "GNOME_KEYRING_CONTROL", "NO_AT_BRIDGE"):
        env.pop(name, None)
    env.update({
        "TESSERA_RUN_NO_BUILD": "1",
        "TESSERA_BUILDDIR": e2e.BUILD_ROOT,
        "XDG_STATE_HOME": state_home,
        "GTK_A11Y": "atspi",
        "LANG": "C",
        "LANGUAGE": "de",
    })
    env.pop("LC_ALL", None)
    return subprocess.Popen([RUN], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def without_schema(tap):
    """From a build tree with no settings schema installed: --version and
    --help need none, and what does need one says what is missing."""
    env = dict(os.environ)
    env.pop("GSETTINGS_SCHEMA_DIR", None)
    env["XDG_DATA_DIRS"] = "/nonexistent"
    for option in ("--version", "--help"):
        run = subprocess.run([e2e.TESSERA, option], env=env, capture_output=True, text=True,
                             timeout=30)
        tap.ok(run.returncode == 0 and run.stdout.strip() != "",
               f"without the schema, tessera {option} works ({run.returncode})")
    run = subprocess.run([e2e.TESSERA, "--server=http://127.0.0.1:9"], env=env,
                         capture_output=True, text=True, timeout=30)
    tap.ok(run.returncode == 1 and "settings schema" in run.stderr and "meson devenv" in run.stderr,
           f"the rest says what is missing, no trap ({run.returncode}: {run.stderr.strip()[:80]})")


def main(tap):
    without_schema(tap)
    state_home = tempfile.mkdtemp(prefix="tessera-run-state-")
    e2e.wait_for_a11y_registry()
    run = start_run(state_home)
    try:
        app = e2e.find_app(timeout=60)
        window = e2e.find_window(app, "Tessera", timeout=30)
        label = e2e.wait_for(
            lambda: next((n.name for n in e2e.find_all(window, role="label")
                          if n.name.endswith(" von 50 Token")), None),
            45, "the German token count")
        tap.ok(label == "14 von 50 Token",
               f"headless, Tessera signs in and lists the demo tokens, in German ({label!r})")
        tap.ok(e2e.find_all(window, "Persönliche Zugriffstoken", "list") != [],
               "the list is named in German too")
        e2e.screenshot("run-01-headless-german")
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGTERM)
        try:
            _, err = run.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
            _, err = run.communicate()
    tap.ok("throwaway" in err and "keyring" in err,
           "the script says that the run gets a throwaway keyring")
    tap.ok("choose a password" not in err.lower(), "no keyring prompt was asked for")
    print("# " + err.replace("\n", "\n# "), flush=True)


e2e.Tap().run(main)
