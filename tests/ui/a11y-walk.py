#!/usr/bin/env python3
"""Accessibility walk of Caucus through AT-SPI (issue 10).

usage: a11y-walk.py CAUCUS_EXECUTABLE [CAUCUSCTL]

Starts the app on the sample workspace, loaded into its default (registered)
workspace in fresh XDG folders, with the AT-SPI bridge on (GTK_A11Y=atspi,
NO_AT_BRIDGE unset), then, using the keyboard only (Alt+1..4, the page shortcuts the
shortcuts window lists):

  * walks each main page (Directory, Calendar, Statements, Briefing packs) and fails
    on every focusable element on screen that has no accessible name.  A role that
    takes its name from its content (a list item, a table cell, a tab) passes when it
    holds a label with text, as screen readers read it that way;
  * checks that a mnemonic button (the sample pack's "_Export PDF…") is announced by its
    text, and fails on any focus stop whose name carries a mnemonic underscore;
    then checks the pack editor with its sections collapsed, and each section with
    options expanded in turn by keyboard (Tab to it, Space);
  * opens Preferences, Keyboard Shortcuts, Search Everywhere and the sync button's
    popover by keyboard, checks them for unnamed focusables and closes them with
    Escape; from the popover, Connect to Server… (Tab, Space): the connect dialog has
    no unnamed focusable, one Tab round through it names every stop and reaches every
    field and button, and Escape closes it;
  * proves the sidebar is one Tab stop: Shift+Tab into it lands on the current page's
    row, which AT-SPI reports selected; Down moves the focus over the other rows
    without switching page; Tab leaves for the page's content with the page
    unchanged; Return, then Space, on a row switches to its page;
  * does one full task by keyboard alone (key presses only: no clicks, no AT-SPI
    actions), and follows the focus through AT-SPI focus events to prove each
    control is reached:
      1. Directory: People, New, type a name, Tab to the organisation's Choose…,
         Space, type the organisation, Return (the chooser takes the first match),
         Ctrl+S;
      2. Calendar: Ctrl+F, type a session's title, Tab into the agenda, Return on the
         session (while the agenda's rows cannot take the focus, see open_session:
         Month, Previous back to November 2012, the 3rd, the session in the Day
         view), then on the session's page Tab to the role drop-down (Speaker) and
         Add Person, Space, type the person's name, Return: the page lists them as
         Speaker of their organisation;
      3. Statements: Ctrl+F, type the statement's title, Tab into the list, Return,
         Tab to the side-panel toggle, Space, Tab (Ctrl+Tab out of the text) to
         Sign-on, Space, Tab to Sign for a Person, Space, type the name, Return: the
         ledger lists their organisation as Signed, authorised by them.
    With CAUCUSCTL (the command line) it then reads the workspace's store after the
    app has quit: the person has the organisation, the session names them as speaker,
    and the statement has a standing signature of that organisation signed by them.

Then (with CAUCUSCTL) a second run of the app, on a workspace registered with a
caucus-server on a free loopback port, whose store caucusctl filled with the sample and
a conflict pulled from another device (the same sentence changed on both): by keyboard,
the sync button's popover, Review Conflicts… (the list, Return on the statement, its
choices), Escape; the other device changes a draft statement, Sync Now, What Changed…
(the digest, its Redline), Escape.  Each view: no unnamed focusable, one Tab round
names every stop and reaches its controls.

CAUCUS_A11Y_ONLY=walk|sidebar|secondary|task|sync runs one part (while working on it);
CAUCUS_A11Y_TRACE=1 prints every focus stop (to see where Tab goes when a step
fails); CAUCUS_A11Y_SCREENSHOT=FILE saves the screen on failure.

Run under the display tests' Xvfb and session bus (build-aux/run-tests.sh); exits 77
(skipped) when dogtail, AT-SPI, a display or a session bus is missing.  Every wait is
bounded, and the whole run is bounded by DEADLINE seconds.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
DEADLINE = 480.0
started = time.monotonic()


def skip(why):
    print(f"SKIP: {why}")
    sys.exit(SKIP)


if len(sys.argv) not in (2, 3):
    print(__doc__, file=sys.stderr)
    sys.exit(2)
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


PAGES = [("1", "Directory"), ("2", "Calendar"), ("3", "Statements"), ("4", "Briefing Packs")]
POINTER = (560, 28)              # the header bar's title, away from any tooltip
PERSON = "Amara Keyboard"
ORG = "Global Partners"          # Global Partners & Associates, in the sample directory
CONFERENCE = "Best Bits"
SESSION = "Process towards enhanced cooperation"   # Best Bits 2012, first day, no roles yet
STATEMENT = "ITU unity"          # the WCIT statement, which Global Partners has not signed


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


def open_session(window):
    """Opens SESSION's page from the Calendar by keyboard.  The agenda is the natural
    way (search, Tab to the row, Return); GTK 4.8 lets a list item take the focus only
    when none of its children can, and an agenda row holds a Follow button, so Tab
    lands on that button and Return follows the session instead.  Until the row can
    take the focus the way in is the Month view: Previous month by month to the
    conference, the day's button, then the session's row in the Day view."""
    search_page(SESSION)
    acc = tab_until(window, f"the session '{SESSION}' in the agenda",
                    lambda acc: is_item_with(SESSION)(acc)
                    or (real_name(acc) == "Follow" and in_list(acc, "Agenda")))
    if acc.getRoleName() != "push button":
        rawinput.pressKey("Return")
        pump(1.5)
        return
    print("   the agenda's row cannot take the focus (Tab lands on its Follow button): "
          "going through the Month view")
    tab_until(window, "the Month view's button",
              lambda acc: acc.getRoleName() in ("push button", "toggle button") and real_name(acc) == "Month",
              key="<Shift>Tab")
    rawinput.pressKey("space")
    pump(1.0)
    tab_until(window, "the previous month's button",
              lambda acc: real_name(acc) == "Previous" or described(acc, "Previous"))
    import datetime
    today = datetime.date.today()
    for _ in range((today.year - 2012) * 12 + today.month - 11):
        rawinput.pressKey("space")
        pump(0.05)
    pump(1.0)
    tab_until(window, "3 November 2012 in the month",
              lambda acc: acc.getRoleName() in ("push button", "table cell")
              and focus_text(acc).startswith("3:"), limit=40)
    rawinput.pressKey("space")
    pump(1.5)
    # The day's button is gone with the month, so GTK puts the focus on the Day view's
    # scrolled window itself, which Tab then leaves without entering: back to the
    # toolbar, then forward into the day's rows.
    tab_until(window, "the Calendar menu", lambda acc: real_name(acc) == "Calendar Menu", key="<Shift>Tab")
    tab_until(window, f"the session '{SESSION}' in the day", is_item_with(SESSION))
    rawinput.pressKey("Return")
    pump(1.5)


def sidebar_row(window, title):
    sidebar = find_showing(window, "list", "Workspace pages")
    if sidebar is None:
        raise AssertionError("no sidebar list named 'Workspace pages' on screen")
    for i in range(sidebar.childCount):
        row = sidebar.getChildAtIndex(i)
        if row is not None and focus_text(row) == title:
            return row
    raise AssertionError(f"the sidebar has no row '{title}'")


def is_selected(acc):
    st = states(acc)
    return st is not None and st.contains(pyatspi.STATE_SELECTED)


def visible_page(window):
    """The page whose sidebar row a screen reader hears as selected."""
    for _, title in PAGES:
        if is_selected(sidebar_row(window, title)):
            return title
    return None


def check_sidebar(window):
    """The sidebar is one Tab stop: the arrows move the focus between its rows without
    switching page, Tab leaves it for the page's content with the page unchanged, and
    Return (or Space) on a row switches to that page.  The current page's row is
    reported selected to a screen reader throughout."""
    rawinput.keyCombo("<Alt>2")
    pump(1.5)
    if not is_selected(sidebar_row(window, "Calendar")):
        raise AssertionError("the current page's sidebar row (Calendar) is not reported selected")
    # Into the sidebar from the content, backwards: it lands on the current page's row.
    tab_until(window, "the sidebar's Calendar row",
              lambda acc: acc.getRoleName() == "list item" and focus_text(acc) == "Calendar"
              and in_list(acc, "Workspace pages"), key="<Shift>Tab")
    # Down over Statements and Briefing Packs: the focus moves, the page does not.
    rawinput.pressKey("Down")
    pump(0.8)
    acc = focused(window)
    if acc is None or focus_text(acc) != "Statements":
        raise AssertionError(f"Down in the sidebar does not reach Statements "
                             f"(focus on {describe(acc) if acc is not None else 'nothing'})")
    rawinput.pressKey("Down")
    pump(0.8)
    if not is_selected(sidebar_row(window, "Calendar")) or \
            is_selected(sidebar_row(window, "Briefing Packs")):
        raise AssertionError("moving the focus through the sidebar changed the page")
    # Tab from the sidebar into the content: the page stays the Calendar.
    acc = tab_until(window, "the Calendar page's content",
                    lambda acc: not in_list(acc, "Workspace pages"), limit=3)
    tab_until(window, "a control of the Calendar page",
              lambda acc: real_name(acc) in ("Calendar Menu", "Month", "Day", "Agenda"), limit=12)
    if visible_page(window) != "Calendar":
        raise AssertionError(f"Tab from the sidebar into the content switched to {visible_page(window)}")
    print(f"   Tab from the sidebar into the content leaves the page unchanged "
          f"({real_name(acc) or acc.getRoleName()} after the sidebar)")
    # Back into the sidebar, Down to Statements, Return: the page switches.
    tab_until(window, "the sidebar's Calendar row",
              lambda acc: acc.getRoleName() == "list item" and in_list(acc, "Workspace pages"),
              key="<Shift>Tab")
    if focus_text(focused(window)) != "Calendar":
        raise AssertionError("Shift+Tab into the sidebar does not land on the current page's row")
    rawinput.pressKey("Down")
    pump(0.5)
    rawinput.pressKey("Return")
    wait_for("the Statements page after Return on its row",
             lambda: visible_page(window) == "Statements", 10)
    if is_selected(sidebar_row(window, "Calendar")):
        raise AssertionError("the Calendar row is still reported selected after switching")
    rawinput.pressKey("Up")
    pump(0.5)
    rawinput.pressKey("space")
    wait_for("the Calendar page after Space on its row", lambda: visible_page(window) == "Calendar", 10)
    print(f"0. sidebar: arrows move without switching, Tab leaves it, Return and Space switch "
          f"({time.monotonic() - started:.0f} s)")


def check_mnemonic_name(window):
    """A button with a mnemonic ("_Export PDF…", in the sample's briefing pack) is
    announced by its text (GTK 4.8 alone says "_Export PDF… Export PDF…")."""
    rawinput.keyCombo("<Alt>4")
    pump(1.5)
    tab_until(window, "the sample's briefing pack", is_item_with("Best Bits"), limit=30)
    rawinput.pressKey("Return")
    pump(2.0)
    acc = tab_until(window, "the pack's Export PDF… button",
                    lambda acc: "Export PDF" in real_name(acc), limit=40)
    if real_name(acc) != "Export PDF…":
        raise AssertionError(f"the Export PDF… button is announced as '{real_name(acc)}'")
    print(f"   a mnemonic button is announced as '{real_name(acc)}'")
    # The pack editor is not part of the pages' walk above (it opens on a pack): its
    # sections, collapsed (their rows are still in the AT-SPI tree, unmapped) and
    # each one expanded in turn by keyboard.
    problems = unnamed_problems(window, "pack editor")
    problems.extend(check_sections_expanded(window))
    return problems


def check_sections_expanded(window):
    """Expands every section of the pack editor by keyboard (Tab to its row, Space, as
    GTK 4.8 toggles an expander row on activation) and scans the shown rows."""
    sections = find_showing(window, "list", "Sections")
    if sections is None:
        return ["the pack editor has no list named 'Sections'"]
    titles = [focus_text(sections.getChildAtIndex(i)) for i in range(sections.childCount)]
    problems = []
    expanded = 0
    for title in titles:
        if not title:
            continue
        # An expander row's focus is on its header row, in a list of its own.
        acc = tab_until(window, f"the section '{title}'",
                        lambda a, t=title: a.getRoleName() == "list item" and focus_text(a) == t
                        and under_list(a, "Sections"), limit=80)
        st = states(acc)
        if st is None or not st.contains(pyatspi.STATE_EXPANDABLE):
            continue
        rawinput.pressKey("space")
        pump(0.8)
        st = states(acc)
        if st is None or not st.contains(pyatspi.STATE_EXPANDED):
            problems.append(f"Space does not expand the section '{title}'")
            continue
        expanded += 1
        bad = unnamed_focusables(window, mapped_only=True)
        problems.extend(f"pack editor, section '{title}' expanded: {b}" for b in bad)
        rawinput.pressKey("space")
        pump(0.5)
    print(f"   expanded {expanded} section(s) of the pack by keyboard: "
          f"{len(problems)} problem(s)")
    return problems


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


def check_secondary(app, window):
    """The secondary windows opened by keyboard: every focusable element in them is
    named, and Escape closes them.  Returns the problems found."""
    problems = []
    before = len(toplevels(app))
    opened = [("Preferences", "<Control>comma"), ("Keyboard Shortcuts", "<Control><Shift>question"),
              ("Search Everywhere", "<Control>k")]
    for what, keys in opened:
        rawinput.keyCombo(keys)
        pump(2.0)
        new = new_toplevels(app, before)
        trace(window, f"{what} opened")
        if not new:
            problems.append(f"{keys} does not open {what}")
            continue
        point_at(new[0])
        # (GtkShortcutsWindow's own search toggle, search entry and section menu are
        # built inside GTK 4.8 without names: caucus-application-actions.c names them.)
        problems.extend(unnamed_problems(new[0], what))
        roots = new
        if os.environ.get("CAUCUS_A11Y_TRACE"):
            for _ in range(25):
                acc = focused(roots[0])
                print(f"  [{what}] Tab at {describe(acc) if acc is not None else 'nothing'}"
                      f" text '{focus_text(acc)[:40] if acc is not None else ''}'")
                rawinput.pressKey("Tab")
                pump(0.3)
        problems.extend(escape_closes(app, before, what))
        park_pointer()

    # The sync button's popover, and from it the Connect to Server… dialog (enabled:
    # the walk's workspace is the registered default one, see main).
    open_sync_popover(window, "Local only")
    problems.extend(unnamed_problems(window, "sync popover", mapped_only=True))
    problems.extend(check_connect_dialog(app, window, before))
    return problems


def scan_new_window(app, what, before):
    """The window opened last (WHAT): no unnamed focusable element in it, every focus
    stop of one Tab round named, and Escape closes it.  Returns the problems."""
    new = new_toplevels(app, before)
    if not new:
        return [f"{what} does not open"]
    dialog = new[-1]
    point_at(dialog)
    problems = check_view(dialog, what, (), limit=25, lost_is_problem=False)
    problems.extend(escape_closes(app, before, what))
    park_pointer()
    return problems


def check_more_windows(app, window):
    """The other windows a keyboard reaches: About (F10, then its mnemonic), the
    workspace switcher's popover and its New and Rename dialogs (each closed with
    Escape, which cancels), and New Pack for an Event…."""
    problems = []
    before = len(toplevels(app))
    rawinput.keyCombo("<Alt>1")
    pump(1.0)
    rawinput.pressKey("F10")
    pump(1.0)
    rawinput.pressKey("a")             # _About Caucus
    pump(2.0)
    problems.extend(scan_new_window(app, "About", before))

    # (Remove Workspace… only says, in a toast, that the one workspace stays.)
    for item in ("New Workspace…", "Rename Workspace…"):
        tab_until(window, "the workspace switcher",
                  lambda acc: real_name(acc) in ("Switch Workspace", "My Workspace")
                  or described(acc, "Switch Workspace"), key="<Shift>Tab")
        rawinput.pressKey("space")
        pump(1.0)
        if item == "New Workspace…":
            problems.extend(unnamed_problems(window, "workspace switcher", mapped_only=True))
        tab_until(window, f"the switcher's {item}", lambda acc, i=item: real_name(acc) == i, limit=8)
        rawinput.pressKey("space")
        pump(1.5)
        problems.extend(scan_new_window(app, item.rstrip("…") + " dialog", before))

    if find_showing(window, "push button", "New Workspace…") is not None:
        rawinput.pressKey("Escape")    # the switcher's popover, open again after a dialog
        pump(0.5)
    rawinput.keyCombo("<Alt>4")
    pump(1.5)
    tab_until(window, "New Pack…", lambda acc: real_name(acc) in ("New Pack…", "New Pack for an Event…"),
              limit=30)
    rawinput.pressKey("space")
    pump(2.0)
    problems.extend(scan_new_window(app, "New Pack for an Event", before))
    return problems


def check_connect_dialog(app, window, before):
    """From the open sync popover: Tab to Connect to Server…, Space; in the dialog every
    focusable element has a name, and so has every stop of one full Tab cycle through
    it (what a screen reader announces as the focus moves); Escape closes it."""
    problems = []
    tab_until(window, "the popover's Connect to Server…",
              lambda acc: real_name(acc) == "Connect to Server…", limit=10)
    rawinput.pressKey("space")
    pump(2.0)
    new = new_toplevels(app, before)
    if not new:
        return ["Space on Connect to Server… does not open the connect dialog"]
    dialog = new[0]
    if not real_name(dialog).startswith("Connect"):
        problems.append(f"the connect dialog's window is named '{real_name(dialog)}'")
    point_at(dialog)
    problems.extend(unnamed_problems(dialog, "connect dialog"))
    # One Tab cycle: every stop is announced by a name (or the text inside it).
    stops, round_problems = tab_round(dialog, "connect dialog", limit=20)
    problems.extend(round_problems)
    for needed in ("Server Address", "User Name", "Password", "Test Connection", "Connect"):
        if not any(t == needed for _, t in stops):
            problems.append(f"connect dialog: Tab does not reach '{needed}'")
    problems.extend(escape_closes(app, before, "the connect dialog"))
    park_pointer()
    return problems


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


def scan_on_the_way(window, what):
    """What the task opens on its way (a form, a session's page, the statement editor
    and its side panel): unnamed focusables on screen there fail the walk too."""
    return unnamed_problems(window, what, mapped_only=True, indent="   ")


def keyboard_task(window):
    # 1. A person, with an organisation.  People view, then New, which opens an empty
    # person form with the focus in its first field, the name: an entry row, whose
    # text must be reported focused and named (libadwaita 1.2 reports neither by
    # itself; caucus-window.c gives it the role and its row's title).
    rawinput.keyCombo("<Alt>1")
    pump(1.0)
    tab_to(window, "push button", "People")
    rawinput.pressKey("space")
    pump(1.0)
    tab_to(window, "push button", "New")
    rawinput.pressKey("Return")
    pump(1.5)
    field = wait_for("the focus reported in the form's first field", lambda: (
        lambda acc: acc if acc is not None and acc.getRoleName() == "text" and real_name(acc) else None)(
            focused(window)), 5)
    print(f"   the form's first field is announced as the text '{real_name(field)}'")
    problems = scan_on_the_way(window, "the new person's form")
    rawinput.typeText(PERSON)
    pump(0.3)
    tab_to(window, "push button", "Choose…")
    choose_in_popover(ORG)
    rawinput.keyCombo("<Control>s")
    wait_for("the new person in the directory", lambda: find_showing(window, "label", PERSON), 10)
    wait_for("the person's organisation on their page",
             lambda: contains_label(window, "Global Partners & Associates"), 10)
    print(f"1. created a person with an organisation by keyboard alone ({time.monotonic() - started:.0f} s)")

    # 2. The person speaks at a session, found in the Calendar.
    rawinput.keyCombo("<Alt>2")
    pump(1.5)
    open_session(window)
    problems.extend(scan_on_the_way(window, "the session's page"))
    tab_until(window, "the role drop-down", in_combo("Role"))
    # (GTK 4.8 reports the drop-down's text as "(None)" over AT-SPI; its label is there.)
    if not find_showing(window, "label", "Speaker"):
        raise AssertionError("the role drop-down does not show Speaker")
    tab_to(window, "push button", "Add Person")
    choose_in_popover(PERSON)
    wait_for(f"{PERSON} listed as speaker for their organisation",
             lambda: find_showing(window, "label", PERSON)
             and contains_label(window, "Speaker · Global Partners & Associates"), 10)
    print(f"2. added them as a speaker to a session by keyboard alone ({time.monotonic() - started:.0f} s)")

    # 3. They sign the statement for their organisation.
    rawinput.keyCombo("<Alt>3")
    pump(1.5)
    search_page(STATEMENT)
    tab_until(window, f"the statement '{STATEMENT}' in the list", is_item_with(STATEMENT))
    rawinput.pressKey("Return")
    pump(2.0)
    # The editor opens with the focus in the statement's title; its toolbar follows.
    tab_until(window, "the side-panel toggle",
              lambda acc: real_name(acc) == "Comments, Versions and Sign-on")
    rawinput.pressKey("space")
    pump(1.0)
    problems.extend(scan_on_the_way(window, "the statement editor with its Comments"))
    tab_until(window, "the Versions tab", lambda acc: real_name(acc) == "Versions")
    rawinput.pressKey("space")
    pump(1.0)
    problems.extend(scan_on_the_way(window, "the statement's Versions"))
    tab_until(window, "the Sign-on tab", lambda acc: real_name(acc) == "Sign-on")
    rawinput.pressKey("space")
    pump(1.0)
    problems.extend(scan_on_the_way(window, "the statement's Sign-on"))
    tab_until(window, "Sign for a Person", lambda acc: real_name(acc) == "Sign for a Person")
    choose_in_popover(PERSON)
    wait_for("the organisation's signature, authorised by the person, in the ledger",
             lambda: contains_label(window, f"Authorised by {PERSON}")
             and find_showing(window, "label", "Global Partners & Associates"), 10)
    print(f"3. signed the statement for their organisation by keyboard alone ({time.monotonic() - started:.0f} s)")
    return problems


def check_store(caucusctl, store):
    """The three writes, read back from the workspace's store after the app quit."""
    import json
    run = subprocess.run([caucusctl, "--store", store, "all-docs", "--include-docs"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        return [f"caucusctl could not read the workspace's store: {run.stderr.strip()}"]
    docs = [row["doc"] for row in json.loads(run.stdout)["rows"]]
    people = [d for d in docs if d.get("type") == "person" and d.get("name") == PERSON]
    if len(people) != 1:
        return [f"the store has {len(people)} people named {PERSON}"]
    person = people[0]
    orgs = {d["_id"]: d for d in docs if d.get("type") == "org"}
    org_id = person.get("org_id")
    problems = []
    if org_id not in orgs or not orgs[org_id]["name"].startswith(ORG):
        problems.append(f"{PERSON}'s organisation is {org_id!r}, not {ORG}")
    speaking = [d for d in docs if d.get("type") == "event" and d.get("title", "").startswith(SESSION)
                and {"person_id": person["_id"], "role": "speaker"} in d.get("roles", [])]
    if len(speaking) != 1:
        problems.append(f"no session '{SESSION}' names {PERSON} as speaker in the store")
    statements = {d["_id"] for d in docs if d.get("type") == "statement"
                  and STATEMENT in d.get("title", "")}
    signed = [d for d in docs if d.get("type") == "signature" and d.get("statement_id") in statements
              and d.get("org_id") == org_id and d.get("signed_by") == person["_id"]
              and not d.get("withdrawn_at")]
    if len(signed) != 1:
        problems.append(f"the store has no standing signature of {org_id} by {PERSON}")
    if not problems:
        print("the store holds the person's organisation, the speaker role and the signature")
    return problems


# ---- after a sync: the conflict review dialog and the digest ------------------------

SERVER_USER = "walker"
SERVER_PASSWORD = "walk-pass-1"
CONFLICTED = "statement:oewg-engagement"


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


def ctl(caucusctl, store, *args, stdin=None):
    env = dict(os.environ, CAUCUS_PASSWORD=SERVER_PASSWORD)
    run = subprocess.run([caucusctl, "--store", store, *args], input=stdin, env=env,
                         capture_output=True, text=True, timeout=60)
    if run.returncode != 0:
        raise AssertionError(f"caucusctl {' '.join(args[:2])} on {os.path.basename(store)} "
                             f"failed: {run.stderr.strip()}")
    return run.stdout


def edit_doc(caucusctl, store, doc_id, change):
    import json
    doc = json.loads(ctl(caucusctl, store, "get", doc_id))
    change(doc)
    ctl(caucusctl, store, "put", "-", stdin=json.dumps(doc))


def start_server(server, data):
    """caucus-server on a free loopback port with one database the walker may edit."""
    import socket

    def admin(*args, stdin=None):
        run = subprocess.run([server, "-d", data, *args], input=stdin, capture_output=True,
                             text=True, timeout=30)
        if run.returncode != 0:
            raise AssertionError(f"caucus-server {' '.join(args)} failed: {run.stderr.strip()}")
    admin("user", "add", SERVER_USER, stdin=SERVER_PASSWORD + "\n")
    admin("db", "create", "delegation")
    admin("db", "grant", "delegation", SERVER_USER, "--role", "editor")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([server, "-d", data, "serve", "--listen", f"127.0.0.1:{port}", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def listening():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            return False
    wait_for("caucus-server listening", listening, 15)
    return proc, f"http://127.0.0.1:{port}/delegation"


def prepare_conflict(caucusctl, url, mine, other):
    """Two devices of the delegation, each with the sample through the server, change the
    same sentence of the same statement; this device then pulls the other's change: a
    conflict the merge rules cannot settle, waiting in this device's store."""
    ctl(caucusctl, mine, "sample")
    ctl(caucusctl, mine, "sync", "--remote", url, "--user", SERVER_USER)
    ctl(caucusctl, other, "sync", "--remote", url, "--user", SERVER_USER)

    def first_line(suffix, who):
        def change(doc):
            lines = doc["body"].split("\n", 1)
            doc["body"] = lines[0] + suffix + ("\n" + lines[1] if len(lines) > 1 else "")
            doc["updated_by"] = who
        return change
    edit_doc(caucusctl, mine, CONFLICTED, first_line(" — as agreed in Geneva", SERVER_USER))
    edit_doc(caucusctl, other, CONFLICTED, first_line(", with the OEWG Chair's support", "Rui (phone)"))
    ctl(caucusctl, other, "sync", "--remote", url, "--user", SERVER_USER, "--push")
    ctl(caucusctl, mine, "sync", "--remote", url, "--user", SERVER_USER, "--pull")


def another_draft_changed(caucusctl, url, other):
    """Someone else edits a draft statement and syncs: news for the digest."""
    import json
    rows = json.loads(ctl(caucusctl, other, "all-docs", "--include-docs"))["rows"]
    statements = [r["doc"] for r in rows if r["doc"].get("type") == "statement"
                  and r["id"] != CONFLICTED and r["doc"].get("body")]
    drafts = [d for d in statements if d.get("status") == "draft"] or statements
    doc = drafts[0]

    def change(d):
        d["body"] = d["body"].rstrip("\n") + "\n\nWe also welcome the Chair's revised timetable.\n"
        d["updated_by"] = "Rui (phone)"
    edit_doc(caucusctl, other, doc["_id"], change)
    ctl(caucusctl, other, "sync", "--remote", url, "--user", SERVER_USER, "--push")
    return doc.get("title") or doc["_id"]


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


def check_review(app, window):
    """By keyboard: the sync button's popover, Review Conflicts…, the conflicted
    statement (Return), its choices, Escape."""
    problems = []
    before = len(toplevels(app))
    wait_for("the sync button saying 'Conflicts waiting'",
             lambda: find_named(window, "Conflicts waiting"), 30)
    open_sync_popover(window, "Conflicts waiting")
    problems.extend(unnamed_problems(window, "sync popover with conflicts", mapped_only=True))
    tab_until(window, "the popover's Review Conflicts…",
              lambda acc: real_name(acc) == "Review Conflicts…", limit=10)
    rawinput.pressKey("space")
    pump(2.0)
    dialog = new_window(app, before, "the review dialog")
    if real_name(dialog) != "Review Conflicts":
        problems.append(f"the review dialog's window is named '{real_name(dialog)}'")
    problems.extend(check_view(dialog, "review dialog (list)", ["Promoting stakeholder engagement"]))
    tab_until(dialog, "the conflicted statement in the review list",
              is_item_with("Promoting stakeholder engagement"), limit=20)
    rawinput.pressKey("Return")
    pump(2.0)
    problems.extend(check_view(dialog, "review dialog (statement)",
                               ["Back to the List", "Resolve", "Keep the version kept for now",
                                "Take the other change", "Use this merged text:", "Merged text"]))
    problems.extend(escape_closes(app, before, "the review dialog"))
    print(f"4. the review dialog, by keyboard ({time.monotonic() - started:.0f} s)")
    return problems


def check_digest(app, window, caucusctl, url, other):
    """Someone else's change arrives (Sync Now in the popover): What Changed… opens the
    digest; its Redline; Escape closes it."""
    problems = []
    before = len(toplevels(app))
    title = another_draft_changed(caucusctl, url, other)
    # The change may take a moment to come in: Sync Now, then What Changed…; until the
    # digest lists it, Escape and again.  (The toast that announces a digest waits
    # behind the conflicts' toast, which stays until it is acted on.)
    digest = None
    for attempt in range(4):
        point_at(window)
        if find_showing(window, "push button", "Sync Now") is None:
            open_sync_popover(window, ("Conflicts waiting", "Up to date", "Syncing…"))
        tab_until(window, "the popover's Sync Now", lambda acc: real_name(acc) == "Sync Now", limit=10)
        rawinput.pressKey("space")
        pump(3.0 + 2 * attempt)
        if find_showing(window, "push button", "What Changed…") is None:
            # the popover closes when the sync's state changes under it
            point_at(window)
            open_sync_popover(window, ("Conflicts waiting", "Up to date", "Syncing…"))
        tab_until(window, "the popover's What Changed…",
                  lambda acc: real_name(acc) == "What Changed…", limit=10)
        rawinput.pressKey("space")
        pump(2.0)
        digest = new_window(app, before, "the digest")
        try:
            wait_for(f"'{title}' in the digest", lambda: contains_label(digest, title[:30]), 3)
            break
        except TimeoutError:
            print(f"   the digest does not list '{title}' yet (attempt {attempt + 1})")
            escape_closes(app, before, "the digest")
            digest = None
    if digest is None:
        return problems + [f"the digest never lists '{title}', changed by someone else"]
    if real_name(digest) != "What Changed":
        problems.append(f"the digest's window is named '{real_name(digest)}'")
    problems.extend(check_view(digest, "digest", [title[:30], "Redline"]))
    tab_until(digest, "the digest's Redline", lambda acc: real_name(acc) == "Redline", limit=20)
    rawinput.pressKey("space")
    pump(1.5)
    problems.extend(check_view(digest, "digest (redline)", ["Back to the Changes", "Open the Statement"]))
    problems.extend(escape_closes(app, before, "the digest"))
    print(f"5. the digest, by keyboard ({time.monotonic() - started:.0f} s)")
    return problems


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


def walk_after_sync(exe, caucusctl):
    """A second run of the app, on a workspace connected to a caucus-server, whose store
    holds a conflict pulled from another device."""
    server = os.path.join(os.path.dirname(os.path.dirname(caucusctl)), "server", "caucus-server")
    if not os.access(server, os.X_OK):
        server = shutil.which("caucus-server")
    if not server:
        return ["no caucus-server beside caucusctl for the review and digest walk"]
    import json
    tmp = tempfile.mkdtemp(prefix="caucus-a11y-sync-")
    env = app_env(tmp)
    env["CAUCUS_PASSWORD"] = SERVER_PASSWORD
    srv, url = start_server(server, os.path.join(tmp, "server"))
    proc = None
    app_log = open(os.path.join(tmp, "app.log"), "w+")
    problems = []
    try:
        ws_dir = os.path.join(env["XDG_DATA_HOME"], "caucus")
        os.makedirs(ws_dir)
        mine = os.path.join(ws_dir, "workspace.caucus")
        other = os.path.join(tmp, "other-device.caucus")
        prepare_conflict(caucusctl, url, mine, other)
        os.makedirs(os.path.join(env["XDG_CONFIG_HOME"], "caucus"))
        with open(os.path.join(env["XDG_CONFIG_HOME"], "caucus", "workspaces.json"), "w") as f:
            json.dump({"version": 1, "selected": "delegation",
                       "workspaces": [{"id": "delegation", "name": "Delegation", "dir": ws_dir,
                                       "server_url": url, "user": SERVER_USER}]}, f)
        proc = subprocess.Popen([exe], env=env, stderr=app_log)
        app, window = attach(" (second run)")
        for part in (lambda: check_review(app, window),
                     lambda: check_digest(app, window, caucusctl, url, other)):
            try:
                problems.extend(part())
            except (AssertionError, TimeoutError) as e:
                problems.append(str(e))
                screenshot_on_failure()
                rawinput.pressKey("Escape")
                pump(1.0)
    except (AssertionError, TimeoutError) as e:
        problems.append(str(e))
        screenshot_on_failure()
    finally:
        if proc is not None:
            stop(proc)
        stop(srv)
        report_criticals(app_log, "the app (second run)")
        shutil.rmtree(tmp, ignore_errors=True)
    return problems


def main(exe, caucusctl=None):
    tmp = tempfile.mkdtemp(prefix="caucus-a11y-")
    # The app's default workspace (XDG_DATA_HOME/caucus), which the list of workspaces
    # registers as "My Workspace": Connect to Server… is enabled for it (it is not for
    # a folder given with --workspace, which is not registered).
    env = app_env(tmp)
    from gi.repository import Atspi
    listener = Atspi.EventListener.new(_focus_cb)
    listener.register("object:state-changed:focused")
    app_log = open(os.path.join(tmp, "app.log"), "w+")
    proc = subprocess.Popen([exe, "--sample"], env=env, stderr=app_log)
    failures = []
    only = os.environ.get("CAUCUS_A11Y_ONLY", "")
    try:
        app, window = attach("")

        for key, page in PAGES if only in ("", "walk") else []:
            rawinput.keyCombo(f"<Alt>{key}")
            time.sleep(1.5)
            bad = unnamed_focusables(window)
            print(f"{page}: {len(bad)} focusable element(s) without a name "
                  f"({time.monotonic() - started:.0f} s)")
            for b in bad:
                failures.append(f"{page}: {b}")
            if remaining() < 30:
                failures.append("the walk used up the time budget")
                break

        if only in ("", "sidebar"):
            check_sidebar(window)
        if only in ("", "secondary"):
            failures.extend(check_secondary(app, window))
        if only in ("", "secondary", "more"):
            failures.extend(check_more_windows(app, window))
        if only in ("", "walk"):
            failures.extend(check_mnemonic_name(window))
        if only in ("", "task"):
            failures.extend(keyboard_task(window))
        for heard in sorted(HEARD_MNEMONICS):
            failures.append(f"announced with its mnemonic underscore: {heard}")
    except (AssertionError, TimeoutError) as e:
        failures.append(str(e))
        screenshot_on_failure()
    finally:
        stop(proc)
        report_criticals(app_log, "the app")
        store = os.path.join(tmp, "data", "caucus", "workspace.caucus")
        if caucusctl and not failures and only in ("", "task") and os.path.exists(store):
            failures.extend(check_store(caucusctl, store))
        shutil.rmtree(tmp, ignore_errors=True)

    # The windows a sync that brought conflicts and others' changes opens, on a second
    # run of the app connected to a caucus-server (see walk_after_sync).
    if caucusctl and only in ("", "sync"):
        if remaining() < 90:
            failures.append("no time left for the review dialog and the digest")
        else:
            failures.extend(walk_after_sync(exe, caucusctl))

    if failures:
        print("FAIL:", file=sys.stderr)
        for f in failures:
            print("  " + f, file=sys.stderr)
        return 1
    return 0


sys.exit(main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else None))
