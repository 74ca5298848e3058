/* caucus-pack-layout.c: CaucusPackLayout, a briefing pack laid out once and drawn page by page.
 *
 * caucus_pack_layout_new() reads the pack document and what it refers to, builds the
 * sections, measures and paginates everything; afterwards any page can be drawn into any
 * cairo context (caucus_pack_layout_render_page), which is what the PDF writer, the
 * composer's live preview and GtkPrintOperation all call.
 */
#include <glib/gi18n-lib.h>
#include "caucus-pack-layout-private.h"
#include "caucus-pack-error.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <string.h>
#include <cairo-pdf.h>

G_DEFINE_FINAL_TYPE (CaucusPackLayout, caucus_pack_layout, G_TYPE_OBJECT)

GRecMutex caucus_pack_cairo_lock;

static void
caucus_pack_layout_finalize (GObject *object)
{
  CaucusPackLayout *self = CAUCUS_PACK_LAYOUT (object);

  g_rec_mutex_clear (&self->draw_lock);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->front_blocks, g_ptr_array_unref);
  g_clear_pointer (&self->papers, g_ptr_array_unref);
  g_clear_pointer (&self->dests, g_hash_table_unref);
  for (guint i = 0; i < PACK_N_STYLES; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  g_clear_object (&self->sources);
  g_clear_pointer (&self->creation_date, g_date_time_unref);
  g_free (self->pack_id);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->dates);
  g_free (self->venue);
  g_free (self->author);
  g_free (self->subject);
  g_free (self->home_zone_id);
  g_free (self->venue_zone_id);

  G_OBJECT_CLASS (caucus_pack_layout_parent_class)->finalize (object);
}

static void
caucus_pack_layout_class_init (CaucusPackLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = caucus_pack_layout_finalize;
}

static void
caucus_pack_layout_init (CaucusPackLayout *self)
{
  self->pages = g_ptr_array_new_with_free_func (pack_page_free);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) pack_section_free);
  self->front_blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pack_block_free);
  self->papers = g_ptr_array_new_with_free_func (g_object_unref);
  self->dests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_rec_mutex_init (&self->draw_lock);
}

void
caucus_pack_options_init (CaucusPackOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->paper = CAUCUS_PACK_PAPER_A4;
}

static void
setup_fonts (CaucusPackLayout *self)
{
  cairo_font_options_t *font_options = cairo_font_options_create ();

  /* Metrics must not depend on the output device: no hinting, so a page measures the same
   * in the PDF, on screen and on paper. */
  self->font_map = pango_cairo_font_map_new ();
  self->context = pango_font_map_create_context (self->font_map);
  pango_cairo_context_set_resolution (self->context, 72.0);
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, font_options);
  cairo_font_options_destroy (font_options);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  for (guint i = 0; i < PACK_N_STYLES; i++)
    self->fonts[i] = pango_font_description_from_string (pack_styles[i].font);
}

/* Joins the parts that are present (not NULL, not empty) with @sep; NULL when none is. */
static char *
join_present (const char  *sep,
              const char **parts,
              guint        n_parts)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_parts; i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, sep);
      g_string_append (out, parts[i]);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static void
describe_event (CaucusPackLayout *self,
                PackBuild        *build)
{
  JsonObject *event = build->event;
  JsonObject *location = pack_obj (event, "location");
  g_autoptr(GDateTime) start = pack_parse_instant (pack_str (event, "start"));
  g_autoptr(GDateTime) end = pack_parse_instant (pack_str (event, "end"));
  g_autoptr(GTimeZone) zone = NULL;

  self->subtitle = g_strdup (pack_str (event, "title"));
  self->venue_zone_id = g_strdup (pack_str (event, "time_zone"));
  if (self->venue_zone_id != NULL)
    zone = g_time_zone_new_identifier (self->venue_zone_id);
  if (start != NULL && zone != NULL)
    {
      g_autoptr(GDateTime) local_start = g_date_time_to_timezone (start, zone);
      g_autoptr(GDateTime) local_end = end != NULL ? g_date_time_to_timezone (end, zone) : NULL;
      g_autofree char *a = pack_format_date (build, local_start, "%-d %B %Y");

      if (local_end != NULL &&
          g_date_time_get_year (local_end) == g_date_time_get_year (local_start) &&
          g_date_time_get_day_of_year (local_end) != g_date_time_get_day_of_year (local_start))
        {
          g_autofree char *b = pack_format_date (build, local_end, "%-d %B %Y");
          g_autofree char *a_short = g_date_time_get_month (local_end) == g_date_time_get_month (local_start)
                                     ? pack_format_date (build, local_start, "%-d")
                                     : pack_format_date (build, local_start, "%-d %B");
          self->dates = g_strdup_printf ("%s – %s", a_short, b);
        }
      else
        self->dates = g_steal_pointer (&a);
    }
  if (location != NULL)
    {
      const char *parts[] = { pack_str (location, "venue"), pack_str (location, "city"),
                              pack_str (location, "country") };

      self->venue = join_present (", ", parts, G_N_ELEMENTS (parts));
    }
}

