#!/usr/bin/python3
# test_keyboard.py — a person's whole path through Tessera with the keyboard alone
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real tessera binary against a real tessera-api-server, driven with
key presses only: no click, and no AT-SPI action on any button. AT-SPI is
only used to look: where the focus is, what is on screen. Sign in by
typing the demo token and Enter, Ctrl+N, a note, Tab to Expiry and to
Create Token, Tab to Copy and Space, Escape, Ctrl+F to filter, Tab into the
list to a row's Delete button, the confirmation by keyboard, F5, and the
Danger Zone's Delete All with the typed email.

With no window manager, key events go to the window under the pointer, and
new windows open at (0, 0) without being given the focus: the pointer is
moved over each new window once (what a window manager does by giving it
the focus), never clicked.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tessera_e2e as e2e  # noqa: E402
import pyatspi  # noqa: E402

SEEDED = 14          # 13 demo tokens plus the demo sign-in token
NOTE = "kbd release bot"
SEARCH = "release b"  # a part of NOTE that no seeded note holds
LIST_PATH = "/api/v1/user/access_tokens"


# Looking at the focus -------------------------------------------------------

def focused(root):
    """The node under root that has the keyboard focus, or None."""
    for node in e2e.descendants(root):
        try:
            if node.getState().contains(pyatspi.STATE_FOCUSED):
                return node
        except Exception:  # noqa: BLE001 - a node that left the tree
            continue
    return None


def describe(node):
    if node is None:
        return "nothing"
    try:
        # A label's name is its text, and the focus may sit on the shown
        # secret: never write that to the log.
        if node.roleName == "label":
            return "a label"
        return f"{node.roleName} {node.name!r}"
    except Exception:  # noqa: BLE001
        return "a node that left the tree"


def focus_is(root, name, role=None):
    """Whether the focus sits on a node named name (a string or a callable)."""
    node = focused(root)
    if node is None:
        return False
    try:
        if role is not None and node.roleName != role:
            return False
        return name(node.name) if callable(name) else node.name == name
    except Exception:  # noqa: BLE001
        return False


def move_focus_to(root, name, role=None, keys=("Tab",), limit=60):
    """Presses keys (in turn, again and again) until the focus is on the
    node named name; returns that node. Each stop is logged as a TAP comment
    so a failing run shows the focus chain it walked."""
    for i in range(limit):
        node = focused(root)
        if node is not None:
            try:
                if (role is None or node.roleName == role) and \
                        (name(node.name) if callable(name) else node.name == name):
                    return node
            except Exception:  # noqa: BLE001
                pass
        print(f"# focus on {describe(node)}", flush=True)
        e2e.key(keys[i % len(keys)])
    raise TimeoutError(f"{' / '.join(keys)} never reached {role or 'a node'} {name!r}")


def wait_focus(root, name, role=None, timeout=10):
    return e2e.wait_for(lambda: focus_is(root, name, role) and focused(root), timeout,
                        f"the focus on {name!r}")


# The token page ------------------------------------------------------------

def count_label(window):
    found = e2e.find_all(window, name=lambda n: n.endswith(" of 50 tokens")
                         or n.endswith(" of 50 token"), role="label")
    return found[0].name if found else None


def delete_buttons(window, showing=False):
    """The Delete buttons of the rows of the token list, in list order."""
    lists = e2e.find_all(window, name="Personal Access Tokens", role="list")
    if not lists:
        return []
    return e2e.find_all(lists[0], name=lambda n: n.startswith("Delete token “"),
                        role="push button", showing=showing)


def message_dialog(app, heading, timeout=10):
    return e2e.find_window_where(
        app, lambda w: e2e.find_all(w, heading, "label") != [], timeout,
        f"a dialog headed {heading!r}")


# The steps -------------------------------------------------------------------

def sign_in(tap, app, server):
    window = e2e.find_window(app, "Tessera")
    e2e.find(window, "Sign In to API7 Cloud", "label", timeout=30)
    e2e.point_at(window)
    entry = e2e.find(window, "Personal Access Token", "password text")
    server_entry = e2e.find(window, "Server", "text")
    # An entry row never reports the focus over AT-SPI (its inner GtkText,
    # which has it, is not in the tree): where the typed keys land tells.
    e2e.type_text(server.token)
    e2e.wait_for(lambda: len(e2e.text_of(entry)) == len(server.token), 10, "the typed token")
    tap.ok(e2e.text_of(server_entry) == server.url,
           "the Personal Access Token entry has the focus at start: the typed token lands there")
    e2e.key("Return")
    label = e2e.wait_for(lambda: count_label(window), 30, "the token count")
    tap.ok(label == f"{SEEDED} of 50 tokens", f"Enter signs in: the list shows ({label!r})")
    e2e.wait_for(lambda: len(delete_buttons(window)) == SEEDED, 15, f"{SEEDED} rows")
    e2e.screenshot("kbd-01-signed-in")
    return window


