/* caucus-event-row.c — one event in the agenda, and the texts every calendar view shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every time shown goes through the formats layer (caucus_time_format_in_zone,
 * caucus_time_day_mark, caucus_time_local_day): the event's home zone with the offset
 * valid on that date first, the delegate's zone beside it, and "+1 day" when the
 * converted time lands on another date.  With "my time" on the two swap places.
 */
#include <glib/gi18n.h>

#include "caucus-calendar-time.h"
#include "caucus-event-row.h"
#include "caucus-event-text.h"
#include "caucus-time.h"

/* Context ----------------------------------------------------------------------------- */

CaucusCalendarContext *
caucus_calendar_context_new (CaucusStore *store)
{
  CaucusCalendarContext *ctx = g_new0 (CaucusCalendarContext, 1);

  ctx->store = g_object_ref (store);
  ctx->following = g_object_ref (caucus_following_get_for_store (store));
  ctx->my_zone = caucus_calendar_my_zone (NULL);
  ctx->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->day_changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_time_zone_unref);
  ctx->day_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return ctx;
}

void
caucus_calendar_context_free (CaucusCalendarContext *ctx)
{
  if (ctx == NULL)
    return;
  g_clear_object (&ctx->store);
  g_clear_object (&ctx->following);
  g_clear_pointer (&ctx->my_zone, g_free);
  g_clear_pointer (&ctx->now, g_date_time_unref);
  g_clear_pointer (&ctx->names, g_hash_table_unref);
  g_clear_pointer (&ctx->day_changes, g_hash_table_unref);
  g_clear_pointer (&ctx->zones, g_hash_table_unref);
  g_clear_pointer (&ctx->day_keys, g_hash_table_unref);
  g_free (ctx);
}

GDateTime *
caucus_calendar_context_now (CaucusCalendarContext *ctx)
{
  return ctx->now != NULL ? g_date_time_ref (ctx->now) : g_date_time_new_now_utc ();
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

const char *
caucus_calendar_context_name (CaucusCalendarContext *ctx,
                              const char            *id)
{
  const char *name;
  g_autoptr(JsonObject) doc = NULL;

  if (id == NULL)
    return NULL;
  name = g_hash_table_lookup (ctx->names, id);
  if (name != NULL)
    return name;

  doc = caucus_store_get (ctx->store, id, NULL, NULL);
  name = member_string (doc, "short_name");
  if (name == NULL)
    name = member_string (doc, "name");
  if (name == NULL)
    name = member_string (doc, "title");
  if (name == NULL)
    name = id;
  g_hash_table_insert (ctx->names, g_strdup (id), g_strdup (name));
  return g_hash_table_lookup (ctx->names, id);
}

/* The conference's day change ("a session at 01:00 belongs to the evening before"). */
static int
day_change_minutes (CaucusCalendarContext *ctx,
                    JsonObject            *event)
{
  const char *conference = g_strcmp0 (member_string (event, "kind"), "conference") == 0
                             ? member_string (event, "_id") : member_string (event, "parent_id");
  gpointer cached;
  g_autoptr(JsonObject) doc = NULL;
  int minutes = 0;

  if (conference == NULL)
    return 0;
  cached = g_hash_table_lookup (ctx->day_changes, conference);
  if (cached != NULL)
    return GPOINTER_TO_INT (cached) - 1;

  doc = caucus_store_get (ctx->store, conference, NULL, NULL);
  if (doc != NULL && json_object_has_member (doc, "source") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (doc, "source")))
    {
      JsonObject *source = json_object_get_object_member (doc, "source");
      JsonNode *node = json_object_get_member (source, "day_change_minutes");

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
        minutes = (int) CLAMP (json_node_get_int (node), 0, 24 * 60 - 1);
    }
  g_hash_table_insert (ctx->day_changes, g_strdup (conference), GINT_TO_POINTER (minutes + 1));
  return minutes;
}

