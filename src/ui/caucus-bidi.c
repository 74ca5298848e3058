/* caucus-bidi.c — labels that start on the UI's side whatever their text's direction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A label's paragraph takes its direction from its first strong letter, and Pango
 * aligns its lines to that direction's start: GTK 4 asks Pango for the UI's start and
 * Pango swaps the side for a paragraph of the other direction.  GTK then places the
 * block of lines by the (mirrored) xalign.  So in an Arabic UI an English title that
 * fills its row (ellipsized, or wrapped long) sits at the left and a shorter one at
 * the right, row by row; in an English UI an Arabic title does the same the other way.
 *
 * For a label whose text runs against the UI, justifying it to the other side asks
 * Pango for the UI's end, which its swap turns back into the UI's start.  The text is
 * left alone: word order, punctuation and the ellipsis stay the text's own.
 */
#include "caucus-bidi.h"

static void
update_justify (GtkLabel *label)
{
  gboolean ui_rtl = gtk_widget_get_direction (GTK_WIDGET (label)) == GTK_TEXT_DIR_RTL;
  /* the direction Pango resolved for the first line: its first strong letter's */
  PangoDirection own = pango_layout_get_direction (gtk_label_get_layout (label), 0);
  gboolean against = (own == PANGO_DIRECTION_RTL && !ui_rtl) ||
                     (own == PANGO_DIRECTION_LTR && ui_rtl);
  GtkJustification justify = against ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT;

  if (gtk_label_get_justify (label) != justify)
    gtk_label_set_justify (label, justify);
}

static void
label_changed_cb (GtkLabel   *label,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  update_justify (label);
}

static void
direction_changed_cb (GtkWidget        *widget,
                      GtkTextDirection  previous,
                      gpointer          user_data)
{
  update_justify (GTK_LABEL (widget));
}

/* Keeps LABEL's lines on the UI's start side, now and whenever its text or the
 * widget's direction changes.  Meant for labels whose xalign is 0 (the start). */
void
caucus_label_start_on_ui_side (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  update_justify (label);
  g_signal_connect (label, "notify::label", G_CALLBACK (label_changed_cb), NULL);
  g_signal_connect (label, "direction-changed", G_CALLBACK (direction_changed_cb), NULL);
}
