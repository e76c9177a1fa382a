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
    e2e.find(window, "Sign In to API7 Cloud", "label", timeout=30)
    token_entry = e2e.find(window, "Personal Access Token", "password text")
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


EXPIRY_CHOICES = ["7 days", "30 days", "60 days", "90 days", "Custom…", "No expiration"]


def choose_expiry(combo, choice):
    """Opens the Expiry list and picks choice with the keyboard (Home, then
    Down to it, then Enter): popovers do not take clicks by coordinates
    here."""
    # Click the current value: the popover's surface then opens under the
    # pointer, and with no window manager keys go to the surface under it.
    value = e2e.find(combo, role="list item")
    e2e.point_at(value)
    e2e.click_at(value)
    time.sleep(0.5)
    e2e.key("Home")
    for _ in range(EXPIRY_CHOICES.index(choice)):
        e2e.key("Down")
    e2e.key("Return")
    # The presets say the date they give: "30 days — 31 Dec 2026".
    return e2e.wait_for(lambda: e2e.find_all(combo, lambda n: n.startswith(choice), "label"), 5,
                        f"the Expiry choice to read {choice!r}")


def generate(tap, app, window, server):
    before = {t["id"] for t in server.list_tokens()}
    e2e.press(e2e.find(window, "Generate a New Token", "push button"))
    dialog = e2e.find_window_where(app, lambda w: w.name == "New Personal Access Token",
                                   what="the New Personal Access Token dialog")
    note = e2e.find(dialog, "Note", "text")
    combo = e2e.find(dialog, "Expiry", "combo box")
    tap.ok(e2e.find_all(combo, lambda n: n.startswith("30 days — "), "label") != [],
           "the expiry is 30 days by default, with the date it gives")
    e2e.point_at(note)
    e2e.click_at(note)
    e2e.type_text(NOTE)
    e2e.wait_for(lambda: e2e.text_of(note) == NOTE, 5, "the note to be typed")
    tap.ok(e2e.find(dialog, f"{len(NOTE)}/256", "label", timeout=5) is not None,
           "the note is typed and its counter follows")

    # From the keyboard: to "60 days", then back up to "30 days".
    choose_expiry(combo, "60 days")
    choose_expiry(combo, "30 days")
    tap.ok(True, "the Expiry choice follows the keyboard (60 days, then 30 days)")
    e2e.screenshot("04-generate-dialog")

    e2e.press(e2e.find(dialog, e2e.label("Create Token"), "push button"))
    e2e.find(dialog, "You have generated a new personal access token", "label", timeout=20)
    e2e.find(dialog, e2e.label("Make sure to copy your personal access token now. "
                               "You won't be able to see it again!"), "label", timeout=5)
    tap.ok(True, "the secret is shown once, with the warning to copy it now")
    after = server.list_tokens()
    new = [t for t in after if t["id"] not in before]
    tap.ok(len(new) == 1 and new[0].get("notes") == NOTE,
           "the server holds one new token with the typed note")
    new_token = new[0] if new else {}
    expire = new_token.get("expire") or ""
    tap.ok(expire.startswith(time.strftime("%Y-%m-%d", time.gmtime(time.time() + 30 * 86400)))
           or expire.startswith(time.strftime("%Y-%m-%d", time.gmtime(time.time() + 30 * 86400 - 3600))),
           f"it expires in 30 days ({expire})")

    e2e.press(e2e.find(dialog, "Copy", "push button"))
    secret = e2e.wait_for(lambda: (e2e.clipboard() or "").count(".") == 2 and e2e.clipboard(),
                          10, "a token on the clipboard")
    tap.ok(e2e.find(dialog, "Copied — clears in 45 s", "label", timeout=5) is not None,
           "Copy says the secret is copied, and for how long")
    status, me = server.request("GET", "/api/v1/user/me", token=secret)
    tap.ok(status == 200, "the clipboard holds the new token: the server accepts it")

    # The secret page is taller than the dialog: the "Save in keyring" row
    # may sit below the fold of its scrolled window, so only ask that it
    # is laid out on the page that is shown.
    secret_page = e2e.find(dialog, "You have generated a new personal access token", "label")
    switch = e2e.find(dialog, lambda n: n.startswith("Save in Keyring"), "check box",
                      showing=False, pred=lambda n: e2e.extents(n)[3] > 0)
    tap.ok(switch.checked, "Save in keyring is on by default")
    e2e.find(dialog, "Saved in the keyring", "label", timeout=35, showing=False,
             pred=lambda n: e2e.extents(n)[3] > 0)
    tap.ok(secret_page is not None, "saving in the keyring happens at once and says so")
    items = e2e.secret_tool_search("kind", "generated", "server", server.url)
    tap.ok(len(items) == 1 and items[0].get("secret") == secret
           and items[0].get("token-id") == new_token.get("id")
           and items[0].get("account") == server.email,
           "secret-tool finds the new token in the keyring, under its id and the account")
    e2e.screenshot("05-new-token-secret")

    e2e.press(e2e.find(dialog, e2e.label("Done"), "push button"))
    e2e.wait_for(lambda: dialog not in e2e.windows(app), 10, "the dialog to close")
    rows = e2e.wait_for(lambda: len(token_rows(window)) == SEEDED + 1 and token_rows(window),
                        15, "the new row")
    tap.ok(rows[0].name == f"Delete token “{NOTE}”", "the new row is at the top of the list")
    tap.ok(count_label(window) == f"{SEEDED + 1} of 50 tokens", "the count follows")

    # Its secret is in the keyring, so its row offers Copy Token.
    e2e.set_clipboard("nothing yet")
    e2e.wait_for(lambda: e2e.clipboard() == "nothing yet", 5, "the clipboard to be reset")
    # Named with its token, as Delete is.
    copy_buttons = e2e.find_all(window, lambda n: n.startswith("Copy token “") and not n.endswith("as…"),
                                "push button")
    tap.ok([b.name for b in copy_buttons] == [f"Copy token “{NOTE}”"],
           "only the new row offers Copy Token, named with its token")
    e2e.press(copy_buttons[0])
    e2e.wait_for(lambda: e2e.clipboard() == secret, 35, "the row's secret on the clipboard")
    tap.ok(e2e.find(window, "Copied — clears in 45 s", "label", timeout=5) is not None,
           "Copy Token on the row puts the secret from the keyring on the clipboard")
    secret = None
    e2e.screenshot("06-new-row")
    return new_token