static void
add_front_matter (CaucusPackLayout *self)
{
  PackBlock *title = pack_add_plain (self->front_blocks, PACK_STYLE_SECTION, _("Contents"));

  title->dest = g_strdup ("contents");
  for (guint s = 0; s < self->sections->len; s++)
    {
      PackSection *section = g_ptr_array_index (self->sections, s);
      PackBlock *entry = pack_block_new (PACK_BLOCK_TOC_ENTRY, PACK_STYLE_TOC1);
      g_autofree char *escaped = g_markup_escape_text (section->title, -1);

      entry->text = pack_text_new (g_steal_pointer (&escaped), NULL);
      entry->toc_dest = g_strdup (section->dest);
      g_ptr_array_add (self->front_blocks, entry);
      for (guint c = 0; c < section->children->len; c++)
        {
          PackEntry *child = g_ptr_array_index (section->children, c);
          PackBlock *sub = pack_block_new (PACK_BLOCK_TOC_ENTRY, PACK_STYLE_TOC2);

          sub->text = pack_text_new (g_markup_escape_text (child->title, -1), NULL);
          sub->toc_dest = g_strdup (child->dest);
          sub->indent = 14;
          g_ptr_array_add (self->front_blocks, sub);
        }
    }

  /* Each section opens with its title, which carries the section's destination. */
  for (guint s = 0; s < self->sections->len; s++)
    {
      PackSection *section = g_ptr_array_index (self->sections, s);
      PackBlock *block = pack_block_new (PACK_BLOCK_TEXT, PACK_STYLE_SECTION);

      block->text = pack_text_new (g_markup_escape_text (section->title, -1), NULL);
      block->dest = g_strdup (section->dest);
      block->keep_with_next = TRUE;
      g_ptr_array_insert (section->blocks, 0, block);
    }
}

/* Whether the pack is set right to left: its locale option's language, or else the first
 * language the process would translate into (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). */
static gboolean
language_is_rtl (const char *locale)
{
  static const char *rtl[] = { "ar", "he", "iw", "fa", "ur", "yi", "ps", "dv", "ckb", "sd", "ug" };
  const char *name = locale != NULL ? locale : g_get_language_names ()[0];
  gsize len = strcspn (name, "_.@");

  for (guint i = 0; i < G_N_ELEMENTS (rtl); i++)
    if (strlen (rtl[i]) == len && strncmp (name, rtl[i], len) == 0)
      return TRUE;
  return FALSE;
}

static void
pack_build_clear (PackBuild *build)
{
  pack_build_free_indexes (build);
  g_clear_pointer (&build->home_zone, g_time_zone_unref);
  g_free (build->home_zone_id);
  if (build->locale != (locale_t) 0)
    freelocale (build->locale);
}

