/* test-pack.c: briefing packs rendered to PDF and read back with poppler-glib — the
 * structure and contents of the pack, letter paper and the preview, determinism, an empty
 * pack, a chosen statement version and the model's shape.  Cancelling, bad input, the store,
 * the asynchronous path and the word diff are in test-pack-pipeline.c. */
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <string.h>

#include "caucus-pack-error.h"
#include "caucus-pack-layout.h"
#include "caucus-test-util.h"
#include "pack-fixture.h"

typedef struct
{
  char            *dir;
  char            *path;
  PopplerDocument *doc;
  guint            n_front;
} Rendered;

static void
rendered_free (Rendered *r)
{
  g_clear_object (&r->doc);
  g_free (r->path);
  g_free (r->dir);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rendered, rendered_free)

/* poppler-glib 22 declares no autoptr cleanups of its own */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)

static GDateTime *
fixed_date (void)
{
  return g_date_time_new_utc (2024, 10, 20, 12, 0, 0);
}

static Rendered *
render_fixture (CaucusPackSources *sources,
                const char        *home_zone,
                CaucusPackPaper    paper)
{
  Rendered *r = g_new0 (Rendered, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = fixed_date ();
  g_autoptr(CaucusPackLayout) layout = NULL;
  g_autofree char *uri = NULL;
  CaucusPackOptions options;

  caucus_pack_options_init (&options);
  options.home_zone = home_zone;
  options.paper = paper;
  options.creation_date = date;
  r->dir = g_dir_make_tmp ("caucus-pack-XXXXXX", &error);
  g_assert_no_error (error);
  r->path = g_build_filename (r->dir, "pack.pdf", NULL);

  layout = caucus_pack_layout_new (sources, "pack:forum", &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (caucus_pack_layout_write_pdf (layout, r->path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  r->n_front = caucus_pack_layout_get_n_front_pages (layout);

  uri = g_filename_to_uri (r->path, NULL, &error);
  r->doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (r->doc), ==, caucus_pack_layout_get_n_pages (layout));
  return r;
}

static char *
page_text (PopplerDocument *doc,
           int              index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, index);
  return poppler_page_get_text (page);
}

static char *
all_text (PopplerDocument *doc)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autofree char *t = page_text (doc, i);
      g_string_append (out, t);
      g_string_append_c (out, '\f');
    }
  return g_string_free (out, FALSE);
}

/* poppler gives a right-to-left run on a mostly left-to-right page as its words in visual
 * order, each word (in logical order) wrapped in RLE … PDF marks.  Undo that display form:
 * reverse each run of marked words and drop the marks, leaving logical order. */
static char *
logical_order (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint l = 0; lines[l] != NULL; l++)
    {
      /* a marked run glued to the text before it (two table cells on one baseline) is a
       * word of its own */
      g_autoptr(GString) spaced = g_string_new (NULL);
      g_auto(GStrv) words = NULL;

      for (const char *p = lines[l]; *p != '\0'; p = g_utf8_next_char (p))
        {
          if (g_utf8_get_char (p) == 0x202b && spaced->len > 0 && spaced->str[spaced->len - 1] != ' ')
            g_string_append_c (spaced, ' ');
          g_string_append_unichar (spaced, g_utf8_get_char (p));
        }
      words = g_strsplit (spaced->str, " ", -1);
      guint n = g_strv_length (words);

      for (guint i = 0; i < n;)
        {
          guint j = i;

          while (j < n && g_str_has_prefix (words[j], "\u202b"))
            j++;
          if (j == i)
            j = i + 1;
          else
            for (guint a = i, b = j - 1; a < b; a++, b--)
              {
                char *t = words[a];
                words[a] = words[b];
                words[b] = t;
              }
          i = j;
        }
      for (guint i = 0; i < n; i++)
        {
          const char *p = words[i];

          if (i > 0)
            g_string_append_c (out, ' ');
          for (; *p != '\0'; p = g_utf8_next_char (p))
            {
              gunichar c = g_utf8_get_char (p);
              if (c != 0x202b && c != 0x202c)
                g_string_append_unichar (out, c);
            }
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
assert_in_order (const char *text,
                 ...)
{
  va_list args;
  const char *needle;
  const char *at = text;

  va_start (args, text);
  while ((needle = va_arg (args, const char *)) != NULL)
    {
      const char *found = strstr (at, needle);

      if (found == NULL)
        g_error ("“%s” not found after offset %ld in:\n%s", needle, (long) (at - text), text);
      at = found + strlen (needle);
    }
  va_end (args);
}

static int
find_page_with (PopplerDocument *doc,
                const char      *needle)
{
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autofree char *t = page_text (doc, i);
      if (strstr (t, needle) != NULL)
        return i;
    }
  return -1;
}

/* The page number printed on the same line as @title on the contents page, found by
 * position (text extraction order is not guaranteed to keep a line together). */
static int
toc_number_for (PopplerDocument *doc,
                int              index,
                const char      *title)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, index);
  g_autofree char *text = poppler_page_get_text (page);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  const char *hit;
  glong at;
  double y;
  int number = 0;
  double width, height;

  poppler_page_get_size (page, &width, &height);
  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  hit = strstr (text, title);
  g_assert_nonnull (hit);
  at = g_utf8_pointer_to_offset (text, hit);
  y = (rects[at].y1 + rects[at].y2) / 2;
  {
    const char *p = text;
    for (guint i = 0; i < n_rects && *p != '\0'; i++, p = g_utf8_next_char (p))
      if (g_ascii_isdigit (*p) && rects[i].x1 > width * 0.75 &&
          ABS ((rects[i].y1 + rects[i].y2) / 2 - y) < 3)
        number = number * 10 + (*p - '0');
  }
  g_free (rects);
  return number;
}

