# tessera_e2e.py — shared helpers for Tessera's AT-SPI end-to-end tests
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start the real tessera binary and find it through AT-SPI, as a person would.

dogtail is configured before dogtail.tree is imported: by default it exits
when the desktop's accessibility setting is off (as in a bare session) and
replaces the exception hook.
"""

import os
import subprocess
import sys
import time

from dogtail.config import config

config.checkForA11y = False
config.searchShowingOnly = False
config.childrenLimit = 1000
config.logDebugToFile = False
config.logDebugToStdOut = False
config.searchBackoffDuration = 0.2
config.searchCutoffCount = 25
config.actionDelay = 0.2

import dogtail.tree  # noqa: E402  (must come after config)

BUILD_ROOT = os.environ.get("TESSERA_BUILD_ROOT", os.getcwd())
TESSERA = os.path.join(BUILD_ROOT, "src", "tessera")


class Tap:
    """A tiny TAP writer so meson counts each step."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name):
        self.n += 1
        if cond:
            print(f"ok {self.n} - {name}", flush=True)
        else:
            self.failed += 1
            print(f"not ok {self.n} - {name}", flush=True)
        return cond

    def done(self):
        print(f"1..{self.n}", flush=True)
        sys.exit(1 if self.failed else 0)

    def run(self, body):
        """Runs body(tap); an exception is a failed step with its traceback."""
        import traceback
        try:
            body(self)
        except Exception:  # noqa: BLE001 - report whatever broke the run
            traceback.print_exc()
            self.ok(False, "the test ran to its end")
        self.done()


def launch(*args, stdin=None, env=None):
    """Start tessera; returns the Popen."""
    full_env = dict(os.environ)
    full_env["GTK_A11Y"] = "atspi"
    full_env.pop("NO_AT_BRIDGE", None)
    if env:
        full_env.update(env)
    return subprocess.Popen(
        [TESSERA, *args],
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        env=full_env,
    )


def find_app(name="tessera", timeout=30):
    """The application's accessible, once it shows up on the AT-SPI bus."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for app in dogtail.tree.root.children:
            try:
                if app.name == name:
                    return app
            except Exception:  # an app that just left the bus
                continue
        time.sleep(0.2)
    raise TimeoutError(f"{name} did not appear on the accessibility bus")


def find_window(app, title, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for child in app.children:
            if child.roleName in ("frame", "window", "dialog") and child.name == title:
                return child
        time.sleep(0.2)
    raise TimeoutError(f"no window titled {title!r}")


def screenshot(name):
    """Saves the whole Xvfb screen under the build dir's e2e-screenshots/."""
    outdir = os.path.join(BUILD_ROOT, "e2e-screenshots")
    os.makedirs(outdir, exist_ok=True)
    path = os.path.join(outdir, name + ".png")
    subprocess.run(["import", "-window", "root", path], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return path


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
