/* caucus-main-context.h — handing a call from a worker thread to another thread's main
 * context. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Attaches an idle source calling @func (@data) to @context, at @priority, from any thread.
 *
 * Always through a source: g_main_context_invoke() would call @func right here whenever
 * no thread happens to own @context at that moment.  And @context is held until the
 * source is attached and released: once attached, the owner may dispatch it, drop its
 * last reference to @context and free it while this thread is still inside
 * g_source_attach() (which wakes the context up after queuing the source) or
 * g_source_unref() (which locks it).  A source does not hold its context. */
void caucus_main_context_call (GMainContext   *context,
                               gint            priority,
                               const char     *name,
                               GSourceFunc     func,
                               gpointer        data,
                               GDestroyNotify  destroy);

G_END_DECLS