static const char *section_titles[] = {
  "Introduction", "Programme", "People", "Organisations", "Statements", "Deadlines",
  "Background papers", "Practical information",
};

static void
test_structure (void)
{
  g_autoptr(CaucusPackSources) sources = pack_fixture_new_sources ();
  g_autoptr(Rendered) r = render_fixture (sources, "America/New_York", CAUCUS_PACK_PAPER_A4);
  int n_pages = poppler_document_get_n_pages (r->doc);
  g_autofree char *everything = all_text (r->doc);
  int last_page = -1;

  /* Metadata */
  {
    g_autofree char *title = poppler_document_get_title (r->doc);
    g_autofree char *author = poppler_document_get_author (r->doc);
    g_autofree char *subject = poppler_document_get_subject (r->doc);

    g_assert_cmpstr (title, ==, "Briefing pack: Digital Rights Forum");
    g_assert_cmpstr (author, ==, "Caucus Secretariat");
    g_assert_cmpstr (subject, ==, "Briefing pack for Digital Rights Forum 2024");
    g_assert_cmpint (poppler_document_get_creation_date (r->doc), ==, 1729425600);
  }

  /* Page labels: roman front matter, arabic body */
  {
    g_autoptr(PopplerPage) cover = poppler_document_get_page (r->doc, 0);
    g_autoptr(PopplerPage) first_body = poppler_document_get_page (r->doc, r->n_front);
    g_autofree char *a = poppler_page_get_label (cover);
    g_autofree char *b = poppler_page_get_label (first_body);

    g_assert_cmpuint (r->n_front, ==, 2);
    g_assert_cmpstr (a, ==, "i");
    g_assert_cmpstr (b, ==, "1");
  }

  /* The contents: every section listed with the page it starts on, in order, and the hidden
   * section left out. */
  g_assert_null (strstr (everything, "Hidden section"));
  for (guint s = 0; s < G_N_ELEMENTS (section_titles); s++)
    {
      int claimed = toc_number_for (r->doc, 1, section_titles[s]);

      g_assert_cmpint (claimed, >, 0);
      {
        int index = r->n_front + claimed - 1;
        g_autofree char *text = page_text (r->doc, index);

        g_assert_true (g_str_has_prefix (strstr (text, section_titles[s]) ? strstr (text, section_titles[s]) : "",
                                         section_titles[s]));
        g_assert_cmpint (index, >, last_page);
        last_page = index;
      }
    }

  /* Running footer "N of M" */
  {
    g_autofree char *expected = g_strdup_printf ("3 of %d", n_pages - (int) r->n_front);
    g_autofree char *text = page_text (r->doc, r->n_front + 2);
    g_assert_nonnull (strstr (text, expected));
  }

  /* Outline mirrors the sections; the papers and statements are children. */
  {
    PopplerIndexIter *iter = poppler_index_iter_new (r->doc);
    guint i = 0;

    g_assert_nonnull (iter);
    do
      {
        PopplerAction *action = poppler_index_iter_get_action (iter);
        const char *expected = i == 0 ? "Contents" : section_titles[i - 1];

        g_assert_cmpuint (i, <=, G_N_ELEMENTS (section_titles));
        g_assert_cmpstr (action->any.title, ==, expected);
        g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
        if (i > 0)
          {
            PopplerDest *dest = action->goto_dest.dest;
            PopplerDest *found = dest->type == POPPLER_DEST_NAMED
                                 ? poppler_document_find_dest (r->doc, dest->named_dest) : NULL;
            int page = (found != NULL ? found->page_num : dest->page_num) - 1;
            g_autofree char *text = page_text (r->doc, page);

            g_assert_nonnull (strstr (text, expected));
            g_clear_pointer (&found, poppler_dest_free);
          }
        if (g_strcmp0 (expected, "Background papers") == 0)
          {
            PopplerIndexIter *child = poppler_index_iter_get_child (iter);
            PopplerAction *child_action;

            g_assert_nonnull (child);
            child_action = poppler_index_iter_get_action (child);
            g_assert_cmpstr (child_action->any.title, ==, "The ITRs explained");
            poppler_action_free (child_action);
            poppler_index_iter_free (child);
          }
        poppler_action_free (action);
        i++;
      }
    while (poppler_index_iter_next (iter));
    g_assert_cmpuint (i, ==, G_N_ELEMENTS (section_titles) + 1);
    poppler_index_iter_free (iter);
  }

  /* Links: internal links from the contents, live URIs in the body. */
  {
    g_autoptr(PopplerPage) page = poppler_document_get_page (r->doc, 1);
    GList *links = poppler_page_get_link_mapping (page);
    guint internal = 0;

    for (GList *l = links; l != NULL; l = l->next)
      {
        PopplerLinkMapping *m = l->data;

        if (m->action->type == POPPLER_ACTION_GOTO_DEST)
          {
            PopplerDest *dest = m->action->goto_dest.dest;
            PopplerDest *found = dest->type == POPPLER_DEST_NAMED
                                 ? poppler_document_find_dest (r->doc, dest->named_dest) : NULL;

            g_assert_nonnull (found);
            g_assert_cmpint (found->page_num, >, (int) r->n_front);
            poppler_dest_free (found);
            internal++;
          }
      }
    poppler_page_free_link_mapping (links);
    g_assert_cmpuint (internal, >=, G_N_ELEMENTS (section_titles));
  }
  {
    const char *wanted[] = { "https://bestbits.example.net/pack", "https://example.org/wsis",
                             "https://meet.example.org/opening", "https://www.accessnow.org" };
    for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
      {
        gboolean found = FALSE;

        for (int p = 0; p < n_pages && !found; p++)
          {
            g_autoptr(PopplerPage) page = poppler_document_get_page (r->doc, p);
            GList *links = poppler_page_get_link_mapping (page);

            for (GList *l = links; l != NULL; l = l->next)
              {
                PopplerLinkMapping *m = l->data;
                if (m->action->type == POPPLER_ACTION_URI && g_strcmp0 (m->action->uri.uri, wanted[w]) == 0)
                  found = TRUE;
              }
            poppler_page_free_link_mapping (links);
          }
        if (!found)
          g_error ("no link to %s", wanted[w]);
      }
  }
}