const char *
caucus_calendar_context_zone_for (CaucusCalendarContext *ctx,
                                  JsonObject            *event)
{
  const char *zone = member_string (event, "time_zone");

  if (ctx->my_time || zone == NULL)
    return ctx->my_zone;
  return zone;
}

/* Keeps a reference to @zone_id's GTimeZone: GLib caches zones only while referenced,
 * and without one every conversion would read the tzfile again. */
static void
hold_zone (CaucusCalendarContext *ctx,
           const char            *zone_id)
{
  GTimeZone *tz;

  if (zone_id == NULL || g_hash_table_contains (ctx->zones, zone_id))
    return;
  tz = caucus_time_zone_new (zone_id, NULL);
  if (tz != NULL)
    g_hash_table_insert (ctx->zones, g_strdup (zone_id), tz);
}

char *
caucus_calendar_context_day_key (CaucusCalendarContext *ctx,
                                 JsonObject            *event)
{
  const char *start = member_string (event, "start");
  const char *id = member_string (event, "_id");
  const char *zone = caucus_calendar_context_zone_for (ctx, event);
  char *key;

  if (start == NULL)
    return NULL;
  hold_zone (ctx, zone);
  key = caucus_time_local_day (start, zone, ctx->my_time ? 0 : day_change_minutes (ctx, event), NULL);
  if (key != NULL && id != NULL)
    g_hash_table_replace (ctx->day_keys, g_strdup (id), g_strdup (key));
  return key;
}

const char *
caucus_calendar_context_cached_day_key (CaucusCalendarContext *ctx,
                                        const char            *event_id)
{
  return event_id != NULL ? g_hash_table_lookup (ctx->day_keys, event_id) : NULL;
}

void
caucus_calendar_context_invalidate (CaucusCalendarContext *ctx)
{
  g_hash_table_remove_all (ctx->day_keys);
}

/* Texts ------------------------------------------------------------------------------- */

void
caucus_event_texts_clear (CaucusEventTexts *texts)
{
  g_clear_pointer (&texts->day_key, g_free);
  g_clear_pointer (&texts->day_title, g_free);
  g_clear_pointer (&texts->time, g_free);
  g_clear_pointer (&texts->day_mark, g_free);
  g_clear_pointer (&texts->secondary, g_free);
  g_clear_pointer (&texts->title, g_free);
  g_clear_pointer (&texts->subtitle, g_free);
  g_clear_pointer (&texts->countdown, g_free);
}

static char *
day_title (const char *day_key)
{
  int y, m, d;
  GDate date;
  char buffer[128];

  if (day_key == NULL || sscanf (day_key, "%d-%d-%d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return g_strdup (day_key);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  /* Translators: a day heading in the agenda, strftime format: "Saturday 3 November 2012" */
  if (g_date_strftime (buffer, sizeof buffer, _("%A %-d %B %Y"), &date) == 0)
    return g_strdup (day_key);
  return g_strdup (buffer);
}

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "conference") == 0)
    return _("Conference");
  if (g_strcmp0 (kind, "session") == 0)
    return _("Session");
  if (g_strcmp0 (kind, "meeting") == 0)
    return _("Meeting");
  if (g_strcmp0 (kind, "deadline") == 0)
    return _("Deadline");
  if (g_strcmp0 (kind, "milestone") == 0)
    return _("Milestone");
  return kind;
}

static gboolean
is_due_kind (const char *kind)
{
  return g_strcmp0 (kind, "deadline") == 0 || g_strcmp0 (kind, "milestone") == 0;
}

static void
append_part (GString    *text,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (text->len > 0)
    g_string_append (text, " · ");
  g_string_append (text, part);
}

