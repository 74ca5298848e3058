/* caucus-bench-directory.c — the directory benchmark (issue 5), measured on the page.
 *
 *   caucus-bench-directory [--orgs N] [--people N] [--words N] [--runs N] [--frame-runs N]
 *                          [--cold-runs N] [--keep DIR]
 *
 * Needs a display (bench/run starts it under xvfb-run).  Builds two stores: an empty one
 * and one with N organisations and N people from the realistic generator (bench/common),
 * and brings each one's model index up to date (the app keeps its index on disk, so a
 * launch finds it current).  Each store is then measured in a fresh process (this
 * program re-run with --measure), so that resident memory is the page's own:
 *
 *   - first frame: GTK is initialised and two throwaway windows have been shown and
 *     destroyed, the same in both runs: a Directory page over an empty store (its empty
 *     state) and one over a store of one organisation and one person (a row), so that
 *     theme, fonts, icons, the page's template and classes, a row and the renderer's
 *     shaders are loaded alike whichever the measured page shows, and what differs is
 *     the data.  (Until session 4 only the page with a row was shown first, which left
 *     the empty state's icon and fonts to the empty run's timed frame.)  The memory
 *     they freed is given back to the kernel (malloc_trim), so that the timed page
 *     allocates as a launching app does (see measure()).  Then, timed:
 *     open the store and its model index, build a window holding a
 *     CaucusDirectoryPage showing people, present it, until the frame clock's
 *     "after-paint" of the first frame it drew (which shows the rows).  Medians over
 *     --frame-runs (21) fresh processes per store, empty and full alternating in ABBA
 *     order.  Beside the wall time: the thread's CPU time split into user and kernel
 *     time, its page faults and context switches (getrusage), the bytes it read from
 *     storage (/proc/thread-self/io) and the time it waited for a CPU (schedstat).
 *     Informative, before those: --cold-runs (5) pairs with each store's files dropped
 *     from the page cache first (posix_fadvise), a launch after a reboot.
 *   - search per keystroke: realistic queries typed one character at a time into the
 *     page (caucus_page_set_search_text, what the window calls when its search entry
 *     reports a change), each keystroke timed through the next frame the window draws:
 *       work  = the page's handling of the text (list requery, items-changed, rows) +
 *               that frame's update, layout and paint (frame clock "before-paint" to
 *               "after-paint") — what the keystroke costs;
 *       frame = keystroke to "after-paint", wall time, which adds the wait for the frame
 *               clock's next tick (at most one refresh interval; the empty store shows
 *               that floor).  The target applies to work; both are printed.
 *   - VmRSS from /proc/self/status after the first frame and after the searches.
 *   - the organisation chooser (the popover that links a person to an organisation),
 *     open over the store's organisations: the same queries typed into its search
 *     entry, each keystroke's CPU time through the next frame (informative, no target).
 * Under callgrind (valgrind --tool=callgrind … --measure STORE --words N) the child dumps
 * the instructions of the timed regions alone: part "first-frame" (from opening the
 * store to the first frame's after-paint) and part "keystrokes" (each keystroke through
 * its frame, summed; the waits between keystrokes are not collected).  Add
 * --separate-threads=yes and read the main thread's file (…-01): otherwise a part also
 * holds the other threads' work since the process started (Pango's fontconfig threads,
 * ~170M instructions, none of it in the timed region).  Instruction counts do not
 * depend on the machine's load, so they compare runs and changes where wall time
 * cannot; the client requests cost nothing outside valgrind.
 * Prints each figure, the empty-store baseline, the ratio and the target, PASS/FAIL. */
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>
#include <time.h>

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <adwaita.h>

#include "caucus-bench-data.h"
#include "caucus-directory-page.h"
#include "caucus-model.h"
#include "caucus-org-chooser.h"
#include "caucus-renderer.h"

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_ZERO_STATS
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS_AT(what)
#define CALLGRIND_TOGGLE_COLLECT
#endif

#define TARGET_FIRST_FRAME_RATIO 1.2
#define TARGET_SEARCH_MEDIAN_MS 10.0
#define TARGET_RSS_RATIO 1.5

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_double);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

/* A line of /proc/self/status in kB: "VmRSS:", "RssAnon:" (heap), "RssFile:" (mapped files). */
static gint64
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line != NULL ? g_ascii_strtoll (line + strlen (field), NULL, 10) : -1;
}

/* CPU time of this thread: the machine is shared, so wall time alone says little. */
static gint64
cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Time this thread has spent runnable but waiting for a CPU, in ms (the second field
 * of /proc/thread-self/schedstat; 0 where there is none): on a loaded machine it is
 * most of the difference between wall and CPU time, and it says nothing of the page. */
