# flatpak_e2e.py — helpers to drive the sandboxed Tessera
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What tests/e2e/tessera_e2e.py does for the binary in the build tree, for the
app installed from the Flatpak: start it with `flatpak run`, stop it, own
the session's xdg-desktop-portal (with or without its Secret backend), and
look at what the sandbox leaves in the app's data directory.

build-aux/flatpak-check sets HOME and FLATPAK_USER_DIR to a throwaway
installation before this runs; nothing here touches a real home.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))

import tessera_e2e as e2e  # noqa: E402  (configures dogtail first)

from gi.repository import Gio, GLib  # noqa: E402

APP_ID = "app.tessera.Tessera"
PORTAL_BUS_NAME = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
SECRET_PORTAL = "org.freedesktop.portal.Secret"
KEYRING_PORTAL_FILE = "/usr/share/xdg-desktop-portal/portals/gnome-keyring.portal"
# How libsecret's keyring file (the file backend's) starts.
KEYRING_MAGIC = b"GnomeKeyring\n\r\0\n"
LOGDIR = os.environ.get("TESSERA_FLATPAK_LOGDIR", os.path.join(e2e.BUILD_ROOT, "flatpak-check"))
# What the tests' session bus, and every service it starts by activation
# (the app too, when the search starts it), print: build-aux/flatpak-check.
BUS_LOG = os.path.join(LOGDIR, "session-bus.log")

# Variables of the test session that must not reach the sandbox: the
# schema dir and backend point at the build tree (the app has its own
# schema in /app, and its settings file under ~/.var/app).
NOT_FOR_THE_SANDBOX = ("NO_AT_BRIDGE", "GSETTINGS_SCHEMA_DIR", "GSETTINGS_BACKEND", "G_DEBUG",
                       "MALLOC_CHECK_")


def bus():
    return Gio.bus_get_sync(Gio.BusType.SESSION, None)


def _call(name, path, interface, method, args=None, reply="()", timeout=5000):
    return bus().call_sync(name, path, interface, method, args, GLib.VariantType(reply),
                           Gio.DBusCallFlags.NO_AUTO_START, timeout, None).unpack()


def activatable_names():
    """The names the session bus can start by D-Bus activation."""
    return _call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                 "ListActivatableNames", None, "(as)")[0]


def name_owner_pid(name):
    """The pid of the process that owns name on the session bus, or None."""
    try:
        owner = _call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                      "GetNameOwner", GLib.Variant("(s)", (name,)), "(s)")[0]
        return _call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                     "GetConnectionUnixProcessID", GLib.Variant("(s)", (owner,)), "(u)")[0]
    except GLib.Error:
        return None


def sandbox_of(pid):
    """The app id in the /.flatpak-info of the sandbox pid runs in (portals
    tell a sandboxed caller's app by it), or None outside any sandbox."""
    try:
        with open(f"/proc/{pid}/root/.flatpak-info", encoding="utf-8") as f:
            for line in f:
                if line.startswith("name="):
                    return line.strip().partition("=")[2]
    except OSError:
        pass
    return None


def secret_portal_version():
    """The Secret portal's version as xdg-desktop-portal serves it, or None
    when no Secret portal answers. libsecret asks the same before it picks
    its file backend in a sandbox."""
    try:
        value = _call(PORTAL_BUS_NAME, PORTAL_PATH, "org.freedesktop.DBus.Properties", "Get",
                      GLib.Variant("(ss)", (SECRET_PORTAL, "version")), "(v)")[0]
        return int(value)
    except GLib.Error:
        return None


def login_collection():
    """(exists, locked) for the session keyring's login collection: the
    Secret portal's backend in gnome-keyring keeps each app's key there."""
    try:
        path = _call("org.freedesktop.secrets", "/org/freedesktop/secrets",
                     "org.freedesktop.Secret.Service", "ReadAlias",
                     GLib.Variant("(s)", ("login",)), "(o)")[0]
    except GLib.Error:
        return False, None
    if path == "/":
        return False, None
    locked = _call("org.freedesktop.secrets", path, "org.freedesktop.DBus.Properties", "Get",
                   GLib.Variant("(ss)", ("org.freedesktop.Secret.Collection", "Locked")), "(v)")[0]
    return True, bool(locked)


