/* caucus-statement-labels.c — how statuses and versions are named on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Automatic versions are stored with untranslated names (every replica writes the same
 * document); they are shown by their role, in the reader's language.
 */
#include "caucus-statement-labels.h"

#include <glib/gi18n.h>

#include "caucus-document-io.h"
#include "caucus-document-types.h"

const char *
caucus_statement_status_label (const char *status)
{
  if (g_strcmp0 (status, "draft") == 0)
    return _("Draft");
  if (g_strcmp0 (status, "consultation") == 0)
    return _("Consultation");
  if (g_strcmp0 (status, "final") == 0)
    return _("Final");
  if (g_strcmp0 (status, "published") == 0)
    return _("Published");
  if (g_strcmp0 (status, "withdrawn") == 0)
    return _("Withdrawn");
  return status != NULL ? status : "";
}

char *
caucus_statement_version_dup_label (CaucusDocument *version)
{
  const char *role = caucus_document_get_string (version, "role");
  const char *name = caucus_document_get_string (version, "name");

  if (g_strcmp0 (role, "before-status-change") == 0)
    {
      const char *to = caucus_document_get_string (version, "to_status");
      /* Translators: %s is the new status, e.g. "Consultation" */
      return to != NULL ? g_strdup_printf (_("Before the change to %s"), caucus_statement_status_label (to))
                        : g_strdup (_("Before a status change"));
    }
  if (g_strcmp0 (role, "before-merge") == 0)
    return g_strdup (_("Before merging"));
  if (g_strcmp0 (role, "automatic-merge") == 0)
    return g_strdup (_("Merged automatically"));
  if (g_strcmp0 (role, "reviewed-merge") == 0)
    return g_strdup (_("Merged after review"));
  if (g_strcmp0 (role, "signed") == 0)
    return g_strdup (_("Text as signed"));
  return g_strdup (name != NULL ? name : _("Unnamed version"));
}


char *
caucus_statement_dup_person_label (CaucusStore *store,
                                   const char  *who)
{
  g_autoptr(CaucusDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  if (who == NULL)
    return NULL;
  /* An id of the directory ("person:…") is shown by the name it has there. */
  if (store != NULL && (g_str_has_prefix (who, "person:") || g_str_has_prefix (who, "org:")))
    doc = caucus_document_load (store, who, &error);
  return g_strdup (doc != NULL ? caucus_document_get_display_name (doc) : who);
}

char *
caucus_statement_dup_deadline_label (CaucusDocument      *statement,
                                     gboolean             long_form,
                                     CaucusDeadlineState *state)
{
  g_autoptr(GDateTime) deadline = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *span = NULL;
  GTimeSpan left;
  gint64 minutes, days, hours;
  CaucusDeadlineState dummy;

  if (state == NULL)
    state = &dummy;
  if (statement != NULL)
    deadline = caucus_document_get_datetime (statement, "sign_on_deadline");
  if (deadline == NULL)
    {
      *state = CAUCUS_DEADLINE_NONE;
      return long_form ? g_strdup (_("No sign-on deadline")) : NULL;
    }
  local = g_date_time_to_local (deadline);
  when = g_date_time_format (local, "%e %b %Y, %H:%M");
  g_strstrip (when);
  left = g_date_time_difference (deadline, now);
  if (left <= 0)
    {
      *state = CAUCUS_DEADLINE_CLOSED;
      return long_form ? g_strdup_printf (_("Sign-on closed %s"), when) : g_strdup (_("Sign-on closed"));
    }
  minutes = left / G_TIME_SPAN_MINUTE;
  days = minutes / (60 * 24);
  hours = (minutes / 60) % 24;
  *state = days < 2 ? CAUCUS_DEADLINE_SOON : CAUCUS_DEADLINE_OPEN;
  if (!long_form)
    {
      if (days == 0)
        return g_strdup_printf (_("Sign-on closes in %d h"), (int) hours);
      return g_strdup_printf (g_dngettext (NULL, "Sign-on closes in %d day", "Sign-on closes in %d days", (gulong) days),
                              (int) days);
    }
  if (days > 0)
    span = g_strdup_printf (g_dngettext (NULL, "%d day %d h", "%d days %d h", (gulong) days), (int) days, (int) hours);
  else
    span = g_strdup_printf (_("%d h %d min"), (int) hours, (int) (minutes % 60));
  return g_strdup_printf (_("Sign-on closes in %s (%s)"), span, when);
}