static double
runqueue_ms (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/thread-self/schedstat", &stat, NULL, NULL))
    return 0;
  fields = g_strsplit (stat, " ", 3);
  return g_strv_length (fields) >= 2 ? g_ascii_strtod (fields[1], NULL) / 1e6 : 0;
}

/* This thread's resource use (RUSAGE_THREAD, Linux): user and kernel time, page faults
 * and context switches, to tell where a timed region's CPU time goes. */
typedef struct {
  double user_ms, system_ms;
  long   minflt, majflt, nvcsw, nivcsw;
} Usage;

static Usage
thread_usage (void)
{
  struct rusage ru;
  Usage u = { 0 };

  if (getrusage (RUSAGE_THREAD, &ru) != 0)
    return u;
  u.user_ms = ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3;
  u.system_ms = ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
  u.minflt = ru.ru_minflt;
  u.majflt = ru.ru_majflt;
  u.nvcsw = ru.ru_nvcsw;
  u.nivcsw = ru.ru_nivcsw;
  return u;
}

/* Bytes this thread had read from storage (the "read_bytes" of /proc/thread-self/io:
 * reads the page cache could not serve), -1 where the kernel does not say. */
static gint64
storage_read_bytes (void)
{
  g_autofree char *io = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/thread-self/io", &io, NULL, NULL))
    return -1;
  line = strstr (io, "\nread_bytes:");
  return line != NULL ? g_ascii_strtoll (line + strlen ("\nread_bytes:"), NULL, 10) : -1;
}

/* ---- frames ------------------------------------------------------------------------ */

typedef struct {
  gint64 before_paint;   /* monotonic µs of the last frame's start */
  gint64 after_paint;    /* … and end */
  guint  frames;         /* frames drawn */
} FrameLog;

static void
before_paint_cb (GdkFrameClock *clock,
                 FrameLog      *log)
{
  log->before_paint = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                FrameLog      *log)
{
  log->after_paint = g_get_monotonic_time ();
  log->frames++;
}

static gboolean
timeout_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @log has counted a frame beyond @frames (or 5 s pass). */
static gboolean
wait_frame (FrameLog *log,
            guint     frames)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (5000, timeout_flag_cb, &timed_out);

  while (log->frames <= frames && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

/* Lets whatever the last frame scheduled run, as the time between two keystrokes does. */
static void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
new_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_set_child (GTK_WINDOW (window), child);
  return window;
}

static void
connect_clock (GtkWidget *window,
               FrameLog  *log)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), log);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), log);
}

static void
disconnect_clock (GtkWidget *window,
                  FrameLog  *log)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  if (clock != NULL)
    g_signal_handlers_disconnect_by_data (clock, log);
}

/* Mapped CaucusDirectoryRow widgets under @root: the rows the list built. */
static guint
count_rows (GtkWidget *root)
{
  guint n = g_str_equal (G_OBJECT_TYPE_NAME (root), "CaucusDirectoryRow") ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
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

/* Drops the store at @path and its index (and their write-ahead logs) from the kernel's
 * page cache, as after a reboot or when other work has pushed them out: the next process
 * reads what it needs from storage.  Written pages are synced first (the kernel drops
 * clean pages only).  FALSE when the kernel would not. */
static gboolean
evict_store (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-index", "-index-wal" };
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      int fd = g_open (p, O_RDONLY | O_CLOEXEC, 0);

      if (fd < 0)
        continue;
      ok &= fdatasync (fd) == 0 && posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED) == 0;
      close (fd);
    }
  return ok;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The organisation chooser open over @index's organisations: each query typed into its
 * search entry one character at a time (the entry's "search-changed", as the test does,
 * without its 150 ms delay), each keystroke's CPU time through the popover's next frame.
 * FALSE when no frame was drawn. */
static gboolean
measure_chooser (CaucusModelIndex *index,
                 guint             n_words,
                 guint32           seed,
                 GArray           *cpu,
                 GArray           *wall)
{
  g_autoptr(CaucusBenchData) data = caucus_bench_data_new (seed);
  FrameLog log = { 0 };
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *chooser = caucus_org_chooser_new ();
  GtkWidget *window, *entry;
  gboolean ok = TRUE;

  caucus_org_chooser_set_index (CAUCUS_ORG_CHOOSER (chooser), index);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), chooser);
  window = new_window (button);
  gtk_window_present (GTK_WINDOW (window));
  connect_clock (window, &log);
  if (!wait_frame (&log, 0))
    return FALSE;
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  settle (200);
  entry = find_widget (chooser, GTK_TYPE_SEARCH_ENTRY);
  for (guint w = 0; w < n_words && ok; w++)
    {
      g_autofree char *query = caucus_bench_data_query (data);
      glong length = g_utf8_strlen (query, -1);

      for (glong k = 1; k <= length && ok; k++)
        {
          g_autofree char *prefix = g_utf8_substring (query, 0, k);
          guint frames = log.frames;
          gint64 t0, c0;
          double ms;

          if (g_str_has_suffix (prefix, " "))
            continue;
          t0 = g_get_monotonic_time ();
          c0 = cpu_usec ();
          gtk_editable_set_text (GTK_EDITABLE (entry), prefix);
          g_signal_emit_by_name (entry, "search-changed");
          gtk_widget_queue_draw (chooser);
          ok = wait_frame (&log, frames);
          ms = (cpu_usec () - c0) / 1000.0;
          g_array_append_val (cpu, ms);
          ms = (log.after_paint - t0) / 1000.0;
          g_array_append_val (wall, ms);
          settle (20);
        }
      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      g_signal_emit_by_name (entry, "search-changed");
      settle (20);
    }
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  disconnect_clock (window, &log);
  gtk_window_destroy (GTK_WINDOW (window));
  settle (50);
  return ok;
}

