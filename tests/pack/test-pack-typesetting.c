/* test-pack-typesetting.c: how a briefing pack's pages are set, read back with poppler-glib:
 * the programme's session blocks and page breaks, display names instead of ids, scripts
 * (Thai, Arabic in left-to-right tables, a right-to-left pack), empty sections. */
#include <glib/gstdio.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "caucus-pack-layout.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)

typedef struct
{
  char            *dir;
  char            *path;
  PopplerDocument *doc;
  guint            n_front;
  char           **section_titles;
} Pdf;

static void
pdf_free (Pdf *pdf)
{
  g_clear_object (&pdf->doc);
  if (pdf->path != NULL)
    g_unlink (pdf->path);
  if (pdf->dir != NULL)
    g_rmdir (pdf->dir);
  g_free (pdf->path);
  g_free (pdf->dir);
  g_strfreev (pdf->section_titles);
  g_free (pdf);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pdf, pdf_free)

/* Renders pack "p" of @json (an array of documents) with a fixed date and @locale. */
static Pdf *
render_json (const char *json,
             const char *locale)
{
  g_autoptr(CaucusPackSources) sources = caucus_pack_sources_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_utc (2024, 10, 20, 12, 0, 0);
  g_autoptr(CaucusPackLayout) layout = NULL;
  g_autofree char *uri = NULL;
  CaucusPackOptions options;
  Pdf *pdf = g_new0 (Pdf, 1);
  guint n;

  g_assert_true (caucus_pack_sources_add_json (sources, json, &error));
  g_assert_no_error (error);
  caucus_pack_options_init (&options);
  options.creation_date = date;
  options.locale = locale;
  pdf->dir = g_dir_make_tmp ("caucus-pack-XXXXXX", &error);
  g_assert_no_error (error);
  pdf->path = g_build_filename (pdf->dir, "pack.pdf", NULL);
  layout = caucus_pack_layout_new (sources, "p", &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (caucus_pack_layout_write_pdf (layout, pdf->path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pdf->n_front = caucus_pack_layout_get_n_front_pages (layout);
  n = caucus_pack_layout_get_n_sections (layout);
  pdf->section_titles = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    pdf->section_titles[i] = g_strdup (caucus_pack_layout_get_section_title (layout, i));
  uri = g_filename_to_uri (pdf->path, NULL, NULL);
  pdf->doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  return pdf;
}

static char *
page_text (Pdf *pdf,
           int  index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (pdf->doc, index);

  return poppler_page_get_text (page);
}

static char *
all_text (Pdf *pdf)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (pdf->doc); i++)
    {
      g_autofree char *t = page_text (pdf, i);

      g_string_append (out, t);
      g_string_append_c (out, '\f');
    }
  return g_string_free (out, FALSE);
}

/* The first occurrence of @needle on @page, top-down coordinates; FALSE if absent. */
static gboolean
find_on_page (PopplerPage      *page,
              const char       *needle,
              PopplerRectangle *out)
{
  double w, h;
  GList *found = poppler_page_find_text (page, needle);
  gboolean any = found != NULL;

  poppler_page_get_size (page, &w, &h);
  /* Nothing found leaves an empty rectangle, never stack garbage (callers assert on
   * the return first; -O3 cannot see that and warns). */
  *out = (PopplerRectangle) { 0, 0, 0, 0 };
  if (any)
    {
      PopplerRectangle *r = found->data;

      out->x1 = r->x1;
      out->x2 = r->x2;
      out->y1 = h - r->y2;   /* top */
      out->y2 = h - r->y1;   /* bottom */
    }
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  return any;
}

/* Rows (in points, top-down) where the page has a horizontal line across most of the
 * measure: the programme's rules and hairlines. */
static GArray *
rule_rows (PopplerPage *page)
{
  const double scale = 3;
  double w, h;
  cairo_surface_t *surface;
  cairo_t *cr;
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (double));
  int width, height, stride;
  unsigned char *data;

  poppler_page_get_size (page, &w, &h);
  width = (int) (w * scale);
  height = (int) (h * scale);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    {
      guint32 *row = (guint32 *) (data + y * stride);
      int dark = 0;

      /* the middle 60% of the page: rules span the measure, text lines have gaps */
      for (int x = width / 5; x < width * 4 / 5; x++)
        if ((row[x] & 0xff) < 0xf0)
          dark++;
      if (dark > (width * 3 / 5) * 0.97)
        {
          double at = y / scale;

          if (rows->len == 0 || at - g_array_index (rows, double, rows->len - 1) > 1.5)
            g_array_append_val (rows, at);
        }
    }
  cairo_surface_destroy (surface);
  return rows;
}

