/* caucus-reminders.c — desktop notifications before followed sessions and deadlines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * caucus_reminders_plan() is a pure function of the events, the lead time and "now":
 * fire instants are computed on stored UTC instants only, so the device's zone and
 * daylight-saving changes never move a reminder; zones only shape the text.
 *
 * CaucusReminders keeps one GLib timeout to the next fire instant (at most an hour
 * ahead, so a suspended laptop catches up within the hour) and plans again whenever
 * the followed selection, the deadlines, the lead time or the system's zone changes.
 * The zone is watched through /etc/localtime; the text is built with a zone read fresh
 * (caucus_calendar_my_zone), since g_time_zone_new_local() caches the first answer.
 */
#include <glib/gi18n.h>

#include "caucus-calendar-time.h"
#include "caucus-document-list.h"
#include "caucus-following.h"
#include "caucus-ical.h"
#include "caucus-reminders.h"
#include "caucus-time.h"

#define MAX_TIMEOUT_SECONDS 3600
#define DEADLINES_PLANNED   200

void
caucus_reminder_free (CaucusReminder *reminder)
{
  if (reminder == NULL)
    return;
  g_free (reminder->event_id);
  g_free (reminder->title);
  g_free (reminder->kind);
  g_free (reminder->start);
  g_free (reminder->time_zone);
  g_free (reminder);
}

char *
caucus_reminder_key (const CaucusReminder *reminder)
{
  g_return_val_if_fail (reminder != NULL, NULL);

  return g_strdup_printf ("%s@%s", reminder->event_id, reminder->start);
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The start reminded of: the stored start, or for a recurring event the next
 * occurrence that has not started at @now (within a year). */
static GDateTime *
next_start (JsonObject *event,
            GDateTime  *now)
{
  const char *start = member_string (event, "start");
  g_autoptr(GDateTime) first = NULL;

  if (start == NULL)
    return NULL;
  first = caucus_time_parse_instant (start, NULL);
  if (first == NULL)
    return NULL;

  if (json_object_has_member (event, "recurrence") && g_date_time_compare (first, now) <= 0)
    {
      g_autoptr(GDateTime) until = g_date_time_add_days (now, 366);
      g_autoptr(GPtrArray) occurrences = caucus_ical_expand (event, now, until, NULL);

      for (guint i = 0; occurrences != NULL && i < occurrences->len; i++)
        {
          GDateTime *occurrence = g_ptr_array_index (occurrences, i);

          if (g_date_time_compare (occurrence, now) > 0)
            return g_date_time_ref (occurrence);
        }
      return NULL;
    }

  return g_steal_pointer (&first);
}

static int
compare_reminders_cb (gconstpointer a,
                      gconstpointer b)
{
  const CaucusReminder *ra = *(CaucusReminder * const *) a;
  const CaucusReminder *rb = *(CaucusReminder * const *) b;

  if (ra->fire_at != rb->fire_at)
    return ra->fire_at < rb->fire_at ? -1 : 1;
  return g_strcmp0 (ra->event_id, rb->event_id);
}

GPtrArray *
caucus_reminders_plan (GPtrArray  *events,
                       guint       lead_minutes,
                       GDateTime  *now,
                       GHashTable *fired)
{
  GPtrArray *plan = g_ptr_array_new_with_free_func ((GDestroyNotify) caucus_reminder_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 now_unix;

  g_return_val_if_fail (events != NULL, plan);
  g_return_val_if_fail (now != NULL, plan);

  if (lead_minutes == 0)
    return plan;

  now_unix = g_date_time_to_unix (now);
  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *event = g_ptr_array_index (events, i);
      const char *id = member_string (event, "_id");
      const char *status = member_string (event, "status");
      const char *zone = member_string (event, "time_zone");
      g_autoptr(GDateTime) start = NULL;
      g_autoptr(CaucusReminder) reminder = NULL;
      g_autofree char *key = NULL;

      if (id == NULL || zone == NULL || g_hash_table_contains (seen, id))
        continue;
      if (g_strcmp0 (status, "cancelled") == 0 || g_strcmp0 (status, "done") == 0)
        continue;
      start = next_start (event, now);
      if (start == NULL || g_date_time_to_unix (start) <= now_unix)
        continue;

      reminder = g_new0 (CaucusReminder, 1);
      reminder->event_id = g_strdup (id);
      reminder->title = g_strdup (member_string (event, "title") != NULL
                                    ? member_string (event, "title") : id);
      reminder->kind = g_strdup (member_string (event, "kind"));
      reminder->start = caucus_time_format_instant (start);
      reminder->time_zone = g_strdup (zone);
      reminder->fire_at = MAX (g_date_time_to_unix (start) - (gint64) lead_minutes * 60, now_unix);

      key = caucus_reminder_key (reminder);
      if (fired != NULL && g_hash_table_contains (fired, key))
        continue;

      g_hash_table_add (seen, (gpointer) id);
      g_ptr_array_add (plan, g_steal_pointer (&reminder));
    }

  g_ptr_array_sort (plan, compare_reminders_cb);
  return plan;
}

char *
caucus_reminder_body (const CaucusReminder *reminder,
                      const char           *my_zone)
{
  g_autofree char *home = NULL;
  g_autofree char *first = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *mark = NULL;
  int day_offset = 0;

  g_return_val_if_fail (reminder != NULL, NULL);

  home = caucus_time_format_in_zone (reminder->start, reminder->time_zone, NULL, NULL, NULL);
  if (home == NULL)
    return g_strdup (reminder->start);

  if (g_strcmp0 (reminder->kind, "deadline") == 0 || g_strcmp0 (reminder->kind, "milestone") == 0)
    /* Translators: "Due at 23:59 (UTC+1) in Europe/Zurich" */
    first = g_strdup_printf (_("Due at %s in %s"), home, reminder->time_zone);
  else
    /* Translators: "Starts at 09:00 (UTC+4) in Asia/Baku" */
    first = g_strdup_printf (_("Starts at %s in %s"), home, reminder->time_zone);

  if (my_zone != NULL && g_strcmp0 (my_zone, reminder->time_zone) != 0)
    mine = caucus_time_format_in_zone (reminder->start, my_zone, reminder->time_zone,
                                       &day_offset, NULL);
  if (mine == NULL)
    return g_steal_pointer (&first);

  mark = caucus_time_day_mark (day_offset);
  /* Translators: "<time in the event's zone> · <time in yours> your time [+1 day]" */
  return g_strdup_printf (_("%s · %s your time%s%s"), first, mine,
                          mark != NULL ? " " : "", mark != NULL ? mark : "");
}

/* The headless scheduler ------------------------------------------------------------ */

struct _CaucusReminders
{
  GObject parent_instance;

  GApplication *application;      /* weak */
  CaucusModelIndex *index;
  CaucusStore *store;
  GSettings *settings;
  CaucusFollowing *following;
  CaucusDocumentList *deadlines;
  CaucusDocumentList *milestones;
  GFileMonitor *zone_monitor;

  GPtrArray *plan;                /* CaucusReminder */
  GHashTable *fired;              /* keys shown already */
  guint timeout_id;
  guint replan_idle_id;
};

G_DEFINE_FINAL_TYPE (CaucusReminders, caucus_reminders, G_TYPE_OBJECT)

enum {
  SIGNAL_SYSTEM_ZONE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_document (GPtrArray  *events,
              JsonObject *object)
{
  if (object != NULL)
    g_ptr_array_add (events, json_object_ref (object));
}

static void
collect_list (GPtrArray          *events,
              CaucusDocumentList *list)
{
  guint n = MIN (g_list_model_get_n_items (G_LIST_MODEL (list)), DEADLINES_PLANNED);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CaucusDocument) document = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (document != NULL)
        add_document (events, caucus_document_peek_json (document));
    }
}