/* Fails with the package to install when no font covers a script the tests need. */
static void
assert_fonts_cover (void)
{
  static const struct { gunichar c; const char *lang; const char *package; } needs[] = {
    { 0x0628, "ar", "fonts-dejavu-core" },
    { 0x05d3, "he", "fonts-dejavu-core" },
    { 0x4e2d, "zh-cn", "fonts-droid-fallback (or fonts-noto-cjk)" },
  };
  PangoFontMap *map = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (map);
  PangoFontDescription *desc = pango_font_description_from_string ("DejaVu Sans 10");

  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    {
      PangoFontset *fontset = pango_context_load_fontset (context, desc, pango_language_from_string (needs[i].lang));
      PangoFont *font = pango_fontset_get_font (fontset, needs[i].c);

      if (font == NULL || !pango_font_has_char (font, needs[i].c))
        g_error ("No installed font covers U+%04X (%s): install %s", needs[i].c, needs[i].lang, needs[i].package);
      g_object_unref (font);
      g_object_unref (fontset);
    }
  pango_font_description_free (desc);
  g_object_unref (context);
  g_object_unref (map);
}

static void
test_content (void)
{
  g_autoptr(CaucusPackSources) sources = pack_fixture_new_sources ();
  g_autoptr(Rendered) r = render_fixture (sources, "America/New_York", CAUCUS_PACK_PAPER_A4);
  g_autofree char *text = all_text (r->doc);
  int agenda = find_page_with (r->doc, "Night-owl online caucus");
  g_autofree char *agenda_text = page_text (r->doc, agenda);

  assert_fonts_cover ();

  /* Agenda over the end of summer time in Berlin (27 Oct 2024), read from New York, where
   * summer time lasts a week longer. */
  assert_in_order (agenda_text,
                   "Saturday 26 October 2024",
                   "09:00–10:30", "UTC+02:00",                        /* 26th: CEST */
                   "03:00–04:30", "America/New_York", "UTC-04:00",    /* New York: EDT */
                   "Sunday 27 October 2024",
                   "04:30–05:15", "UTC+01:00",                        /* after the change: CET */
                   "23:30–00:15 -1 day", "America/New_York", "UTC-04:00",
                   "09:00–10:30", "UTC+01:00",
                   "04:00–05:30", "America/New_York", "UTC-04:00",
                   NULL);
  g_assert_cmpint (find_page_with (r->doc, "Opening plenary"), ==, agenda);

  /* Scripts: Arabic in logical order, Chinese and accented Latin intact.  Each Arabic word
   * comes back letter by letter in logical order (not reversed, not split into letters). */
  {
    g_autofree char *logical = logical_order (text);

    g_assert_nonnull (strstr (text, "\u202bالرقمية\u202c"));
    g_assert_nonnull (strstr (text, "\u202bأمينة\u202c"));
    g_assert_nonnull (strstr (logical, "جلسة حول حقوق الإنسان الرقمية"));
    g_assert_nonnull (strstr (logical, "דוד כהן"));                      /* Hebrew too */
    g_assert_nonnull (strstr (logical, "חוקר זכויות"));
    /* (poppler detaches the tanween of the last word, so stop before it) */
    g_assert_nonnull (strstr (logical, "الإنترنت حق للجميع وليس"));
  }
  g_assert_nonnull (strstr (text, "互联网治理论坛欢迎您"));
  g_assert_nonnull (strstr (text, "王伟"));
  g_assert_nonnull (strstr (text, "Łukasz Wiśniewski"));
  g_assert_nonnull (strstr (text, "Zoë Bénédicte Ørsted"));

  /* Markdown: rendered, not stripped — no syntax left, the table's cells present. */
  g_assert_null (strstr (text, "**before**"));
  g_assert_null (strstr (text, "|---"));
  g_assert_null (strstr (text, "## Objectives"));
  g_assert_nonnull (strstr (text, "WCIT statement"));
  g_assert_nonnull (strstr (text, "Roadmap"));
  g_assert_nonnull (strstr (text, "1. First ordered"));
  /* Hostile input: text shows as the characters it is, a safe subset of HTML is
   * interpreted, other tags and script content are dropped, stray tags are harmless. */
  assert_in_order (text, "Hostile text stays text:", "& 5 < 6 unclosed and & entity, stray tags.", NULL);
  g_assert_null (strstr (text, "alert(1)"));
  g_assert_null (strstr (text, "<script>"));
  g_assert_null (strstr (text, "<b>"));
  g_assert_null (strstr (text, "<li>"));
  g_assert_null (strstr (text, "<ul"));
  assert_in_order (text, "Morning session 1 History and review", "\n• Mapping institutions", "\n• Last 20 years",
                   "Afternoon: Streams return", "\n• Next steps & close", NULL);
  g_assert_null (strstr (text, "•  •"));

  /* Statement: redline legend, signatory annex with the earlier-version mark; the withdrawn
   * signature is gone. */
  g_assert_nonnull (strstr (text, "Changes since “First draft”"));
  g_assert_nonnull (strstr (text, "Signatories (2)"));
  g_assert_nonnull (strstr (text, "signed an earlier version"));
  g_assert_null (strstr (text, "Digital Medusa\nsigned"));
  g_assert_nonnull (strstr (text, "By regional group: Asia-Pacific 1 · WEOG 1"));

  /* Deadlines in the issuing body's zone and the reader's. */
  {
    g_autofree char *page = page_text (r->doc, find_page_with (r->doc, "Sign-on closes"));
    assert_in_order (page, "Fri 25 Oct 2024, 23:59 Europe/Zurich", "(UTC+02:00)",
                     "Fri 25 Oct 2024, 17:59 America/", "(UTC-04:00)", NULL);
  }

  /* The background paper's own pages are embedded, after its listing. */
  {
    int p1 = find_page_with (r->doc, "Background paper page 1");
    int p2 = find_page_with (r->doc, "Background paper page 2");

    g_assert_cmpint (p1, >, 0);
    g_assert_cmpint (p2, ==, p1 + 1);
    g_assert_cmpint (find_page_with (r->doc, "The ITRs explained"), <, p1);
  }
}