class Portal:
    """xdg-desktop-portal on the session bus, started by us (replacing any
    other) with only the backends we choose: gnome-keyring's Secret backend,
    or none at all. Stopped with stop()."""

    def __init__(self, secret=True):
        self.dir = tempfile.mkdtemp(prefix="tessera-portals.")
        if secret:
            shutil.copy(KEYRING_PORTAL_FILE, self.dir)
        env = dict(os.environ)
        env["XDG_DESKTOP_PORTAL_DIR"] = self.dir
        # gnome-keyring.portal says UseIn=gnome.
        env["XDG_CURRENT_DESKTOP"] = "GNOME"
        self.log = open(os.path.join(LOGDIR, "xdg-desktop-portal.log"), "ab")
        self.process = subprocess.Popen(
            [os.environ.get("TESSERA_FLATPAK_PORTAL", "/usr/libexec/xdg-desktop-portal"),
             "--replace"],
            env=env, stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        e2e.wait_for(lambda: name_owner_pid(PORTAL_BUS_NAME) == self.process.pid
                     or self.process.poll() is not None,
                     20, "xdg-desktop-portal to own its name")
        if self.process.poll() is not None:
            raise RuntimeError(f"xdg-desktop-portal exited with {self.process.returncode}")

    def stop(self):
        e2e.stop(self.process)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class PortalMonitor:
    """Records the Secret portal's method calls on the session bus with
    dbus-monitor: the sandboxed app's org.freedesktop.portal.Secret calls
    and xdg-desktop-portal's calls to its backend. (The secret itself goes
    through a pipe, never over the bus.)"""

    def __init__(self, name):
        self.path = os.path.join(LOGDIR, f"portal-calls-{name}.log")
        self.process = subprocess.Popen(
            ["dbus-monitor", "--session",
             f"type='method_call',interface='{SECRET_PORTAL}'",
             "type='method_call',interface='org.freedesktop.impl.portal.Secret'"],
            stdout=open(self.path, "w"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        time.sleep(0.5)

    def calls(self):
        """[(interface, member, first string argument or None)] so far."""
        calls = []
        with open(self.path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
        for i, line in enumerate(lines):
            if not line.startswith("method call"):
                continue
            fields = dict(part.split("=", 1) for part in line.replace(";", " ").split()
                          if "=" in part)
            first = None
            for arg in lines[i + 1:i + 4]:
                arg = arg.strip()
                if arg.startswith("string "):
                    first = arg[len("string "):].strip('"')
                    break
            calls.append((fields.get("interface"), fields.get("member"), first))
        return calls

    def stop(self):
        e2e.stop(self.process)


def flatpak(*args, timeout=60, env=None):
    """Runs `flatpak ARGS` (the throwaway user installation); a CompletedProcess."""
    return subprocess.run(["flatpak", *args], capture_output=True, text=True, timeout=timeout,
                          env=env)


def sandbox_env(home=None, extra=None):
    env = dict(os.environ)
    for name in NOT_FOR_THE_SANDBOX:
        env.pop(name, None)
    env["GTK_A11Y"] = "atspi"
    if home is not None:
        env["HOME"] = home
    if extra:
        env.update(extra)
    return env


def cli(name, *args, home=None):
    """`flatpak run app.tessera.Tessera ARGS`, the command line, with no
    display at all (DISPLAY and WAYLAND_DISPLAY unset): a CompletedProcess.
    Its stdout may hold a secret: it is returned, never written anywhere;
    its stderr is also kept in LOGDIR/cli-NAME.log."""
    env = sandbox_env(home)
    for variable in ("DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(variable, None)
    run = subprocess.run(["flatpak", "run", APP_ID, *args], stdin=subprocess.DEVNULL,
                         capture_output=True, text=True, timeout=90, env=env)
    with open(os.path.join(LOGDIR, f"cli-{name}.log"), "w", encoding="utf-8") as f:
        f.write(run.stderr)
    return run


def app_data(home=None):
    """~/.var/app/app.tessera.Tessera of the given (throwaway) home."""
    return os.path.join(home or os.environ["HOME"], ".var", "app", APP_ID)


def keyring_file(home=None):
    """Where libsecret's file backend keeps the sandboxed app's items."""
    return os.path.join(app_data(home), "data", "keyrings", "default.keyring")


def files_holding(root, *needles):
    """The files under root whose bytes contain any of needles."""
    found = []
    needles = [n.encode() for n in needles if n]
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError:
                continue
            if any(n in data for n in needles):
                found.append(path)
    return found


_started = []


class Sandboxed:
    """One run of the sandboxed app: `flatpak run app.tessera.Tessera ARGS`,
    its output in a log file under LOGDIR, found on the accessibility bus
    (through the sandbox's a11y bus proxy)."""

    def __init__(self, name, *args, stdin_data=None, home=None, env=None):
        e2e.wait_for_a11y_registry()
        wait_until_gone()
        self.log_path = os.path.join(LOGDIR, f"app-{name}.log")
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            ["flatpak", "run", APP_ID, *args],
            stdin=subprocess.PIPE if stdin_data is not None else subprocess.DEVNULL,
            stdout=self.log, stderr=subprocess.STDOUT, env=sandbox_env(home, env))
        _started.append(self)
        if stdin_data is not None:
            self.process.stdin.write(stdin_data.encode())
            self.process.stdin.close()
        self.app = e2e.find_app(timeout=40)
        self.window = e2e.find_window(self.app, "Tessera")

    def quit(self):
        """Ctrl+Q, as a person would (app.quit); kills it if that fails."""
        if self.process.poll() is None:
            try:
                e2e.point_at(self.window)
                e2e.key_combo("<Control>q")
                self.process.wait(timeout=15)
            except Exception:  # noqa: BLE001 - fall back to killing it
                self.kill()
        self.log.close()
        wait_until_gone()
        return self.process.returncode

    def output(self):
        with open(self.log_path, "rb") as f:
            return f.read()

    def kill(self):
        """Ends the sandbox for good. A signal to `flatpak run` alone does not
        reach the app: the sandbox's processes live on without it."""
        flatpak("kill", APP_ID)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def stop_all():
    """Kills whatever sandbox of the app a failed step left running."""
    for run in _started:
        if run.process.poll() is None:
            run.kill()
        if not run.log.closed:
            run.log.close()
    if running_instances():
        flatpak("kill", APP_ID)


def running_instances():
    """The app's sandboxes that `flatpak ps` lists and that still run (a
    sandbox's first process can linger as a zombie nobody reaps, which
    flatpak still counts)."""
    ps = flatpak("ps", "--columns=pid,application")
    running = []
    for line in ps.stdout.splitlines():
        fields = line.split()
        if len(fields) != 2 or fields[1] != APP_ID:
            continue
        try:
            with open(f"/proc/{fields[0]}/stat", encoding="utf-8") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z":
            running.append(fields[0])
    return running


def wait_until_gone(timeout=20):
    """Waits until no sandbox of the app runs and no tessera is on the
    accessibility bus, so the next start cannot be mistaken for the last."""
    def gone():
        if running_instances():
            return False
        for app in e2e.dogtail.tree.root.children:
            try:
                if app.name == "tessera":
                    return False
            except Exception:  # noqa: BLE001 - just left the bus
                continue
        return True
    e2e.wait_for(gone, timeout, "the last sandboxed tessera to go")


def screenshot(name):
    """The whole Xvfb screen, in LOGDIR/screenshots/NAME.png."""
    outdir = os.path.join(LOGDIR, "screenshots")
    os.makedirs(outdir, exist_ok=True)
    path = os.path.join(outdir, name + ".png")
    subprocess.run(["import", "-window", "root", path], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return path


def installed_metadata():
    """The installed app's metadata file (its permissions), as text."""
    info = flatpak("info", "--show-metadata", APP_ID)
    return info.stdout if info.returncode == 0 else ""


def installation_exports():
    """share/ of what the throwaway installation exports to the desktop:
    what a session finds through XDG_DATA_DIRS (as flatpak's profile.d
    script sets it) and the tests' session bus reads services from."""
    return os.path.join(os.environ["FLATPAK_USER_DIR"], "exports", "share")


def exported_files():
    """Every file the installed app exports to the host (desktop file,
    icons, D-Bus services, search providers…), relative to export/."""
    location = flatpak("info", "--show-location", APP_ID).stdout.strip()
    export = os.path.join(location, "export")
    found = []
    for folder, _, names in os.walk(export):
        for name in names:
            found.append(os.path.relpath(os.path.join(folder, name), export))
    return sorted(found)
