/* caucus-renderer.c — which of GTK's renderers draws Caucus's windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 picks its GL renderer whenever OpenGL works at all, also when Mesa draws it on
 * the CPU.  There the GL renderer's fixed cost per frame is two to five times the cairo
 * renderer's for our pages (docs/BENCHMARKS.md: 17 ms against 3.7 ms per keystroke in a
 * 20,000-word statement under llvmpipe), which a delegate on a virtual desktop or an old
 * laptop feels on every key.  GTK 4.14 refuses llvmpipe for its GL renderer for the same
 * reason; this brings that choice to the GTK we build against.  The choice is made per
 * display with the display's "gsk-renderer" key, which GTK reads before anything else,
 * so nothing leaks into the environment of programs we start.
 */
#include "caucus-renderer.h"

#include <epoxy/gl.h>
#include <string.h>

gboolean
caucus_renderer_is_software (const char *gl_renderer)
{
  static const char *const software[] = { "llvmpipe", "softpipe", "swrast", "Software Rasterizer", NULL };

  if (gl_renderer == NULL)
    return FALSE;
  for (guint i = 0; software[i] != NULL; i++)
    if (strstr (gl_renderer, software[i]) != NULL)
      return TRUE;
  return FALSE;
}

const char *
caucus_renderer_choose (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *gl_renderer;
  gboolean software;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), NULL);

  if (g_getenv ("GSK_RENDERER") != NULL)
    return NULL;
  if (g_object_get_data (G_OBJECT (display), "gsk-renderer") != NULL)
    return g_object_get_data (G_OBJECT (display), "gsk-renderer");

  /* Without OpenGL GTK falls back to cairo by itself. */
  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      g_debug ("No OpenGL here (%s); GTK draws with cairo", error ? error->message : "no context");
      return NULL;
    }
  gdk_gl_context_make_current (context);
  gl_renderer = (const char *) glGetString (GL_RENDERER);
  software = caucus_renderer_is_software (gl_renderer);
  g_debug ("OpenGL renderer: %s", gl_renderer ? gl_renderer : "(unknown)");
  gdk_gl_context_clear_current ();
  if (!software)
    return NULL;

  g_object_set_data (G_OBJECT (display), "gsk-renderer", (gpointer) "cairo");
  return "cairo";
}
