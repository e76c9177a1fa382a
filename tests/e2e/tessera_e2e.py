# tessera_e2e.py — shared helpers for Tessera's AT-SPI end-to-end tests
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start the real tessera binary and find it through AT-SPI, as a person would.

dogtail is configured before dogtail.tree is imported: by default it exits
when the desktop's accessibility setting is off (as in a bare session) and
replaces the exception hook.
"""

import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request


def _a11y_bus_address(timeout=20):
    """The address of this session's accessibility bus, asked of
    at-spi-bus-launcher over the session bus (waiting for it to start)."""
    from gi.repository import Gio, GLib
    deadline = time.monotonic() + timeout
    while True:
        try:
            session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
            return session.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                                     "GetAddress", None, GLib.VariantType("(s)"),
                                     Gio.DBusCallFlags.NONE, 5000, None).unpack()[0]
        except GLib.Error:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.2)


# Pin the accessibility bus, for this process and the apps it starts. Left
# to find it themselves, GTK 4.8 apps in these throwaway sessions now and
# then register on another bus than the one at-spi-bus-launcher hands out
# (seen with several sessions running side by side): they then never show
# up in the registry, although their window is on screen.
if "AT_SPI_BUS_ADDRESS" not in os.environ:
    os.environ["AT_SPI_BUS_ADDRESS"] = _a11y_bus_address()

from dogtail.config import config  # noqa: E402

config.checkForA11y = False
config.searchShowingOnly = False
config.childrenLimit = 1000
config.logDebugToFile = False
config.logDebugToStdOut = False
config.searchBackoffDuration = 0.2
config.searchCutoffCount = 25
config.actionDelay = 0.2
config.typingDelay = 0.01
config.defaultDelay = 0.2

import dogtail.rawinput  # noqa: E402  (must come after config)
import dogtail.tree  # noqa: E402
import pyatspi  # noqa: E402

BUILD_ROOT = os.environ.get("TESSERA_BUILD_ROOT", os.getcwd())
TESSERA = os.path.join(BUILD_ROOT, "src", "tessera")
API_SERVER = os.path.join(BUILD_ROOT, "tests", "server", "tessera-api-server")


class Tap:
    """A tiny TAP writer so meson counts each step."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name):
        self.n += 1
        if cond:
            print(f"ok {self.n} - {name}", flush=True)
        else:
            self.failed += 1
            print(f"not ok {self.n} - {name}", flush=True)
        return cond

    def done(self):
        print(f"1..{self.n}", flush=True)
        sys.exit(1 if self.failed else 0)

    def run(self, body):
        """Runs body(tap); an exception is a failed step with its traceback."""
        import traceback
        try:
            body(self)
        except Exception:  # noqa: BLE001 - report whatever broke the run
            traceback.print_exc()
            self.ok(False, "the test ran to its end")
        self.done()


def wait_for_a11y_registry(timeout=20):
    """Waits until the AT-SPI registry owns its name on the accessibility bus.

    The session starts at-spi-bus-launcher in the background; an app started
    before the registry is up never shows up on the bus."""
    from gi.repository import Gio, GLib

    def registry_up():
        address = os.environ["AT_SPI_BUS_ADDRESS"]
        bus = Gio.DBusConnection.new_for_address_sync(
            address,
            Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
            | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        try:
            owned = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                                  "org.freedesktop.DBus", "NameHasOwner",
                                  GLib.Variant("(s)", ("org.a11y.atspi.Registry",)),
                                  GLib.VariantType("(b)"), Gio.DBusCallFlags.NONE,
                                  5000, None).unpack()[0]
        finally:
            bus.close_sync(None)
        return owned

    wait_for(registry_up, timeout, "the AT-SPI registry")


def start(*args, stdin_data=None, env=None, attempts=3):
    """Starts tessera once the accessibility bus is ready and waits for it
    to show up there; returns (process, application accessible).

    Should the app still not show up within 12 s, it is stopped and started
    again, up to attempts times in all (a safety net: with the bus pinned
    above this has not been needed)."""
    wait_for_a11y_registry()
    for attempt in range(attempts):
        if attempt:
            print("# tessera did not show up on the accessibility bus: starting it again",
                  flush=True)
        process = launch(*args, stdin=stdin_data, env=env)
        if stdin_data is not None:
            process.stdin.write(stdin_data.encode())
            process.stdin.close()
        try:
            return process, find_app(timeout=12)
        except TimeoutError:
            stop(process)
            if attempt + 1 == attempts:
                raise