def close_confirmed(app, dialog, timeout):
    """Whether the dialog closes within timeout, answering "Close" by
    keyboard should it ask to confirm."""
    def closed_or_confirm():
        if dialog not in e2e.windows(app):
            return "closed"
        if e2e.find_all(e2e.windows(app)[-1], "Close Without Saving the Token?", "label"):
            return "confirm"
        return None
    try:
        state = e2e.wait_for(closed_or_confirm, timeout, "the dialog to close")
    except TimeoutError:
        return False
    if state == "confirm":
        confirm = message_dialog(app, "Close Without Saving the Token?")
        e2e.point_at(confirm)
        move_focus_to(confirm, e2e.label("Close"), "push button", limit=10)
        e2e.key("Return")
        e2e.wait_for(lambda: dialog not in e2e.windows(app), 10, "the dialog to close")
    return True


def generate(tap, app, window, server):
    before = {t["id"] for t in server.list_tokens()}
    e2e.key_combo("<Control>n")
    dialog = e2e.find_window_where(app, lambda w: w.name == "New Personal Access Token",
                                   what="the New Personal Access Token dialog")
    tap.ok(True, "Ctrl+N opens New Personal Access Token")
    note = e2e.find(dialog, "Note", "text")
    e2e.point_at(dialog)
    e2e.type_text(NOTE)
    e2e.wait_for(lambda: e2e.text_of(note) == NOTE, 5, "the note to be typed")
    tap.ok(True, "the Note entry has the focus: the typed note lands there")

    combo = move_focus_to(dialog, lambda n: n == "Expiry" or n.startswith("30 days"),
                          keys=("Tab",), limit=10)
    tap.ok(e2e.find_all(e2e.find(dialog, "Expiry", "combo box"), lambda n: n.startswith("30 days — "),
                        "label") != [],
           f"Tab reaches the Expiry choice, which keeps 30 days ({describe(combo)})")

    move_focus_to(dialog, e2e.label("Create Token"), "push button", limit=20)
    e2e.screenshot("kbd-02-generate-dialog")
    e2e.key("space")
    e2e.find(dialog, "You have generated a new personal access token", "label", timeout=20)
    tap.ok(True, "Tab to Create Token and Space shows the secret page")
    new = [t for t in server.list_tokens() if t["id"] not in before]
    tap.ok(len(new) == 1 and new[0].get("notes") == NOTE,
           "the server holds one new token with the typed note")
    expire = (new[0].get("expire") or "") if new else ""
    days = [time.strftime("%Y-%m-%d", time.gmtime(time.time() + 30 * 86400 - s))
            for s in (0, 3600)]
    tap.ok(any(expire.startswith(d) for d in days), f"it expires in 30 days ({expire})")

    e2e.set_clipboard("nothing yet")
    e2e.wait_for(lambda: e2e.clipboard() == "nothing yet", 5, "the clipboard to be reset")
    move_focus_to(dialog, "Copy", "push button", limit=20)
    e2e.key("space")
    secret = e2e.wait_for(lambda: (e2e.clipboard() or "").count(".") == 2 and e2e.clipboard(),
                          10, "a token on the clipboard")
    status, _ = server.request("GET", "/api/v1/user/me", token=secret)
    tap.ok(status == 200, "Tab to Copy and Space puts the new token on the clipboard")
    secret = None
    e2e.find(dialog, "Saved in the keyring", "label", timeout=35, showing=False,
             pred=lambda n: e2e.extents(n)[3] > 0)
    e2e.screenshot("kbd-03-secret")

    # Escape closes. While the "Copied — clears in 45 s" toast is up, the first
    # Escape dismisses the toast (libadwaita's way); here it stays up, as
    # toasts only time out in the active window and with no window manager
    # no window is active.
    toast_up = bool(e2e.find_all(dialog, "Copied — clears in 45 s", "label"))
    e2e.key("Escape")
    if toast_up:
        e2e.wait_for(lambda: not e2e.find_all(dialog, "Copied — clears in 45 s", "label"), 5,
                     "the toast to go")
        tap.ok(dialog in e2e.windows(app), "a first Escape dismisses the Copied toast")
        e2e.key("Escape")
    tap.ok(close_confirmed(app, dialog, timeout=10), "Escape closes the dialog")
    e2e.point_at(window)
    rows = e2e.wait_for(lambda: len(delete_buttons(window)) == SEEDED + 1
                        and delete_buttons(window), 15, "the new row")
    tap.ok(rows[0].name == f"Delete token “{NOTE}”", "the new row is at the top of the list")
    return new[0]