static gboolean
rule_between (GArray *rows,
              double  top,
              double  bottom)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, double, i) > top && g_array_index (rows, double, i) < bottom)
      return TRUE;
  return FALSE;
}

/* The text of the first line under the running header of page @index. */
static char *
first_content_line (Pdf *pdf,
                    int  index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (pdf->doc, index);
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  guint n = 0;
  double top = G_MAXDOUBLE;
  GString *line = g_string_new (NULL);
  const char *c;
  guint i;

  g_assert_true (poppler_page_get_text_layout (page, &rects, &n));
  for (c = text, i = 0; *c != '\0' && i < n; c = g_utf8_next_char (c), i++)
    if (!g_unichar_isspace (g_utf8_get_char (c)) && rects[i].y1 > 64 && rects[i].y1 < top)
      top = rects[i].y1;
  for (c = text, i = 0; *c != '\0' && i < n; c = g_utf8_next_char (c), i++)
    if (*c != '\n' && rects[i].y1 >= top - 2 && rects[i].y1 <= top + 4)
      g_string_append_unichar (line, g_utf8_get_char (c));
  return g_strstrip (g_string_free (line, FALSE));
}

#define EVENT_JSON \
  "{\"_id\":\"e\",\"type\":\"event\",\"kind\":\"meeting\",\"title\":\"Set meeting\",\"time_zone\":\"UTC\"," \
  " \"start\":\"2024-05-06T08:00:00Z\",\"end\":\"2024-05-06T18:00:00Z\"}"

static char *
session_json (guint       n,
              const char *title,
              const char *description)
{
  g_autofree char *escaped = g_strescape (description, "");

  return g_strdup_printf ("{\"_id\":\"s%03u\",\"type\":\"event\",\"kind\":\"session\",\"parent_id\":\"e\","
                          "\"title\":\"%s\",\"start\":\"2024-05-06T%02u:%02u:00Z\",\"time_zone\":\"UTC\","
                          "\"description\":\"%s\"}",
                          n, title, 8 + n / 6, (n % 6) * 10, escaped);
}

/* The rule that closes a session lies under its description, not between its header row and
 * its description. */
static void
test_programme_rule (void)
{
  g_autofree char *s1 = session_json (1, "Alpha session", "- alpha one\n- alpha two\n- alpha last");
  g_autofree char *s2 = session_json (2, "Beta session", "- beta one\n- beta last");
  g_autofree char *json = g_strdup_printf ("[" EVENT_JSON ",%s,%s,"
                                           "{\"_id\":\"p\",\"type\":\"pack\",\"event_id\":\"e\",\"sections\":[\"agenda\"]}]",
                                           s1, s2);
  g_autoptr(Pdf) pdf = render_json (json, NULL);
  g_autoptr(PopplerPage) page = poppler_document_get_page (pdf->doc, pdf->n_front);
  g_autoptr(GArray) rules = rule_rows (page);
  PopplerRectangle alpha, alpha_one, alpha_last, beta, beta_one, beta_last;

  g_assert_true (find_on_page (page, "Alpha session", &alpha));
  g_assert_true (find_on_page (page, "alpha one", &alpha_one));
  g_assert_true (find_on_page (page, "alpha last", &alpha_last));
  g_assert_true (find_on_page (page, "Beta session", &beta));
  g_assert_true (find_on_page (page, "beta one", &beta_one));
  g_assert_true (find_on_page (page, "beta last", &beta_last));

  g_assert_false (rule_between (rules, alpha.y2, alpha_one.y1));
  g_assert_true (rule_between (rules, alpha_last.y2, beta.y1));
  g_assert_false (rule_between (rules, beta.y2, beta_one.y1));
  g_assert_true (rule_between (rules, beta_last.y2, beta_last.y2 + 40));
}

