#!/usr/bin/python3
# test_background.py — Run in Background with the real binary
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real tessera binary, each run on a session bus of its own (only the
test's notification server and, where said, its Background portal on it)
with its settings in a keyfile:

- Run in Background on: closing the window leaves Tessera running (a second
  `tessera` brings a window back in the same process); Quit from the main
  menu ends it; with no portal answering, the XDG autostart entry says
  `tessera --background`.
- Off: closing the window ends Tessera.
- `tessera --background` starts without a window; with the setting off it
  does not stay.
- A Background portal that grants autostart is asked (and an entry of
  Tessera's own, left from before, goes); one that does not, as xdg-desktop-portal 1.16 answers an
  unsandboxed app, is asked and the entry is written; turned off, the entry
  goes, the portal is told, and a windowless Tessera ends.
"""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import desktop_e2e as desk  # noqa: E402
import tessera_e2e as e2e  # noqa: E402

SERVER = "--server=http://127.0.0.1:9"


def close_window(window):
    """The header bar's Close button, as a person clicks it."""
    e2e.press(e2e.find(window, "Close", "push button", timeout=10))


def open_menu(window):
    e2e.point_at(window)
    e2e.key("F10")
    return e2e.find(window, "GtkPopoverMenu", "menu", timeout=10)


def stays_when_on(tap):
    bus = desk.Bus()
    desktop = desk.Desktop("--notifications", address=bus.address)
    home = desk.Home(run_in_background=True)
    proc = None
    try:
        proc, app = e2e.start(SERVER, env=home.env(bus.address))
        window = e2e.find_window(app, "Tessera")
        entry = e2e.wait_for(home.autostart, 15, "the autostart entry")
        tap.ok("\nExec=tessera --background\n" in entry and "Type=Application" in entry
               and "X-GNOME-Autostart-enabled=true" in entry,
               "no portal on the bus: the XDG autostart entry starts `tessera --background`")
        print("# " + entry.replace("\n", "\n# "), flush=True)

        close_window(window)
        e2e.wait_for(lambda: not e2e.windows(app), 10, "the window to close")
        tap.ok(desk.app_answers(bus.address) and proc.poll() is None,
               "with Run in Background on, closing the window leaves Tessera running")

        # A second start finds it there: its window comes back in the same process.
        second = e2e.launch(SERVER, env=home.env(bus.address))
        tap.ok(desk.wait_exit(second) == 0, "a second `tessera` hands over and ends")
        e2e.wait_for(lambda: desk.x_windows() == 1, 20, "a window titled Tessera")
        # (Any role: a window opened later on the sign-in page grabs the
        # focus before it is shown, and GTK 4.8 then calls it a "filler".)
        window = e2e.wait_for(lambda: next((c for c in e2e.find_app().children if c.name == "Tessera"), None),
                              20, "the window on the accessibility bus")
        tap.ok(proc.poll() is None, "the window comes back in the Tessera that kept running")

        menu = open_menu(window)
        quit_item = e2e.find(menu, "Quit", "menu item", timeout=10)
        e2e.screenshot("bg-01-quit-in-menu")
        e2e.press(quit_item)
        tap.ok(desk.wait_exit(proc) == 0, "Quit from the main menu ends it")
    finally:
        if proc is not None:
            e2e.stop(proc)
        desktop.stop()
        bus.stop()


def ends_when_off(tap):
    bus = desk.Bus()
    desktop = desk.Desktop("--notifications", address=bus.address)
    home = desk.Home(run_in_background=False)
    proc = None
    try:
        proc, app = e2e.start(SERVER, env=home.env(bus.address))
        window = e2e.find_window(app, "Tessera")
        close_window(window)
        tap.ok(desk.wait_exit(proc) == 0, "with Run in Background off, closing the window ends Tessera")
        tap.ok(home.autostart() is None, "and it leaves no autostart entry")
    finally:
        if proc is not None:
            e2e.stop(proc)
        desktop.stop()
        bus.stop()


def starts_in_background(tap):
    bus = desk.Bus()
    desktop = desk.Desktop("--notifications", address=bus.address)
    home = desk.Home(run_in_background=True)
    proc = None
    try:
        before = desk.x_windows()
        proc = e2e.launch("--background", env=home.env(bus.address))
        # Once it answers on the bus its command line has run.
        e2e.wait_for(lambda: desk.app_answers(bus.address), 20, "tessera --background on the bus")
        tap.ok(desk.x_windows() == before and proc.poll() is None,
               "`tessera --background` runs without a window")

        desk.activate_app_action(bus.address, "quit")
        tap.ok(desk.wait_exit(proc) == 0, "app.quit (what the menu's Quit does) ends it")
        proc = None

        home.set(run_in_background=False)
        off = subprocess.run([e2e.TESSERA, "--background"], env={**os.environ, **home.env(bus.address)},
                             capture_output=True, text=True, timeout=60)
        tap.ok(off.returncode == 0 and "Run in Background is off" in off.stderr,
               "with the setting off, `tessera --background` says so and does not stay")
    finally:
        if proc is not None:
            e2e.stop(proc)
        desktop.stop()
        bus.stop()


def portal(tap, grants):
    bus = desk.Bus()
    desktop = desk.Desktop("--notifications", "--portal",
                           "--portal-autostart=" + ("yes" if grants else "no"), address=bus.address)
    home = desk.Home(run_in_background=True)
    proc = None
    which = "a portal that grants autostart" if grants else "a portal that does not autostart this app"
    try:
        if grants:
            # Left by an earlier start that found no portal.
            os.makedirs(os.path.join(home.config, "autostart"))
            with open(os.path.join(home.config, "autostart", "app.tessera.Tessera.desktop"), "w") as old:
                old.write("[Desktop Entry]\nType=Application\nName=Tessera\nExec=tessera --background\n")
        proc = e2e.launch("--background", env=home.env(bus.address))
        request = e2e.wait_for(lambda: desktop.records("request-background"), 20,
                               "the Background portal's request")[0]
        print(f"# portal request: {request}", flush=True)
        tap.ok(request["autostart"] is True and request["commandline"] == ["tessera", "--background"]
               and request["reason"] != "" and request["dbus-activatable"] is False,
               f"{which}: asked for autostart of `tessera --background`, with a reason")
        if grants:
            e2e.wait_for(lambda: home.autostart() is None, 20, "the old autostart entry to go")
            tap.ok(True, f"{which}: the portal's entry does it, Tessera's own goes")
        else:
            entry = e2e.wait_for(home.autostart, 15, "the autostart entry")
            tap.ok("Exec=tessera --background" in entry,
                   f"{which}: Tessera writes its XDG autostart entry itself")

            home.set(run_in_background=False)
            tap.ok(desk.wait_exit(proc) == 0,
                   "turned off with no window open, Tessera lets go and ends")
            proc = None
            tap.ok(home.autostart() is None, "and its autostart entry is gone")
            requests = desktop.records("request-background")
            tap.ok(len(requests) == 2 and requests[1]["autostart"] is False,
                   "and the portal was told to take the start at login back")
    finally:
        if proc is not None:
            e2e.stop(proc)
        desktop.stop()
        bus.stop()


def main(tap):
    stays_when_on(tap)
    ends_when_off(tap)
    starts_in_background(tap)
    portal(tap, grants=True)
    portal(tap, grants=False)


e2e.Tap().run(main)