gboolean
caucus_event_texts_compute (CaucusCalendarContext *ctx,
                            JsonObject            *event,
                            CaucusEventTexts      *texts)
{
  const char *start = member_string (event, "start");
  const char *zone = member_string (event, "time_zone");
  const char *kind = member_string (event, "kind");
  const char *status = member_string (event, "status");
  gboolean all_day = json_object_has_member (event, "all_day") &&
                     json_object_get_boolean_member (event, "all_day");
  gboolean other_zone;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  int offset = 0;

  caucus_event_texts_clear (texts);
  texts->title = g_strdup (member_string (event, "title") != NULL
                             ? member_string (event, "title") : member_string (event, "_id"));
  if (start == NULL || zone == NULL)
    return FALSE;
  hold_zone (ctx, zone);
  hold_zone (ctx, ctx->my_zone);
  if (!g_hash_table_contains (ctx->zones, zone))
    return FALSE;

  other_zone = g_strcmp0 (ctx->my_zone, zone) != 0;
  texts->day_key = caucus_calendar_context_day_key (ctx, event);
  if (texts->day_key == NULL)
    return FALSE;
  texts->day_title = day_title (texts->day_key);

  if (all_day)
    texts->time = g_strdup (_("All day"));
  else if (!ctx->my_time)
    {
      texts->time = caucus_time_format_in_zone (start, zone, NULL, NULL, NULL);
      if (other_zone)
        {
          g_autofree char *mine = caucus_time_format_in_zone (start, ctx->my_zone, zone, &offset, NULL);
          g_autofree char *mark = caucus_time_day_mark (offset);

          if (mine != NULL)
            texts->secondary = mark != NULL
              /* Translators: "05:00 (UTC) your time +1 day" */
              ? g_strdup_printf (_("%s your time %s"), mine, mark)
              /* Translators: "05:00 (UTC) your time" */
              : g_strdup_printf (_("%s your time"), mine);
        }
    }
  else
    {
      texts->time = caucus_time_format_in_zone (start, ctx->my_zone, zone, &offset, NULL);
      texts->day_mark = caucus_time_day_mark (offset);
      if (other_zone)
        {
          g_autofree char *home = caucus_time_format_in_zone (start, zone, NULL, NULL, NULL);

          /* Translators: "09:00 (UTC+4) in Asia/Baku", the event's own time */
          texts->secondary = g_strdup_printf (_("%s in %s"), home, zone);
        }
    }
  if (texts->time == NULL)
    return FALSE;

  if (g_strcmp0 (status, "cancelled") == 0)
    append_part (subtitle, _("Cancelled"));
  if (is_due_kind (kind))
    {
      JsonNode *owners = json_object_get_member (event, "owner_ids");

      append_part (subtitle, kind_label (kind));
      append_part (subtitle, g_strcmp0 (status, "cancelled") != 0 ? status : NULL);
      if (owners != NULL && JSON_NODE_HOLDS_ARRAY (owners))
        {
          JsonArray *array = json_node_get_array (owners);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
                append_part (subtitle, caucus_calendar_context_name (ctx, json_node_get_string (element)));
            }
        }
      if (g_strcmp0 (status, "done") != 0 && g_strcmp0 (status, "cancelled") != 0)
        {
          g_autoptr(GDateTime) now = caucus_calendar_context_now (ctx);

          texts->countdown = caucus_calendar_countdown_text (start, zone, now, NULL);
        }
    }
  else
    {
      JsonNode *location = json_object_get_member (event, "location");

      if (g_strcmp0 (kind, "session") != 0)
        append_part (subtitle, kind_label (kind));
      if (location != NULL && JSON_NODE_HOLDS_OBJECT (location))
        {
          JsonObject *object = json_node_get_object (location);

          append_part (subtitle, member_string (object, "room"));
          append_part (subtitle, member_string (object, "venue"));
          if (member_string (object, "room") == NULL)
            append_part (subtitle, member_string (object, "city"));
        }
    }
  texts->subtitle = g_string_free (g_steal_pointer (&subtitle), FALSE);
  return TRUE;
}

/* The row's texts ---------------------------------------------------------------------- */

/* The row ----------------------------------------------------------------------------- */

struct _CaucusEventRow
{
  GtkBox parent_instance;