/* Many sessions with descriptions, one of them longer than a page: every page that shows a
 * session's title also shows its first bullet (no header left at a page's foot), and the
 * pages the long description runs onto open with "… (continued)". */
static void
test_programme_breaks (void)
{
  GString *json = g_string_new ("[" EVENT_JSON);
  g_autoptr(Pdf) pdf = NULL;
  g_autoptr(GString) long_desc = g_string_new (NULL);
  int n_pages;
  guint continued = 0;

  for (guint i = 0; i < 90; i++)
    g_string_append_printf (long_desc, "- long item %u of the marathon session\n", i);
  for (guint n = 0; n < 40; n++)
    {
      g_autofree char *title = g_strdup_printf ("Session number %u", n);
      g_autofree char *desc = g_strdup_printf ("- first of %u\n- more of %u%s\n- end of %u", n, n,
                                               n % 3 == 0 ? " with a longer line that wraps onto a second "
                                                            "line of the description column, and then some" : "",
                                               n);
      g_autofree char *session = session_json (n, n == 17 ? "Marathon session" : title,
                                               n == 17 ? long_desc->str : desc);

      g_string_append_printf (json, ",%s", session);
    }
  g_string_append (json, ",{\"_id\":\"p\",\"type\":\"pack\",\"event_id\":\"e\",\"sections\":[\"agenda\"]}]");
  pdf = render_json (json->str, NULL);
  g_string_free (json, TRUE);

  n_pages = poppler_document_get_n_pages (pdf->doc);
  g_assert_cmpint (n_pages, >, (int) pdf->n_front + 3);
  for (int p = pdf->n_front; p < n_pages; p++)
    {
      g_autofree char *text = page_text (pdf, p);

      for (guint n = 0; n < 40; n++)
        {
          g_autofree char *title = g_strdup_printf ("Session number %u\n", n);
          g_autofree char *first = g_strdup_printf ("first of %u\n", n);

          if (n != 17 && strstr (text, title) != NULL)
            g_assert_nonnull (strstr (text, first));
        }
      /* After the running header ("pack title", "section"), a page opens with a session's
       * row or with a continuation marker, never with bare description lines. */
      if (p > (int) pdf->n_front)
        {
          g_autofree char *first_line = first_content_line (pdf, p);

          if (!g_regex_match_simple ("^[0-9][0-9]:[0-9][0-9]", first_line, 0, 0) &&
              !g_str_has_suffix (first_line, " (continued)"))
            g_error ("page %d opens with “%s”", p, first_line);
          if (g_str_has_prefix (first_line, "Marathon session (continued)"))
            continued++;
        }
    }
  g_assert_cmpuint (continued, >=, 1);
}

/* Signers and owners named by id print as names: the person's name when the sources have
 * the person, a readable form of the id otherwise; never the raw id. */
