#!/usr/bin/python3
# test_accounts.py — two accounts in one Tessera, over AT-SPI
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real tessera binary against a tessera-api-server with two accounts:
sign in to the first, add the second with "Add Account…" from the main menu
(the first stays signed in), switch between them from the same menu, quit,
start again: both are back, the last one used shown first.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tessera_e2e as e2e  # noqa: E402

ADA_TOKENS = 14      # 13 demo tokens plus the demo sign-in token
GRACE_TOKENS = 4     # 3 tokens plus her sign-in token


def host(server):
    return server.url.split("://", 1)[1]


def count(window):
    found = e2e.find_all(window, name=lambda n: n.endswith(" of 50 tokens"), role="label")
    return found[0].name if found else None


def wait_count(window, n, what):
    return e2e.wait_for(lambda: count(window) == f"{n} of 50 tokens", 30, what)


def open_menu(window):
    """The main menu, by F10 as a keyboard user opens it (a menu button has
    no AT-SPI action in GTK 4.8)."""
    e2e.point_at(window)
    e2e.key("F10")
    return e2e.find(window, "GtkPopoverMenu", "menu", timeout=10)


def choose(window, item_name):
    menu = open_menu(window)
    item = e2e.find(menu, item_name, "menu item", timeout=10)
    e2e.press(item)


def main(tap):
    tap.ok(e2e.clear_keyring(), "the keyring holds nothing of Tessera's yet")
    server = e2e.ApiServer("--seed-demo", "--users", "2")
    grace_email, grace_token = server.users[0]
    ada_item = f"{server.email} — {host(server)}"
    grace_item = f"{grace_email} — {host(server)}"
    proc = None
    try:
        proc, app = e2e.start("--server=" + server.url, "--with-token",
                              stdin_data=server.token + "\n")
        window = e2e.find_window(app, "Tessera")
        wait_count(window, ADA_TOKENS, "Ada's list")
        tap.ok(True, "signed in to the first account, its list shown")

        # Add Account…, from the main menu.
        menu = open_menu(window)
        tap.ok(e2e.find(menu, ada_item, "menu item", timeout=5) is not None,
               "the main menu lists the account by email and server")
        add = e2e.find(menu, "Add Account…", "menu item", timeout=5)
        tap.ok("Add Account" in add.name, "and offers Add Account…")
        e2e.screenshot("acc-01-menu")
        e2e.press(add)
        e2e.find(window, "Sign In to API7 Cloud", "label", timeout=15)
        tap.ok(e2e.find(window, "Cancel", "push button", timeout=5) is not None,
               "the sign-in page for a new account can be cancelled")
        entry = e2e.find(window, "Personal Access Token", "password text")
        e2e.point_at(entry)
        e2e.click_at(entry)
        e2e.type_text(grace_token)
        sign_in = e2e.find(window, "Sign In", "push button")
        e2e.wait_for(lambda: sign_in.sensitive, 10, "Sign In to become sensitive")
        e2e.screenshot("acc-02-add-account")
        e2e.press(sign_in)
        wait_count(window, GRACE_TOKENS, "Grace's list")
        tap.ok(e2e.find(window, grace_email, "label", timeout=10) is not None,
               "the second account is shown, its email in the header")
        items = e2e.secret_tool_search("server", server.url, "kind", "sign-in")
        tap.ok(sorted(i.get("account") for i in items) == sorted([server.email, grace_email]),
               "both sign-ins are in the keyring, one item each")
        e2e.screenshot("acc-03-second-account")

        # Switch back and forth.
        choose(window, ada_item)
        wait_count(window, ADA_TOKENS, "Ada's list again")
        tap.ok(e2e.find(window, server.email, "label", timeout=10) is not None,
               "choosing the first account in the menu switches to it: still signed in")
        choose(window, grace_item)
        wait_count(window, GRACE_TOKENS, "Grace's list again")
        tap.ok(True, "and back to the second")
        choose(window, ada_item)
        wait_count(window, ADA_TOKENS, "Ada's list, the last one used")

        # Quit, start again: both come back.
        e2e.point_at(window)
        e2e.key_combo("<Control>q")
        e2e.wait_for(lambda: proc.poll() is not None, 15, "tessera to quit")
        tap.ok(proc.returncode == 0, "Ctrl+Q quits")
        proc, app = e2e.start()
        window = e2e.find_window(app, "Tessera")
        wait_count(window, ADA_TOKENS, "the restored list")
        tap.ok(e2e.find(window, server.email, "label", timeout=10) is not None,
               "after a restart the last account used is shown")
        menu = open_menu(window)
        tap.ok(e2e.find(menu, ada_item, "menu item", timeout=5) is not None and
               e2e.find(menu, grace_item, "menu item", timeout=5) is not None,
               "and both accounts are back in the menu")
        e2e.screenshot("acc-04-restored")
        e2e.press(e2e.find(menu, grace_item, "menu item", timeout=5))
        wait_count(window, GRACE_TOKENS, "Grace's restored list")
        tap.ok(True, "the second account was restored signed in too")
        tap.ok(proc.poll() is None, "tessera is still running")
    except Exception:
        e2e.screenshot("acc-failure")
        raise
    finally:
        if proc is not None:
            e2e.stop(proc)
        server.stop()
        e2e.clear_keyring()


e2e.Tap().run(main)
