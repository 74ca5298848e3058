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

Beside it: a11y_atspi.py, the AT-SPI and keyboard toolkit (and the checks that skip),
and a11y_sync.py, the second run.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

if len(sys.argv) not in (2, 3):
    print(__doc__, file=sys.stderr)
    sys.exit(2)

# The toolkit beside this file; importing it exits 77 (skipped) without a display, a
# session bus, AT-SPI or dogtail.
sys.dont_write_bytecode = True   # no __pycache__ in the source tree
from a11y_atspi import (HEARD_MNEMONICS, _focus_cb, app_env, attach, check_view,
                        choose_in_popover, contains_label, describe, described, escape_closes,
                        find_showing, focus_text, focused, in_combo, in_list, is_item_with,
                        new_toplevels, open_sync_popover, park_pointer, point_at, pump, pyatspi,
                        rawinput, real_name, remaining, report_criticals, screenshot_on_failure,
                        search_page, started, states, stop, tab_round, tab_to, tab_until,
                        toplevels, trace, under_list, unnamed_focusables, unnamed_problems,
                        wait_for)
from a11y_sync import walk_after_sync

PAGES = [("1", "Directory"), ("2", "Calendar"), ("3", "Statements"), ("4", "Briefing Packs")]
PERSON = "Amara Keyboard"
ORG = "Global Partners"          # Global Partners & Associates, in the sample directory
CONFERENCE = "Best Bits"
SESSION = "Process towards enhanced cooperation"   # Best Bits 2012, first day, no roles yet
STATEMENT = "ITU unity"          # the WCIT statement, which Global Partners has not signed


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