def search(tap, window):
    e2e.key_combo("<Control>f")
    entry = wait_focus(window, "Search by note")
    tap.ok(entry is not None, "Ctrl+F puts the focus in Search by note")
    e2e.type_text(SEARCH)
    shown = e2e.wait_for(
        lambda: [b.name for b in delete_buttons(window, showing=True)]
        == [f"Delete token “{NOTE}”"], 10, "the list to be filtered")
    tap.ok(bool(shown), "typing part of the note leaves only its row on screen")
    e2e.screenshot("kbd-04-search")
    e2e.key("Escape")
    e2e.wait_for(lambda: len(delete_buttons(window, showing=True)) > 1, 10,
                 "the rows to come back")
    tap.ok(not e2e.find_all(window, "Search by note", "text"),
           "Escape closes the search and every row is back")


def delete_one(tap, app, window, server, token):
    name = f"Delete token “{NOTE}”"
    move_focus_to(window, name, "push button", keys=("Tab",), limit=60)
    tap.ok(True, "Tab reaches the row's Delete button")
    e2e.key("Return")
    dialog = message_dialog(app, f"Delete Token “{NOTE}”?")
    e2e.point_at(dialog)
    e2e.screenshot("kbd-05-delete-confirm")
    move_focus_to(dialog, e2e.label("Delete"), "push button", keys=("Tab",), limit=10)
    e2e.key("Return")
    # The toast lasts five seconds; the announcer keeps the words.
    e2e.wait_for(lambda: e2e.find_all(window, "Token deleted", "label")
                 or e2e.find_all(window, "Token deleted", "alert", showing=False),
                 15, "Token deleted, in a toast or an alert")
    e2e.wait_for(lambda: len(delete_buttons(window)) == SEEDED, 10, "the row to go")
    tap.ok(not e2e.find_all(window, name, "push button", showing=False),
           "Tab to Delete and Enter in the confirmation removes the row")
    tap.ok(all(t["id"] != token["id"] for t in server.list_tokens()),
           "the server no longer lists the token")


def refresh(tap, window, server):
    status, _ = server.request("POST", LIST_PATH, body={"notes": "made elsewhere", "expire": None},
                               token=server.token)
    if status != 200:
        raise RuntimeError(f"creating a token behind the app's back answered {status}")
    e2e.point_at(window)
    e2e.key("F5")
    e2e.wait_for(lambda: e2e.find_all(window, "Delete token “made elsewhere”", "push button",
                                      showing=False), 20, "the refreshed list")
    tap.ok(count_label(window) == f"{SEEDED + 1} of 50 tokens",
           "F5 refreshes: a token made elsewhere shows up")


def delete_all(tap, app, window, server):
    move_focus_to(window, "Delete All", "push button", keys=("Tab",), limit=80)
    tap.ok(True, "Tab reaches the Danger Zone's Delete All")
    e2e.key("Return")
    dialog = message_dialog(app, "Delete All Tokens?")
    e2e.point_at(dialog)
    entry = wait_focus(dialog, "Account email")
    tap.ok(entry is not None, "the confirmation puts the focus in the email entry")
    e2e.type_text(server.email)
    confirm = e2e.find(dialog, e2e.label("Delete All"), "push button")
    e2e.wait_for(lambda: confirm.sensitive, 10, "Delete All to become sensitive")
    e2e.screenshot("kbd-06-delete-all")
    e2e.key("Return")
    e2e.find(window, "All tokens were deleted. Sign in with a new token.", "label", timeout=30)
    tap.ok(e2e.find(window, "Sign In to API7 Cloud", "label", timeout=5) is not None,
           "Enter after the email deletes all: back at the sign-in page, which says why")
    status, _ = server.request("GET", LIST_PATH, token=server.token)
    tap.ok(status == 401, "the server no longer takes the deleted sign-in token")
    tap.ok(e2e.secret_tool_search("server", server.url) == [],
           "the keyring holds nothing of the account on this server")
    e2e.screenshot("kbd-07-signed-out")


def main(tap):
    server = e2e.ApiServer("--seed-demo")
    proc = None
    try:
        tap.ok(e2e.clear_keyring(), "the keyring holds nothing of Tessera's yet")
        tap.ok(len(server.list_tokens()) == SEEDED, f"the server holds {SEEDED} demo tokens")
        proc, app = e2e.start("--server=" + server.url)
        window = sign_in(tap, app, server)
        token = generate(tap, app, window, server)
        search(tap, window)
        delete_one(tap, app, window, server, token)
        refresh(tap, window, server)
        delete_all(tap, app, window, server)
        tap.ok(proc.poll() is None, "tessera is still running")
    except Exception:
        e2e.screenshot("kbd-failure")
        raise
    finally:
        if proc is not None:
            e2e.stop(proc)
        server.stop()


e2e.Tap().run(main)