static void
test_display_names (void)
{
  const char *json =
    "[" EVENT_JSON ","
    "{\"_id\":\"org:a\",\"type\":\"org\",\"name\":\"Access Now\",\"regional_group\":\"WEOG\"},"
    "{\"_id\":\"person:steve-anderson\",\"type\":\"person\",\"name\":\"Steve Anderson\",\"org_id\":\"org:a\"},"
    "{\"_id\":\"st\",\"type\":\"statement\",\"title\":\"Joint text\",\"event_id\":\"e\",\"body\":\"We call.\"},"
    "{\"_id\":\"g1\",\"type\":\"signature\",\"statement_id\":\"st\",\"org_id\":\"org:a\","
    " \"signed_by\":\"person:steve-anderson\",\"signed_at\":\"2024-05-01T09:00:00Z\"},"
    "{\"_id\":\"g2\",\"type\":\"signature\",\"statement_id\":\"st\",\"org_id\":\"org:gone-away-network\","
    " \"signed_by\":\"person:jane-roe\",\"signed_at\":\"2024-05-02T09:00:00Z\"},"
    "{\"_id\":\"d1\",\"type\":\"event\",\"kind\":\"deadline\",\"parent_id\":\"e\",\"title\":\"Comments due\","
    " \"start\":\"2024-05-03T12:00:00Z\",\"time_zone\":\"UTC\",\"owner_ids\":[\"org:a\",\"org:itu-secretariat\"]},"
    "{\"_id\":\"p\",\"type\":\"pack\",\"event_id\":\"e\",\"author\":\"person:steve-anderson\","
    " \"sections\":[\"statements\",\"deadlines\"]}]";
  g_autoptr(Pdf) pdf = render_json (json, NULL);
  g_autofree char *text = all_text (pdf);
  g_autofree char *author = poppler_document_get_author (pdf->doc);

  g_assert_nonnull (strstr (text, "Steve Anderson"));
  g_assert_nonnull (strstr (text, "Jane Roe"));
  g_assert_nonnull (strstr (text, "Gone Away Network"));
  g_assert_nonnull (strstr (text, "Itu"));
  g_assert_nonnull (strstr (text, "Secretariat"));
  g_assert_null (strstr (text, "person:"));
  g_assert_null (strstr (text, "org:"));
  g_assert_cmpstr (author, ==, "Steve Anderson");
}

/* An empty section: left out of a pack that did not ask for it, a sentence on the previous
 * section's page in a pack that lists it. */
static void
test_empty_sections (void)
{
  g_autofree char *s1 = session_json (1, "Only session", "- the one bullet");
  g_autofree char *by_default = g_strdup_printf ("[" EVENT_JSON ",%s,"
                                                 "{\"_id\":\"p\",\"type\":\"pack\",\"event_id\":\"e\"}]", s1);
  g_autofree char *listed = g_strdup_printf ("[" EVENT_JSON ",%s,"
                                             "{\"_id\":\"p\",\"type\":\"pack\",\"event_id\":\"e\","
                                             " \"sections\":[\"agenda\",\"deadlines\",\"background-papers\"]}]", s1);
  g_autoptr(Pdf) pdf = render_json (by_default, NULL);
  g_autofree char *text = all_text (pdf);

  g_assert_nonnull (strstr (text, "Only session"));
  g_assert_null (strstr (text, "Deadlines"));
  g_assert_null (strstr (text, "No deadlines"));
  g_assert_null (strstr (text, "Background papers"));
  g_assert_null (strstr (text, "No background papers"));
  g_assert_null (strstr (text, "No statements"));
  g_assert_cmpstr (pdf->section_titles[0], ==, "Programme");
  g_assert_null (pdf->section_titles[1]);
  g_assert_cmpint (poppler_document_get_n_pages (pdf->doc), ==, (int) pdf->n_front + 1);
  pdf_free (g_steal_pointer (&pdf));

  pdf = render_json (listed, NULL);
  {
    g_autofree char *body = page_text (pdf, pdf->n_front);

    g_assert_cmpint (poppler_document_get_n_pages (pdf->doc), ==, (int) pdf->n_front + 1);
    g_assert_nonnull (strstr (body, "Only session"));
    g_assert_nonnull (strstr (body, "No deadlines are recorded for this event."));
    g_assert_nonnull (strstr (body, "No background papers are attached to this pack."));
    g_assert_cmpstr (pdf->section_titles[2], ==, "Background papers");
  }
  pdf_free (g_steal_pointer (&pdf));

  /* A page holding only empty sections' sentences takes the next section too. */
  pdf = render_json ("[" EVENT_JSON ",{\"_id\":\"p\",\"type\":\"pack\",\"event_id\":\"e\","
                     " \"sections\":[\"deadlines\",\"background-papers\","
                     "  {\"kind\":\"free-text\",\"title\":\"Practical information\",\"body\":\"Bring a badge.\"}]}]",
                     NULL);
  {
    g_autofree char *body = page_text (pdf, pdf->n_front);

    g_assert_cmpint (poppler_document_get_n_pages (pdf->doc), ==, (int) pdf->n_front + 1);
    g_assert_nonnull (strstr (body, "No deadlines are recorded for this event."));
    g_assert_nonnull (strstr (body, "Bring a badge."));
  }
}