/* Shows a Directory page of people over a fresh store in a temporary folder (like the
 * measured stores: a file and its model index) until its first frame, then destroys it
 * and the store: empty, or with one organisation and one person when @filled.  Sets
 * @renderer to the name of the window's GSK renderer when not NULL. */
static gboolean
warm_up (gboolean     filled,
         const char **renderer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("caucus-bench-warm-XXXXXX", &error);
  g_autofree char *path = NULL;
  FrameLog log = { 0 };
  GtkWidget *window, *page;
  gboolean drawn;

  if (dir == NULL)
    {
      g_printerr ("warm-up store: %s\n", error->message);
      return FALSE;
    }
  path = g_build_filename (dir, "warm.db", NULL);
  {
    g_autoptr(CaucusStore) store = caucus_store_open (path, &error);
    g_autoptr(CaucusModelIndex) index = NULL;
    g_autofree char *rev1 = NULL;
    g_autofree char *rev2 = NULL;
    gboolean ok = store != NULL;

    if (ok && filled)
      {
        rev1 = caucus_store_put_json (store, "{\"_id\":\"org:w\",\"type\":\"org\",\"name\":\"Wärme Org\","
                                             "\"kind\":\"ngo\",\"regional_group\":\"WEOG\"}", -1, &error);
        if (rev1 != NULL)
          rev2 = caucus_store_put_json (store, "{\"_id\":\"person:w\",\"type\":\"person\",\"name\":\"Ana Wärme\","
                                               "\"org_id\":\"org:w\",\"title\":\"Lead\",\"country\":\"FR\"}", -1, &error);
        ok = rev2 != NULL;
      }
    if (ok)
      index = caucus_model_index_open (store, NULL, &error);
    if (index == NULL)
      {
        g_printerr ("warm-up store: %s\n", error != NULL ? error->message : "could not be filled");
        return FALSE;
      }
    page = caucus_directory_page_new ();
    caucus_directory_page_set_doc_type (CAUCUS_DIRECTORY_PAGE (page), "person");
    caucus_directory_page_set_model_index (CAUCUS_DIRECTORY_PAGE (page), index);
    window = new_window (page);
    gtk_window_present (GTK_WINDOW (window));
    connect_clock (window, &log);
    drawn = wait_frame (&log, 0);
    if (drawn && renderer != NULL)
      *renderer = G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window)));
    disconnect_clock (window, &log);
    gtk_window_destroy (GTK_WINDOW (window));
    settle (50);
  }
  rm_store (path);
  g_rmdir (dir);
  if (!drawn)
    g_printerr ("no frame was drawn: is there a display?\n");
  return drawn;
}

/* ---- measuring (child process) ----------------------------------------------------- */

