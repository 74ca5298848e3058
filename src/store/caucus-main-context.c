/* caucus-main-context.c — see caucus-main-context.h. */
#include "caucus-main-context.h"

void
caucus_main_context_call (GMainContext   *context,
                          gint            priority,
                          const char     *name,
                          GSourceFunc     func,
                          gpointer        data,
                          GDestroyNotify  destroy)
{
  g_autoptr(GMainContext) held = g_main_context_ref (context);
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, priority);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, name);
  g_source_attach (source, held);
}
