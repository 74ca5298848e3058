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