CaucusPackLayout *
caucus_pack_layout_new (CaucusPackSources       *sources,
                        const char              *pack_id,
                        const CaucusPackOptions *options,
                        GCancellable            *cancellable,
                        CaucusPackProgressFunc   progress,
                        gpointer                 user_data,
                        GError                 **error)
{
  g_autoptr(GRecMutexLocker) cairo_locker = g_rec_mutex_locker_new (&caucus_pack_cairo_lock);
  g_autoptr(CaucusPackLayout) self = NULL;
  CaucusPackOptions defaults;
  PackBuild build = { 0 };
  const char *event_id;
  gboolean ok;

  g_return_val_if_fail (CAUCUS_IS_PACK_SOURCES (sources), NULL);
  g_return_val_if_fail (pack_id != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      caucus_pack_options_init (&defaults);
      options = &defaults;
    }

  self = g_object_new (CAUCUS_TYPE_PACK_LAYOUT, NULL);
  self->sources = g_object_ref (sources);
  self->pack_id = g_strdup (pack_id);
  build.sources = sources;
  build.papers = self->papers;

  build.pack = caucus_pack_sources_lookup_typed (sources, pack_id, "pack");
  if (build.pack == NULL)
    {
      g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_NOT_FOUND,
                   _("There is no briefing pack “%s”"), pack_id);
      return NULL;
    }
  event_id = pack_str (build.pack, "event_id");
  if (event_id == NULL)
    {
      g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID,
                   _("Briefing pack “%s” does not say which event it is for (no “event_id”)"), pack_id);
      return NULL;
    }
  build.event = caucus_pack_sources_lookup_typed (sources, event_id, "event");
  if (build.event == NULL)
    {
      g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_NOT_FOUND,
                   _("Briefing pack “%s” is for event “%s”, which is not in the workspace"),
                   pack_id, event_id);
      return NULL;
    }
  if (options->home_zone != NULL)
    {
      build.home_zone = g_time_zone_new_identifier (options->home_zone);
      if (build.home_zone == NULL)
        {
          g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_TIME_ZONE,
                       _("“%s” is not a known time zone; use an IANA name such as Europe/Paris"),
                       options->home_zone);
          return NULL;
        }
      build.home_zone_id = g_strdup (options->home_zone);
    }
  if (options->locale != NULL)
    {
      build.locale = newlocale (LC_TIME_MASK, options->locale, (locale_t) 0);
      if (build.locale == (locale_t) 0)
        {
          g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_LOCALE,
                       _("The locale “%s” is not installed on this system"), options->locale);
          pack_build_clear (&build);
          return NULL;
        }
    }

  self->rtl = language_is_rtl (options->locale);

  if (options->paper == CAUCUS_PACK_PAPER_LETTER)
    {
      self->page_width = 612;
      self->page_height = 792;
    }
  else
    {
      self->page_width = 595.276;
      self->page_height = 841.89;
    }
  self->margin_left = 64;
  self->margin_right = 64;
  self->content_top = 76;
  self->content_bottom = self->page_height - 64;
  setup_fonts (self);
  pango_context_set_base_dir (self->context, self->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  build.content_width = pack_layout_content_width (self);

  self->title = g_strdup (pack_str (build.pack, "title"));
  if (self->title == NULL)
    self->title = g_strdup_printf (_("Briefing pack: %s"), pack_str (build.event, "title") != NULL
                                                      ? pack_str (build.event, "title") : event_id);
  self->author = options->author != NULL ? g_strdup (options->author)
                 : pack_display_name (&build, pack_str (build.pack, "author") != NULL
                                              ? pack_str (build.pack, "author")
                                              : pack_str (build.pack, "updated_by"));
  self->creation_date = options->creation_date != NULL ? g_date_time_ref (options->creation_date)
                                                       : g_date_time_new_now_utc ();
  self->home_zone_id = g_strdup (options->home_zone);
  describe_event (self, &build);
  self->subject = g_strdup_printf (_("Briefing pack for %s"),
                                   self->subtitle != NULL ? self->subtitle : event_id);

  if (progress != NULL)
    progress (0.0, _("Collecting documents"), user_data);
  ok = pack_build_sections (&build, self->sections, cancellable, error);
  pack_build_clear (&build);
  if (!ok)
    return NULL;
  add_front_matter (self);
  if (progress != NULL)
    progress (0.2, _("Laying out pages"), user_data);
  if (!pack_layout_paginate (self, cancellable, progress, user_data, error))
    return NULL;
  if (progress != NULL)
    progress (0.5, _("Laid out"), user_data);
  return g_steal_pointer (&self);
}

guint
caucus_pack_layout_get_n_pages (CaucusPackLayout *self)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_LAYOUT (self), 0);
  return self->pages->len;
}

guint
caucus_pack_layout_get_n_front_pages (CaucusPackLayout *self)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_LAYOUT (self), 0);
  return self->n_front;
}

void
caucus_pack_layout_get_page_size (CaucusPackLayout *self,
                                  double           *width,
                                  double           *height)
{
  g_return_if_fail (CAUCUS_IS_PACK_LAYOUT (self));
  if (width != NULL)
    *width = self->page_width;
  if (height != NULL)
    *height = self->page_height;
}

const char *
caucus_pack_layout_get_title (CaucusPackLayout *self)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_LAYOUT (self), NULL);
  return self->title;
}

/* Sections as laid out, for a composer's navigation: titles and first pages (0-based). */
guint
caucus_pack_layout_get_n_sections (CaucusPackLayout *self)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_LAYOUT (self), 0);
  return self->sections->len;
}

const char *
caucus_pack_layout_get_section_title (CaucusPackLayout *self,
                                      guint             section)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_LAYOUT (self), NULL);
  g_return_val_if_fail (section < self->sections->len, NULL);
  return ((PackSection *) g_ptr_array_index (self->sections, section))->title;
}

guint
caucus_pack_layout_get_section_page (CaucusPackLayout *self,
                                     guint             section)
{
  int page;

  g_return_val_if_fail (CAUCUS_IS_PACK_LAYOUT (self), 0);
  g_return_val_if_fail (section < self->sections->len, 0);
  page = pack_layout_dest_page (self, ((PackSection *) g_ptr_array_index (self->sections, section))->dest);
  g_assert (page >= 0);
  return page;
}

