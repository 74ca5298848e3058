/* test-pack-pipeline.c: how a briefing pack is made rather than what it shows —
 * cancelling, bad input refused with nothing left behind, sources read from a store,
 * the asynchronous layout and export, markup soup that must never reach Pango as
 * markup, and the word diff behind the redlines. */
#include <glib/gstdio.h>
#include <string.h>

#include "caucus-pack-collect.h"
#include "caucus-pack-diff.h"
#include "caucus-pack-error.h"
#include "caucus-pack-layout.h"
#include "caucus-test-util.h"
#include "pack-fixture.h"

static void
cancel_on_progress_cb (double      fraction,
                       const char *stage,
                       gpointer    user_data)
{
  if (fraction > 0.5)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autoptr(CaucusPackSources) sources = pack_fixture_new_sources ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("caucus-pack-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pack.pdf", NULL);

  /* Cancelled while writing pages. */
  g_assert_false (caucus_pack_render_to_file (sources, "pack:forum", NULL, path, cancellable,
                                              cancel_on_progress_cb, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  pack_fixture_assert_dir_empty (dir);
  g_clear_error (&error);

  /* Cancelled before it starts. */
  g_assert_false (caucus_pack_render_to_file (sources, "pack:forum", NULL, path, cancellable,
                                              NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  pack_fixture_assert_dir_empty (dir);
  g_rmdir (dir);
}

static void
test_bad_input (void)
{
  g_autoptr(CaucusPackSources) sources = pack_fixture_new_sources ();
  g_autoptr(GBytes) junk = g_bytes_new_static ("%PDF-1.5 this is not really a PDF", 33);
  g_autoptr(GError) error = NULL;

  pack_fixture_assert_render_fails (sources, "pack:nope", NULL, CAUCUS_PACK_ERROR_NOT_FOUND, "pack:nope");
  pack_fixture_assert_render_fails (sources, "pack:forum", "Mars/Olympus_Mons", CAUCUS_PACK_ERROR_TIME_ZONE, "Mars/Olympus_Mons");
  {
    g_autofree char *dir = g_dir_make_tmp ("caucus-pack-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "pack.pdf", NULL);
    CaucusPackOptions options;

    caucus_pack_options_init (&options);
    options.locale = "xx_NOWHERE.UTF-8";
    g_assert_false (caucus_pack_render_to_file (sources, "pack:forum", &options, path, NULL, NULL, NULL, &error));
    g_assert_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_LOCALE);
    g_assert_nonnull (strstr (error->message, "xx_NOWHERE.UTF-8"));
    g_clear_error (&error);
    pack_fixture_assert_dir_empty (dir);
    g_rmdir (dir);
  }

  g_assert_true (caucus_pack_sources_add_json (sources,
    "{\"_id\":\"pack:orphan\",\"type\":\"pack\",\"title\":\"Orphan\",\"event_id\":\"event:gone\"}", &error));
  pack_fixture_assert_render_fails (sources, "pack:orphan", NULL, CAUCUS_PACK_ERROR_NOT_FOUND, "event:gone");

  g_assert_true (caucus_pack_sources_add_json (sources,
    "{\"_id\":\"pack:weird\",\"type\":\"pack\",\"event_id\":\"event:forum\",\"sections\":[\"gossip\"]}", &error));
  pack_fixture_assert_render_fails (sources, "pack:weird", NULL, CAUCUS_PACK_ERROR_INVALID, "gossip");

  caucus_pack_sources_add_attachment (sources, "pack:forum", "itrs.pdf", junk);
  pack_fixture_assert_render_fails (sources, "pack:forum", NULL, CAUCUS_PACK_ERROR_ATTACHMENT, "itrs.pdf");

  g_assert_false (caucus_pack_sources_add_json (sources, "{\"type\":\"person\"}", &error));
  g_assert_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID);
  g_clear_error (&error);

  /* An unwritable destination. */
  {
    g_autoptr(CaucusPackSources) good = pack_fixture_new_sources ();
    g_assert_false (caucus_pack_render_to_file (good, "pack:forum", NULL, "/nonexistent-dir/pack.pdf",
                                                NULL, NULL, NULL, &error));
    g_assert_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_WRITE);
    g_assert_nonnull (strstr (error->message, "/nonexistent-dir/pack.pdf"));
  }
}

static void
test_from_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("caucus-pack-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "workspace.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "pack.pdf", NULL);
  g_autoptr(CaucusStore) store = caucus_store_open (db, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) paper = pack_fixture_make_pdf (2, "Background paper");
  g_autoptr(CaucusPackSources) sources = NULL;
  g_autoptr(CaucusPackLayout) layout = NULL;
  g_autoptr(CaucusPackSources) direct = pack_fixture_new_sources ();
  g_autoptr(CaucusPackLayout) direct_layout = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *rev2 = NULL;
  JsonArray *docs;

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, pack_fixture_json (), -1, &error));
  docs = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *doc = json_array_get_object_element (docs, i);
      g_autofree char *r = caucus_store_put (store, doc, &error);

      g_assert_no_error (error);
      if (g_strcmp0 (json_object_get_string_member (doc, "_id"), "pack:forum") == 0)
        rev = g_steal_pointer (&r);
    }
  rev2 = caucus_store_put_attachment (store, "pack:forum", rev, "itrs.pdf", "application/pdf", paper, &error);
  g_assert_no_error (error);

  sources = caucus_pack_sources_new_from_store (store, "pack:forum", &error);
  g_assert_no_error (error);
  layout = caucus_pack_layout_new (sources, "pack:forum", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  direct_layout = caucus_pack_layout_new (direct, "pack:forum", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (caucus_pack_layout_get_n_pages (layout), ==, caucus_pack_layout_get_n_pages (direct_layout));
  g_assert_true (caucus_pack_layout_write_pdf (layout, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_unlink (pdf);

  g_assert_null (caucus_pack_sources_new_from_store (store, "pack:missing", &error));
  g_assert_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (caucus_pack_sources_new_from_store (store, "person:wei", &error));
  g_assert_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID);
  g_clear_error (&error);

  /* By event: its pack, or a default pack when it has none. */
  {
    g_autoptr(CaucusPackSources) by_event = NULL;
    g_autofree char *pack_id = NULL;
    g_autoptr(JsonObject) quiet = json_object_new ();
    g_autofree char *r = NULL;

    by_event = caucus_pack_sources_new_for_event (store, "event:forum", &pack_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (pack_id, ==, "pack:forum");
    g_assert_nonnull (caucus_pack_sources_lookup_attachment (by_event, "pack:forum", "itrs.pdf"));
    g_clear_object (&by_event);
    g_clear_pointer (&pack_id, g_free);

    json_object_set_string_member (quiet, "_id", "event:quiet");
    json_object_set_string_member (quiet, "type", "event");
    json_object_set_string_member (quiet, "kind", "meeting");
    json_object_set_string_member (quiet, "title", "Quiet meeting");
    r = caucus_store_put (store, quiet, &error);
    g_assert_no_error (error);
    by_event = caucus_pack_sources_new_for_event (store, "event:quiet", &pack_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (pack_id, ==, "pack:default:event:quiet");
    g_assert_true (caucus_pack_render_to_file (by_event, pack_id, NULL, pdf, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_unlink (pdf);
    g_clear_object (&by_event);
    g_clear_pointer (&pack_id, g_free);

    g_assert_null (caucus_pack_sources_new_for_event (store, "event:nowhere", &pack_id, &error));
    g_assert_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "event:nowhere"));
    g_assert_null (pack_id);
    g_clear_error (&error);
  }

  g_clear_object (&store);
  caucus_test_remove_tree (dir);
}

typedef struct
{
  GMainLoop        *loop;
  GThread          *main_thread;
  CaucusPackLayout *layout;
  gboolean          written;
  GError           *error;
  guint             n_progress;
  double            last_fraction;
} AsyncState;

static void
async_progress_cb (double      fraction,
                   const char *stage,
                   gpointer    user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_nonnull (stage);
  g_assert_cmpfloat (fraction, >=, state->last_fraction);
  state->last_fraction = fraction;
  state->n_progress++;
}

static void
async_layout_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  AsyncState *state = user_data;

  state->layout = caucus_pack_layout_new_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
async_write_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  AsyncState *state = user_data;

  state->written = caucus_pack_layout_write_pdf_finish (CAUCUS_PACK_LAYOUT (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

/* Drops @object (the caller's last reference) and turns the main context until it is
 * finalized, wherever its last reference goes. */
static void
release_and_wait (gpointer object)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (object, &object);
  g_object_unref (object);
  while (object != NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (object);
}

static void
test_async (void)
{
  g_autoptr(CaucusPackSources) sources = pack_fixture_new_sources ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *dir = g_dir_make_tmp ("caucus-pack-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pack.pdf", NULL);
  AsyncState state = { loop, g_thread_self () };
  CaucusPackOptions options;

  caucus_pack_options_init (&options);
  options.home_zone = "Asia/Tokyo";
  caucus_pack_layout_new_async (sources, "pack:forum", &options, NULL, async_progress_cb, &state,
                                async_layout_done_cb, &state);
  g_main_loop_run (loop);
  g_assert_no_error (state.error);
  g_assert_nonnull (state.layout);

  caucus_pack_layout_write_pdf_async (state.layout, path, NULL, async_progress_cb, &state,
                                      async_write_done_cb, &state);
  /* The preview may draw while the export runs. */
  {
    cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 100, 141);
    cairo_t *cr = cairo_create (image);

    for (guint i = 0; i < caucus_pack_layout_get_n_pages (state.layout); i++)
      caucus_pack_layout_render_page (state.layout, cr, i, 100, 141);
    cairo_destroy (cr);
    cairo_surface_destroy (image);
  }
  g_main_loop_run (loop);
  g_assert_no_error (state.error);
  g_assert_true (state.written);
  /* Progress callbacks may still be queued behind the completion: let them run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (state.n_progress, >, 3);
  g_assert_cmpfloat (state.last_fraction, ==, 1.0);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  /* The workers may drop their references (the layout, the sources in the job) after the
   * completions have run here: wait until both are gone, so that the process never exits
   * (this is the program's last test) while a worker still frees Pango, cairo or store
   * objects. */
  release_and_wait (g_steal_pointer (&state.layout));
  release_and_wait (g_steal_pointer (&sources));
  caucus_test_remove_tree (dir);
}

/* Random Markdown, HTML and entity soup must never produce markup Pango rejects (the
 * renderer warns, and warnings are fatal here) nor crash. */
static void
test_markup_soup (void)
{
  static const char *pieces[] = {
    "<b>", "</b>", "<i>", "</i>", "<em>", "</strong>", "<script>", "</script>", "<br>", "<li>", "</ul>",
    "<p>", "</p>", "<u>", "<sup>", "</sub>", "<tt>", "<!-- c -->", "<a href='x'>", "</a>", "<", ">", "&",
    "&amp;", "&lt;b&gt;", "&#1575;", "&#x4e2d;", "&bogus;", "**", "*", "_", "`", "``", "[link](https://x.org/?a=1&b=<2>)",
    "![img](x.png)", "\n", "\n\n", "- ", "1. ", "> ", "# ", "| a | b |\n|---|:-:|\n| <b>c | d\\| |\n", "---",
    "    code\n", "word ", "كلمة ", "中文 ", "Ünïcödé ", "\t", "\\", "'", "\"", "%s", "%n", "<span foreground='red'>",
  };
  g_autoptr(GError) error = NULL;
  GLogLevelFlags old = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  for (guint round = 0; round < 60; round++)
    {
      g_autoptr(CaucusPackSources) sources = caucus_pack_sources_new ();
      g_autoptr(CaucusPackLayout) layout = NULL;
      g_autoptr(JsonObject) event = json_object_new ();
      g_autoptr(JsonObject) pack = json_object_new ();
      g_autoptr(GString) soup = g_string_new (NULL);
      cairo_surface_t *image;
      cairo_t *cr;

      for (guint i = 0; i < 80; i++)
        g_string_append (soup, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
      json_object_set_string_member (event, "_id", "e");
      json_object_set_string_member (event, "type", "event");
      json_object_set_string_member (event, "title", soup->str);
      json_object_set_string_member (pack, "_id", "p");
      json_object_set_string_member (pack, "type", "pack");
      json_object_set_string_member (pack, "event_id", "e");
      json_object_set_string_member (pack, "title", soup->str);
      json_object_set_string_member (pack, "intro", soup->str);
      g_assert_true (caucus_pack_sources_add_doc (sources, event, &error));
      g_assert_true (caucus_pack_sources_add_doc (sources, pack, &error));
      layout = caucus_pack_layout_new (sources, "p", NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 60, 85);
      cr = cairo_create (image);
      for (guint p = 0; p < MIN (4, caucus_pack_layout_get_n_pages (layout)); p++)
        caucus_pack_layout_render_page (layout, cr, p, 60, 85);
      cairo_destroy (cr);
      cairo_surface_destroy (image);
    }
  g_log_set_always_fatal (old);
}

static char *
diff_string (const char *a,
             const char *b)
{
  g_autoptr(GPtrArray) chunks = caucus_pack_diff_words (a, b);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < chunks->len; i++)
    {
      CaucusDiffChunk *c = g_ptr_array_index (chunks, i);
      const char *open = c->op == CAUCUS_DIFF_INSERT ? "{+" : c->op == CAUCUS_DIFF_DELETE ? "[-" : "";
      const char *close = c->op == CAUCUS_DIFF_INSERT ? "+}" : c->op == CAUCUS_DIFF_DELETE ? "-]" : "";

      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s%s%s", open, c->text, close);
    }
  return g_string_free (out, FALSE);
}

static void
test_diff (void)
{
  struct { const char *a, *b, *expected; } cases[] = {
    { "", "", "" },
    { "", "new words", "{+new words+}" },
    { "old words", "", "[-old words-]" },
    { "the quick brown fox", "the quick  brown\nfox", "the quick brown fox" },
    { "the quick brown fox", "the slow brown fox", "the [-quick-] {+slow+} brown fox" },
    { "a b c d e f", "a c d x f", "a [-b-] c d [-e-] {+x+} f" },
    { "one\n\ntwo", "one\n\nthree", "one\n\n [-two-] {+three+}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = diff_string (cases[i].a, cases[i].b);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }

  /* A long text with scattered edits stays correct: replaying the script gives both sides. */
  {
    GString *a = g_string_new (NULL), *b = g_string_new (NULL);
    g_autoptr(GPtrArray) chunks = NULL;
    GString *ra = g_string_new (NULL), *rb = g_string_new (NULL);

    for (guint i = 0; i < 3000; i++)
      {
        g_string_append_printf (a, "w%u ", i % 97);
        if (i % 50 != 7)
          g_string_append_printf (b, "w%u ", i % 97);
        if (i % 70 == 3)
          g_string_append (b, "inserted ");
      }
    chunks = caucus_pack_diff_words (a->str, b->str);
    for (guint i = 0; i < chunks->len; i++)
      {
        CaucusDiffChunk *c = g_ptr_array_index (chunks, i);
        if (c->op != CAUCUS_DIFF_INSERT)
          g_string_append_printf (ra, "%s ", c->text);
        if (c->op != CAUCUS_DIFF_DELETE)
          g_string_append_printf (rb, "%s ", c->text);
      }
    g_assert_cmpstr (ra->str, ==, a->str);
    g_assert_cmpstr (rb->str, ==, b->str);
    g_string_free (a, TRUE);
    g_string_free (b, TRUE);
    g_string_free (ra, TRUE);
    g_string_free (rb, TRUE);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pack/cancel", test_cancel);
  g_test_add_func ("/pack/bad-input", test_bad_input);
  g_test_add_func ("/pack/diff", test_diff);
  g_test_add_func ("/pack/markup-soup", test_markup_soup);
  g_test_add_func ("/pack/from-store", test_from_store);
  g_test_add_func ("/pack/async", test_async);

  return g_test_run ();
}