static int
measure (const char *path,
         guint       n_words,
         guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStore) store = NULL;
  g_autoptr(CaucusModelIndex) index = NULL;
  g_autoptr(GArray) work = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) to_frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) handling = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) work_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) handling_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) chooser_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) chooser_wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CaucusBenchData) data = caucus_bench_data_new (seed);
  FrameLog log = { 0 };
  GtkWidget *window, *page;
  gint64 t0, c0;
  double first_ms, first_cpu_ms, first_waited_ms, open_ms, build_ms, frame_only_ms, waited0;
  gint64 rss_first, rss_search, rss_first_anon, rss_search_anon;
  guint n_keys = 0, rows_first, max_rows = 0, n_people;
  const char *renderer = NULL;
  Usage u0, u1;
  gint64 read0, read1;

  adw_init ();
  caucus_renderer_choose (gdk_display_get_default ());

  /* Warm-up, the same in both runs: a page over an empty store (its empty state) and
   * a page over a store of one organisation and one person (a row), each shown once
   * and destroyed.  Whichever of the two the measured page then shows has been seen. */
  if (!warm_up (FALSE, NULL) || !warm_up (TRUE, &renderer))
    return 1;

  /* The first frame of the page over the store.  The warm-up's freed memory goes back to
   * the kernel first (malloc_trim): a launching app has none to reuse, so its first frame
   * faults in fresh pages for what it allocates, its ~2.7 MiB frame buffer above all
   * (measured in the app: 683 page faults filling it).  Left in the heap, whether the
   * timed frame found the throwaway windows' buffer there again depended on what else
   * the heap held: the empty store's page did (10 faults), the full store's page, with
   * 0.9 MiB more allocated, did not (~660), and the ratio paid ~1.5 ms of kernel time
   * for the glibc heap's layout rather than for the page. */
  malloc_trim (0);
  memset (&log, 0, sizeof log);
  read0 = storage_read_bytes ();
  u0 = thread_usage ();
  CALLGRIND_ZERO_STATS;
  t0 = g_get_monotonic_time ();
  c0 = cpu_usec ();
  waited0 = runqueue_ms ();
  store = caucus_store_open (path, &error);
  if (store != NULL)
    index = caucus_model_index_get_default (store, &error);
  if (store == NULL || index == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  open_ms = (g_get_monotonic_time () - t0) / 1000.0;
  page = caucus_directory_page_new ();
  caucus_directory_page_set_doc_type (CAUCUS_DIRECTORY_PAGE (page), "person");
  caucus_directory_page_set_model_index (CAUCUS_DIRECTORY_PAGE (page), index);
  window = new_window (page);
  gtk_window_present (GTK_WINDOW (window));
  build_ms = (g_get_monotonic_time () - t0) / 1000.0;
  connect_clock (window, &log);
  if (!wait_frame (&log, 0))
    {
      g_printerr ("the page drew no frame\n");
      return 1;
    }
  first_ms = (log.after_paint - t0) / 1000.0;
  frame_only_ms = (log.after_paint - log.before_paint) / 1000.0;
  first_cpu_ms = (cpu_usec () - c0) / 1000.0;
  first_waited_ms = runqueue_ms () - waited0;
  u1 = thread_usage ();
  read1 = storage_read_bytes ();
  CALLGRIND_DUMP_STATS_AT ("first-frame");
  CALLGRIND_TOGGLE_COLLECT;   /* off until the first keystroke */
  rows_first = count_rows (window);
  settle (100);
  rss_first = status_kb ("VmRSS:");
  rss_first_anon = status_kb ("RssAnon:");

  for (guint w = 0; w < n_words; w++)
    {
      g_autofree char *query = caucus_bench_data_query (data);
      glong length = g_utf8_strlen (query, -1);

      for (glong k = 1; k <= length; k++)
        {
          g_autofree char *prefix = g_utf8_substring (query, 0, k);
          guint frames = log.frames;
          gint64 handled;
          double ms;

          if (g_str_has_suffix (prefix, " "))
            continue;   /* a space changes nothing the user sees */
          CALLGRIND_TOGGLE_COLLECT;
          t0 = g_get_monotonic_time ();
          c0 = cpu_usec ();
          caucus_page_set_search_text (CAUCUS_PAGE (page), prefix);
          handled = g_get_monotonic_time ();
          ms = (cpu_usec () - c0) / 1000.0;
          g_array_append_val (handling_cpu, ms);
          gtk_widget_queue_draw (window);   /* a frame even when nothing changed */
          if (!wait_frame (&log, frames))
            {
              g_printerr ("no frame after typing “%s”\n", prefix);
              return 1;
            }
          ms = (handled - t0) / 1000.0;
          g_array_append_val (handling, ms);
          ms = ((handled - t0) + (log.after_paint - MAX (log.before_paint, handled))) / 1000.0;
          g_array_append_val (work, ms);
          ms = (log.after_paint - t0) / 1000.0;
          g_array_append_val (to_frame, ms);
          ms = (cpu_usec () - c0) / 1000.0;
          CALLGRIND_TOGGLE_COLLECT;
          g_array_append_val (work_cpu, ms);
          max_rows = MAX (max_rows, count_rows (window));
          n_keys++;
          settle (20);
        }
      caucus_page_set_search_text (CAUCUS_PAGE (page), NULL);
      settle (20);
    }
  CALLGRIND_DUMP_STATS_AT ("keystrokes");
  rss_search = status_kb ("VmRSS:");
  rss_search_anon = status_kb ("RssAnon:");
  {
    g_autoptr(CaucusDocumentList) people = caucus_document_list_new (index, "person");

    n_people = g_list_model_get_n_items (G_LIST_MODEL (people));
  }
  if (n_words > 0 && !measure_chooser (index, n_words, 11, chooser_cpu, chooser_wall))
    {
      g_printerr ("the organisation chooser drew no frame\n");
      return 1;
    }
  g_print ("{\"open_ms\": %.3f, \"build_ms\": %.3f, \"frame_only_ms\": %.3f, \"first_ms\": %.3f, \"first_cpu_ms\": %.3f, \"first_waited_ms\": %.3f"
           ", \"first_user_ms\": %.3f, \"first_system_ms\": %.3f, \"first_minflt\": %ld, \"first_majflt\": %ld"
           ", \"first_nvcsw\": %ld, \"first_nivcsw\": %ld, \"first_read_kb\": %.1f, \"rows_first\": %u, \"max_rows\": %u"
           ", \"n_items\": %u, \"rss_first_kb\": %" G_GINT64_FORMAT ", \"rss_search_kb\": %" G_GINT64_FORMAT
           ", \"rss_first_anon_kb\": %" G_GINT64_FORMAT ", \"rss_search_anon_kb\": %" G_GINT64_FORMAT
           ", \"keystrokes\": %u, \"work_median_ms\": %.3f, \"work_p95_ms\": %.3f, \"frame_median_ms\": %.3f"
           ", \"handling_median_ms\": %.3f, \"handling_cpu_median_ms\": %.3f, \"work_cpu_median_ms\": %.3f"
           ", \"chooser_cpu_median_ms\": %.3f, \"chooser_cpu_p95_ms\": %.3f, \"chooser_wall_median_ms\": %.3f, \"renderer\": \"%s\"}\n",
           open_ms, build_ms, frame_only_ms, first_ms, first_cpu_ms, first_waited_ms,
           u1.user_ms - u0.user_ms, u1.system_ms - u0.system_ms, u1.minflt - u0.minflt, u1.majflt - u0.majflt,
           u1.nvcsw - u0.nvcsw, u1.nivcsw - u0.nivcsw,
           read0 >= 0 && read1 >= 0 ? (read1 - read0) / 1024.0 : -1.0, rows_first, max_rows,
           n_people,
           rss_first, rss_search, rss_first_anon, rss_search_anon, n_keys,
           percentile (work, 0.5), percentile (work, 0.95), percentile (to_frame, 0.5),
           percentile (handling, 0.5), percentile (handling_cpu, 0.5), percentile (work_cpu, 0.5),
           percentile (chooser_cpu, 0.5), percentile (chooser_cpu, 0.95), percentile (chooser_wall, 0.5), renderer);
  disconnect_clock (window, &log);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* ---- building the stores (parent) -------------------------------------------------- */

static gboolean
fill_store (const char  *path,
            guint        n_orgs,
            guint        n_people,
            GError     **error)
{
  g_autoptr(CaucusStore) store = caucus_store_open (path, error);
  g_autoptr(CaucusBenchData) data = caucus_bench_data_new (42);
  g_autoptr(CaucusModelIndex) index = NULL;
  guint orgs = 0, people = 0;
  gint64 t0 = g_get_monotonic_time ();

  if (store == NULL || !caucus_store_begin (store, error))
    return FALSE;
  for (guint i = 0; orgs < n_orgs || people < n_people; i++)
    {
      g_autoptr(JsonObject) doc = caucus_bench_data_document (data, i);
      const char *type = json_object_get_string_member_with_default (doc, "type", "");
      g_autofree char *rev = NULL;

      if (strcmp (type, "org") == 0 && orgs < n_orgs)
        orgs++;
      else if (strcmp (type, "person") == 0 && people < n_people)
        people++;
      else
        continue;
      rev = caucus_store_put (store, doc, error);
      if (rev == NULL)
        {
          caucus_store_rollback (store);
          return FALSE;
        }
    }
  if (!caucus_store_commit (store, error))
    return FALSE;
  g_print ("  wrote %u organisations and %u people in %.1f s\n", orgs, people,
           (g_get_monotonic_time () - t0) / 1e6);
  return TRUE;
}

/* Brings the model index of the store at @path up to date (a launch finds it so: the
 * app keeps its index on disk); a kept index of an older layout is rebuilt here. */
static gboolean
update_index (const char  *path,
              GError     **error)
{
  g_autoptr(CaucusStore) store = caucus_store_open (path, error);
  g_autoptr(CaucusModelIndex) index = NULL;
  gint64 t0 = g_get_monotonic_time ();

  if (store == NULL)
    return FALSE;
  index = caucus_model_index_open (store, NULL, error);
  if (index == NULL)
    return FALSE;
  g_print ("  model index of %s up to date in %.1f s\n", path, (g_get_monotonic_time () - t0) / 1e6);
  return TRUE;
}

static JsonObject *
run_child (const char *self,
           const char *path,
           guint       n_words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *words = g_strdup_printf ("%u", n_words);
  g_autoptr(GSubprocess) proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                                  self, "--measure", path, "--words", words, NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (proc == NULL || !g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error) ||
      !g_subprocess_get_successful (proc) || !json_parser_load_from_data (parser, out, -1, &error))
    {
      g_printerr ("measuring %s failed: %s\n", path, error != NULL ? error->message : "the child failed");
      exit (1);
    }
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static double
num (JsonObject *o,
     const char *member)
{
  return json_object_get_double_member (o, member);
}

/* Median of a member over several runs. */
static double
median_of (GPtrArray  *runs,
           const char *member)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < runs->len; i++)
    {
      double v = num (g_ptr_array_index (runs, i), member);
      g_array_append_val (values, v);
    }
  return percentile (values, 0.5);
}