/* Thai (fonts-thai-tlwg) extracts intact, and a character no font covers still reaches the
 * PDF's text rather than vanishing. */
static void
test_scripts_not_dropped (void)
{
  const char *json =
    "[" EVENT_JSON ","
    "{\"_id\":\"org:thai\",\"type\":\"org\",\"name\":\"เครือข่ายพลเมืองเน็ต\",\"regional_group\":\"Asia-Pacific\"},"
    "{\"_id\":\"org:odd\",\"type\":\"org\",\"name\":\"Uncovered \U0010FFFD mark\",\"regional_group\":\"WEOG\"},"
    "{\"_id\":\"st\",\"type\":\"statement\",\"title\":\"Joint text\",\"event_id\":\"e\",\"body\":\"We call.\"},"
    "{\"_id\":\"g1\",\"type\":\"signature\",\"statement_id\":\"st\",\"org_id\":\"org:thai\","
    " \"signed_by\":\"สมชาย ใจดี\",\"signed_at\":\"2024-05-01T09:00:00Z\"},"
    "{\"_id\":\"g2\",\"type\":\"signature\",\"statement_id\":\"st\",\"org_id\":\"org:odd\","
    " \"signed_by\":\"Ann\",\"signed_at\":\"2024-05-01T09:00:00Z\"},"
    "{\"_id\":\"p\",\"type\":\"pack\",\"event_id\":\"e\",\"sections\":[\"statements\","
    " \"organisations\"]}]";
  g_autoptr(Pdf) pdf = render_json (json, NULL);
  g_autofree char *text = all_text (pdf);

  g_assert_nonnull (strstr (text, "เครือข่ายพลเมืองเน็ต"));
  g_assert_nonnull (strstr (text, "สมชาย ใจดี"));
  g_assert_nonnull (strstr (text, "Uncovered \U0010FFFD mark"));
}

/* A name that starts in Arabic sits at the start of its cell in a left-to-right table, its
 * Arabic run still before (left of) its Latin run; a pack whose language is written right to
 * left sets its tables and lists from the right. */
