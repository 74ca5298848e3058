/* caucus-bench-calendar-ui.c — the calendar benchmark's display half (issue 6).
 *
 * Run by caucus-bench-calendar (under xvfb-run and dbus-run-session, with its own HOME and
 * XDG folders and GSETTINGS_BACKEND=memory, as the display tests run), or directly with a
 * display:  caucus-bench-calendar --ui [--feed FILE] [--rounds N] [--zone ZONE]
 *
 * It runs the real application and window, shows the Calendar page and measures what a
 * delegate waits for: the time from an action until the frame that shows its result has
 * been painted (GdkFrameClock::after-paint of the window, then any further frame the
 * action caused, e.g. rows rebound on idle).  Each action is measured on an EMPTY
 * calendar first (the anchor: the same action, nothing to show), then with the 38C3
 * schedule imported (1,007 sessions):
 *   agenda build   — the Agenda view shown from the Month view (every event, no filter)
 *   agenda filter  — conference (all ↔ 38C3), kind (all ↔ sessions), tag (all ↔ a track)
 *   search         — one keystroke each in the window's search ("c" … "chaos", then back)
 *   my time        — "Show in my time" switched on and off in the agenda
 *   month build    — the Month view of December 2024 shown from the Agenda view
 *   day build      — 27 December 2024 (38C3's busiest day: 227 sessions in 53 rooms)
 *                    picked in the Month view, as a click on its cell does
 *   date jump      — the Day view moved to the next day and back (the arrows'
 *                    caucus_calendar_page_show_date)
 *   conference     — the conference filter set and cleared (a subset of agenda filter)
 * Animations are off (as in the display tests), so a frame is the end state.  The median
 * of the rounds is printed, with the UI thread's CPU time over the same interval.
 *
 * "Painted" means a frame clock cycle that ran its paint phase.  GTK often follows a
 * change with one or two further cycles that only run layout (nothing is drawn, the
 * screen does not change); until this session those were counted as the end, which put
 * a 16-33 ms floor (one or two refresh intervals) under every figure, the "empty
 * calendar" anchors included.  They are still counted in "cycles" and their time shown
 * as "last cycle" in the readable lines.
 */
#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <time.h>

#include "caucus-test-util.h"
#include "caucus-application.h"
#include "caucus-bench-calendar-ui.h"
#include "caucus-calendar-page.h"
#include "caucus-formats.h"
#include "caucus-model-index.h"
#include "caucus-window.h"
#include "caucus-bench-stats.h"

#if defined(__has_include) && __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_TOGGLE_COLLECT
#define CALLGRIND_DUMP_STATS_AT(name) ((void) (name))
#endif

#define TARGET_VIEW_MS 50.0
#define SETTLE_MS 120

static CaucusApplication *app;
static CaucusWindow *window;
static CaucusCalendarPage *page;
static gint64 last_paint;
static gint64 last_cycle;
static guint paints;
static gboolean painting;

static void
paint_cb (GdkFrameClock *clock,
          gpointer       user_data)
{
  painting = TRUE;
}

/* the end of a frame clock cycle; it painted when its paint phase ran */
static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  last_cycle = g_get_monotonic_time ();
  if (!painting)
    return;
  painting = FALSE;
  last_paint = last_cycle;
  paints++;
}

typedef void (*Action) (gpointer data);

typedef struct {
  double wall_ms;
  double cpu_ms;
  double cycle_ms;
} Sample;

/* Runs @action and waits until the window has painted its result and nothing more
 * follows for SETTLE_MS; the time is until the last paint.  The whole window is queued
 * for drawing too, so an action that changes nothing (the empty anchor) still ends
 * with one painted frame. */
/* CAUCUS_BENCH_CALLGRIND=NAME (a series: "day", "filter", … or "all"): under valgrind
 * --tool=callgrind --collect-atstart=no, instructions are collected only while the
 * actions of that series run with 38C3 loaded (from the action to the last frame it
 * caused), and each action is dumped as its own part, named after its series. */
static const char *collect_series;
static gboolean collect_now;

