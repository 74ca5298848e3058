"""The accessibility walk's second run (a11y-walk.py): the app on a workspace connected to
a caucus-server on a free loopback port, whose store caucusctl filled with the sample and
a conflict pulled from another device; by keyboard, the sync button's popover, Review
Conflicts… and What Changed… (the digest, its Redline).
"""
import os
import shutil
import subprocess
import tempfile
import time

from a11y_atspi import (app_env, attach, check_view, contains_label, escape_closes, find_named,
                        find_showing, is_item_with, new_window, open_sync_popover, point_at,
                        pump, rawinput, real_name, report_criticals, screenshot_on_failure,
                        started, stop, tab_until, toplevels, unnamed_problems, wait_for)

SERVER_USER = "walker"
SERVER_PASSWORD = "walk-pass-1"
CONFLICTED = "statement:oewg-engagement"


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