static void
test_direction (void)
{
  const char *annex =
    "[" EVENT_JSON ","
    "{\"_id\":\"org:m\",\"type\":\"org\",\"name\":\"مامفاكينش — Mamfakinch\",\"regional_group\":\"African\"},"
    "{\"_id\":\"org:a\",\"type\":\"org\",\"name\":\"Access Now\",\"regional_group\":\"WEOG\"},"
    "{\"_id\":\"st\",\"type\":\"statement\",\"title\":\"Joint text\",\"event_id\":\"e\",\"body\":\"We call.\"},"
    "{\"_id\":\"g1\",\"type\":\"signature\",\"statement_id\":\"st\",\"org_id\":\"org:m\","
    " \"signed_by\":\"Hisham\",\"signed_at\":\"2024-05-01T09:00:00Z\"},"
    "{\"_id\":\"g2\",\"type\":\"signature\",\"statement_id\":\"st\",\"org_id\":\"org:a\","
    " \"signed_by\":\"Peter\",\"signed_at\":\"2024-05-01T09:00:00Z\"},"
    "{\"_id\":\"p\",\"type\":\"pack\",\"event_id\":\"e\",\"sections\":[\"statements\","
    " {\"kind\":\"organisations\",\"org_ids\":[\"org:m\",\"org:a\"]}]}]";
  g_autofree char *s1 = session_json (1, "Only session", "- the one bullet");
  g_autofree char *programme = g_strdup_printf ("[" EVENT_JSON ",%s,"
                                                "{\"_id\":\"p\",\"type\":\"pack\",\"event_id\":\"e\","
                                                " \"sections\":[\"agenda\"]}]", s1);
  const char *locales[] = { "ar_EG.UTF-8", NULL };

  {
    g_autoptr(Pdf) pdf = render_json (annex, NULL);
    g_autoptr(PopplerPage) page = poppler_document_get_page (pdf->doc, pdf->n_front);
    PopplerRectangle latin, access, region;
    double w, h;

    poppler_page_get_size (page, &w, &h);
    g_assert_true (find_on_page (page, "Mamfakinch", &latin));
    g_assert_true (find_on_page (page, "Access Now", &access));
    g_assert_true (find_on_page (page, "Region", &region));
    /* The line starts at the column's start, like "Access Now", with the Arabic run (first
     * in logical order, one word) on the left and the Latin run after it; aligned by its
     * first character it went to the column's right edge with the Latin run on its left. */
    g_assert_cmpfloat (latin.x1, >, access.x1 + 20);
    g_assert_cmpfloat (latin.x1, <, access.x1 + 70);
    g_assert_cmpfloat (latin.x2, <, region.x1 - 30);
  }
  {
    /* the directory is a list: its entries start at the left margin too */
    g_autoptr(Pdf) pdf = render_json (annex, NULL);
    g_autoptr(PopplerPage) page = poppler_document_get_page (pdf->doc, pdf->n_front + 1);
    PopplerRectangle latin, access;

    g_assert_true (find_on_page (page, "Mamfakinch", &latin));
    g_assert_true (find_on_page (page, "Access Now", &access));
    g_assert_cmpfloat (latin.x1, <, access.x1 + 80);
  }

  /* Right to left: from the locale option, and from LANGUAGE when there is none. */
  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autoptr(Pdf) pdf = NULL;
      g_autoptr(PopplerPage) page = NULL;
      PopplerRectangle title, time, bullet;
      double w, h;

      if (locales[i] == NULL)
        g_setenv ("LANGUAGE", "ar", TRUE);
      pdf = render_json (programme, locales[i]);
      g_unsetenv ("LANGUAGE");
      page = poppler_document_get_page (pdf->doc, pdf->n_front);
      poppler_page_get_size (page, &w, &h);
      g_assert_true (find_on_page (page, "Only session", &title));
      g_assert_true (find_on_page (page, "UTC+00:00", &time));
      g_assert_true (find_on_page (page, "the one bullet", &bullet));
      /* the time column is the first column, on the right; the title to its left */
      g_assert_cmpfloat (time.x1, >, title.x2);
      g_assert_cmpfloat (time.x2, >, w - 64 - 60);
      /* the list item is set from the right edge of the measure */
      g_assert_cmpfloat (bullet.x2, >, w / 2);
    }
}

/* The page of a right-to-left pack mirrors: cover lines, contents, section titles, the
 * running header and table columns start at the right margin, the contents' page numbers
 * and the header's section name go to the left; an English name stays whole ("(AN)" after
 * "Access Now", not flung to the far end of the line) and an English paragraph of the
 * body keeps its own left-to-right alignment.  The same pack in English is the control. */