static Sample
measure (Action   action,
         gpointer data)
{
  Sample sample;
  gint64 t0, c0, c1;
  guint seen;

  /* start from a quiet main loop */
  caucus_test_iterate_ms (SETTLE_MS);
  paints = 0;
  t0 = g_get_monotonic_time ();
  c0 = caucus_bench_thread_cpu_usec ();
  if (collect_now)
    CALLGRIND_TOGGLE_COLLECT;
  action (data);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (paints == 0)
    g_main_context_iteration (NULL, TRUE);
  c1 = caucus_bench_thread_cpu_usec ();
  /* frames the action caused later (idle rebinding, a second layout) */
  do
    {
      seen = paints;
      caucus_test_iterate_ms (SETTLE_MS);
      if (paints != seen)
        c1 = caucus_bench_thread_cpu_usec ();
    }
  while (paints != seen);
  if (collect_now)
    CALLGRIND_TOGGLE_COLLECT;
  sample.wall_ms = (last_paint - t0) / 1000.0;
  sample.cycle_ms = (MAX (last_cycle, last_paint) - t0) / 1000.0;
  sample.cpu_ms = (c1 - c0) / 1000.0;
  return sample;
}

typedef struct {
  GArray *wall;
  GArray *cpu;
  GArray *cycle;
} Series;

static void
series_init (Series *s)
{
  s->wall = g_array_new (FALSE, FALSE, sizeof (double));
  s->cpu = g_array_new (FALSE, FALSE, sizeof (double));
  s->cycle = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
series_clear (Series *s)
{
  g_clear_pointer (&s->wall, g_array_unref);
  g_clear_pointer (&s->cpu, g_array_unref);
  g_clear_pointer (&s->cycle, g_array_unref);
}

static void
series_add (Series *s,
            Sample  sample)
{
  g_array_append_val (s->wall, sample.wall_ms);
  g_array_append_val (s->cpu, sample.cpu_ms);
  g_array_append_val (s->cycle, sample.cycle_ms);
}

static double
series_median (GArray *values)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, caucus_bench_compare_double);
  return g_array_index (values, double, values->len / 2);
}

static double
series_max (GArray *values)
{
  double max = 0;

  for (guint i = 0; i < values->len; i++)
    max = MAX (max, g_array_index (values, double, i));
  return max;
}

/* Actions ------------------------------------------------------------------------------ */

static void
show_view_cb (gpointer data)
{
  caucus_calendar_page_set_view (page, data);
}

typedef struct {
  const char *field;
  const char *value;
} FilterChange;

static void
set_filter_cb (gpointer data)
{
  FilterChange *change = data;

  caucus_calendar_page_set_filter (page, change->field, change->value);
}

static void
pick_day_cb (gpointer data)
{
  if (!caucus_calendar_page_activate_month_day (page, GPOINTER_TO_UINT (data)))
    g_error ("caucus-bench-calendar --ui: the Month view has no cell for day %u", GPOINTER_TO_UINT (data));
}

static void
show_date_cb (gpointer data)
{
  caucus_calendar_page_show_date (page, data);
}

static void
my_time_cb (gpointer data)
{
  caucus_calendar_page_set_my_time (page, GPOINTER_TO_INT (data));
}

static void
search_cb (gpointer data)
{
  caucus_page_set_search_text (CAUCUS_PAGE (page), data);
}

static Sample
measure_as (const char *series,
            gboolean    full,
            Action      action,
            gpointer    data)
{
  Sample sample;

  collect_now = full && collect_series != NULL &&
                (g_str_equal (collect_series, "all") || g_strcmp0 (collect_series, series) == 0);
  sample = measure (action, data);
  if (collect_now)
    CALLGRIND_DUMP_STATS_AT (series);   /* one profile part per measured action */
  collect_now = FALSE;
  return sample;
}

/* The rounds of every action: in the agenda, a filter is set and cleared, a word typed
 * and erased; the views alternate.  @tag is a tag of the imported events (or NULL). */
typedef struct {
  Series agenda, month, filter, search, my_time, day, jump, conference;
} Results;