static double
max_of (GPtrArray  *runs,
        const char *member)
{
  double most = 0;

  for (guint i = 0; i < runs->len; i++)
    most = MAX (most, num (g_ptr_array_index (runs, i), member));
  return most;
}

static gboolean
report (const char *what,
        double      full,
        double      empty,
        double      target_ratio,
        const char *unit)
{
  double ratio = empty > 0 ? full / empty : 0;
  gboolean pass = ratio <= target_ratio;

  g_print ("%-34s %10.2f %s   empty %8.2f %s   ratio %5.2fx   target <= %.1fx   %s\n",
           what, full, unit, empty, unit, ratio, target_ratio, pass ? "PASS" : "FAIL");
  return pass;
}

int
main (int argc, char *argv[])
{
  gint n_orgs = 20000, n_people = 100000, n_words = 40, n_runs = 3, n_frame_runs = 21, n_cold_runs = 5;
  g_autofree char *keep = NULL;
  g_autofree char *measure_path = NULL;
  GOptionEntry entries[] = {
    { "orgs", 0, 0, G_OPTION_ARG_INT, &n_orgs, "Organisations", "N" },
    { "people", 0, 0, G_OPTION_ARG_INT, &n_people, "People", "N" },
    { "words", 0, 0, G_OPTION_ARG_INT, &n_words, "Queries typed, one keystroke at a time", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Fresh processes per store (medians)", "N" },
    { "frame-runs", 0, 0, G_OPTION_ARG_INT, &n_frame_runs, "Fresh processes per store for the first frame (medians; at least --runs)", "N" },
    { "cold-runs", 0, 0, G_OPTION_ARG_INT, &n_cold_runs, "Fresh processes per store for the first frame with the stores out of the page cache (informative)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Build the stores in DIR and keep them (reused when there)", "DIR" },
    { "measure", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &measure_path, "", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— benchmark the Directory page");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) empty_runs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) full_runs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) empty_frames = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) full_frames = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) empty_cold = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) full_cold = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  gboolean evicted = TRUE;
  g_autofree char *dir = NULL;
  g_autofree char *empty_path = NULL;
  g_autofree char *full_path = NULL;
  g_autofree char *self = NULL;
  gboolean pass = TRUE;
  double search_ms;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (measure_path != NULL)
    {
      if (!gtk_init_check ())
        {
          g_printerr ("caucus-bench-directory measures the Directory page and needs a display"
                      " (run it under xvfb-run, as bench/run does)\n");
          return 1;
        }
      return measure (measure_path, (guint) n_words, 7);
    }

  self = g_file_read_link ("/proc/self/exe", NULL);
  dir = keep != NULL ? g_strdup (keep) : g_dir_make_tmp ("caucus-bench-directory-XXXXXX", &error);
  if (dir == NULL || g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_printerr ("no directory for the stores: %s\n", error != NULL ? error->message : keep);
      return 1;
    }
  empty_path = g_build_filename (dir, "empty.db", NULL);
  full_path = g_build_filename (dir, "directory.db", NULL);
  if (keep == NULL || !g_file_test (full_path, G_FILE_TEST_EXISTS))
    {
      rm_store (empty_path);
      rm_store (full_path);
      if (!fill_store (empty_path, 0, 0, &error) ||
          !fill_store (full_path, (guint) n_orgs, (guint) n_people, &error))
        {
          g_printerr ("building the stores failed: %s\n", error->message);
          return 1;
        }
    }
  else
    g_print ("  reusing the stores kept in %s\n", dir);
  if (!update_index (empty_path, &error) || !update_index (full_path, &error))
    {
      g_printerr ("building the model indexes failed: %s\n", error->message);
      return 1;
    }
  g_print ("bench/directory: %d organisations, %d people (%d runs per store, %d queries typed)\n",
           n_orgs, n_people, n_runs, n_words);
  /* First, informative: the first frame with each store's files out of the page cache
   * (a launch after a reboot, or after other work pushed them out; this machine's
   * kernel also reclaims idle file pages by itself), alternating like the others.  The
   * full store's first screen reads ~140 scattered pages of its index; the empty
   * store's a few.  Taken first so that the warm runs below start from the pages these
   * read, as the app's later launches do. */
  for (gint r = 0; r < n_cold_runs; r++)
    {
      for (guint k = 0; k < 2; k++)
        {
          gboolean full_now = (r % 2 == 0) == (k == 1);
          const char *path = full_now ? full_path : empty_path;

          evicted &= evict_store (path);
          g_ptr_array_add (full_now ? full_cold : empty_cold, run_child (self, path, 0));
        }
    }
  /* Empty and full alternate, so that both see the same load.  The first frame is a
   * few tens of milliseconds, which a shared machine's load swings by as much: it is
   * taken in more fresh processes (the first --runs of them also type the queries):
   * 21 since session 5, when one process's user time for the same instructions ranged
   * from 21 to 49 ms in either store at load 1.2-1.5 (the virtual CPUs' speed varies
   * with the host's other work), and medians of 15 pairs still swung by ±0.15. */
  n_frame_runs = MAX (n_frame_runs, n_runs);
  for (gint r = 0; r < n_frame_runs; r++)
    {
      guint words = r < n_runs ? (guint) n_words : 0;
      JsonObject *empty, *full;

      /* Which goes first alternates too (empty, full, full, empty, …): a process that
       * starts while the display server still tears down the last one's window, or
       * right after the parent woke, is not always the same store's. */
      if (r % 2 == 0)
        {
          empty = run_child (self, empty_path, words);
          full = run_child (self, full_path, words);
        }
      else
        {
          full = run_child (self, full_path, words);
          empty = run_child (self, empty_path, words);
        }

      g_ptr_array_add (empty_frames, json_object_ref (empty));
      g_ptr_array_add (full_frames, json_object_ref (full));
      if (r < n_runs)
        {
          g_ptr_array_add (empty_runs, empty);
          g_ptr_array_add (full_runs, full);
        }
      else
        {
          json_object_unref (empty);
          json_object_unref (full);
        }
    }

  g_print ("\n");
  g_print ("people listed: %.0f (empty: %.0f); keystrokes timed: %.0f per run; GSK renderer %s\n",
           median_of (full_runs, "n_items"), median_of (empty_runs, "n_items"), median_of (full_runs, "keystrokes"),
           json_object_get_string_member (g_ptr_array_index (full_runs, 0), "renderer"));
  g_print ("first frame: medians of %d fresh processes per store, alternating in ABBA order\n", n_frame_runs);
  g_print ("%-34s %10.2f ms   empty %8.2f ms\n", "  of which open store + index",
           median_of (full_frames, "open_ms"), median_of (empty_frames, "open_ms"));
  g_print ("%-34s %10.2f ms   empty %8.2f ms\n", "  then the page built and presented",
           median_of (full_frames, "build_ms"), median_of (empty_frames, "build_ms"));
  g_print ("%-34s %10.2f ms   empty %8.2f ms\n", "  the first frame's own work",
           median_of (full_frames, "frame_only_ms"), median_of (empty_frames, "frame_only_ms"));
  g_print ("%-34s %10.2f ms   empty %8.2f ms   ratio %.2fx\n", "  CPU time of this thread",
           median_of (full_frames, "first_cpu_ms"), median_of (empty_frames, "first_cpu_ms"),
           median_of (full_frames, "first_cpu_ms") / MAX (0.001, median_of (empty_frames, "first_cpu_ms")));
  g_print ("%-34s %10.2f ms   empty %8.2f ms\n", "    in user space",
           median_of (full_frames, "first_user_ms"), median_of (empty_frames, "first_user_ms"));
  g_print ("%-34s %10.2f ms   empty %8.2f ms\n", "    in the kernel",
           median_of (full_frames, "first_system_ms"), median_of (empty_frames, "first_system_ms"));
  g_print ("%-34s %10.0f      empty %8.0f   (major %.0f, empty %.0f)\n", "  page faults of this thread",
           median_of (full_frames, "first_minflt"), median_of (empty_frames, "first_minflt"),
           median_of (full_frames, "first_majflt"), median_of (empty_frames, "first_majflt"));
  g_print ("%-34s %10.0f      empty %8.0f   (preempted %.0f, empty %.0f)\n", "  times it waited (blocked)",
           median_of (full_frames, "first_nvcsw"), median_of (empty_frames, "first_nvcsw"),
           median_of (full_frames, "first_nivcsw"), median_of (empty_frames, "first_nivcsw"));
  g_print ("%-34s %10.0f KiB  empty %8.0f KiB  (most %.0f, empty %.0f: page cache misses)\n",
           "  read from storage meanwhile", median_of (full_frames, "first_read_kb"),
           median_of (empty_frames, "first_read_kb"), max_of (full_frames, "first_read_kb"),
           max_of (empty_frames, "first_read_kb"));
  g_print ("%-34s %10.2f ms   empty %8.2f ms   (the machine's load, not the page)\n",
           "  waiting for a CPU meanwhile", median_of (full_frames, "first_waited_ms"),
           median_of (empty_frames, "first_waited_ms"));
  if (n_cold_runs > 0)
    g_print ("%-34s %10.2f ms   empty %8.2f ms   (%.2fx; CPU %.2f vs %.2f ms; read %.0f vs %.0f KiB; medians of %d)%s\n",
             "  out of the page cache", median_of (full_cold, "first_ms"), median_of (empty_cold, "first_ms"),
             median_of (full_cold, "first_ms") / MAX (0.001, median_of (empty_cold, "first_ms")),
             median_of (full_cold, "first_cpu_ms"), median_of (empty_cold, "first_cpu_ms"),
             median_of (full_cold, "first_read_kb"), median_of (empty_cold, "first_read_kb"), n_cold_runs,
             evicted ? "" : " (the kernel kept some pages)");
  g_print ("%-34s %10.0f      empty %8.0f\n", "  row widgets in the first frame",
           median_of (full_frames, "rows_first"), median_of (empty_frames, "rows_first"));
  pass &= report ("first frame of the page", median_of (full_frames, "first_ms"),
                  median_of (empty_frames, "first_ms"), TARGET_FIRST_FRAME_RATIO, "ms");

  search_ms = median_of (full_runs, "work_median_ms");
  g_print ("%-34s %10.2f ms   (p95 %.2f ms; empty store %.2f ms)   target <= %.0f ms   %s\n",
           "search per keystroke, median", search_ms, median_of (full_runs, "work_p95_ms"),
           median_of (empty_runs, "work_median_ms"), TARGET_SEARCH_MEDIAN_MS,
           search_ms <= TARGET_SEARCH_MEDIAN_MS ? "PASS" : "FAIL");
  pass &= search_ms <= TARGET_SEARCH_MEDIAN_MS;
  g_print ("%-34s %10.2f ms   empty %8.2f ms\n", "  of which the page's handling",
           median_of (full_runs, "handling_median_ms"), median_of (empty_runs, "handling_median_ms"));
  g_print ("%-34s %10.2f ms   empty %8.2f ms\n", "  CPU time of this thread",
           median_of (full_runs, "work_cpu_median_ms"), median_of (empty_runs, "work_cpu_median_ms"));
  g_print ("%-34s %10.2f ms   empty %8.2f ms\n", "    of which the page's handling",
           median_of (full_runs, "handling_cpu_median_ms"), median_of (empty_runs, "handling_cpu_median_ms"));
  g_print ("%-34s %10.2f ms   empty %8.2f ms   (adds the wait for the next frame clock tick)\n",
           "  keystroke to frame drawn, wall", median_of (full_runs, "frame_median_ms"),
           median_of (empty_runs, "frame_median_ms"));
  g_print ("%-34s %10.0f\n", "  most row widgets alive", median_of (full_runs, "max_rows"));
  g_print ("%-34s %10.2f ms   (p95 %.2f ms; wall %.2f ms; empty store %.2f ms)   CPU, no target\n",
           "organisation chooser per keystroke", median_of (full_runs, "chooser_cpu_median_ms"),
           median_of (full_runs, "chooser_cpu_p95_ms"), median_of (full_runs, "chooser_wall_median_ms"),
           median_of (empty_runs, "chooser_cpu_median_ms"));

  pass &= report ("VmRSS after first frame", median_of (full_runs, "rss_first_kb") / 1024,
                  median_of (empty_runs, "rss_first_kb") / 1024, TARGET_RSS_RATIO, "MiB");
  pass &= report ("VmRSS after the searches", median_of (full_runs, "rss_search_kb") / 1024,
                  median_of (empty_runs, "rss_search_kb") / 1024, TARGET_RSS_RATIO, "MiB");
  g_print ("%-34s %10.2f MiB  after searches %.2f MiB   (empty %.2f / %.2f MiB)\n",
           "  RssAnon (heap) after first frame", median_of (full_runs, "rss_first_anon_kb") / 1024,
           median_of (full_runs, "rss_search_anon_kb") / 1024, median_of (empty_runs, "rss_first_anon_kb") / 1024,
           median_of (empty_runs, "rss_search_anon_kb") / 1024);
  g_print ("\noverall: %s\n", pass ? "PASS" : "FAIL");
  if (keep == NULL)
    {
      rm_store (empty_path);
      rm_store (full_path);
      g_rmdir (dir);
    }
  return 0;
}
