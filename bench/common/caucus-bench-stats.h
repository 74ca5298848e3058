/* caucus-bench-stats.h — the small measuring helpers every benchmark program needs: the
 * calling thread's CPU time and percentiles of a series.  Header-only, so programs that do
 * not link the data generator can use it too. */
#pragma once

#include <glib.h>
#include <time.h>

/* CPU time of the calling thread, in microseconds. */
static inline gint64
caucus_bench_thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static inline int
caucus_bench_compare_double (gconstpointer a,
                             gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The @p-th percentile of @values (doubles; sorted in place), 50 for the median; -1 when
 * there are none. */
static inline double
caucus_bench_percentile (GArray *values,
                         guint   p)
{
  if (values->len == 0)
    return -1;
  g_array_sort (values, caucus_bench_compare_double);
  return g_array_index (values, double, MIN (values->len - 1, values->len * p / 100));
}