  CaucusCalendarContext *ctx;
  JsonObject *event;
  gboolean show_day;
  char *heading;              /* shown instead of the day heading (the day view's room) */
  CaucusEventTexts texts;

  GtkWidget *day_label;
  GtkWidget *time_label;      /* "09:00", and "UTC+4" smaller on a second line */
  GtkWidget *mark_label;
  GtkWidget *title_label;
  GtkWidget *subtitle_label;  /* room · venue, and the other zone's time smaller below */
  GtkWidget *countdown_label;
  GtkWidget *star;
  GtkWidget *time_box;
  GtkWidget *main_box;
  gboolean updating;
  int followed;        /* what the star shows: -1 not set yet, 0, 1 */
};

G_DEFINE_FINAL_TYPE (CaucusEventRow, caucus_event_row, GTK_TYPE_BOX)

static void
caucus_event_row_dispose (GObject *object)
{
  CaucusEventRow *self = CAUCUS_EVENT_ROW (object);

  g_clear_pointer (&self->event, json_object_unref);
  g_clear_pointer (&self->heading, g_free);
  caucus_event_texts_clear (&self->texts);

  G_OBJECT_CLASS (caucus_event_row_parent_class)->dispose (object);
}

static void
caucus_event_row_class_init (CaucusEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = caucus_event_row_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "caucus-event-row");
}

static void
star_toggled_cb (CaucusEventRow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->star));
  const char *id = caucus_event_row_get_event_id (self);

  if (self->updating || id == NULL)
    return;
  if (!caucus_following_set (self->ctx->following, id, active, &error))
    {
      g_warning ("%s", error->message);
      self->updating = TRUE;
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->star), !active);
      self->updating = FALSE;
    }
}

static gboolean
star_query_tooltip_cb (GtkWidget      *star,
                       int             x,
                       int             y,
                       gboolean        keyboard,
                       GtkTooltip     *tooltip,
                       CaucusEventRow *self)
{
  gtk_tooltip_set_text (tooltip, self->followed == 1 ? _("Stop following") : _("Follow"));
  return TRUE;
}

/* The rare texts (day heading, "+1 day", countdown): one line, ellipsized when narrow. */
static GtkWidget *
new_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
caucus_event_row_init (CaucusEventRow *self)
{
  GtkWidget *line, *time_box, *main_box;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (line, "caucus-event-line");
  gtk_widget_set_margin_start (line, 12);
  gtk_widget_set_margin_end (line, 6);
  gtk_widget_set_margin_top (line, 6);
  gtk_widget_set_margin_bottom (line, 6);
  gtk_box_append (GTK_BOX (self), line);

  time_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_size_request (time_box, 64, -1);
  self->time_label = caucus_event_text_new ("numeric", 1);
  gtk_widget_add_css_class (self->time_label, "heading");
  gtk_box_append (GTK_BOX (time_box), self->time_label);
  gtk_box_append (GTK_BOX (line), time_box);
  self->time_box = time_box;

  main_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (main_box, TRUE);
  self->title_label = caucus_event_text_new (NULL, 3);
  self->subtitle_label = caucus_event_text_new ("dim-label", 1);
  gtk_box_append (GTK_BOX (main_box), self->title_label);
  gtk_box_append (GTK_BOX (main_box), self->subtitle_label);
  gtk_box_append (GTK_BOX (line), main_box);
  self->main_box = main_box;

  self->star = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->star), "non-starred-symbolic");
  gtk_widget_add_css_class (self->star, "flat");
  gtk_widget_add_css_class (self->star, "circular");
  gtk_widget_set_valign (self->star, GTK_ALIGN_CENTER);
  /* In GTK 4.8 a list item takes the focus only when none of its children can: with a
   * focusable star, Tab reached the star and Return followed the session instead of
   * opening it.  The keyboard follows from the event's page (its own Follow button). */
  gtk_widget_set_focusable (self->star, FALSE);
  /* The tooltip is asked for when shown: gtk_widget_set_tooltip_text on a visible widget
   * asks the display where the pointer is (an X round trip) for every row created. */
  gtk_widget_set_has_tooltip (self->star, TRUE);
  g_signal_connect (self->star, "query-tooltip", G_CALLBACK (star_query_tooltip_cb), self);
  self->followed = -1;
  g_signal_connect_swapped (self->star, "toggled", G_CALLBACK (star_toggled_cb), self);
  gtk_box_append (GTK_BOX (line), self->star);
}

