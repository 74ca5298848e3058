"""The AT-SPI and keyboard toolkit of the accessibility walk (a11y-walk.py).

Importing it checks what the walk needs and exits 77 (skipped) without it: a display,
a session bus, at-spi2-core, python3-dogtail and pyatspi.  Then: finding objects in
the AT-SPI tree, following the focus, moving it by keyboard (Tab rounds, search,
choosers), the windows an app opens and closes, the report of focusable elements
without a name, and starting and stopping the app under test.
"""
import os
import re
import shutil
import subprocess
import sys
import time

SKIP = 77
DEADLINE = 480.0
started = time.monotonic()


def skip(why):
    print(f"SKIP: {why}")
    sys.exit(SKIP)
if not os.environ.get("DISPLAY"):
    skip("no X display (run under xvfb-run)")
if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    skip("no session bus (run under dbus-run-session)")
if not shutil.which("at-spi-bus-launcher") and not os.path.exists("/usr/libexec/at-spi-bus-launcher"):
    skip("at-spi2-core is not installed")
try:
    import gi
    gi.require_version("Atspi", "2.0")
    from dogtail.config import config
    config.checkForA11y = False  # the memory GSettings backend cannot say; GTK_A11Y does
    config.logDebugToFile = False
    config.logDebugToStdOut = False
    config.defaultDelay = 0.1
    config.actionDelay = 0.1
    config.typingDelay = 0.02
    config.searchCutoffCount = 10
    from dogtail import rawinput, tree
    import pyatspi
except (ImportError, ValueError) as e:
    skip(f"python3-dogtail or pyatspi is missing ({e})")
MNEMONIC = re.compile(r"(^|[^_])_[^_\s]")
HEARD_MNEMONICS = set()
# Widget type names: GTK 4.8 reports them as the name of an object that has none.
TYPE_PREFIXES = ("Gtk", "Adw", "Caucus", "GtkSource")
NAME_FROM_CONTENT = {"list item", "table cell", "page tab", "tree item", "menu item",
                     "check menu item", "radio menu item", "link"}
CONTAINERS_OK = {"scroll pane", "list", "tree table", "table", "viewport"}


def remaining():
    return DEADLINE - (time.monotonic() - started)


def real_name(acc):
    try:
        name = acc.name or ""
    except Exception:
        return ""
    if name.startswith(TYPE_PREFIXES) and " " not in name:
        return ""
    return name.strip()


def states(acc):
    try:
        return acc.getState()
    except Exception:
        return None


def labels_below(acc, depth=0):
    """Every label's text inside ACC, in order (depth first, six levels down at most)."""
    if depth > 6:
        return
    try:
        for i in range(acc.childCount):
            child = acc.getChildAtIndex(i)
            if child is None:
                continue
            if child.getRoleName() == "label" and real_name(child):
                yield real_name(child)
            yield from labels_below(child, depth + 1)
    except Exception:
        pass


def text_below(acc):
    """The first label's text inside ACC ("" when there is none)."""
    return next(labels_below(acc), "")


def all_text_below(acc):
    """Every label's text inside ACC, in order: an agenda row starts with its day's heading."""
    return list(labels_below(acc))


def describe(acc):
    path = []
    node = acc
    for _ in range(8):
        try:
            node = node.parent
        except Exception:
            break
        if node is None:
            break
        n = real_name(node)
        if n:
            path.append(f"{node.getRoleName()} '{n}'")
            if len(path) == 2:
                break
    if not path:
        # Nothing named above it: name its neighbours instead.
        try:
            parent = acc.parent
            near = [real_name(parent.getChildAtIndex(i)) or text_below(parent.getChildAtIndex(i))
                    for i in range(min(parent.childCount, 6))]
            near = [n for n in near if n]
            if near:
                path.append("beside " + ", ".join(f"'{n}'" for n in near[:3]))
        except Exception:
            pass
    where = " in " + " < ".join(path) if path else ""
    try:
        desc = acc.description
    except Exception:
        desc = ""
    hint = f", described as '{desc}'" if desc else ""
    return f"{acc.getRoleName()} (toolkit type '{acc.name}'{hint}){where}"


