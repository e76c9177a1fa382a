#!/usr/bin/python3
# test_sandbox.py — the Flatpak, installed, used in a real sandbox
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run by build-aux/flatpak-check once it has built and installed the app
into a throwaway installation (HOME and FLATPAK_USER_DIR point there). It
drives `flatpak run app.tessera.Tessera` as a person would, through AT-SPI
(which reaches the app through the sandbox's a11y bus proxy), against a
real tessera-api-server on loopback:

- the installed app grants what the manifest says and nothing more, and
  exports only files named after the app id;
- --version, then the window; a typed sign-in; the list;
- the secrets land in ~/.var/app/app.tessera.Tessera/data/keyrings/
  default.keyring, encrypted, with the key from the Secret portal
  (xdg-desktop-portal, backed by the session's gnome-keyring);
- generate a token and save it; after a restart the sign-in comes back
  from that file and Copy Token copies the saved secret;
- the command line with no display: `token`, `list --json`, `generate`
  and `token NOTE` use that file (sandbox_cli.py);
- GNOME Shell's search: the exported .search-provider.ini and D-Bus
  service, the app started by D-Bus activation for GetInitialResultSet,
  and ActivateResult's window and clipboard (sandbox_search.py);
- no secret in any file of the sandbox's home but the encrypted keyring
  file, nor in any log;
- with no Secret portal answering: the app says the keyring is not
  available, keeps working, and saves nothing anywhere.

TAP numbering goes on from TESSERA_TAP_START (flatpak-check's own steps).
No secret is ever printed: tokens are compared, never shown.
"""

import configparser
import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import flatpak_e2e as fe  # noqa: E402
import local_manifest  # noqa: E402
import sandbox_cli  # noqa: E402
import sandbox_search  # noqa: E402
from flatpak_e2e import e2e  # noqa: E402

SOURCE_ROOT = os.environ.get("TESSERA_SOURCE_ROOT",
                             os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
REAL_MANIFEST = os.environ.get("TESSERA_FLATPAK_REAL_MANIFEST",
                               os.path.join(SOURCE_ROOT, "flatpak", fe.APP_ID + ".json"))
BUILT_MANIFEST = os.environ.get("TESSERA_FLATPAK_MANIFEST", "")

# The stable, accessible surface of the window (the window itself is being
# redesigned): names as the .ui files give them.
SIGN_IN_TITLE = "Sign In to API7 Cloud"
SERVER_ENTRY = "Server"
TOKEN_ENTRY = "Personal Access Token"
SIGN_IN_BUTTON = "Sign In"
GENERATE_BUTTON = "Generate a New Token"
GENERATE_DIALOG = "New Personal Access Token"
NOTE_ENTRY = "Note"
CREATE_BUTTON = "Create Token"
SECRET_SHOWN = "You have generated a new personal access token"
COPY_BUTTON = "Copy"
SAVE_SWITCH = "Save in Keyring"
SAVED = "Saved in the keyring"
DONE_BUTTON = "Done"
# "Copied — clears in 45 s" with the default settings, "Copied to
# clipboard" when clearing is off: either says the copy happened.
COPIED = "Copied"
KEYRING_UNAVAILABLE = "Signed in, but the keyring is not available"

SEEDED = 14                       # the demo server's tokens, its sign-in token included
NOTE = "flatpak sandbox"
NOTE_NO_KEYRING = "no keyring"


class Tap(e2e.Tap):
    """e2e's TAP writer, numbering on from flatpak-check's steps."""

    def __init__(self):
        super().__init__()
        self.n = int(os.environ.get("TESSERA_TAP_START", "0"))


def note(text):
    print(f"# {text}", flush=True)


class Clock:
    def __init__(self):
        self.start = time.monotonic()

    def lap(self, what):
        now = time.monotonic()
        note(f"{what}: {now - self.start:.0f} s")
        self.start = now


def count_label(window):
    found = e2e.find_all(window, name=lambda n: re.fullmatch(r"\d+ of 50 tokens?", n) is not None,
                         role="label")
    return found[0].name if found else None


def wait_for_count(window, count, timeout=40):
    want = f"{count} of 50 tokens"
    return e2e.wait_for(lambda: count_label(window) == want and want, timeout, repr(want))


def no_secret_anywhere(tap, secrets, what):
    """No file of the sandbox's home holds a secret in plain text (the
    keyring file is encrypted), nor any log of the check: the app's output,
    the command line's stderr, what the tests' session bus and the services
    it started printed."""
    home = os.environ["HOME"]
    holding = fe.files_holding(home, *secrets)
    tap.ok(holding == [], f"no file under the sandbox's home holds {what} in plain text"
           + (f" (found in: {', '.join(os.path.relpath(p, home) for p in holding)})"
              if holding else ""))
    leaked = fe.files_holding(fe.LOGDIR, *secrets)
    tap.ok(leaked == [], f"no log in {os.path.relpath(fe.LOGDIR, e2e.BUILD_ROOT)}/ holds any"
           + (f" (see {', '.join(leaked)}: not printed here)" if leaked else ""))


def no_secret_in(tap, home, secrets, logs, what):
    """Nothing the sandboxed app wrote, nor its output, holds a secret."""
    holding = fe.files_holding(fe.app_data(home), *secrets)
    tap.ok(holding == [], f"no file under ~/.var/app/{fe.APP_ID} holds {what} in plain text"
           + (f" (found in: {', '.join(os.path.relpath(p, home) for p in holding)})"
              if holding else ""))
    leaked = [log.log_path for log in logs
              if any(s and s.encode() in log.output() for s in secrets)]
    tap.ok(leaked == [], "the app's output never shows a secret"
           + (f" (see {', '.join(leaked)}: not printed here)" if leaked else ""))


# What is installed -------------------------------------------------------------

def check_manifest(tap):
    with open(REAL_MANIFEST, encoding="utf-8") as f:
        real = json.load(f)
    with open(BUILT_MANIFEST, encoding="utf-8") as f:
        built = json.load(f)
    changed = sorted(k for k in set(real) | set(built) if real.get(k) != built.get(k))
    tap.ok(set(changed) <= set(local_manifest.LOCAL) and built.get("modules") == real.get("modules"),
           f"the manifest built is flatpak/{fe.APP_ID}.json with only {', '.join(changed)} swapped")
    return real


def finish_args_as_metadata(args):
    """What flatpak build-finish writes to metadata for these finish-args:
    {(section, key): set of values}; raises on an argument it does not know."""
    context = {"--share": "shared", "--socket": "sockets", "--device": "devices",
               "--filesystem": "filesystems", "--allow": "features"}
    wanted = {}
    for arg in args:
        option, _, value = arg.partition("=")
        if option in context:
            wanted.setdefault(("Context", context[option]), set()).add(value)
            # The X11 socket is what fallback-x11 grants where there is no
            # Wayland: build-finish writes both.
            if arg == "--socket=fallback-x11":
                wanted[("Context", "sockets")].add("x11")
        elif option in ("--talk-name", "--own-name"):
            wanted.setdefault(("Session Bus Policy", value), set()).add(option[2:-5])
        elif option == "--system-talk-name":
            wanted.setdefault(("System Bus Policy", value), set()).add("talk")
        elif option == "--env":
            name, _, val = value.partition("=")
            wanted.setdefault(("Environment", name), set()).add(val)
        else:
            raise ValueError(f"finish-arg {arg} is not known to this test")
    return wanted


def check_permissions(tap, real):
    text = fe.installed_metadata()
    meta = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    meta.optionxform = str
    meta.read_string(text)
    granted = {}
    for section in ("Context", "Session Bus Policy", "System Bus Policy", "Environment"):
        if meta.has_section(section):
            for key, value in meta.items(section):
                values = {v for v in value.split(";") if v} if section == "Context" else {value}
                if values:
                    granted[(section, key)] = values
    wanted = finish_args_as_metadata(real.get("finish-args", []))
    tap.ok(granted == wanted,
           "the installed app is granted exactly the manifest's finish-args: "
           + "; ".join(f"{k[1]}={','.join(sorted(v))}" for k, v in sorted(granted.items())))
    tap.ok(not meta.has_section("Session Bus Policy") and "org.freedesktop.secrets" not in text,
           "it may talk to no D-Bus name, org.freedesktop.secrets least of all "
           "(portals and the a11y bus need none)")
    exported = fe.exported_files()
    tap.ok(exported != [] and all(os.path.basename(p).startswith(fe.APP_ID) for p in exported),
           "every file it exports is named after the app id: " + ", ".join(exported))


def check_version(tap):
    with open(os.path.join(SOURCE_ROOT, "meson.build"), encoding="utf-8") as f:
        version = re.search(r"version:\s*'([^']+)'", f.read()).group(1)
    run = fe.flatpak("run", fe.APP_ID, "--version", env=fe.sandbox_env())
    tap.ok(run.returncode == 0 and run.stdout.strip() == f"tessera {version}",
           f"flatpak run {fe.APP_ID} --version prints tessera {version} ({run.stdout.strip()!r})")
    info = fe.flatpak("run", "--command=cat", fe.APP_ID, "/.flatpak-info", env=fe.sandbox_env())
    runtime = f"runtime/{local_manifest.LOCAL['runtime']}/"
    tap.ok(info.returncode == 0 and f"name={fe.APP_ID}" in info.stdout and runtime in info.stdout,
           f"it runs in a Flatpak sandbox on {local_manifest.LOCAL['runtime']} "
           "(its /.flatpak-info says so)")

    # build-aux/flatpak-check replaces Debian 12's libsecret 0.20.5, whose
    # file backend misses the Secret portal's answer now and then.
    sdk = f"{local_manifest.LOCAL['sdk']}//{local_manifest.LOCAL['runtime-version']}"
    version = fe.flatpak("run", "--command=pkg-config", sdk, "--modversion", "libsecret-1",
                         env=fe.sandbox_env()).stdout.strip()
    libdir = fe.flatpak("run", "--command=pkg-config", sdk, "--variable=libdir", "libsecret-1",
                        env=fe.sandbox_env()).stdout.strip()
    lib = f"{libdir}/libsecret-1.so.0"
    sums = {fe.flatpak("run", "--command=sha256sum", ref, lib, env=fe.sandbox_env()).stdout.split(" ")[0]
            for ref in (sdk, fe.APP_ID)}
    parts = tuple(int(p) for p in version.split(".")[:3]) if re.fullmatch(r"[\d.]+", version) else ()
    tap.ok(parts >= (0, 21, 4) and len(sums) == 1 and "" not in sums,
           f"the sandbox's libsecret is {version or 'unknown'}, 0.21.4 or newer like the GNOME "
           "runtime's (the app runs with the one the SDK built)")


# With the Secret portal -----------------------------------------------------------

def check_portal(tap, portal):
    version = fe.secret_portal_version()
    tap.ok(version is not None,
           f"xdg-desktop-portal serves the Secret portal on the session bus (version {version}), "
           "with gnome-keyring's backend")
    exists, locked = fe.login_collection()
    tap.ok(exists and locked is False,
           "the session keyring has an unlocked login collection, where that backend keeps "
           "each app's key")


def typed_sign_in(tap, server, logs):
    run = fe.Sandboxed("typed-sign-in", f"--server={server.url}")
    logs.append(run)
    window = run.window
    tap.ok(True, "the sandboxed window shows up on the accessibility bus "
           "(through the sandbox's a11y bus proxy)")
    e2e.find(window, SIGN_IN_TITLE, "label", timeout=30)
    server_entry = e2e.find(window, SERVER_ENTRY, "text")
    token_entry = e2e.find(window, TOKEN_ENTRY, "password text")
    tap.ok(e2e.text_of(server_entry) == server.url,
           "it opens on the sign-in page, the Server entry holding --server")
    fe.screenshot("01-sign-in")
    e2e.point_at(token_entry)
    e2e.click_at(token_entry)
    e2e.type_text(server.token)
    button = e2e.find(window, SIGN_IN_BUTTON, "push button")
    e2e.wait_for(lambda: button.sensitive, 10, "Sign In to become sensitive")
    e2e.press(button)
    label = wait_for_count(window, SEEDED)
    tap.ok(label is not None,
           f"a typed token signs in and the list comes from the API server on loopback ({label})")
    fe.screenshot("02-token-list")
    return run


def check_keyring_file(tap, secrets, what):
    path = fe.keyring_file()
    e2e.wait_for(lambda: os.path.exists(path), 30, "the keyring file")
    with open(path, "rb") as f:
        data = f.read()
    tap.ok(data.startswith(fe.KEYRING_MAGIC),
           f"{what} lands in ~/.var/app/{fe.APP_ID}/data/keyrings/default.keyring "
           f"({len(data)} bytes, libsecret's keyring format)")
    tap.ok(not any(s.encode() in data for s in secrets),
           "the file is encrypted: it holds no secret, nor the account's email, in plain text")
    return data


def check_host_keyring(tap, server, monitor):
    tap.ok(e2e.secret_tool_search("server", server.url) == [],
           "no item reached the session's keyring: the sandbox cannot talk to the Secret Service")
    calls = monitor.calls()
    tap.ok(("org.freedesktop.portal.Secret", "RetrieveSecret", None) in calls
           and ("org.freedesktop.impl.portal.Secret", "RetrieveSecret", fe.APP_ID) in calls,
           "the file's key came through the Secret portal: the app called "
           "org.freedesktop.portal.Secret.RetrieveSecret, which asked gnome-keyring's backend "
           f"for {fe.APP_ID}'s key")


def generate(tap, run, server, note_text, expect_saved=True):
    """Generates a token in the sandboxed app; returns its secret (read from
    the clipboard, never printed)."""
    window = run.window
    e2e.point_at(window)
    e2e.press(e2e.find(window, GENERATE_BUTTON, "push button"))
    dialog = e2e.find_window_where(run.app, lambda w: w.name == GENERATE_DIALOG,
                                   what="the New Personal Access Token dialog")
    entry = e2e.find(dialog, NOTE_ENTRY, "text")
    e2e.point_at(entry)
    e2e.click_at(entry)
    e2e.type_text(note_text)
    e2e.wait_for(lambda: e2e.text_of(entry) == note_text, 10, "the note to be typed")
    e2e.press(e2e.find(dialog, e2e.label(CREATE_BUTTON), "push button"))
    e2e.find(dialog, SECRET_SHOWN, "label", timeout=30)
    e2e.set_clipboard("nothing yet")
    e2e.press(e2e.find(dialog, COPY_BUTTON, "push button"))
    secret = e2e.wait_for(lambda: (e2e.clipboard() or "").count(".") == 2 and e2e.clipboard(),
                          15, "the new token on the clipboard")
    status, _ = server.request("GET", "/api/v1/user/me", token=secret)
    tap.ok(status == 200, "the secret is shown once and Copy puts it on the clipboard "
           "(the server accepts it)")
    switch = e2e.find(dialog, lambda n: n.startswith(SAVE_SWITCH), "check box", showing=False,
                      pred=lambda n: e2e.extents(n)[3] > 0)
    if expect_saved:
        tap.ok(switch.checked, "Save in keyring is on")
        e2e.find(dialog, SAVED, "label", timeout=40, showing=False,
                 pred=lambda n: e2e.extents(n)[3] > 0)
        tap.ok(True, "the dialog says Saved in the keyring")
        fe.screenshot("03-new-token-secret")
    else:
        status_label = e2e.find(dialog, lambda n: n.startswith("Not saved"), "label",
                                timeout=45, showing=False, pred=lambda n: e2e.extents(n)[3] > 0)
        tap.ok(not switch.checked,
               f"saving it fails and says so ({status_label.name!r}); the switch is off")
        fe.screenshot("11-no-keyring-secret")
    e2e.press(e2e.find(dialog, e2e.label(DONE_BUTTON), "push button"))
    e2e.wait_for(lambda: dialog not in e2e.windows(run.app), 15, "the dialog to close")
    return secret


def restart_and_copy(tap, server, secret, logs):
    run = fe.Sandboxed("restored", f"--server={server.url}")
    logs.append(run)
    label = wait_for_count(run.window, SEEDED + 1)
    tap.ok(label is not None and not e2e.find_all(run.window, SIGN_IN_TITLE, "label"),
           f"after a restart the sign-in comes back from the keyring file: the list shows ({label})")
    e2e.set_clipboard("nothing yet")
    e2e.wait_for(lambda: e2e.clipboard() == "nothing yet", 5, "the clipboard to be reset")
    # Named with its token, as Delete is; its menu ("… as…") aside.
    buttons = e2e.wait_for(lambda: e2e.find_all(run.window, lambda n: n == f"Copy token “{NOTE}”",
                                                "push button"),
                           30, "Copy Token on the saved token's row")
    tap.ok(len(buttons) == 1, "only the token saved in the sandbox offers Copy Token")
    e2e.press(buttons[0])
    e2e.wait_for(lambda: e2e.clipboard() == secret, 40, "the saved secret on the clipboard")
    tap.ok(e2e.find(run.window, lambda n: n.startswith(COPIED), "label", timeout=10) is not None,
           "Copy Token puts the secret saved in the keyring file on the clipboard")
    fe.screenshot("04-restored")
    tap.ok(run.quit() == 0, "Ctrl+Q quits it")


# With no Secret portal ------------------------------------------------------------

def without_portal(tap, server, logs):
    tap.ok(fe.secret_portal_version() is None,
           "xdg-desktop-portal runs without a Secret backend: no Secret portal answers")
    home = os.path.join(os.path.dirname(os.environ["HOME"]), "home-no-portal")
    os.makedirs(home, exist_ok=True)
    listed = len(server.list_tokens())
    run = fe.Sandboxed("no-portal", f"--server={server.url}", "--with-token",
                       stdin_data=server.token + "\n", home=home)
    logs.append(run)
    # The toast goes after a few seconds, which one walk of the sandboxed
    # tree can take: the announcer (an alert) keeps the same words.
    said = lambda n: n.startswith(KEYRING_UNAVAILABLE)  # noqa: E731
    toast = e2e.wait_for(lambda: (e2e.find_all(run.window, said, "label", showing=False)
                                  or e2e.find_all(run.window, said, "alert", showing=False)
                                  or [None])[0],
                         45, "the keyring-unavailable toast or its announcement")
    fe.screenshot("10-no-keyring")
    tap.ok(toast is not None, f"it says so: “{KEYRING_UNAVAILABLE}”")
    label = wait_for_count(run.window, listed)
    tap.ok(label is not None, f"--with-token on stdin signs in and the list shows ({label})")
    secret = generate(tap, run, server, NOTE_NO_KEYRING, expect_saved=False)
    wait_for_count(run.window, listed + 1)
    tap.ok(True, "it keeps working: the new token is listed")
    tap.ok(run.quit() == 0, "Ctrl+Q quits it")

    path = fe.keyring_file(home)
    data = open(path, "rb").read() if os.path.exists(path) else b""
    tap.ok(not any(s.encode() in data for s in (server.token, secret)),
           "nothing is saved: " + ("no keyring file" if not data else
                                   "the keyring file holds no secret"))
    no_secret_in(tap, home, (server.token, secret), logs[-1:], "the sign-in token or the new secret")
    tap.ok(e2e.secret_tool_search("server", server.url) == [],
           "and nothing went to the session's keyring either")

    run = fe.Sandboxed("no-portal-again", f"--server={server.url}", home=home)
    logs.append(run)
    e2e.find(run.window, SIGN_IN_TITLE, "label", timeout=45)
    tap.ok(True, "started again it asks to sign in: no sign-in was kept")
    run.quit()


def main(tap):
    clock = Clock()
    real = check_manifest(tap)
    check_permissions(tap, real)
    sandbox_search.check_exports(tap)
    check_version(tap)
    clock.lap("manifest, permissions and --version")

    server = e2e.ApiServer("--seed-demo")
    portal = fe.Portal(secret=True)
    logs = []
    try:
        check_portal(tap, portal)
        monitor = fe.PortalMonitor("typed-sign-in")
        try:
            run = typed_sign_in(tap, server, logs)
            check_keyring_file(tap, (server.token, server.email), "the sign-in token")
        finally:
            monitor.stop()
        check_host_keyring(tap, server, monitor)
        clock.lap("typed sign-in")
        secret = generate(tap, run, server, NOTE)
        wait_for_count(run.window, SEEDED + 1)
        tap.ok(not e2e.find_all(run.window, lambda n: n.startswith(KEYRING_UNAVAILABLE), "label"),
               "no word of an unavailable keyring")
        tap.ok(run.quit() == 0, "Ctrl+Q quits it")
        check_keyring_file(tap, (server.token, server.email, secret), "the generated token")
        clock.lap("generate")
        restart_and_copy(tap, server, secret, logs)
        clock.lap("restart and Copy Token")
        ci_id, ci_secret = sandbox_cli.check_cli(tap, server, saved_notes=[NOTE])
        clock.lap("command line")
        sandbox_search.check_search(tap, server, sandbox_cli.CI_NOTE, sandbox_cli.CI_NOTE,
                                    ci_id, ci_secret)
        clock.lap("search")
        no_secret_anywhere(tap, (server.token, secret, ci_secret),
                           "the sign-in token or a generated secret")

        portal.stop()
        portal = fe.Portal(secret=False)
        without_portal(tap, server, logs)
        clock.lap("no Secret portal")
        secret = None
    finally:
        fe.stop_all()
        portal.stop()
        server.stop()


if __name__ == "__main__":
    Tap().run(main)