GtkWidget *
caucus_event_row_new (CaucusCalendarContext *ctx)
{
  CaucusEventRow *self = g_object_new (CAUCUS_TYPE_EVENT_ROW, NULL);

  self->ctx = ctx;
  return GTK_WIDGET (self);
}

static void
set_label (GtkWidget  *label,
           const char *text)
{
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL && *text != '\0');
}

/* The day heading, the "+1 day" mark and the countdown are shown on few rows: they are
 * made the first time a row needs them (every widget of the ~30 rows a filter change
 * creates costs its style, accessible object and layout). */
static void
show_rare_label (CaucusEventRow *self,
                 GtkWidget     **label,
                 const char     *text)
{
  if (*label == NULL)
    {
      if (text == NULL || *text == '\0')
        return;
      if (label == &self->day_label)
        {
          *label = new_label ("heading");
          gtk_widget_add_css_class (*label, "caucus-day-heading");
          gtk_widget_set_margin_top (*label, 18);
          gtk_widget_set_margin_bottom (*label, 6);
          gtk_widget_set_margin_start (*label, 12);
          gtk_accessible_update_property (GTK_ACCESSIBLE (*label),
                                          GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
          gtk_box_prepend (GTK_BOX (self), *label);
        }
      else if (label == &self->mark_label)
        {
          *label = new_label ("caption");
          gtk_widget_add_css_class (*label, "accent");
          gtk_box_append (GTK_BOX (self->time_box), *label);
        }
      else
        {
          *label = new_label ("caption-heading");
          gtk_widget_add_css_class (*label, "warning");
          gtk_box_append (GTK_BOX (self->main_box), *label);
        }
    }
  set_label (*label, text);
}

/* Two texts in one widget, the second smaller (as the "caption" style) on its own line;
 * with @dim_second it is also dimmed and not bold.  One text instead of two: every text
 * of the ~30 rows a filter change creates is laid out and measured. */
static void
set_two_lines (GtkWidget  *widget,
               const char *first,
               const char *second,
               gboolean    dim_second)
{
  g_autoptr(GString) text = NULL;
  PangoAttrList *attrs;
  PangoAttribute *attr;
  guint start;

  if (first == NULL || *first == '\0' || second == NULL || *second == '\0')
    {
      caucus_event_text_set (widget, first != NULL && *first != '\0' ? first : second, NULL);
      return;
    }
  text = g_string_new (first);
  g_string_append_c (text, '\n');
  start = (guint) text->len;
  g_string_append (text, second);

  attrs = pango_attr_list_new ();
  attr = pango_attr_scale_new (0.82);      /* libadwaita's .caption */
  attr->start_index = start;
  pango_attr_list_insert (attrs, attr);
  if (dim_second)
    {
      attr = pango_attr_foreground_alpha_new ((guint16) (0.55 * G_MAXUINT16));   /* .dim-label */
      attr->start_index = start;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_weight_new (PANGO_WEIGHT_NORMAL);
      attr->start_index = start;
      pango_attr_list_insert (attrs, attr);
    }
  caucus_event_text_set (widget, text->str, attrs);
}

void
caucus_event_row_update (CaucusEventRow *self)
{
  const char *open;
  g_autofree char *clock = NULL;
  g_autofree char *offset = NULL;
  gboolean followed;

  g_return_if_fail (CAUCUS_IS_EVENT_ROW (self));

  if (self->event == NULL)
    {
      caucus_event_texts_clear (&self->texts);
      return;
    }

  caucus_event_texts_compute (self->ctx, self->event, &self->texts);

  /* "09:00 (UTC+4)" on two lines: the clock, then the offset */
  open = self->texts.time != NULL ? strstr (self->texts.time, " (") : NULL;
  if (open != NULL)
    {
      clock = g_strndup (self->texts.time, (gsize) (open - self->texts.time));
      offset = g_strndup (open + 2, strlen (open + 2) - (g_str_has_suffix (open, ")") ? 1 : 0));
    }
  else
    clock = g_strdup (self->texts.time);

  show_rare_label (self, &self->day_label,
                   self->heading != NULL ? self->heading
                                         : self->show_day ? self->texts.day_title : NULL);
  set_two_lines (self->time_label, clock, offset, TRUE);
  show_rare_label (self, &self->mark_label, self->texts.day_mark);
  caucus_event_text_set (self->title_label, self->texts.title, NULL);
  set_two_lines (self->subtitle_label, self->texts.subtitle, self->texts.secondary, FALSE);
  show_rare_label (self, &self->countdown_label, self->texts.countdown);

  followed = caucus_following_contains (self->ctx->following, caucus_event_row_get_event_id (self));
  if ((int) followed == self->followed)
    return;
  self->followed = followed;
  self->updating = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->star), followed);
  self->updating = FALSE;
  gtk_button_set_icon_name (GTK_BUTTON (self->star),
                            followed ? "starred-symbolic" : "non-starred-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  followed ? _("Stop following") : _("Follow"), -1);
}

