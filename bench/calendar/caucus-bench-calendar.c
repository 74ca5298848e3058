/* caucus-bench-calendar.c — the calendar benchmark (issue 6).
 *
 *   caucus-bench-calendar [--feed FILE] [--rounds N] [--ui-rounds N] [--zone ZONE]
 *                         [--keep DIR] [--no-ui]
 *   caucus-bench-calendar --ui [--screenshot PNG] …   (the display half only, on the
 *                                                      current display)
 *
 * First, headless, the data paths the calendar views run on (without GTK):
 * 1. builds the agenda, day and month views' data on an EMPTY calendar (the anchor);
 * 2. imports the real 38C3 schedule (/work/shared/data/schedules/38c3.xml, ~1,000
 *    sessions) into a fresh store: time and docs/s (target ≤ 1 s);
 * 3. catches the model index up with the import;
 * 4. builds the same three views over the imported calendar, each --rounds times on a
 *    new CaucusDocumentList (what the page does on a view or filter change):
 *      agenda — the conference's sessions by start, the first 200 loaded (the rows a
 *               GtkListView keeps bound), each time formatted in its home zone and in
 *               "my" zone with the +1 day mark, and grouped by conference day;
 *      day    — 27 December 2024 in the view zone: start_from/start_to, every event
 *               loaded, grouped by room, times formatted;
 *      month  — December 2024: the 31 days' counts and up to 3 titles a day;
 *    printed (median) with the empty-calendar anchor, without a target of their own;
 * 5. exports the conference to iCalendar (libical), and re-imports the unchanged feed.
 * Then the display half (caucus-bench-calendar-ui.c), which is what the targets are about:
 * this program runs itself with --ui under xvfb-run and dbus-run-session, with a fresh
 * HOME and XDG folders and GSETTINGS_BACKEND=memory (the display tests' recipe), and
 * times the real Calendar page from an action to its painted frame: the agenda shown,
 * re-filtered, searched, and the month view shown, each against an empty calendar.
 * Wall and CPU time of this thread are both printed: the machine is shared.
 * BENCH lines are collected by bench/run. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include "caucus-bench-calendar-ui.h"
#include "caucus-formats.h"
#include "caucus-model.h"
#include "caucus-store.h"
#include "caucus-time.h"
#include "caucus-bench-stats.h"

#define TARGET_IMPORT_S 1.0
#define TARGET_VIEW_MS 50.0
#define AGENDA_ROWS 200
#define MONTH_TITLES 3

typedef struct {
  CaucusModelIndex *index;
  const char       *conference_id;   /* NULL: every event (empty calendar) */
  const char       *view_zone;
  const char       *my_zone;
  int               day_change_minutes;
  guint             items;           /* what the last build produced, for the report */
} ViewContext;

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("caucus-bench-calendar: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

/* @object's member @name when it is an object, else NULL. */
static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The UTC range [from, to) of the local day @y-@m-@d in @zone_id. */
static void
day_range (const char *zone_id,
           int         y,
           int         m,
           int         d,
           char      **from,
           char      **to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = caucus_time_zone_new (zone_id, &error);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) start_utc = NULL;
  g_autoptr(GDateTime) end_utc = NULL;

  if (tz == NULL)
    die ("zone", error);
  start = caucus_time_from_local (tz, y, m, d, 0, 0, 0);
  next = g_date_time_add_days (start, 1);
  end = caucus_time_from_local (tz, g_date_time_get_year (next), g_date_time_get_month (next),
                                g_date_time_get_day_of_month (next), 0, 0, 0);
  start_utc = g_date_time_to_utc (start);
  end_utc = g_date_time_to_utc (end);
  *from = caucus_time_format_instant (start_utc);
  *to = caucus_time_format_instant (end_utc);
}

static CaucusDocumentList *
new_event_list (ViewContext *ctx)
{
  CaucusDocumentList *list = caucus_document_list_new (ctx->index, "event");

  caucus_document_list_set_sort (list, CAUCUS_LIST_SORT_START);
  if (ctx->conference_id != NULL)
    caucus_document_list_set_filter (list, "ref_id", ctx->conference_id);
  return list;
}

