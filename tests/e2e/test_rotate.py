#!/usr/bin/python3
# test_rotate.py — Rotate a row through AT-SPI, as a person would
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real tessera binary against tessera-api-server: "Rotate…" from the
More Actions menu of "staging smoke tests" (made 30 days ago to expire in
30: a lifetime of 60 days), its dialog, the secret shown once, Save in
keyring, "Delete Old Token…" and its confirmation.  Then the old token is
gone from the server, the new one has the same note and 60 days to live,
and its secret is in the keyring.  A screenshot of each step goes to the
build dir's e2e-screenshots/ (rot-*.png)."""

import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tessera_e2e as e2e  # noqa: E402

NOTE = "staging smoke tests"


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def token_by_note(server, note):
    return next((t for t in server.list_tokens() if t.get("notes") == note), None)


def message_dialog(app, heading, timeout=10):
    return e2e.find_window_where(app, lambda w: e2e.find_all(w, heading, "label") != [], timeout,
                                 f"a dialog headed {heading!r}")


def main(tap):
    tap.ok(e2e.clear_keyring(), "the keyring holds nothing of Tessera's yet")
    server = e2e.ApiServer("--seed-demo")
    proc = None
    try:
        old = token_by_note(server, NOTE)
        old_span = parse_time(old["expire"]) - parse_time(old["created_at"])
        tap.ok(round(old_span.total_seconds() / 86400) == 60,
               f"the old token lives 60 days ({old_span})")

        proc, app = e2e.start("--server=" + server.url, "--with-token", stdin_data=server.token + "\n")
        window = e2e.find_window(app, "Tessera")
        more = e2e.find(window, f"More actions for token “{NOTE}”", timeout=30)
        e2e.screenshot("rot-01-list")

        # The row's More Actions menu: a click opens it, its items take the
        # AT-SPI press.
        e2e.point_at(more)
        e2e.click_at(more)
        item = e2e.find(window, "Rotate…", "menu item", timeout=10)
        tap.ok(item is not None, "the row's More Actions menu offers Rotate…")
        e2e.screenshot("rot-02-menu")
        e2e.press(item)

        dialog = e2e.find_window_where(app, lambda w: w.name == "Rotate Token", what="the Rotate Token dialog")
        e2e.find(dialog, f"Rotate “{NOTE}”", "label", timeout=10)
        tap.ok(e2e.find_all(dialog, lambda n: n.startswith("60 days, until "), "label") != [],
               "the dialog says the new token lives 60 days, as the old one")
        e2e.screenshot("rot-03-plan")

        e2e.press(e2e.find(dialog, e2e.label("Rotate"), "push button"))
        e2e.find(dialog, "The new token is ready", "label", timeout=30)
        tap.ok(True, "Rotate shows the new secret once")
        shown = e2e.find(dialog, lambda n: n.count(".") == 2 and len(n) > 40, "label", timeout=5)
        new = e2e.wait_for(lambda: next((t for t in server.list_tokens()
                                         if t.get("notes") == NOTE and t["id"] != old["id"]), None),
                           10, "the new token on the server")

        # Not saved before (the old one's secret was not in the keyring):
        # the switch says so, and is turned on.
        switch = e2e.find(dialog, lambda n: n.startswith("Save in keyring"), "check box", showing=False,
                          pred=lambda n: e2e.extents(n)[3] > 0)
        tap.ok(not switch.checked, "Save in keyring starts off, as the old token's secret was not saved")
        delete = e2e.find(dialog, e2e.label("Delete Old Token…"), "push button", showing=False,
                          pred=lambda n: e2e.extents(n)[3] > 0)
        tap.ok(not delete.sensitive, "Delete Old Token… waits until the new secret is safe")
        e2e.press(switch)
        e2e.find(dialog, "Saved in the keyring", "label", timeout=35, showing=False,
                 pred=lambda n: e2e.extents(n)[3] > 0)
        e2e.wait_for(lambda: delete.sensitive, 10, "Delete Old Token… to become sensitive")
        tap.ok(True, "saved in the keyring, the old token may go")
        e2e.screenshot("rot-04-secret")

        e2e.press(delete)
        confirm = message_dialog(app, "Delete the Old Token?")
        tap.ok(e2e.find_all(confirm, lambda n: "will lose access" in n and NOTE in n, "label") != [],
               "the confirmation says what loses access")
        e2e.screenshot("rot-05-confirm")
        e2e.press(e2e.find(confirm, e2e.label("Delete Old Token"), "push button"))
        e2e.find(dialog, "Token Rotated", "label", timeout=30)
        e2e.screenshot("rot-06-done")
        tap.ok(True, "the dialog says the token is rotated")

        ids = {t["id"]: t for t in server.list_tokens()}
        tap.ok(old["id"] not in ids, "the old token is gone from the server")
        kept = ids.get(new["id"], {})
        span = parse_time(kept["expire"]) - parse_time(kept["created_at"])
        tap.ok(kept.get("notes") == NOTE and abs(span.total_seconds() - 60 * 86400) < 120,
               f"the new one has the same note and lifetime ({span})")
        items = e2e.secret_tool_search("kind", "generated", "server", server.url, "token-id", new["id"])
        tap.ok(len(items) == 1 and items[0].get("secret") == shown.name
               and server.request("GET", "/api/v1/user/me", token=items[0]["secret"])[0] == 200,
               "its secret, the one shown, is in the keyring, and the server takes it")

        e2e.press(e2e.find(dialog, e2e.label("Done"), "push button"))
        e2e.wait_for(lambda: dialog not in e2e.windows(app), 10, "the dialog to close")
        rows = e2e.wait_for(lambda: len(e2e.find_all(window, f"Delete token “{NOTE}”", "push button")) == 1,
                            10, "one row of that note")
        tap.ok(rows, "the list shows one token of that note: the new one")
        e2e.screenshot("rot-07-list")
    finally:
        if proc is not None:
            e2e.stop(proc)
        server.stop()


e2e.Tap().run(main)