static void
run_rounds (Results    *r,
            gboolean    full,
            guint       rounds,
            const char *conference_id,
            const char *tag)
{
  static const char *const keystrokes[] = { "c", "ch", "cha", "chao", "chaos", "chao", "cha", "ch", "c", "" };
  FilterChange changes[] = {
    { "conference", conference_id }, { "conference", NULL },
    { "kind", "session" }, { "kind", NULL },
    { "tag", tag }, { "tag", NULL },
  };
  GDate date, next;

  series_init (&r->day);
  series_init (&r->jump);
  series_init (&r->conference);
  series_init (&r->agenda);
  series_init (&r->month);
  series_init (&r->filter);
  series_init (&r->search);
  series_init (&r->my_time);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 27, 12, 2024);
  next = date;
  g_date_add_days (&next, 1);
  caucus_calendar_page_set_view (page, "agenda");
  caucus_calendar_page_show_date (page, &date);

  /* warm-up: every action once, not counted */
  measure (show_view_cb, "month");
  measure (pick_day_cb, GUINT_TO_POINTER (27));
  measure (show_date_cb, &next);
  measure (show_date_cb, &date);
  measure (show_view_cb, "agenda");
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    if (changes[i].value != NULL || i % 2 == 1)
      measure (set_filter_cb, &changes[i]);
  measure (search_cb, "c");
  measure (search_cb, "");

  for (guint round = 0; round < rounds; round++)
    {
      series_add (&r->month, measure_as ("month", full, show_view_cb, "month"));
      series_add (&r->day, measure_as ("day", full, pick_day_cb, GUINT_TO_POINTER (27)));
      series_add (&r->jump, measure_as ("jump", full, show_date_cb, &next));
      series_add (&r->jump, measure_as ("jump", full, show_date_cb, &date));
      series_add (&r->agenda, measure_as ("agenda", full, show_view_cb, "agenda"));
      for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
        {
          /* no tag in the data: the tag filter is left out */
          if (g_str_equal (changes[i].field, "tag") && tag == NULL)
            continue;
          Sample sample = measure_as (g_str_equal (changes[i].field, "conference") ? "conference" : "filter",
                                      full, set_filter_cb, &changes[i]);

          series_add (&r->filter, sample);
          if (g_str_equal (changes[i].field, "conference"))
            series_add (&r->conference, sample);
        }
      series_add (&r->my_time, measure_as ("my_time", full, my_time_cb, GINT_TO_POINTER (TRUE)));
      series_add (&r->my_time, measure_as ("my_time", full, my_time_cb, GINT_TO_POINTER (FALSE)));
      /* the keystrokes once per two rounds: ten per pass */
      if (round % 2 == 0)
        for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
          series_add (&r->search, measure_as ("search", full, search_cb, (gpointer) keystrokes[i]));
    }
}

static void
results_clear (Results *r)
{
  series_clear (&r->agenda);
  series_clear (&r->month);
  series_clear (&r->filter);
  series_clear (&r->search);
  series_clear (&r->my_time);
  series_clear (&r->day);
  series_clear (&r->jump);
  series_clear (&r->conference);
}

/* Setting up ----------------------------------------------------------------------------- */

static gboolean
is_mapped (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget);
}

static void
wait_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!is_mapped (widget))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("caucus-bench-calendar --ui: the window was not shown within 30 s");
      caucus_test_iterate_ms (10);
    }
}

static void
wait_agenda (guint n)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_list_model_get_n_items (caucus_calendar_page_get_agenda (page)) != n)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("caucus-bench-calendar --ui: the agenda did not list %u events within 60 s (it lists %u)",
                 n, g_list_model_get_n_items (caucus_calendar_page_get_agenda (page)));
      caucus_test_iterate_ms (10);
    }
}

void
caucus_bench_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        caucus_bench_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static const char *
verdict (gboolean pass)
{
  return pass ? "PASS" : "FAIL";
}

static gboolean
report (const char *label,
        const char *name,
        Series     *with,
        Series     *empty)
{
  double wall = series_median (with->wall), cpu = series_median (with->cpu);
  double anchor = series_median (empty->wall);
  gboolean pass = wall <= TARGET_VIEW_MS;

  g_print ("%-34s %8.1f ms  (CPU %.1f, max %.1f, last cycle %.1f; %u times)  empty %.1f ms  target <= %.0f ms   %s (CPU %s)\n",
           label, wall, cpu, series_max (with->wall), series_median (with->cycle), with->wall->len,
           anchor, TARGET_VIEW_MS, verdict (pass), verdict (cpu <= TARGET_VIEW_MS));
  g_print ("BENCH name=calendar.%s value=%.3f unit=ms better=slowdown anchor=%.3f anchor_name=empty-calendar target=value<=%.0f\n",
           name, wall, anchor, TARGET_VIEW_MS);
  g_print ("BENCH name=calendar.%s_cpu value=%.3f unit=ms better=lower target=value<=%.0f\n",
           name, cpu, TARGET_VIEW_MS);
  return pass;
}

/* Writes what the window shows to @path (PNG), to look at the agenda after a change. */
static void
save_screenshot (const char *path)
{
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_printerr ("caucus-bench-calendar --ui: nothing to draw for the screenshot\n");
      return;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_printerr ("caucus-bench-calendar --ui: could not write %s\n", path);
  else
    g_print ("screenshot of the agenda: %s\n", path);
}