void
caucus_event_row_set_event (CaucusEventRow *self,
                            JsonObject     *event,
                            gboolean        show_day)
{
  g_return_if_fail (CAUCUS_IS_EVENT_ROW (self));

  if (event != NULL)
    json_object_ref (event);
  g_clear_pointer (&self->event, json_object_unref);
  self->event = event;
  self->show_day = show_day;
  g_clear_pointer (&self->heading, g_free);
  caucus_event_row_update (self);
}

void
caucus_event_row_set_event_with_heading (CaucusEventRow *self,
                                         JsonObject     *event,
                                         const char     *heading)
{
  g_return_if_fail (CAUCUS_IS_EVENT_ROW (self));

  if (event != NULL)
    json_object_ref (event);
  g_clear_pointer (&self->event, json_object_unref);
  self->event = event;
  self->show_day = FALSE;
  g_free (self->heading);
  self->heading = g_strdup (heading);
  caucus_event_row_update (self);
}

const char *
caucus_event_row_get_event_id (CaucusEventRow *self)
{
  g_return_val_if_fail (CAUCUS_IS_EVENT_ROW (self), NULL);

  return member_string (self->event, "_id");
}

const char *
caucus_event_row_get_text (CaucusEventRow *self,
                           const char     *which)
{
  g_return_val_if_fail (CAUCUS_IS_EVENT_ROW (self), NULL);

  if (g_strcmp0 (which, "day") == 0)
    return self->heading != NULL ? self->heading : self->show_day ? self->texts.day_title : NULL;
  if (g_strcmp0 (which, "time") == 0)
    return self->texts.time;
  if (g_strcmp0 (which, "mark") == 0)
    return self->texts.day_mark;
  if (g_strcmp0 (which, "title") == 0)
    return self->texts.title;
  if (g_strcmp0 (which, "subtitle") == 0)
    return self->texts.subtitle;
  if (g_strcmp0 (which, "secondary") == 0)
    return self->texts.secondary;
  if (g_strcmp0 (which, "countdown") == 0)
    return self->texts.countdown;
  return NULL;
}

GtkToggleButton *
caucus_event_row_get_star (CaucusEventRow *self)
{
  g_return_val_if_fail (CAUCUS_IS_EVENT_ROW (self), NULL);

  return GTK_TOGGLE_BUTTON (self->star);
}