static void
send_due (CaucusReminders *self,
          gint64           now_unix)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "my-time-zone");
  g_autofree char *my_zone = caucus_calendar_my_zone (setting);

  for (guint i = 0; i < self->plan->len; i++)
    {
      CaucusReminder *reminder = g_ptr_array_index (self->plan, i);
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *body = NULL;
      g_autofree char *key = NULL;
      g_autofree char *notification_id = NULL;

      if (reminder->fire_at > now_unix)
        break;

      key = caucus_reminder_key (reminder);
      g_hash_table_add (self->fired, g_strdup (key));
      if (self->application == NULL)
        continue;

      body = caucus_reminder_body (reminder, my_zone);
      notification = g_notification_new (reminder->title);
      g_notification_set_body (notification, body);
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      notification_id = g_strdup_printf ("reminder-%s", reminder->event_id);
      g_application_send_notification (self->application, notification_id, notification);
    }
}

static gboolean timeout_cb (gpointer user_data);

static void
schedule_timeout (CaucusReminders *self,
                  gint64           now_unix)
{
  gint64 wait;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->plan->len == 0)
    return;

  wait = ((CaucusReminder *) g_ptr_array_index (self->plan, 0))->fire_at - now_unix;
  wait = CLAMP (wait, 1, MAX_TIMEOUT_SECONDS);
  self->timeout_id = g_timeout_add_seconds ((guint) wait, timeout_cb, self);
}

void
caucus_reminders_replan (CaucusReminders *self)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_auto(GStrv) followed = NULL;

  g_return_if_fail (CAUCUS_IS_REMINDERS (self));

  g_clear_handle_id (&self->replan_idle_id, g_source_remove);

  followed = caucus_following_dup_ids (self->following);
  for (guint i = 0; followed[i] != NULL; i++)
    {
      g_autoptr(JsonObject) doc = caucus_store_get (self->store, followed[i], NULL, NULL);

      add_document (events, doc);
    }
  collect_list (events, self->deadlines);
  collect_list (events, self->milestones);

  g_clear_pointer (&self->plan, g_ptr_array_unref);
  self->plan = caucus_reminders_plan (events,
                                      g_settings_get_uint (self->settings, "reminder-lead-minutes"),
                                      now, self->fired);
  send_due (self, g_date_time_to_unix (now));
  schedule_timeout (self, g_date_time_to_unix (now));
}