def unnamed_focusables(root, mapped_only=False):
    """Focusable, on-screen objects with no accessible name.  With MAPPED_ONLY, only
    those AT-SPI reports showing (mapped): for a scan of the whole main window right
    after a page switch, where the page left behind may still hold visible widgets."""
    bad = []
    stack = [root]
    seen = 0
    while stack and seen < 20000:
        acc = stack.pop()
        seen += 1
        st = states(acc)
        if st is None or not st.contains(pyatspi.STATE_VISIBLE):
            continue
        if mapped_only and not st.contains(pyatspi.STATE_SHOWING):
            continue
        try:
            role = acc.getRoleName()
            count = acc.childCount
        except Exception:
            continue
        if st.contains(pyatspi.STATE_FOCUSABLE) and not real_name(acc):
            if role in NAME_FROM_CONTENT and text_below(acc):
                pass
            elif role in CONTAINERS_OK and count > 0:
                pass  # a scrolled list is announced through its items
            else:
                bad.append(describe(acc))
        if role == "combo box" and real_name(acc):
            # GTK 4.8's GtkDropDown: its inner toggle button and list rows are
            # announced with the drop-down's own name; they cannot be named.
            continue
        for i in range(count):
            try:
                child = acc.getChildAtIndex(i)
            except Exception:
                child = None
            if child is not None:
                stack.append(child)
    return bad
_focus = {"acc": None}


def unnamed_problems(root, what, mapped_only=False, indent=""):
    """Scans ROOT with unnamed_focusables, prints how many it found and returns them as
    problems, each prefixed with WHAT."""
    bad = unnamed_focusables(root, mapped_only=mapped_only)
    print(f"{indent}{what}: {len(bad)} focusable element(s) without a name")
    return [f"{what}: {b}" for b in bad]


def _focus_cb(event):
    if event.detail1 == 1:
        _focus["acc"] = event.source


def pump(seconds):
    """Lets AT-SPI deliver its events (the focus changes) for SECONDS."""
    from gi.repository import GLib
    end = time.monotonic() + seconds
    ctx = GLib.MainContext.default()
    while time.monotonic() < end:
        while ctx.pending():
            ctx.iteration(False)
        time.sleep(0.02)


def focused(root):
    """The object that has the keyboard focus: the last focus event's source (a
    tree search for STATE_FOCUSED otherwise, slow on a large window)."""
    acc = _focus["acc"]
    if acc is not None:
        st = states(acc)
        if st is not None and st.contains(pyatspi.STATE_FOCUSED):
            return acc
    return focused_within(root)


def find_visible(root, pred):
    """The first object in ROOT's tree (depth first, ROOT included) that is VISIBLE and
    for which PRED (the object, its states) holds; what is below an object that is not
    visible, or that AT-SPI fails to describe, is passed over."""
    stack = [root]
    while stack:
        acc = stack.pop()
        st = states(acc)
        if st is None or not st.contains(pyatspi.STATE_VISIBLE):
            continue
        try:
            if pred(acc, st):
                return acc
            stack.extend(acc.getChildAtIndex(i) for i in range(acc.childCount))
        except Exception:
            pass
    return None


def focused_within(root):
    """The focused object inside ROOT (a small window), by a search of its tree: the
    main window's focus widget stays FOCUSED while a dialog is in front of it."""
    return find_visible(root, lambda acc, st: st.contains(pyatspi.STATE_FOCUSED))


def find_showing(root, role, name):
    return find_visible(root, lambda acc, st: acc.getRoleName() == role and real_name(acc) == name)


def wait_for(what, fn, timeout=10.0):
    end = time.monotonic() + min(timeout, max(remaining(), 0.5))
    while time.monotonic() < end:
        value = fn()
        if value:
            return value
        time.sleep(0.25)
    raise TimeoutError(f"timed out waiting for {what}")


def tab_to(app, role, name, limit=60):
    """Presses Tab until the focused object is ROLE named NAME: proves it is reachable."""
    return tab_until(app, f"the {role} '{name}'",
                     lambda acc: acc.getRoleName() == role and real_name(acc) == name, limit)


def focus_text(acc):
    """What a screen reader says for ACC: its name, or the text inside it."""
    return real_name(acc) or text_below(acc)


def tab_until(app, what, pred, limit=60, key="Tab"):
    """Presses KEY until the focused object satisfies PRED: proves it is reachable."""
    lost = 0
    for _ in range(limit):
        if remaining() < 10:
            break
        acc = focused(app)
        if acc is not None and MNEMONIC.search(real_name(acc)):
            # GTK 4.8 names a mnemonic button "_Save Save": what a screen reader reads.
            HEARD_MNEMONICS.add(describe(acc))
        if acc is not None and pred(acc):
            return acc
        lost = lost + 1 if acc is None else 0
        if lost == 3:
            # The focus got lost: the pointer over the window again (see park_pointer).
            park_pointer()
        if os.environ.get("CAUCUS_A11Y_TRACE") and acc is not None:
            print(f"  [{what}] at {describe(acc)} text '{focus_text(acc)[:40]}'")
        step = key
        if key == "Tab" and acc is not None and acc.getRoleName() == "text" and \
                states(acc) is not None and states(acc).contains(pyatspi.STATE_MULTI_LINE):
            step = "<Control>Tab"   # Tab types a tab in a text view; Ctrl+Tab leaves it
        if step.startswith("<"):
            rawinput.keyCombo(step)
        else:
            rawinput.pressKey(step)
        pump(0.25)
    acc = focused(app)
    now = describe(acc) if acc is not None else "nothing"
    raise AssertionError(f"{key} does not reach {what} in time (focus is on {now})")