/* Both texts a row shows: home zone, and my zone with its +1 day mark. */
static void
format_times (JsonObject *event,
              const char *my_zone)
{
  const char *start = json_object_get_string_member_with_default (event, "start", NULL);
  const char *zone = json_object_get_string_member_with_default (event, "time_zone", "UTC");
  g_autofree char *home = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *mark = NULL;
  g_autoptr(GError) error = NULL;
  int offset = 0;

  if (start == NULL)
    return;
  home = caucus_time_format_in_zone (start, zone, NULL, NULL, &error);
  if (home == NULL)
    die ("format", error);
  mine = caucus_time_format_in_zone (start, my_zone, zone, &offset, &error);
  if (mine == NULL)
    die ("format", error);
  mark = caucus_time_day_mark (offset);
}

static void
build_agenda (ViewContext *ctx)
{
  g_autoptr(CaucusDocumentList) list = new_event_list (ctx);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < MIN (n, AGENDA_ROWS); i++)
    {
      g_autoptr(CaucusDocument) document = g_list_model_get_item (G_LIST_MODEL (list), i);
      JsonObject *event;

      if (document == NULL)
        continue;
      event = caucus_document_peek_json (document);
      format_times (event, ctx->my_zone);
      g_ptr_array_add (events, json_object_ref (event));
    }
  days = caucus_time_group_by_day (events, ctx->view_zone, ctx->day_change_minutes, &error);
  if (days == NULL)
    die ("agenda grouping", error);
  ctx->items = n;
}

static void
build_day (ViewContext *ctx)
{
  g_autoptr(CaucusDocumentList) list = new_event_list (ctx);
  g_autoptr(GHashTable) rooms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  guint n;

  day_range (ctx->view_zone, 2024, 12, 27, &from, &to);
  caucus_document_list_set_filter (list, "start_from", from);
  caucus_document_list_set_filter (list, "start_to", to);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CaucusDocument) document = g_list_model_get_item (G_LIST_MODEL (list), i);
      JsonObject *event, *location;
      const char *room = "";

      if (document == NULL)
        continue;
      event = caucus_document_peek_json (document);
      location = object_member (event, "location");
      if (location != NULL)
        room = json_object_get_string_member_with_default (location, "room", "");
      g_hash_table_add (rooms, g_strdup (room));
      format_times (event, ctx->my_zone);
    }
  ctx->items = n;
}

static void
build_month (ViewContext *ctx)
{
  g_autoptr(CaucusDocumentList) list = new_event_list (ctx);
  guint total = 0;

  for (int d = 1; d <= 31; d++)
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      guint n;

      day_range (ctx->view_zone, 2024, 12, d, &from, &to);
      caucus_document_list_set_filter (list, "start_from", from);
      caucus_document_list_set_filter (list, "start_to", to);
      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      total += n;
      for (guint i = 0; i < MIN (n, MONTH_TITLES); i++)
        {
          g_autoptr(CaucusDocument) document = g_list_model_get_item (G_LIST_MODEL (list), i);

          if (document != NULL)
            (void) caucus_document_get_display_name (document);
        }
    }
  ctx->items = total;
}

typedef struct {
  double wall_ms;   /* median */
  double cpu_ms;    /* median */
  double max_ms;
  guint  items;
} ViewTime;

static ViewTime
time_view (void        (*build) (ViewContext *),
           ViewContext  *ctx,
           guint         rounds)
{
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  ViewTime result = { 0 };

  build (ctx);   /* warm-up: zone caches, SQLite page cache */
  for (guint r = 0; r < rounds; r++)
    {
      gint64 t0 = g_get_monotonic_time (), c0 = caucus_bench_thread_cpu_usec ();
      double w, c;

      build (ctx);
      w = (g_get_monotonic_time () - t0) / 1000.0;
      c = (caucus_bench_thread_cpu_usec () - c0) / 1000.0;
      g_array_append_val (wall, w);
      g_array_append_val (cpu, c);
      result.max_ms = MAX (result.max_ms, w);
    }
  result.wall_ms = caucus_bench_percentile (wall, 50);
  result.cpu_ms = caucus_bench_percentile (cpu, 50);
  result.items = ctx->items;
  return result;
}

static void
rm_store (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-index", "-index-wal", "-index-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_unlink (p);
    }
}

/* Runs this program with --ui under xvfb-run and a private session bus, in fresh HOME and
 * XDG folders with the memory settings backend (as build-aux/run-tests.sh runs the
 * display tests); its output goes to ours.  TRUE when it ran and met its targets. */