static gboolean
timeout_cb (gpointer user_data)
{
  CaucusReminders *self = user_data;

  self->timeout_id = 0;
  caucus_reminders_replan (self);
  return G_SOURCE_REMOVE;
}

static gboolean
replan_idle_cb (gpointer user_data)
{
  CaucusReminders *self = user_data;

  self->replan_idle_id = 0;
  caucus_reminders_replan (self);
  return G_SOURCE_REMOVE;
}

static void
queue_replan (CaucusReminders *self)
{
  if (self->replan_idle_id == 0)
    self->replan_idle_id = g_idle_add (replan_idle_cb, self);
}

static void
zone_changed_cb (CaucusReminders   *self,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event)
{
  /* Fire instants do not depend on the zone; the texts (and the lists' "now") do. */
  if (event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT || event == G_FILE_MONITOR_EVENT_CREATED ||
      event == G_FILE_MONITOR_EVENT_DELETED || event == G_FILE_MONITOR_EVENT_RENAMED ||
      event == G_FILE_MONITOR_EVENT_CHANGED)
    {
      queue_replan (self);
      g_signal_emit (self, signals[SIGNAL_SYSTEM_ZONE_CHANGED], 0);
    }
}

static void
caucus_reminders_dispose (GObject *object)
{
  CaucusReminders *self = CAUCUS_REMINDERS (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->replan_idle_id, g_source_remove);
  if (self->zone_monitor != NULL)
    g_file_monitor_cancel (self->zone_monitor);
  g_clear_object (&self->zone_monitor);
  if (self->following != NULL)
    g_signal_handlers_disconnect_by_data (self->following, self);
  g_clear_object (&self->following);
  g_clear_object (&self->deadlines);
  g_clear_object (&self->milestones);
  g_clear_object (&self->settings);
  g_clear_object (&self->index);
  g_clear_object (&self->store);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (caucus_reminders_parent_class)->dispose (object);
}

static void
caucus_reminders_finalize (GObject *object)
{
  CaucusReminders *self = CAUCUS_REMINDERS (object);

  g_clear_pointer (&self->plan, g_ptr_array_unref);
  g_clear_pointer (&self->fired, g_hash_table_unref);

  G_OBJECT_CLASS (caucus_reminders_parent_class)->finalize (object);
}

static void
caucus_reminders_class_init (CaucusRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = caucus_reminders_dispose;
  object_class->finalize = caucus_reminders_finalize;

  /* CaucusReminders::system-zone-changed: /etc/localtime changed; views that follow the
   * device's zone read it again (caucus_calendar_my_zone). */
  signals[SIGNAL_SYSTEM_ZONE_CHANGED] =
    g_signal_new ("system-zone-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
caucus_reminders_init (CaucusReminders *self)
{
  self->plan = g_ptr_array_new_with_free_func ((GDestroyNotify) caucus_reminder_free);
  self->fired = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static CaucusDocumentList *
upcoming_list (CaucusReminders *self,
               const char      *kind,
               const char      *from)
{
  CaucusDocumentList *list = caucus_document_list_new (self->index, "event");

  caucus_document_list_set_sort (list, CAUCUS_LIST_SORT_START);
  caucus_document_list_set_filter (list, "kind", kind);
  caucus_document_list_set_filter (list, "start_from", from);
  g_signal_connect_object (list, "items-changed", G_CALLBACK (queue_replan), self, G_CONNECT_SWAPPED);
  return list;
}

CaucusReminders *
caucus_reminders_new (GApplication     *application,
                      CaucusModelIndex *index,
                      GSettings        *settings)
{
  CaucusReminders *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GFile) localtime = g_file_new_for_path ("/etc/localtime");
  g_autofree char *from = NULL;

  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CAUCUS_IS_MODEL_INDEX (index), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CAUCUS_TYPE_REMINDERS, NULL);
  g_set_weak_pointer (&self->application, application);
  self->index = g_object_ref (index);
  self->store = g_object_ref (caucus_model_index_get_store (index));
  self->settings = g_object_ref (settings);
  self->following = g_object_ref (caucus_following_get_for_store (self->store));
  g_signal_connect_object (self->following, "changed", G_CALLBACK (queue_replan), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::reminder-lead-minutes", G_CALLBACK (queue_replan),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::my-time-zone", G_CALLBACK (queue_replan),
                           self, G_CONNECT_SWAPPED);

  /* Deadlines from a day back: one due later today in a zone behind ours still counts;
   * the plan leaves out what has passed. */
  {
    g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);

    from = caucus_time_format_instant (yesterday);
  }
  self->deadlines = upcoming_list (self, "deadline", from);
  self->milestones = upcoming_list (self, "milestone", from);

  self->zone_monitor = g_file_monitor_file (localtime, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->zone_monitor != NULL)
    g_signal_connect_object (self->zone_monitor, "changed", G_CALLBACK (zone_changed_cb), self,
                             G_CONNECT_SWAPPED);

  caucus_reminders_replan (self);
  return self;
}

GPtrArray *
caucus_reminders_get_plan (CaucusReminders *self)
{
  g_return_val_if_fail (CAUCUS_IS_REMINDERS (self), NULL);

  return self->plan;
}