static void
test_rtl_page_layout (void)
{
  const char *json =
    "[{\"_id\":\"e\",\"type\":\"event\",\"kind\":\"meeting\",\"title\":\"Set meeting\","
    " \"time_zone\":\"UTC\",\"start\":\"2024-05-06T08:00:00Z\",\"end\":\"2024-05-06T18:00:00Z\"},"
    "{\"_id\":\"org:a\",\"type\":\"org\",\"name\":\"Access Now\",\"short_name\":\"AN\",\"regional_group\":\"WEOG\"},"
    "{\"_id\":\"st\",\"type\":\"statement\",\"title\":\"Joint text\",\"event_id\":\"e\",\"body\":\"We call.\"},"
    "{\"_id\":\"g\",\"type\":\"signature\",\"statement_id\":\"st\",\"org_id\":\"org:a\","
    " \"signed_by\":\"Peter\",\"signed_at\":\"2024-05-01T09:00:00Z\"},"
    "{\"_id\":\"p\",\"type\":\"pack\",\"title\":\"Mirror pack\",\"event_id\":\"e\",\"author\":\"Ana\","
    " \"sections\":[{\"kind\":\"free-text\",\"title\":\"Practical information\","
    "   \"body\":\"Sessions take place in the main hall and remote participants join through the list.\"},"
    "  \"statements\", {\"kind\":\"organisations\",\"org_ids\":[\"org:a\"]}]}]";
  const double margin = 64;

  for (guint rtl = 0; rtl < 2; rtl++)
    {
      g_autoptr(Pdf) pdf = render_json (json, rtl ? "ar_EG.UTF-8" : NULL);
      g_autoptr(PopplerPage) cover = poppler_document_get_page (pdf->doc, 0);
      g_autoptr(PopplerPage) contents = poppler_document_get_page (pdf->doc, 1);
      g_autoptr(PopplerPage) body = poppler_document_get_page (pdf->doc, pdf->n_front);
      PopplerRectangle title, prepared, entry, paragraph, pack_title;
      PopplerRectangle number = { 0, 0, 0, 0 }, running = { 0, 0, 0, 0 }, heading = { 0, 0, 0, 0 };
      PopplerRectangle org, short_name;
      gboolean found_running = FALSE;
      double w, h;

      poppler_page_get_size (body, &w, &h);
      g_test_message ("%s pack", rtl ? "right-to-left" : "left-to-right");

      /* the cover: title and the "prepared by" line at the start margin */
      g_assert_true (find_on_page (cover, "Mirror pack", &title));
      g_assert_true (find_on_page (cover, "Ana", &prepared));
      /* the contents: the entry at the start, its page number at the other edge */
      g_assert_true (find_on_page (contents, "Practical information", &entry));
      {
        GList *numbers = poppler_page_find_text (contents, "1");
        double x1 = 0;

        g_assert_nonnull (numbers);
        /* the entry's page number: the "1" on the entry's line */
        for (GList *l = numbers; l != NULL; l = l->next)
          {
            PopplerRectangle *r = l->data;
            double top = h - r->y2;

            if (fabs (top - entry.y1) < 4)
              x1 = r->x1, number = *r;
          }
        g_list_free_full (numbers, (GDestroyNotify) poppler_rectangle_free);
        g_assert_cmpfloat (x1, >, 0);
      }
      /* the section's title and its English paragraph */
      g_assert_true (find_on_page (body, "Sessions take place", &paragraph));
      g_assert_true (find_on_page (body, "Mirror pack", &pack_title));
      /* the section's name twice: in the running header (top) and as the title below it */
      {
        GList *all = poppler_page_find_text (body, "Practical information");

        g_assert_cmpuint (g_list_length (all), ==, 2);
        for (GList *l = all; l != NULL; l = l->next)
          {
            PopplerRectangle *r = l->data;

            if (h - r->y2 < 60)
              running = *r, found_running = TRUE;
            else
              heading = *r;
          }
        g_list_free_full (all, (GDestroyNotify) poppler_rectangle_free);
        g_assert_true (found_running);
      }

      if (rtl)
        {
          g_assert_cmpfloat (title.x2, >, w - margin - 2);
          g_assert_cmpfloat (prepared.x1, >, w / 2);
          g_assert_cmpfloat (entry.x2, >, w - margin - 2);
          g_assert_cmpfloat (number.x1, <, margin + 2);
          g_assert_cmpfloat (heading.x2, >, w - margin - 2);
          g_assert_cmpfloat (pack_title.x2, >, w - margin - 2);
          g_assert_cmpfloat (running.x1, <, margin + 2);
        }
      else
        {
          g_assert_cmpfloat (title.x1, <, margin + 2);
          g_assert_cmpfloat (prepared.x2, <, w / 2);
          g_assert_cmpfloat (entry.x1, <, margin + 2);
          g_assert_cmpfloat (number.x2, >, w - margin - 2);
          g_assert_cmpfloat (heading.x1, <, margin + 2);
          g_assert_cmpfloat (pack_title.x1, <, margin + 2);
          g_assert_cmpfloat (running.x2, >, w - margin - 2);
        }
      /* English body text stays left to right, from the left margin, in both */
      g_assert_cmpfloat (paragraph.x1, <, margin + 2);

      /* the organisations' list: the heading at the start, "(AN)" right after the name */
      {
        int last = poppler_document_get_n_pages (pdf->doc) - 1;
        g_autoptr(PopplerPage) orgs = poppler_document_get_page (pdf->doc, last);

        g_assert_true (find_on_page (orgs, "Access Now", &org));
        g_assert_true (find_on_page (orgs, "(AN)", &short_name));
        g_assert_cmpfloat (short_name.x1, >, org.x2);
        g_assert_cmpfloat (short_name.x1, <, org.x2 + 12);
        if (rtl)
          g_assert_cmpfloat (short_name.x2, >, w - margin - 2);
        else
          g_assert_cmpfloat (org.x1, <, margin + 2);
      }
    }
}

