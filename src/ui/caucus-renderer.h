/* caucus-renderer.h — which of GTK's renderers draws Caucus's windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Chooses GTK's cairo renderer for @display when OpenGL there is rasterised in software
 * (Mesa's llvmpipe, softpipe or swrast: virtual machines, remote desktops, machines
 * without a GPU driver), where it draws our pages faster than the GL renderer; GTK 4.14
 * and later make the same choice themselves.  A GSK_RENDERER set by the user always
 * wins.  Call it after GTK is initialised and before the first window is shown.
 * Returns the name of the renderer chosen ("cairo"), or NULL when GTK keeps its own. */
const char *caucus_renderer_choose (GdkDisplay *display);

/* Whether @gl_renderer (OpenGL's GL_RENDERER string) names a software rasteriser. */
gboolean    caucus_renderer_is_software (const char *gl_renderer);

G_END_DECLS