def launch(*args, stdin=None, env=None):
    """Start tessera; returns the Popen."""
    full_env = dict(os.environ)
    full_env["GTK_A11Y"] = "atspi"
    # GL under Xvfb is llvmpipe: slow to start and, on a loaded machine, the
    # reason a window sometimes took longer than any timeout to show up.
    full_env.setdefault("GSK_RENDERER", "cairo")
    full_env.pop("NO_AT_BRIDGE", None)
    if env:
        full_env.update(env)
    return subprocess.Popen(
        [TESSERA, *args],
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        env=full_env,
    )


def wait_for_bus_name(name, timeout=30):
    """Waits until name has an owner on the session bus."""
    from gi.repository import Gio, GLib
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)

    def owned():
        reply = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                              "org.freedesktop.DBus", "NameHasOwner", GLib.Variant("(s)", (name,)),
                              GLib.VariantType("(b)"), Gio.DBusCallFlags.NONE, 5000, None)
        return reply.unpack()[0]

    wait_for(owned, timeout, f"{name} on the session bus")


def find_app(name="tessera", timeout=30):
    """The application's accessible, once it shows up on the AT-SPI bus."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for app in dogtail.tree.root.children:
            try:
                if app.name == name:
                    return app
            except Exception:  # an app that just left the bus
                continue
        time.sleep(0.2)
    raise TimeoutError(f"{name} did not appear on the accessibility bus")


def find_window(app, title, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for child in app.children:
            if child.roleName in ("frame", "window", "dialog") and child.name == title:
                return child
        time.sleep(0.2)
    raise TimeoutError(f"no window titled {title!r}")


def screenshot(name):
    """Saves the whole Xvfb screen under the build dir's e2e-screenshots/."""
    outdir = os.path.join(BUILD_ROOT, "e2e-screenshots")
    os.makedirs(outdir, exist_ok=True)
    path = os.path.join(outdir, name + ".png")
    subprocess.run(["import", "-window", "root", path], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return path


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# Waiting ----------------------------------------------------------------

def wait_for(condition, timeout=15, what="the condition", interval=0.2):
    """Polls condition() until it returns something true; returns that.

    Exceptions from condition() count as "not yet" (a node can vanish from
    the bus between two calls); the last one is named in the timeout."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            result = condition()
            if result:
                return result
        except Exception as error:  # noqa: BLE001 - retried until the deadline
            last_error = error
        if time.monotonic() >= deadline:
            detail = f" (last error: {last_error!r})" if last_error else ""
            raise TimeoutError(f"timed out after {timeout} s waiting for {what}{detail}")
        time.sleep(interval)


# The accessibility tree -----------------------------------------------------

def descendants(node):
    """Every node under node, depth first, skipping ones that vanish."""
    stack = [node]
    while stack:
        current = stack.pop()
        try:
            children = list(current.children)
        except Exception:  # noqa: BLE001 - gone from the bus
            continue
        for child in reversed(children):
            if child is None:
                continue
            yield child
            stack.append(child)


def toplevel(node):
    current = node
    while True:
        parent = current.parent
        if parent is None or parent.roleName == "application":
            return current
        current = parent


def extents(node):
    """(x, y, width, height) relative to the node's window."""
    return tuple(node.queryComponent().getExtents(pyatspi.WINDOW_COORDS))


def _ancestors(node):
    """node, its parent, and so on up to (not including) the application."""
    chain = []
    current = node
    while current is not None and len(chain) < 200:
        try:
            if current.roleName == "application":
                break
            chain.append(current)
            current = current.parent
        except Exception:  # noqa: BLE001
            break
    return chain


def _is_stack_page(node):
    try:
        return node.name == "GtkStackPage"
    except Exception:  # noqa: BLE001
        return False


def current_stack_page(stack):
    """The child of a GtkStack's accessible that is really shown.

    GTK 4.8 keeps every page in the tree, visible, with the extents it had
    when last shown. The stack's own hit test (Component.GetAccessibleAtPoint,
    which picks widgets as GTK does) only lands in the shown page, so a few
    points across the stack tell which page that is. (The hit test of a whole
    window answers nothing at most points in GTK 4.8: it is only used on
    the stack.)"""
    comp = stack.queryComponent()
    x, y, w, h = extents(stack)
    if w <= 0 or h <= 0:
        return None
    for fy in (0.5, 0.3, 0.7, 0.15, 0.85):
        for fx in (0.5, 0.3, 0.7, 0.15, 0.85):
            hit = comp.getAccessibleAtPoint(int(x + w * fx), int(y + h * fy),
                                            pyatspi.WINDOW_COORDS)
            if hit is None:
                continue
            for node in _ancestors(hit):
                parent = node.parent
                if parent is not None and parent == stack:
                    return node
    return None


def on_screen(node):
    """Whether node is really drawn: it has a size inside its window and
    each GtkStack above it shows the page it is in.

    Pages of a GtkStack that are not shown stay in the tree, report
    themselves visible and keep their last extents (zero if never shown)."""
    try:
        x, y, w, h = extents(node)
        if w <= 0 or h <= 0:
            return False
        window = toplevel(node)
        _, _, ww, wh = extents(window)
        if x + w <= 0 or y + h <= 0 or x >= ww or y >= wh:
            return False
        for ancestor in _ancestors(node):
            if _is_stack_page(ancestor):
                stack = ancestor.parent
                shown = current_stack_page(stack)
                if shown is None or shown != ancestor:
                    return False
        return True
    except Exception:  # noqa: BLE001 - a node that just left the tree
        return False


def label(text):
    """A name matcher for a control labelled text. GTK 4.8 names a button
    with a mnemonic "C_reate Token Create Token" (the label with and without
    its underscore), and AdwMessageDialog has both spellings too."""
    def matches(name):
        plain = name.replace("_", "")
        return plain == text or plain == f"{text} {text}"
    return matches


def find_all(root, name=None, role=None, showing=True, pred=None):
    """Nodes under root with this name (a string, or a callable on the
    name) and role; by default only the ones really on screen."""
    found = []
    for node in descendants(root):
        try:
            if role is not None and node.roleName != role:
                continue
            if name is not None:
                if callable(name):
                    if not name(node.name):
                        continue
                elif node.name != name:
                    continue
            if pred is not None and not pred(node):
                continue
        except Exception:  # noqa: BLE001
            continue
        if showing and not on_screen(node):
            continue
        found.append(node)
    return found


def find(root, name=None, role=None, timeout=15, showing=True, pred=None):
    """The first node on screen under root with this name and role, waiting
    up to timeout seconds for it."""
    what = f"{role or 'a node'} named {name!r}" if not callable(name) else f"{role or 'a node'}"
    return wait_for(lambda: (find_all(root, name, role, showing, pred) or [None])[0],
                    timeout, what + " on screen")


def gone(root, name=None, role=None, timeout=15):
    """Waits until no node with this name and role is on screen."""
    return wait_for(lambda: not find_all(root, name, role), timeout,
                    f"{role or 'a node'} named {name!r} to leave the screen")


def windows(app):
    result = []
    for child in app.children:
        try:
            if child.roleName in ("frame", "window", "dialog", "alert"):
                result.append(child)
        except Exception:  # noqa: BLE001
            continue
    return result


def find_window_where(app, pred, timeout=15, what="a window"):
    return wait_for(lambda: next((w for w in windows(app) if pred(w)), None),
                    timeout, what)


# Acting like a person ----------------------------------------------------

def press(node):
    """Presses a button through its AT-SPI action (as a screen reader does)."""
    actions = node.actions
    for name in ("click", "press", "activate", "toggle"):
        if name in actions:
            node.doActionNamed(name)
            return
    raise RuntimeError(f"{node.roleName} {node.name!r} has no click action: {list(actions)}")


def point_at(node):
    """Moves the pointer over node: with no window manager, key events go to
    the window under the pointer. Windows sit at (0, 0) under bare Xvfb, so
    window coordinates are screen coordinates."""
    x, y, w, h = extents(node)
    dogtail.rawinput.absoluteMotion(x + w // 2, y + h // 2, check=False)
    time.sleep(0.2)


def click_at(node):
    x, y, w, h = extents(node)
    dogtail.rawinput.click(x + w // 2, y + h // 2, check=False)
    time.sleep(0.3)


def type_text(text):
    dogtail.rawinput.typeText(text)
    time.sleep(0.2)


def key(name):
    dogtail.rawinput.pressKey(name)
    time.sleep(0.2)


def key_combo(combo):
    dogtail.rawinput.keyCombo(combo)
    time.sleep(0.2)


def text_of(node):
    """The text an editable node holds."""
    text = node.queryText()
    return text.getText(0, text.characterCount)


# The local API server ------------------------------------------------------

class ApiServer:
    """A real tessera-api-server on a free loopback port, stopped with us."""

    def __init__(self, *args):
        self.process = subprocess.Popen(
            [API_SERVER, "--port", "0", "--exit-with-parent", *args],
            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
        self.url = None
        self.email = None
        self.token = None
        self.users = []      # (email, token) of the accounts after the demo one
        first = self.process.stdout.readline().strip()
        if not first.startswith("listening on "):
            raise RuntimeError(f"tessera-api-server said {first!r}")
        self.url = first.split()[-1]
        if "--seed-demo" in args:
            while self.email is None or self.token is None:
                line = self.process.stdout.readline()
                if not line:
                    raise RuntimeError("tessera-api-server stopped before naming its demo account")
                key_, _, value = line.strip().partition(": ")
                if key_ == "demo account":
                    self.email = value
                elif key_ == "demo token":
                    self.token = value
                elif key_.startswith("user "):
                    email, _, token = value.partition(" ")
                    self.users.append((email, token))
        # Keep reading whatever else it prints, so a full pipe never stalls it.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def request(self, method, path, body=None, token=None):
        """(HTTP status, decoded JSON or None)."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if token is not None:
            req.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(req, timeout=10) as answer:
                raw = answer.read()
                status = answer.status
        except urllib.error.HTTPError as error:
            raw = error.read()
            status = error.code
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, None

    def list_tokens(self, token=None):
        """Every token the server lists for the account, all pages."""
        token = token or self.token
        items, page = [], 1
        while True:
            status, answer = self.request(
                "GET", f"/api/v1/user/access_tokens?page={page}&page_size=50", token=token)
            if status != 200:
                raise RuntimeError(f"listing tokens answered {status}")
            payload = answer.get("payload", answer)
            batch = payload.get("list") or []
            items.extend(batch)
            if not batch or len(items) >= payload.get("count", 0):
                return items
            page += 1

    def fail_next(self, **rule):
        status, _ = self.request("POST", "/_test/fail", body=rule)
        if status != 200:
            raise RuntimeError(f"/_test/fail answered {status}")

    def stop(self):
        stop(self.process)


def secret_tool_search(*attributes):
    """The items `secret-tool search --all --unlock ATTRIBUTES` finds: a list
    of dicts with "secret", "label" and the attributes by name.

    secret-tool writes each item's header and secret on stdout and its
    attributes on stderr; both go line-buffered through one pipe so they
    stay in order."""
    run = subprocess.run(["stdbuf", "-oL", "-eL", "secret-tool", "search", "--all", "--unlock",
                          *attributes],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=30)
    items = []
    current = None
    for line in run.stdout.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            current = {"path": line[1:-1]}
            items.append(current)
        elif " = " in line and current is not None:
            field, _, value = line.partition(" = ")
            if field.startswith("attribute."):
                field = field[len("attribute."):]
            current[field] = value
    return items


def secret_tool_store(secret, *attributes):
    """Stores an item as another tool (or an older Tessera) would."""
    subprocess.run(["secret-tool", "store", "--label", "e2e", *attributes], input=secret,
                   text=True, timeout=30, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def clear_keyring():
    """Removes every item Tessera keeps, whatever the server: each test
    starts from a keyring that holds nothing of an earlier one (the private
    session's keyring is shared by all the tests it runs)."""
    subprocess.run(["secret-tool", "clear", "xdg:schema", "app.tessera.Tessera"],
                   timeout=30, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return not secret_tool_search("xdg:schema", "app.tessera.Tessera")


def set_clipboard(text):
    """Puts text on the X clipboard (xclip keeps serving it until another
    client takes the selection)."""
    subprocess.run(["xclip", "-i", "-selection", "clipboard"], input=text, text=True,
                   timeout=10, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def clipboard():
    """What the X clipboard holds, read with xclip."""
    run = subprocess.run(["xclip", "-o", "-selection", "clipboard"],
                         capture_output=True, text=True, timeout=10)
    return run.stdout if run.returncode == 0 else None