int
caucus_bench_calendar_ui_main (const char *feed,
                               const char *my_zone,
                               guint       rounds,
                               const char *screenshot,
                               int         width)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusImportReport) import = NULL;
  g_autofree char *workspace = NULL;
  g_autofree char *tag = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  GtkWindow *first;
  GdkFrameClock *clock;
  Results empty = { 0 }, full = { 0 };
  gboolean pass = TRUE;
  guint n_events;

  /* the application picks its workspace when it is created: a fresh one */
  workspace = g_dir_make_tmp ("caucus-bench-calendar-ui-XXXXXX", &error);
  if (workspace == NULL)
    g_error ("%s", error->message);
  g_setenv ("XDG_DATA_HOME", workspace, TRUE);

  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  if (!gtk_init_check ())
    {
      g_printerr ("caucus-bench-calendar --ui: no display (run it under xvfb-run)\n");
      return 2;
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = caucus_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);
  g_application_activate (G_APPLICATION (app));
  if (caucus_application_get_store (app) == NULL)
    g_error ("The application opened no workspace");
  g_settings_set_string (caucus_application_get_settings (app), "my-time-zone", my_zone);

  /* a window of a usual laptop size, instead of the one the activation opened */
  first = gtk_application_get_active_window (GTK_APPLICATION (app));
  window = caucus_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 768);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));
  if (first != NULL && first != GTK_WINDOW (window))
    gtk_window_destroy (first);
  if (!caucus_window_show_page (window, "calendar"))
    g_error ("The window has no calendar page");
  page = CAUCUS_CALENDAR_PAGE (caucus_window_get_page (window, "calendar"));
  wait_mapped (GTK_WIDGET (page));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "paint", G_CALLBACK (paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);

  /* 1. the anchor: an empty calendar */
  collect_series = g_getenv ("CAUCUS_BENCH_CALLGRIND");
  run_rounds (&empty, FALSE, rounds, "event:none", "none");

  /* 2. the 38C3 schedule, imported into the application's store; the page follows */
  if (!caucus_formats_import_file (caucus_application_get_store (app), feed, NULL, NULL, &import, &error))
    g_error ("%s: %s", feed, error->message);
  n_events = import->added->len;   /* the conference and its sessions */
  caucus_calendar_page_set_view (page, "agenda");
  wait_agenda (n_events);
  tags = caucus_model_index_list_values (caucus_application_get_model_index (app), "event", "tag", NULL);
  if (tags != NULL && tags->len > 0)
    tag = g_strdup (((CaucusValueCount *) g_ptr_array_index (tags, 0))->value);
  run_rounds (&full, TRUE, rounds, import->conference_id, tag);
  if (screenshot != NULL)
    {
      caucus_calendar_page_set_view (page, "agenda");
      caucus_calendar_page_set_filter (page, "conference", import->conference_id);
      caucus_test_iterate_ms (300);
      save_screenshot (screenshot);
    }

  g_print ("Calendar page, frames painted (%s, window %dx%d, renderer %s): %u events; tag filter %s\n",
           feed, gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)),
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))), n_events,
           tag != NULL ? tag : "(no tags: left out)");
  pass &= report ("agenda view shown (from Month)", "agenda_build", &full.agenda, &empty.agenda);
  pass &= report ("agenda re-filtered (conf/kind/tag)", "agenda_filter", &full.filter, &empty.filter);
  pass &= report ("agenda search keystroke", "agenda_search", &full.search, &empty.search);
  pass &= report ("agenda \"show in my time\" switched", "agenda_my_time", &full.my_time, &empty.my_time);
  pass &= report ("month view shown, Dec 2024", "month_build", &full.month, &empty.month);
  pass &= report ("day view, 27 Dec picked in Month", "day_build", &full.day, &empty.day);
  pass &= report ("day view, next/previous day", "date_jump", &full.jump, &empty.jump);
  pass &= report ("conference filter set/cleared", "agenda_conference", &full.conference, &empty.conference);
  g_print ("display part (wall time): %s\n", verdict (pass));

  results_clear (&empty);
  results_clear (&full);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, NULL);
  g_signal_handlers_disconnect_by_func (clock, paint_cb, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  caucus_test_iterate_ms (50);
  g_clear_object (&app);
  caucus_bench_remove_tree (workspace);
  return pass ? 0 : 1;
}