def message_dialog(app, heading, timeout=10):
    """The AdwMessageDialog whose heading is on screen."""
    return e2e.find_window_where(
        app, lambda w: e2e.find_all(w, heading, "label") != [], timeout,
        f"a dialog headed {heading!r}")


def delete_one(tap, app, window, server, token):
    e2e.point_at(window)
    delete_button = e2e.find(window, f"Delete token “{NOTE}”", "push button")
    e2e.press(delete_button)
    dialog = message_dialog(app, f"Delete Token “{NOTE}”?")
    tap.ok(e2e.find(dialog, "Apps and scripts that use it will lose access. "
                    "This cannot be undone.", "label", timeout=5) is not None,
           "Delete asks first, and says what it means")
    e2e.screenshot("07-delete-confirm")
    e2e.press(e2e.find(dialog, e2e.label("Delete"), "push button"))

    # The toast lasts five seconds, which one walk of a busy tree can take;
    # the announcer (an alert) keeps the words until the next message.
    told = e2e.wait_for(lambda: e2e.find_all(window, "Token deleted", "label")
                        or e2e.find_all(window, "Token deleted", "alert", showing=False),
                        15, "Token deleted, in a toast or an alert")
    tap.ok(told != [], f"the window says Token deleted (in a {told[0].roleName})")
    e2e.wait_for(lambda: len(token_rows(window)) == SEEDED, 10, "the row to go")
    tap.ok(not e2e.find_all(window, f"Delete token “{NOTE}”", "push button", showing=False),
           "the row is gone")
    tap.ok(count_label(window) == f"{SEEDED} of 50 tokens", "the count follows")
    tap.ok(all(t["id"] != token["id"] for t in server.list_tokens()),
           "the server no longer lists the token")
    tap.ok(e2e.secret_tool_search("kind", "generated", "server", server.url) == [],
           "its keyring item is gone too")
    e2e.screenshot("08-deleted")