static void
test_letter_and_preview (void)
{
  g_autoptr(CaucusPackSources) sources = pack_fixture_new_sources ();
  g_autoptr(Rendered) r = render_fixture (sources, NULL, CAUCUS_PACK_PAPER_LETTER);
  g_autoptr(PopplerPage) page = poppler_document_get_page (r->doc, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusPackLayout) layout = caucus_pack_layout_new (sources, "pack:forum", NULL, NULL, NULL, NULL, &error);
  double w, h;
  cairo_surface_t *image;
  cairo_t *cr;
  guint8 *data;
  gboolean inked = FALSE;

  poppler_page_get_size (page, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 612, 0.01);
  g_assert_cmpfloat_with_epsilon (h, 792, 0.01);
  /* Without a home zone only venue times appear. */
  {
    g_autofree char *text = all_text (r->doc);
    g_assert_null (strstr (text, "America/New_York"));
    g_assert_nonnull (strstr (text, "UTC+02:00"));
  }

  /* The preview path: any page into any cairo context, scaled to fit. */
  g_assert_no_error (error);
  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 283);
  cr = cairo_create (image);
  caucus_pack_layout_render_page (layout, cr, 0, 200, 283);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  /* The cover's band is dark blue at the top, with the title in white on it. */
  inked = data[10 * cairo_image_surface_get_stride (image) + 4 * 100] < 0x80;
  g_assert_true (inked);
  {
    guint white = 0;

    for (int y = 0; y < 283 * 0.40; y++)
      for (int x = 0; x < 200; x++)
        {
          guint8 *px = data + y * cairo_image_surface_get_stride (image) + 4 * x;
          if (px[0] > 0xe0 && px[1] > 0xe0 && px[2] > 0xe0)
            white++;
        }
    g_assert_cmpuint (white, >, 20);
  }
  cairo_surface_destroy (image);
  {
    g_autofree char *label = caucus_pack_layout_get_page_label (layout, caucus_pack_layout_get_n_front_pages (layout));
    g_assert_cmpstr (label, ==, "1");
  }
  /* Section navigation for the composer. */
  g_assert_cmpuint (caucus_pack_layout_get_n_sections (layout), ==, G_N_ELEMENTS (section_titles));
  for (guint i = 0; i < caucus_pack_layout_get_n_sections (layout); i++)
    {
      g_assert_cmpstr (caucus_pack_layout_get_section_title (layout, i), ==, section_titles[i]);
      g_assert_cmpuint (caucus_pack_layout_get_section_page (layout, i), >=, caucus_pack_layout_get_n_front_pages (layout));
      if (i > 0)
        g_assert_cmpuint (caucus_pack_layout_get_section_page (layout, i), >,
                          caucus_pack_layout_get_section_page (layout, i - 1));
    }
}

