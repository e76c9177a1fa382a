#!/usr/bin/python3
# test_notifications.py — expiry notifications of the real binary, as a
# notification server records them
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real tessera binary against tessera-api-server's demo account, with
tests/desktop's notification server on the session bus:

- at start, one notification for the two tokens inside the 7-day window;
- a token made to enter the window seconds later: "Token “ci deploy”
  expires in 7 days", the account in the body, buttons Rotate… and Open;
- "Open" clicked (ActionInvoked, as the Shell sends it): the window at that
  row, focused;
- quit, start again on the same state folder: nothing told twice, and a
  new token's moment is.

What the server received is rendered to e2e-screenshots/notif-*.png (there
is no Shell here to draw it), beside screenshots of the window."""

import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import desktop_e2e as desk  # noqa: E402
import tessera_e2e as e2e  # noqa: E402


def expiring(server, note, seconds):
    when = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)
    status, answer = server.request("POST", "/api/v1/user/access_tokens",
                                    body={"notes": note, "expire": when.strftime("%Y-%m-%dT%H:%M:%SZ")},
                                    token=server.token)
    if status != 200:
        raise RuntimeError(f"creating {note!r} answered {status}")
    return answer["payload"]["id"]


def describe(notification):
    buttons = ", ".join(a["label"] for a in notification["actions"] if a["label"])
    return f"{notification['summary']!r} / {notification['body']!r} / [{buttons}]"


def main(tap):
    tap.ok(e2e.clear_keyring(), "the keyring holds nothing of Tessera's yet")
    server = e2e.ApiServer("--seed-demo")
    desktop = desk.Desktop("--notifications")
    home = desk.Home()
    host = server.url.split("://", 1)[1]
    proc = None
    try:
        proc, app = e2e.start("--server=" + server.url, "--with-token",
                              stdin_data=server.token + "\n", env=home.env())
        window = e2e.find_window(app, "Tessera")

        group = desk.wait_notification(desktop, lambda n: True, what="the first notification")
        print(f"# recorded: {describe(group)}", flush=True)
        tap.ok(group["summary"] == "2 tokens expire this week"
               and group["body"] == ("“terraform” in 3 days · demo@tessera.app\n"
                                     "“temporary debugging” in 5 days · demo@tessera.app")
               and [a["label"] for a in group["actions"]] == ["", "Open"]
               and group["app_name"] == "Tessera"
               and group["hints"].get("desktop-entry") == "app.tessera.Tessera",
               "at start: one notification for the two tokens inside the 7-day window")
        desk.render_notification(group, "notif-01-start-up")

        # A token that enters the window a few seconds from now; F5 lists it.
        ci_id = expiring(server, "ci deploy", 7 * 86400 + 4)
        e2e.point_at(window)
        e2e.key("F5")
        single = desk.wait_notification(desktop, lambda n: "ci deploy" in n["summary"], after=1,
                                        what="the ci deploy notification")
        print(f"# recorded: {describe(single)}", flush=True)
        tap.ok(single["summary"] == "Token “ci deploy” expires in 7 days",
               f"its own notification: {single['summary']!r}")
        tap.ok(single["body"].startswith(f"demo@tessera.app — {host}\nIt stops working on "),
               "the account (and the day it stops working) in the body")
        keys = {a["label"]: a["key"] for a in single["actions"]}
        tap.ok(keys.get("Rotate…") == f"app.rotate-token(('{server.url}', 'demo@tessera.app', '{ci_id}'))"
               and keys.get("Open") == f"app.open-token(('{server.url}', 'demo@tessera.app', '{ci_id}'))",
               "buttons Rotate… and Open, for that token of that account")
        desk.render_notification(single, "notif-02-ci-deploy")

        # Open, as the Shell reports a click on it: the row, focused.
        desktop.invoke(single, "Open")
        row = e2e.wait_for(lambda: next((r for r in e2e.find_all(window, "ci deploy", showing=False)
                                         if r.roleName != "label" and r.focused), None),
                           15, "the ci deploy row to have the focus")
        tap.ok(row is not None, "Open lands on the token's row, focused (and highlighted)")
        e2e.screenshot("notif-03-open")

        n_first = len(desktop.notifications())
        tap.ok(n_first == 2, f"two notifications in all, each once ({n_first})")
        e2e.point_at(window)
        e2e.key_combo("<Control>q")
        tap.ok(desk.wait_exit(proc) == 0, "Ctrl+Q quits")
        proc = None

        # Again, on the same state folder, the account restored from the
        # keyring; one more token will enter the window meanwhile.
        later_id = expiring(server, "made later", 7 * 86400 + 6)
        proc, app = e2e.start("--server=" + server.url, env=home.env())
        later = desk.wait_notification(desktop, lambda n: "made later" in n["summary"], after=n_first,
                                       what="the made later notification")
        print(f"# recorded after the restart: {describe(later)}", flush=True)
        again = desktop.notifications()[n_first:]
        tap.ok(len(again) == 1 and again[0]["summary"] == "Token “made later” expires in 7 days"
               and later_id in again[0]["actions"][-1]["key"],
               "after a restart nothing is told twice; a new token's moment is")
    finally:
        if proc is not None:
            e2e.stop(proc)
        desktop.stop()
        server.stop()


e2e.Tap().run(main)