def is_item_with(text):
    return lambda acc: (acc.getRoleName() in ("list item", "table cell", "tree item", "table row")
                        and (text in focus_text(acc)
                             or any(text in t for t in all_text_below(acc))))


def in_combo(name):
    """A GtkDropDown takes the focus on its inner button, inside the named combo box."""
    def pred(acc):
        if acc.getRoleName() == "combo box" and real_name(acc) == name:
            return True
        parent = acc.parent
        return parent is not None and parent.getRoleName() == "combo box" and real_name(parent) == name
    return pred


def contains_label(root, prefix):
    return find_visible(root, lambda acc, st: acc.getRoleName() == "label"
                        and (acc.name or "").startswith(prefix))


def trace(window, what):
    if os.environ.get("CAUCUS_A11Y_TRACE"):
        acc = focused(window)
        print(f"  [{what}] focus: {describe(acc) if acc is not None else 'nothing'}")


def search_page(text):
    """Ctrl+F focuses the page's search; typing narrows the page's list."""
    rawinput.keyCombo("<Control>f")
    pump(0.5)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(text)
    pump(1.5)


def choose_in_popover(text):
    """A chooser popover opens with the focus in its search: type, wait, Return."""
    rawinput.pressKey("space")
    pump(0.8)
    rawinput.typeText(text)
    pump(1.5)
    rawinput.pressKey("Return")
    pump(1.5)


POINTER = (560, 28)              # the header bar's title, away from any tooltip


def list_ancestors(acc, depth):
    """The lists and tables among ACC's DEPTH nearest ancestors, nearest first."""
    node = acc
    for _ in range(depth):
        try:
            node = node.parent
        except Exception:
            return
        if node is None:
            return
        if node.getRoleName() in ("list", "table", "tree table"):
            yield node


def in_list(acc, name):
    """ACC's nearest list is the list NAME."""
    return next((real_name(node) == name for node in list_ancestors(acc, 8)), False)


def under_list(acc, name):
    """ACC lies somewhere inside the list NAME (in_list looks at the nearest list only)."""
    return any(real_name(node) == name for node in list_ancestors(acc, 16))


def described(acc, text):
    try:
        return acc.description == text
    except Exception:
        return False


def toplevels(app):
    try:
        return [app.getChildAtIndex(i) for i in range(app.childCount)]
    except Exception:
        return []


def new_toplevels(app, before):
    """The windows opened since the app had BEFORE of them."""
    wins = toplevels(app)
    return wins[before:] if len(wins) > before else []


def park_pointer():
    """Without a window manager X gives the keys to the window under the pointer: park it
    over the main window's header bar (no click)."""
    rawinput.absoluteMotion(*POINTER)
    pump(0.5)