static void
test_deterministic (void)
{
  g_autoptr(CaucusPackSources) sources = pack_fixture_new_sources ();
  g_autoptr(Rendered) a = render_fixture (sources, "Asia/Tokyo", CAUCUS_PACK_PAPER_A4);
  g_autoptr(Rendered) b = render_fixture (sources, "Asia/Tokyo", CAUCUS_PACK_PAPER_A4);
  g_autofree char *ca = NULL, *cb = NULL;
  gsize la, lb;

  g_assert_true (g_file_get_contents (a->path, &ca, &la, NULL));
  g_assert_true (g_file_get_contents (b->path, &cb, &lb, NULL));
  g_assert_cmpmem (ca, la, cb, lb);
  caucus_test_remove_tree (a->dir);
  caucus_test_remove_tree (b->dir);
}

/* The text of @pack_id rendered to a PDF with the default options (all_text). */
static char *
render_text (CaucusPackSources *sources,
             const char        *pack_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("caucus-pack-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pack.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(PopplerDocument) doc = NULL;
  char *text;

  g_assert_true (caucus_pack_render_to_file (sources, pack_id, NULL, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  text = all_text (doc);
  caucus_test_remove_tree (dir);
  return text;
}

static void
test_empty_pack (void)
{
  g_autoptr(CaucusPackSources) sources = caucus_pack_sources_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (caucus_pack_sources_add_json (sources,
    "[{\"_id\":\"e\",\"type\":\"event\",\"kind\":\"meeting\",\"title\":\"Quiet meeting\",\"time_zone\":\"UTC\"},"
    " {\"_id\":\"p\",\"type\":\"pack\",\"event_id\":\"e\"}]", &error));
  g_assert_no_error (error);
  text = render_text (sources, "p");
  g_assert_nonnull (strstr (text, "Briefing pack: Quiet meeting"));
  g_assert_nonnull (strstr (text, "No sessions have been scheduled for this event yet."));
  g_assert_nonnull (strstr (text, "No statements are attached to this event."));
  g_assert_nonnull (strstr (text, "No background papers are attached to this pack."));
}

/* A chosen version: its text, a redline against the version before it, and signatures of
 * that version counted as current. */
static void
test_chosen_version (void)
{
  g_autoptr(CaucusPackSources) sources = pack_fixture_new_sources ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (caucus_pack_sources_add_json (sources,
    "{\"_id\":\"pack:v\",\"type\":\"pack\",\"event_id\":\"event:forum\",\"sections\":["
    " {\"kind\":\"statements\",\"items\":[{\"statement_id\":\"statement:joint\",\"version_id\":\"version:first\",\"redline\":true}]}]}",
    &error));
  text = render_text (sources, "pack:v");
  g_assert_nonnull (strstr (text, "Text: First draft"));
  g_assert_nonnull (strstr (text, "Changes since “Zero draft”"));
  g_assert_null (strstr (text, "Fund participation"));          /* only in the current draft */
  g_assert_nonnull (strstr (text, "Signatories (2)"));
  g_assert_null (strstr (text, "signed an earlier version"));

  /* A version of another statement is refused. */
  g_assert_true (caucus_pack_sources_add_json (sources,
    "[{\"_id\":\"statement:other\",\"type\":\"statement\",\"title\":\"Other\",\"body\":\"x\"},"
    " {\"_id\":\"pack:w\",\"type\":\"pack\",\"event_id\":\"event:forum\",\"sections\":["
    "  {\"kind\":\"statements\",\"items\":[{\"statement_id\":\"statement:other\",\"version_id\":\"version:first\"}]}]}]",
    &error));
  pack_fixture_assert_render_fails (sources, "pack:w", NULL, CAUCUS_PACK_ERROR_NOT_FOUND, "version:first");
}

/* The model's shape: the introduction as a field (it opens the pack), sections by kind
 * ("text" for free text) and the items chosen for each in `selections`. */
static void
test_model_shape (void)
{
  g_autoptr(CaucusPackSources) sources = pack_fixture_new_sources ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *logical = NULL;
  JsonObject *pack;

  g_assert_true (caucus_pack_sources_add_json (sources,
    "{\"_id\":\"pack:m\",\"type\":\"pack\",\"title\":\"Model pack\",\"event_id\":\"event:forum\","
    " \"intro\":\"Opening words.\","
    " \"sections\":[{\"kind\":\"agenda\"},{\"kind\":\"text\",\"title\":\"Logistics\",\"body\":\"Hotel *Adlon*.\"}],"
    " \"selections\":{\"agenda\":[\"event:s2\"]}}", &error));
  text = render_text (sources, "pack:m");
  logical = logical_order (text);
  assert_in_order (text, "Introduction", "Opening words.", "Programme", "Logistics", "Hotel Adlon.", NULL);
  g_assert_nonnull (strstr (logical, "جلسة حول حقوق الإنسان الرقمية"));
  g_assert_null (strstr (text, "Opening plenary"));
  g_assert_null (strstr (text, "Night-owl"));
  /* The document itself is not changed by rendering. */
  pack = caucus_pack_sources_lookup (sources, "pack:m");
  g_assert_false (json_object_has_member (json_array_get_object_element (json_object_get_array_member (pack, "sections"), 0),
                                          "session_ids"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pack/structure", test_structure);
  g_test_add_func ("/pack/content", test_content);
  g_test_add_func ("/pack/letter-and-preview", test_letter_and_preview);
  g_test_add_func ("/pack/deterministic", test_deterministic);
  g_test_add_func ("/pack/empty", test_empty_pack);
  g_test_add_func ("/pack/chosen-version", test_chosen_version);
  g_test_add_func ("/pack/model-shape", test_model_shape);

  return g_test_run ();
}