static char *
roman (guint n)
{
  static const struct { guint value; const char *digits; } table[] = {
    { 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" }, { 90, "xc" },
    { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" },
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    while (n >= table[i].value)
      {
        g_string_append (out, table[i].digits);
        n -= table[i].value;
      }
  return g_string_free (out, FALSE);
}

/* Front matter is numbered i, ii, …; the body from 1, as a printed report would be. */
char *
pack_layout_label_for (CaucusPackLayout *self,
                       guint             page)
{
  if (page < self->n_front)
    return roman (page + 1);
  return g_strdup_printf ("%u", page - self->n_front + 1);
}

char *
caucus_pack_layout_get_page_label (CaucusPackLayout *self,
                                   guint             page)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_LAYOUT (self), NULL);
  g_return_val_if_fail (page < self->pages->len, NULL);
  return pack_layout_label_for (self, page);
}

int
pack_layout_dest_page (CaucusPackLayout *self,
                       const char       *dest)
{
  PackDestPos *pos = dest != NULL ? g_hash_table_lookup (self->dests, dest) : NULL;

  return pos != NULL ? (int) pos->page : -1;
}

/* PDF output --------------------------------------------------------------------------- */

static void
add_outline (CaucusPackLayout *self,
             cairo_surface_t  *surface)
{
  int contents = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, _("Contents"),
                                                "dest='contents'", 0);

  (void) contents;
  for (guint s = 0; s < self->sections->len; s++)
    {
      PackSection *section = g_ptr_array_index (self->sections, s);
      g_autofree char *dest = pack_tag_escape (section->dest);
      g_autofree char *attrs = g_strdup_printf ("dest='%s'", dest);
      int id = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, section->title, attrs,
                                              section->children->len > 0 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);

      for (guint c = 0; c < section->children->len; c++)
        {
          PackEntry *child = g_ptr_array_index (section->children, c);
          g_autofree char *child_dest = pack_tag_escape (child->dest);
          g_autofree char *child_attrs = g_strdup_printf ("dest='%s'", child_dest);

          cairo_pdf_surface_add_outline (surface, id, child->title, child_attrs, 0);
        }
    }
}

gboolean
caucus_pack_layout_write_pdf (CaucusPackLayout       *self,
                              const char             *path,
                              GCancellable           *cancellable,
                              CaucusPackProgressFunc  progress,
                              gpointer                user_data,
                              GError                **error)
{
  g_autoptr(GRecMutexLocker) cairo_locker = g_rec_mutex_locker_new (&caucus_pack_cairo_lock);
  g_autofree char *tmp_path = NULL;
  g_autofree char *date = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int fd;

  g_return_val_if_fail (CAUCUS_IS_PACK_LAYOUT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Write beside the target and rename, so a cancelled or failed export leaves nothing. */
  tmp_path = g_strdup_printf ("%s.XXXXXX.part", path);
  fd = g_mkstemp_full (tmp_path, O_WRONLY, 0644);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_WRITE,
                   _("Cannot write the briefing pack to “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  surface = cairo_pdf_surface_create (tmp_path, self->page_width, self->page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  if (self->author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, self->subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Caucus " CAUCUS_VERSION);
  date = g_date_time_format (self->creation_date, "%Y-%m-%dT%H:%M:%S%:z");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);

  cr = cairo_create (surface);
  for (guint i = 0; i < self->pages->len; i++)
    {
      g_autofree char *label = pack_layout_label_for (self, i);

      if (g_cancellable_is_cancelled (cancellable))
        break;
      cairo_pdf_surface_set_page_label (surface, label);
      caucus_pack_layout_render_page (self, cr, i, self->page_width, self->page_height);
      cairo_show_page (cr);
      if (progress != NULL && (i & 7) == 0)
        progress (0.5 + 0.5 * i / self->pages->len, _("Writing pages"), user_data);
    }
  add_outline (self, surface);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (tmp_path);
      g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_WRITE,
                   _("Cannot write the briefing pack to “%s”: %s"), display,
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (tmp_path, path) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (tmp_path);
      g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_WRITE,
                   _("Cannot write the briefing pack to “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  if (progress != NULL)
    progress (1.0, _("Done"), user_data);
  return TRUE;
}

gboolean
caucus_pack_render_to_file (CaucusPackSources       *sources,
                            const char              *pack_id,
                            const CaucusPackOptions *options,
                            const char              *path,
                            GCancellable            *cancellable,
                            CaucusPackProgressFunc   progress,
                            gpointer                 user_data,
                            GError                 **error)
{
  g_autoptr(CaucusPackLayout) layout = NULL;

  g_return_val_if_fail (CAUCUS_IS_PACK_SOURCES (sources), FALSE);
  g_return_val_if_fail (pack_id != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  layout = caucus_pack_layout_new (sources, pack_id, options, cancellable, progress, user_data, error);
  if (layout == NULL)
    return FALSE;
  return caucus_pack_layout_write_pdf (layout, path, cancellable, progress, user_data, error);
}