def point_at(win):
    """Without a window manager X gives the keys to the window under the pointer:
    park it inside WIN (no click), near its top-left corner, off its buttons."""
    try:
        ext = win.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        if ext.width > 0 and ext.height > 0:
            rawinput.absoluteMotion(ext.x + min(ext.width // 2, 200), ext.y + min(ext.height // 2, 300))
            pump(0.5)
            return
    except Exception:
        pass
    park_pointer()


def find_named(root, name):
    """The showing object named NAME, whatever its role."""
    return find_visible(root, lambda acc, st: real_name(acc) == name)


def tab_round(dialog, what, limit=40, lost_is_problem=True):
    """One Tab round through DIALOG (Ctrl+Tab out of a multi-line text): returns its
    stops (role, text) and the problems (a stop without a name; with LOST_IS_PROBLEM,
    the focus lost, else the round just ends there)."""
    stops, problems = [], []
    for _ in range(limit):
        acc = focused_within(dialog)
        if acc is None:
            if lost_is_problem:
                problems.append(f"{what}: Tab left the window or the focus got lost")
            break
        key = (acc.getRoleName(), focus_text(acc))
        if key in stops:
            break
        if not key[1]:
            problems.append(f"{what}: a focus stop without a name: {describe(acc)}")
        if MNEMONIC.search(real_name(acc)):
            HEARD_MNEMONICS.add(describe(acc))
        stops.append(key)
        step = "<Control>Tab" if key[0] == "text" and states(acc) is not None and \
            states(acc).contains(pyatspi.STATE_MULTI_LINE) else "Tab"
        if step.startswith("<"):
            rawinput.keyCombo(step)
        else:
            rawinput.pressKey(step)
        pump(0.3)
    print(f"   {what}'s focus stops: " + ", ".join(f"{r} '{t[:40]}'" for r, t in stops))
    return stops, problems


def check_view(dialog, what, needed, limit=40, lost_is_problem=True):
    """No unnamed focusable in DIALOG's current view, and one Tab round (see tab_round)
    names every stop and reaches every control in NEEDED."""
    # Not mapped_only: GTK 4.8 reports a header bar's buttons not SHOWING, and the scan
    # would pass over an unnamed Back button there (it did).
    problems = unnamed_problems(dialog, what)
    stops, round_problems = tab_round(dialog, what, limit, lost_is_problem)
    problems.extend(round_problems)
    for n in needed:
        if not any(t == n or t.startswith(n) for _, t in stops):
            problems.append(f"{what}: Tab does not reach '{n}'")
    return problems


def open_sync_popover(window, titles):
    """Shift+Tab from the Directory page to the sync button, whose name starts with one
    of TITLES, and Space."""
    rawinput.keyCombo("<Alt>1")
    pump(1.0)
    titles = (titles,) if isinstance(titles, str) else tuple(titles)
    tab_until(window, f"the sync button ('{titles[0]}')", lambda acc: real_name(acc).startswith(titles),
              key="<Shift>Tab")
    rawinput.pressKey("space")
    pump(1.0)


def new_window(app, before, what):
    wins = wait_for(what, lambda: (lambda w: w if len(w) > before else None)(toplevels(app)), 8)
    dialog = wins[-1]
    point_at(dialog)
    return dialog


def escape_closes(app, before, what):
    rawinput.pressKey("Escape")
    pump(1.5)
    if len(toplevels(app)) > before:
        rawinput.keyCombo("<Control>w")
        pump(1.0)
        return [f"Escape does not close {what}"]
    return []


def app_env(tmp):
    """The app's environment: the AT-SPI bridge on, fresh XDG folders in TMP."""
    env = dict(os.environ)
    env.pop("NO_AT_BRIDGE", None)
    env["GTK_A11Y"] = "atspi"
    env["GDK_BACKEND"] = "x11"
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_CACHE_HOME", "cache")):
        env[var] = os.path.join(tmp, sub)
        os.makedirs(env[var], exist_ok=True)
    env.setdefault("GSETTINGS_BACKEND", "memory")
    # The display suite makes criticals fatal (G_DEBUG=fatal-criticals); this test is
    # about what a keyboard and a screen reader reach, so the app's criticals are
    # collected from its stderr and listed at the end instead of ending the walk.
    env["G_DEBUG"] = ",".join(f for f in env.get("G_DEBUG", "").split(",")
                              if f and f != "fatal-criticals")
    return env


def attach(what):
    """Waits for the app started last on the AT-SPI bus (WHAT names the run) and its
    main window, parks the pointer over the window (without a window manager, X gives
    the keyboard to the window under the pointer; on the header bar's title no tooltip
    can open under it and take the keys) and waits for the Directory to list people.
    Returns (app, window)."""
    def app_up():
        for a in tree.root.children:
            if a is not None and a.name == "caucus":
                return a
        return None
    app = wait_for(f"the app on the AT-SPI bus{what}", app_up, 30)
    window = wait_for("the main window", lambda: app.children[0] if app.childCount else None)
    park_pointer()
    rawinput.keyCombo("<Alt>1")
    wait_for("the directory", lambda: find_showing(window, "list", "Directory")
             and find_showing(window, "list", "Directory").childCount > 0, 30)
    return app, window


def screenshot_on_failure():
    """CAUCUS_A11Y_SCREENSHOT=FILE: the screen as it was when a step failed."""
    shot = os.environ.get("CAUCUS_A11Y_SCREENSHOT")
    if shot and shutil.which("import"):
        subprocess.run(["import", "-window", "root", shot], check=False)


def stop(proc):
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def report_criticals(app_log, which):
    """Prints the criticals the app logged (not this test's subject) and closes the log."""
    app_log.seek(0)
    criticals = sorted({line.strip() for line in app_log if "CRITICAL" in line})
    app_log.close()
    if criticals:
        print(f"{which} logged {len(criticals)} critical(s) (not this test's subject):")
        for line in criticals:
            print("  " + line)
