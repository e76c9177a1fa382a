# sandbox_cli.py — the command line, in the sandbox, with no display
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_sandbox.py's steps for `flatpak run app.tessera.Tessera COMMAND`
(issue 10: the command line must work inside the Flatpak). Run after the
window has signed in: the commands use the sign-in the window saved in
the sandbox's keyring file, through the Secret portal, and need neither
a display nor GTK (DISPLAY and WAYLAND_DISPLAY are unset: a command that
initialised GTK would fail to open one).

Secrets are compared, never printed: a command's stdout is never logged.
"""

import json
import os
from datetime import datetime, timedelta, timezone

import flatpak_e2e as fe
from flatpak_e2e import e2e

CI_NOTE = "ci"


def keyring_bytes():
    path = fe.keyring_file()
    if not os.path.exists(path):
        return b""
    with open(path, "rb") as f:
        return f.read()


def parse_time(text):
    """An RFC 3339 time of the API or of `list --json`, or None."""
    if not text or text.startswith("0001-01-01"):
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_token(tap, server):
    run = fe.cli("token", "token")
    tap.ok(run.returncode == 0 and run.stdout == server.token + "\n",
           f"with no display, `flatpak run {fe.APP_ID} token` prints the sign-in token, and "
           f"nothing else on stdout (status {run.returncode}, {len(run.stdout)} characters)")


def check_list(tap, server, saved_notes):
    run = fe.cli("list-json", "list", "--json")
    try:
        listed = json.loads(run.stdout)
    except ValueError:
        listed = None
    on_server = {(t["id"], t.get("notes", "")) for t in server.list_tokens()}
    ok = (run.returncode == 0 and isinstance(listed, list)
          and {(t.get("id"), t.get("note")) for t in listed} == on_server)
    tap.ok(ok, f"`list --json` is JSON and lists the server's {len(on_server)} tokens, "
           "ids and notes")
    saved = {t.get("note") for t in listed or [] if t.get("saved") is True}
    tap.ok(saved == set(saved_notes),
           "it says which secrets are saved in the sandbox's keyring file: "
           + (", ".join(f"“{n}”" for n in sorted(saved)) or "none"))


def check_generate(tap, server):
    """`generate`, then `token ci`; returns (token id, secret)."""
    before = keyring_bytes()
    run = fe.cli("generate", "generate", "--note", CI_NOTE, "--expires", "7d")
    secret = run.stdout[:-1] if run.stdout.endswith("\n") else ""
    status, _ = server.request("GET", "/api/v1/user/me", token=secret) if secret else (None, None)
    tap.ok(run.returncode == 0 and secret.count(".") == 2 and "\n" not in secret and status == 200,
           f"`generate --note {CI_NOTE} --expires 7d` prints the new secret alone, and the "
           f"server accepts it (status {run.returncode}, HTTP {status})")
    made = [t for t in server.list_tokens() if t.get("notes") == CI_NOTE]
    expires = parse_time(made[0].get("expire")) if len(made) == 1 else None
    in_7d = datetime.now(timezone.utc) + timedelta(days=7)
    tap.ok(expires is not None and abs((expires - in_7d).total_seconds()) < 3600,
           f"the server has one token “{CI_NOTE}”, expiring in 7 days ({expires})")
    token_id = made[0]["id"] if len(made) == 1 else None

    again = fe.cli("token-ci", "token", CI_NOTE)
    tap.ok(again.returncode == 0 and secret and again.stdout == secret + "\n",
           f"`token {CI_NOTE}` prints that secret again: it was saved")
    after = keyring_bytes()
    tap.ok(after.startswith(fe.KEYRING_MAGIC) and after != before
           and secret and secret.encode() not in after,
           f"saved in the sandbox's keyring file ({len(before)} → {len(after)} bytes), "
           "encrypted: the secret is not in it in plain text")
    tap.ok(e2e.secret_tool_search("server", server.url) == [],
           "and not in the session's keyring")
    return token_id, secret


def check_not_found(tap):
    run = fe.cli("token-nosuchnote", "token", "nosuchnote")
    tap.ok(run.returncode == 1 and run.stdout == "" and "nosuchnote" in run.stderr
           and run.stderr.startswith("tessera: "),
           f"`token nosuchnote` exits with 1 ({run.returncode}), stdout empty, and says why "
           "on stderr")


def check_cli(tap, server, saved_notes):
    """The command line's steps; returns (id, secret) of the token it made."""
    check_token(tap, server)
    check_list(tap, server, saved_notes)
    token_id, secret = check_generate(tap, server)
    check_not_found(tap)
    return token_id, secret
