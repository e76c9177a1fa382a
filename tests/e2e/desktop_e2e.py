# desktop_e2e.py — what the notification and background e2e tests share:
# tests/desktop's recording notification server and Background portal, a
# session bus of one's own, and settings a test can change under a
# running Tessera
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers around tessera-test-desktop (tests/desktop/), which owns
org.freedesktop.Notifications and, with --portal, the Background portal,
and records each call; its app.tessera.TestDesktop interface gives the
records and clicks a notification's buttons (ActionInvoked)."""

import json
import os
import re
import subprocess
import tempfile

import tessera_e2e as e2e

DESKTOP = os.path.join(e2e.BUILD_ROOT, "tests", "desktop", "tessera-test-desktop")

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir={tmp}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class Bus:
    """A session bus of its own, with nothing to activate on it (no
    keyring, no xdg-desktop-portal): only what the test starts there."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="tessera-bus-")
        config = os.path.join(self.dir, "bus.conf")
        with open(config, "w") as out:
            out.write(BUS_CONFIG.format(tmp=self.dir))
        self.process = subprocess.Popen(
            ["dbus-daemon", "--config-file=" + config, "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.address = self.process.stdout.readline().strip()
        if not self.address:
            raise RuntimeError("dbus-daemon did not start")

    def stop(self):
        e2e.stop(self.process)


def _bus_env(address):
    env = dict(os.environ)
    if address is not None:
        env["DBUS_SESSION_BUS_ADDRESS"] = address
    return env


class Desktop:
    """tessera-test-desktop with these options, on the bus at address (None:
    this session's)."""

    def __init__(self, *options, address=None):
        self.address = address
        self.record = tempfile.NamedTemporaryFile(prefix="tessera-desktop-", suffix=".jsonl",
                                                  delete=False).name
        self.process = subprocess.Popen([DESKTOP, "--record", self.record, *options],
                                        stdout=subprocess.PIPE, env=_bus_env(address), text=True)
        line = self.process.stdout.readline().strip()
        if line != "ready":
            raise RuntimeError(f"tessera-test-desktop said {line!r}")

    def records(self, kind=None):
        """What it was sent, in order (read from its record file)."""
        with open(self.record) as lines:
            found = [json.loads(line) for line in lines if line.strip()]
        return [r for r in found if kind is None or r.get("kind") == kind]

    def notifications(self):
        return self.records("notify")

    def invoke(self, notification, label):
        """Clicks the button labelled label, as the Shell reports it."""
        key = next(a["key"] for a in notification["actions"] if a["label"] == label)
        subprocess.run(["gdbus", "call", "--session", "--dest", "app.tessera.TestDesktop",
                        "--object-path", "/app/tessera/TestDesktop",
                        "--method", "app.tessera.TestDesktop.Invoke",
                        str(notification["id"]), key],
                       env=_bus_env(self.address), check=True, stdout=subprocess.DEVNULL,
                       timeout=10)

    def stop(self):
        e2e.stop(self.process)
        os.unlink(self.record)


def wait_notification(desktop, pred, after=0, timeout=40, what="a notification"):
    """The first notification recorded after the first `after` ones that
    pred accepts."""
    return e2e.wait_for(lambda: next((n for n in desktop.notifications()[after:] if pred(n)), None),
                        timeout, what)


class Home:
    """A throwaway config and state folder for one Tessera, with its
    settings in a keyfile (GSETTINGS_BACKEND=keyfile) that the test may
    change while it runs: the keyfile backend watches the file."""

    def __init__(self, **settings):
        self.dir = tempfile.mkdtemp(prefix="tessera-home-")
        self.config = os.path.join(self.dir, "config")
        self.state = os.path.join(self.dir, "state")
        os.makedirs(os.path.join(self.config, "glib-2.0", "settings"))
        os.makedirs(self.state)
        self.settings = {}
        self.set(**settings)

    def set(self, **settings):
        self.settings.update(settings)
        path = os.path.join(self.config, "glib-2.0", "settings", "keyfile")
        lines = ["[app/tessera/Tessera]"]
        for key, value in self.settings.items():
            if isinstance(value, bool):
                value = "true" if value else "false"
            lines.append(f"{key.replace('_', '-')}={value}")
        with open(path + ".new", "w") as out:
            out.write("\n".join(lines) + "\n")
        os.replace(path + ".new", path)

    def env(self, address=None):
        env = {"XDG_CONFIG_HOME": self.config, "XDG_STATE_HOME": self.state,
               "GSETTINGS_BACKEND": "keyfile"}
        if address is not None:
            env["DBUS_SESSION_BUS_ADDRESS"] = address
        return env

    def autostart(self):
        """The XDG autostart entry Tessera wrote, as text, or None."""
        path = os.path.join(self.config, "autostart", "app.tessera.Tessera.desktop")
        try:
            with open(path) as entry:
                return entry.read()
        except FileNotFoundError:
            return None


def app_answers(address):
    """Whether a Tessera owns its name on that bus and answers there (then
    its start-up, command line included, is done)."""
    run = subprocess.run(["gdbus", "call", "--session", "--dest", "app.tessera.Tessera",
                          "--object-path", "/app/tessera/Tessera",
                          "--method", "org.gtk.Actions.List"],
                         env=_bus_env(address), capture_output=True, text=True, timeout=10)
    return run.returncode == 0


def activate_app_action(address, name):
    subprocess.run(["gdbus", "call", "--session", "--dest", "app.tessera.Tessera",
                    "--object-path", "/app/tessera/Tessera",
                    "--method", "org.gtk.Actions.Activate", name, "[]", "{}"],
                   env=_bus_env(address), check=True, stdout=subprocess.DEVNULL, timeout=10)


def x_windows(title="Tessera"):
    """How many top-level X windows with this title are on screen (not
    GDK's 1×1 leader window off screen, which carries the app's name)."""
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True,
                          check=True).stdout
    n = 0
    for line in tree.splitlines():
        match = re.search(r'"(.*)": \(.*\)\s+(\d+)x(\d+)\+(-?\d+)\+(-?\d+)', line)
        if match and match.group(1) == title and int(match.group(2)) > 1 and int(match.group(3)) > 1 \
                and int(match.group(4)) >= 0:
            n += 1
    return n


def render_notification(notification, name):
    """A picture of what the notification server received (there is no
    Shell here to draw it): its title, body and buttons, saved beside the
    e2e screenshots."""
    outdir = os.path.join(e2e.BUILD_ROOT, "e2e-screenshots")
    os.makedirs(outdir, exist_ok=True)
    path = os.path.join(outdir, name + ".png")
    buttons = "   ".join(f"[ {a['label']} ]" for a in notification["actions"] if a["label"])
    text = "\n".join([notification["summary"], "", notification["body"], "", buttons,
                      "", f"app: {notification['app_name']}   "
                          f"desktop-entry: {notification['hints'].get('desktop-entry')}"])
    subprocess.run(["convert", "-size", "760x", "-background", "#fafafa", "-fill", "#222222",
                    "-font", "DejaVu-Sans", "-pointsize", "17", "-bordercolor", "#fafafa",
                    "-border", "24", "caption:" + text, path],
                   check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return path


def wait_exit(process, timeout=20):
    """The exit status once process ends, or None if it does not in time."""
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        return None

