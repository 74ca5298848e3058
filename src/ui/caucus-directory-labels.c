/* caucus-directory-labels.c — what the directory calls the model's values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model stores stable English keys (DOMAIN.md); people read these names.
 */
#include <glib/gi18n.h>

#include "caucus-directory-labels.h"

typedef struct {
  const char *value;
  const char *label;
  const char *short_label;
} Label;

static const Label kinds[] = {
  { "civil-society", N_("Civil society"), N_("Civil society") },
  { "government", N_("Government"), N_("Government") },
  { "private-sector", N_("Private sector"), N_("Private") },
  { "technical", N_("Technical community"), N_("Technical") },
  { "academia", N_("Academia"), N_("Academia") },
  { "intergovernmental", N_("Intergovernmental"), N_("Intergov.") },
  { "media", N_("Media"), N_("Media") },
};

static const Label groups[] = {
  { "African", N_("African Group"), NULL },
  { "Asia-Pacific", N_("Asia-Pacific Group"), NULL },
  { "EEG", N_("Eastern European Group"), NULL },
  { "GRULAC", N_("Latin American and Caribbean Group"), NULL },
  { "WEOG", N_("Western European and Others Group"), NULL },
};

static const Label *
find_label (const Label *table,
            gsize        n,
            const char  *value)
{
  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (table[i].value, value) == 0)
      return &table[i];

  return NULL;
}

const char *
caucus_kind_label (const char *kind)
{
  const Label *label;

  if (kind == NULL || *kind == '\0')
    return _("Not recorded");

  label = find_label (kinds, G_N_ELEMENTS (kinds), kind);
  return label != NULL ? _(label->label) : kind;
}

const char *
caucus_kind_short_label (const char *kind)
{
  const Label *label;

  if (kind == NULL || *kind == '\0')
    return C_("kind", "Unknown");

  label = find_label (kinds, G_N_ELEMENTS (kinds), kind);
  return label != NULL ? _(label->short_label) : kind;
}

const char *
caucus_regional_group_label (const char *regional_group)
{
  const Label *label;

  if (regional_group == NULL || *regional_group == '\0')
    return _("Not recorded");

  label = find_label (groups, G_N_ELEMENTS (groups), regional_group);
  return label != NULL ? _(label->label) : regional_group;
}

char *
caucus_strv_join_display (const char * const *values)
{
  if (values == NULL)
    return g_strdup ("");

  return g_strjoinv (", ", (char **) values);
}

GStrv
caucus_strv_split_display (const char *text)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (text == NULL)
    return g_strv_builder_end (builder);

  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}