def stale_banner(window):
    found = e2e.find_all(window, name=lambda n: n.startswith("Could not refresh: this list is from "),
                         role="label")
    return found[0] if found else None


def error_then_retry(tap, app, window, server):
    server.fail_next(method="GET", path_prefix=LIST_PATH, status=500, count=1)
    e2e.point_at(window)
    e2e.key("F5")
    banner = e2e.wait_for(lambda: stale_banner(window), 15, "the stale-list banner")
    tap.ok("The server failed to answer" in banner.name,
           f"a server error while refreshing says so, and why ({banner.name!r})")
    tap.ok(count_label(window) == f"{SEEDED} of 50 tokens" and len(token_rows(window)) == SEEDED,
           "the rows stay: a failed refresh does not throw a good list away")
    e2e.screenshot("09-error")
    retry = e2e.find(window, e2e.label("Retry"), "push button", timeout=5)
    e2e.press(retry)
    e2e.wait_for(lambda: stale_banner(window) is None, 20, "the banner to go after Retry")
    tap.ok(count_label(window) == f"{SEEDED} of 50 tokens" and len(token_rows(window)) == SEEDED,
           "Retry refreshes the list, and the banner goes")
    e2e.screenshot("10-retried")


def delete_all(tap, app, window, server):
    # The Danger Zone sits below the list, scrolled away in a small window:
    # it is laid out, and a screen reader presses it where it is.
    button = e2e.find(window, "Delete All", "push button", showing=False,
                      pred=lambda n: e2e.extents(n)[3] > 0)
    e2e.press(button)
    dialog = message_dialog(app, "Delete All Tokens?")
    confirm = e2e.find(dialog, e2e.label("Delete All"), "push button")
    tap.ok(not confirm.sensitive, "the destructive Delete All is disabled until the email is typed")
    entry = e2e.find(dialog, "Account email", "text")
    e2e.point_at(entry)
    e2e.click_at(entry)
    e2e.type_text(server.email)
    e2e.wait_for(lambda: confirm.sensitive, 10, "Delete All to become sensitive")
    tap.ok(e2e.text_of(entry) == server.email,
           "typing the account email enables Delete All")
    e2e.screenshot("11-delete-all-confirm")
    e2e.press(confirm)

    notice = e2e.find(window, "All tokens were deleted. Sign in with a new token.", "label",
                      timeout=30)
    tap.ok(notice is not None and e2e.find(window, "Sign In to API7 Cloud", "label",
                                           timeout=5) is not None,
           "back at the sign-in page, which says why")
    tap.ok(not e2e.find_all(window, "Personal Access Tokens", "list"),
           "the token list is gone from the screen")
    status, _ = server.request("GET", LIST_PATH, token=server.token)
    tap.ok(status == 401, "the server no longer takes the deleted sign-in token")
    items = e2e.secret_tool_search("server", server.url)
    tap.ok(items == [],
           f"the keyring holds nothing of the account on this server ({len(items)} items)")
    e2e.screenshot("12-signed-out")


def main(tap):
    server = e2e.ApiServer("--seed-demo", "--page-size-cap", str(PAGE_SIZE_CAP))
    proc = None
    try:
        tap.ok(e2e.clear_keyring(), "the keyring holds nothing of Tessera's yet")
        tap.ok(len(server.list_tokens()) == SEEDED, f"the server holds {SEEDED} demo tokens")
        proc, app = e2e.start("--server=" + server.url)
        window = sign_in(tap, app, server)
        token = generate(tap, app, window, server)
        delete_one(tap, app, window, server, token)
        error_then_retry(tap, app, window, server)
        delete_all(tap, app, window, server)
        tap.ok(proc.poll() is None, "tessera is still running")
    finally:
        if proc is not None:
            e2e.stop(proc)
        server.stop()


e2e.Tap().run(main)