/* Whatever the fill of the page before it, a section's title is never left alone at the
 * foot of a page: it stays with its first line (here an empty section's sentence). */
static void
test_title_kept_with_text (void)
{
  for (guint k = 0; k < 60; k++)
    {
      guint n = 28 + k / 3, paragraphs = k % 3;
      GString *json = g_string_new ("[" EVENT_JSON ",{\"_id\":\"p\",\"type\":\"pack\",\"event_id\":\"e\","
                                    "\"sections\":[{\"kind\":\"free-text\",\"title\":\"Notes\",\"body\":\"");
      g_autoptr(Pdf) pdf = NULL;
      gboolean seen = FALSE;

      /* one more line of notes each time: the next section's title meets every position */
      for (guint i = 0; i < n; i++)
        g_string_append_printf (json, "Line %u of the notes.  \\n", i);
      /* paragraph breaks shift the phase of the lines against the page */
      for (guint i = 0; i < paragraphs; i++)
        g_string_append (json, "\\n\\nA paragraph.");
      g_string_append (json, "\"},\"deadlines\",\"background-papers\"]}]");
      pdf = render_json (json->str, NULL);
      g_string_free (json, TRUE);
      for (int p = pdf->n_front; p < poppler_document_get_n_pages (pdf->doc); p++)
        {
          g_autofree char *text = page_text (pdf, p);

          if (strstr (text, "No background papers are attached to this pack.") != NULL)
            {
              g_autoptr(PopplerPage) page = poppler_document_get_page (pdf->doc, p);
              GList *found = poppler_page_find_text (page, "Background papers");
              double w, h;
              gboolean title = FALSE;

              /* below the running header, which may name the section too */
              poppler_page_get_size (page, &w, &h);
              for (GList *l = found; l != NULL; l = l->next)
                title |= h - ((PopplerRectangle *) l->data)->y2 > 64;
              g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
              g_assert_true (title);
              seen = TRUE;
            }
        }
      g_assert_true (seen);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pack/typesetting/programme-rule", test_programme_rule);
  g_test_add_func ("/pack/typesetting/programme-breaks", test_programme_breaks);
  g_test_add_func ("/pack/typesetting/display-names", test_display_names);
  g_test_add_func ("/pack/typesetting/empty-sections", test_empty_sections);
  g_test_add_func ("/pack/typesetting/scripts-not-dropped", test_scripts_not_dropped);
  g_test_add_func ("/pack/typesetting/direction", test_direction);
  g_test_add_func ("/pack/typesetting/rtl-page-layout", test_rtl_page_layout);
  g_test_add_func ("/pack/typesetting/title-kept-with-text", test_title_kept_with_text);
  return g_test_run ();
}