static gboolean
run_display_half (const char *feed,
                  const char *zone,
                  int         rounds)
{
  static const char *const xdg[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", &error);
  g_autofree char *xvfb = g_find_program_in_path ("xvfb-run");
  g_autofree char *dbus = g_find_program_in_path ("dbus-run-session");
  g_autofree char *tmp = NULL;
  g_autofree char *home = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *rounds_text = g_strdup_printf ("%d", rounds);
  gboolean ok;

  fflush (stdout);
  if (self_path == NULL || xvfb == NULL || dbus == NULL)
    {
      g_print ("display half: not run (%s)\n", self_path == NULL ? error->message
                                                : "xvfb-run and dbus-run-session are needed");
      return FALSE;
    }
  if ((tmp = g_dir_make_tmp ("caucus-bench-calendar-home-XXXXXX", &error)) == NULL)
    die ("temporary directory", error);
  home = g_build_filename (tmp, "home", NULL);
  runtime = g_build_filename (tmp, "runtime", NULL);
  g_mkdir (home, 0700);
  g_mkdir (runtime, 0700);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *dir = g_build_filename (tmp, xdg[i], NULL);

      g_mkdir (dir, 0700);
      g_subprocess_launcher_setenv (launcher, xdg[i], dir, TRUE);
    }
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", CAUCUS_BENCH_SCHEMA_DIR, TRUE);
  g_subprocess_launcher_setenv (launcher, "NO_AT_BRIDGE", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  child = g_subprocess_launcher_spawn (launcher, &error, xvfb, "-a", "-s", "-screen 0 1280x800x24",
                                       dbus, "--", self_path, "--ui", "--feed", feed,
                                       "--zone", zone, "--ui-rounds", rounds_text, NULL);
  if (child == NULL)
    die ("xvfb-run", error);
  if (!g_subprocess_wait (child, NULL, &error))
    die ("xvfb-run", error);
  ok = g_subprocess_get_if_exited (child) && g_subprocess_get_exit_status (child) == 0;
  if (!g_subprocess_get_if_exited (child) || g_subprocess_get_exit_status (child) > 1)
    g_print ("display half: failed (exit status %d)\n",
             g_subprocess_get_if_exited (child) ? g_subprocess_get_exit_status (child) : -1);
  caucus_bench_remove_tree (tmp);
  return ok;
}

static const char *
verdict (gboolean pass)
{
  return pass ? "PASS" : "FAIL";
}

int
main (int argc, char *argv[])
{
  g_autofree char *feed = NULL;
  g_autofree char *keep = NULL;
  g_autofree char *screenshot = NULL;
  g_autofree char *zone = g_strdup ("America/New_York");
  gint rounds = 20;
  gint ui_rounds = 6;
  gint ui_width = 1024;
  gboolean ui = FALSE, no_ui = FALSE;
  GOptionEntry entries[] = {
    { "feed", 0, 0, G_OPTION_ARG_FILENAME, &feed, "Schedule to import (default: 38C3)", "FILE" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Builds of each view (median)", "N" },
    { "zone", 0, 0, G_OPTION_ARG_STRING, &zone, "\"My\" zone shown beside the event's", "ZONE" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Write the stores in DIR and keep them", "DIR" },
    { "ui-rounds", 0, 0, G_OPTION_ARG_INT, &ui_rounds, "Rounds of the display half (median)", "N" },
    { "ui", 0, 0, G_OPTION_ARG_NONE, &ui, "Only the display half, on the current display", NULL },
    { "no-ui", 0, 0, G_OPTION_ARG_NONE, &no_ui, "Leave the display half out", NULL },
    { "ui-width", 0, 0, G_OPTION_ARG_INT, &ui_width, "With --ui: the window's width (default 1024)", "PX" },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &screenshot, "With --ui: save the agenda to FILE (PNG)", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— benchmark the Caucus calendar");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *empty_path = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CaucusStore) empty_store = NULL;
  g_autoptr(CaucusStore) store = NULL;
  g_autoptr(CaucusModelIndex) empty_index = NULL;
  g_autoptr(CaucusModelIndex) index = NULL;
  g_autoptr(CaucusImportReport) report = NULL;
  g_autoptr(CaucusImportReport) report2 = NULL;
  g_autoptr(CaucusDocument) conference = NULL;
  g_autofree char *ical = NULL;
  ViewContext empty_ctx = { 0 }, ctx = { 0 };
  ViewTime e_agenda, e_day, e_month, agenda, day, month;
  gint64 t0, c0;
  double import_s, import_cpu_s, refresh_ms, export_ms, export_cpu_ms, reimport_s;
  guint n_docs;
  const char *conf_zone = "Europe/Berlin";
  int day_change = 0;
  gboolean pass = TRUE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("caucus-bench-calendar: %s\n", error->message);
      return 2;
    }
  if (rounds < 1 || ui_rounds < 1)
    {
      g_printerr ("caucus-bench-calendar: --rounds must be positive\n");
      return 2;
    }
  if (!caucus_time_zone_is_valid (zone))
    {
      g_printerr ("caucus-bench-calendar: --zone: unknown zone “%s”\n", zone);
      return 2;
    }
  if (feed == NULL)
    {
      const char *shared = g_getenv ("CAUCUS_SHARED_DIR");

      feed = g_build_filename (shared != NULL ? shared : "/work/shared", "data", "schedules", "38c3.xml", NULL);
    }
  if (!g_file_test (feed, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("caucus-bench-calendar: no schedule at %s (give one with --feed)\n", feed);
      return 2;
    }

  if (ui)
    return caucus_bench_calendar_ui_main (feed, zone, (guint) ui_rounds, screenshot, ui_width);

  if (keep != NULL)
    {
      if (g_mkdir_with_parents (keep, 0700) != 0)
        {
          g_printerr ("caucus-bench-calendar: cannot create %s\n", keep);
          return 1;
        }
      dir = g_strdup (keep);
    }
  else if ((dir = g_dir_make_tmp ("caucus-bench-calendar-XXXXXX", &error)) == NULL)
    die ("temporary directory", error);
  empty_path = g_build_filename (dir, "empty.db", NULL);
  path = g_build_filename (dir, "38c3.db", NULL);
  rm_store (empty_path);
  rm_store (path);

  /* 1. the anchor: the same views over an empty calendar */
  if ((empty_store = caucus_store_open (empty_path, &error)) == NULL ||
      (empty_index = caucus_model_index_open (empty_store, NULL, &error)) == NULL)
    die (empty_path, error);
  empty_ctx.index = empty_index;
  empty_ctx.view_zone = conf_zone;
  empty_ctx.my_zone = zone;
  e_agenda = time_view (build_agenda, &empty_ctx, (guint) rounds);
  e_day = time_view (build_day, &empty_ctx, (guint) rounds);
  e_month = time_view (build_month, &empty_ctx, (guint) rounds);

  /* 2. import */
  if ((store = caucus_store_open (path, &error)) == NULL)
    die (path, error);
  t0 = g_get_monotonic_time ();
  c0 = caucus_bench_thread_cpu_usec ();
  if (!caucus_formats_import_file (store, feed, NULL, NULL, &report, &error))
    die (feed, error);
  import_s = (g_get_monotonic_time () - t0) / 1e6;
  import_cpu_s = (caucus_bench_thread_cpu_usec () - c0) / 1e6;
  n_docs = report->added->len + report->updated->len + report->n_persons_added;
  if (report->conference_id == NULL)
    {
      g_printerr ("caucus-bench-calendar: %s is not a conference schedule\n", feed);
      return 1;
    }

  /* 3. the model index catches up (the page's lists read it) */
  t0 = g_get_monotonic_time ();
  if ((index = caucus_model_index_open (store, NULL, &error)) == NULL ||
      !caucus_model_index_refresh (index, &error))
    die ("model index", error);
  refresh_ms = (g_get_monotonic_time () - t0) / 1000.0;

  if ((conference = caucus_document_load (store, report->conference_id, &error)) == NULL)
    die (report->conference_id, error);
  {
    JsonObject *json = caucus_document_peek_json (conference);
    JsonObject *source = object_member (json, "source");

    conf_zone = json_object_get_string_member_with_default (json, "time_zone", conf_zone);
    if (source != NULL)
      day_change = (int) json_object_get_int_member_with_default (source, "day_change_minutes", 0);
  }

  /* 4. the views */
  ctx.index = index;
  ctx.conference_id = report->conference_id;
  ctx.view_zone = conf_zone;
  ctx.my_zone = zone;
  ctx.day_change_minutes = day_change;
  agenda = time_view (build_agenda, &ctx, (guint) rounds);
  day = time_view (build_day, &ctx, (guint) rounds);
  month = time_view (build_month, &ctx, (guint) rounds);

  /* 5. iCalendar export of the conference, then an unchanged re-import */
  {
    CaucusExportSelection selection = { CAUCUS_EXPORT_EVENT, report->conference_id, NULL };

    t0 = g_get_monotonic_time ();
    c0 = caucus_bench_thread_cpu_usec ();
    if ((ical = caucus_formats_export_ical_text (store, &selection, &error)) == NULL)
      die ("iCalendar export", error);
    export_ms = (g_get_monotonic_time () - t0) / 1000.0;
    export_cpu_ms = (caucus_bench_thread_cpu_usec () - c0) / 1000.0;
  }
  t0 = g_get_monotonic_time ();
  if (!caucus_formats_import_file (store, feed, NULL, NULL, &report2, &error))
    die (feed, error);
  reimport_s = (g_get_monotonic_time () - t0) / 1e6;

  g_print ("Calendar benchmark: %s (%u sessions, %u speakers), view zone %s, my zone %s, %d rounds\n",
           feed, report->added->len, report->n_persons_added, conf_zone, zone, rounds);
  g_print ("import into an empty store     %8.3f s  (CPU %.3f s)  %8.0f docs/s   target <= %.1f s   %s\n",
           import_s, import_cpu_s, n_docs / import_s, TARGET_IMPORT_S, verdict (import_s <= TARGET_IMPORT_S));
  pass &= import_s <= TARGET_IMPORT_S;
  g_print ("model index catch-up           %8.1f ms\n", refresh_ms);
/* The views' data alone: what the display half's frames are built on.  The issue's
 * target (a view built in <= 50 ms) is judged on the display half's figures. */
#define VIEW_LINE(label, v, e) \
  g_print ("%-30s %8.2f ms  (CPU %.2f, max %.2f; %u items)  empty %.2f ms\n", \
           label, v.wall_ms, v.cpu_ms, v.max_ms, v.items, e.wall_ms)
  VIEW_LINE ("agenda rows data (median)", agenda, e_agenda);
  VIEW_LINE ("day view data, 27 Dec", day, e_day);
  VIEW_LINE ("month view data, Dec 2024", month, e_month);
#undef VIEW_LINE
  g_print ("iCalendar export of conference %8.1f ms  (CPU %.1f ms, %zu bytes)\n",
           export_ms, export_cpu_ms, strlen (ical));
  g_print ("unchanged re-import            %8.3f s  (%u unchanged, %u added)\n",
           reimport_s, report2->n_unchanged, report2->added->len);

  g_print ("BENCH name=calendar.import value=%.3f unit=s better=lower target=value<=%.1f\n",
           import_s, TARGET_IMPORT_S);
  g_print ("BENCH name=calendar.import_cpu value=%.3f unit=s better=lower\n", import_cpu_s);
  g_print ("BENCH name=calendar.import_rate value=%.1f unit=docs/s better=higher\n", n_docs / import_s);
  g_print ("BENCH name=calendar.agenda_data value=%.3f unit=ms better=slowdown anchor=%.3f anchor_name=empty-calendar\n",
           agenda.wall_ms, e_agenda.wall_ms);
  g_print ("BENCH name=calendar.day_data value=%.3f unit=ms better=slowdown anchor=%.3f anchor_name=empty-calendar\n",
           day.wall_ms, e_day.wall_ms);
  g_print ("BENCH name=calendar.month_data value=%.3f unit=ms better=slowdown anchor=%.3f anchor_name=empty-calendar\n",
           month.wall_ms, e_month.wall_ms);
  g_print ("BENCH name=calendar.agenda_data_cpu value=%.3f unit=ms better=lower\n", agenda.cpu_ms);
  g_print ("BENCH name=calendar.day_data_cpu value=%.3f unit=ms better=lower\n", day.cpu_ms);
  g_print ("BENCH name=calendar.month_data_cpu value=%.3f unit=ms better=lower\n", month.cpu_ms);
  g_print ("BENCH name=calendar.ical_export value=%.1f unit=ms better=lower\n", export_ms);
  g_print ("BENCH name=calendar.reimport value=%.3f unit=s better=lower\n", reimport_s);

  if (!no_ui)
    pass &= run_display_half (feed, zone, ui_rounds);
  g_print ("overall (wall time): %s\n", verdict (pass));

  g_clear_object (&index);
  g_clear_object (&empty_index);
  g_clear_object (&store);
  g_clear_object (&empty_store);
  if (keep == NULL)
    {
      rm_store (empty_path);
      rm_store (path);
      g_rmdir (dir);
    }
  return pass ? 0 : 1;
}
