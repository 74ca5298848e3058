/* caucus-pack-preview.c — the live preview of a briefing pack's pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preview shows one page at a time, drawn by the pack renderer straight into the
 * widget's cairo context (so it is sharp at any scale: the page is vectors, not an image),
 * with previous/next buttons.  Every change of the pack restarts a short timer; when it
 * fires, the pack and the documents it draws on are collected from a second store
 * connection and laid out on a worker thread.  A newer change cancels a layout still
 * running; the old pages stay on screen until the new ones are ready.
 */
#include <glib/gi18n.h>

#include "caucus-pack-collect.h"
#include "caucus-pack-preview.h"

#define RELAYOUT_DELAY_MS 350

struct _CaucusPackPreview
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkDrawingArea *area;
  GtkSpinner *spinner;
  GtkLabel *page_label;
  GtkButton *previous_button;
  GtkButton *next_button;
  AdwStatusPage *error_page;
  GtkStack *stack;

  CaucusPackLayout *layout;
  GError *error;
  guint page;

  /* the pending relayout */
  guint timeout_id;
  CaucusStore *store;
  JsonObject *pack;
  CaucusPackPaper paper;
  char *home_zone;
  GCancellable *cancellable;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (CaucusPackPreview, caucus_pack_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LAYOUT,
  PROP_PAGE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  CaucusStore *worker;
  JsonObject *pack;
  CaucusPackPaper paper;
  char *home_zone;
} LayoutJob;

static void
layout_job_free (gpointer data)
{
  LayoutJob *job = data;

  g_clear_object (&job->worker);
  g_clear_pointer (&job->pack, json_object_unref);
  g_free (job->home_zone);
  g_free (job);
}

static void
update_controls (CaucusPackPreview *self)
{
  guint n_pages = self->layout != NULL ? caucus_pack_layout_get_n_pages (self->layout) : 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->previous_button), self->page > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), n_pages > 0 && self->page + 1 < n_pages);
  if (n_pages > 0)
    {
      g_autofree char *label = caucus_pack_layout_get_page_label (self->layout, self->page);
      /* Translators: the page shown in the preview: its printed label (“ii”, “3”), then
       * its place among all pages, as document viewers show it */
      g_autofree char *text = g_strdup_printf (_("%s (%u of %u)"), label, self->page + 1, n_pages);

      gtk_label_set_text (self->page_label, text);
    }
  else
    gtk_label_set_text (self->page_label, "");

  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  if (self->error != NULL && self->layout == NULL)
    {
      adw_status_page_set_description (self->error_page, self->error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "pages");
}

static void
set_busy (CaucusPackPreview *self,
          gboolean           busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
layout_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LayoutJob *job = task_data;
  g_autoptr(CaucusPackSources) sources = NULL;
  g_autoptr(GError) error = NULL;
  CaucusPackLayout *layout;
  CaucusPackOptions options;
  const char *pack_id = json_object_get_string_member_with_default (job->pack, "_id", NULL);

  sources = caucus_pack_sources_new_from_store (job->worker, pack_id, &error);
  /* the pack as edited, not as last saved */
  if (sources == NULL || !caucus_pack_sources_add_doc (sources, job->pack, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  caucus_pack_options_init (&options);
  options.paper = job->paper;
  options.home_zone = job->home_zone;
  layout = caucus_pack_layout_new (sources, pack_id, &options, cancellable, NULL, NULL, &error);
  if (layout == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, layout, g_object_unref);
}

static void
layout_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CaucusPackPreview *self = CAUCUS_PACK_PREVIEW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusPackLayout) layout = g_task_propagate_pointer (G_TASK (result), &error);

  /* a newer layout is on its way (this one is stale, finished or not), or the preview is
   * being destroyed */
  if (self->area == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  if (layout != NULL)
    {
      g_set_object (&self->layout, layout);
      if (self->page >= caucus_pack_layout_get_n_pages (layout))
        {
          self->page = caucus_pack_layout_get_n_pages (layout) > 0 ? caucus_pack_layout_get_n_pages (layout) - 1 : 0;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
        }
    }
  else
    {
      self->error = g_steal_pointer (&error);
      g_clear_object (&self->layout);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT]);
  set_busy (self, FALSE);
}

static gboolean
relayout_cb (gpointer user_data)
{
  CaucusPackPreview *self = user_data;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  LayoutJob *job;

  self->timeout_id = 0;
  if (self->store == NULL || self->pack == NULL)
    return G_SOURCE_REMOVE;

  job = g_new0 (LayoutJob, 1);
  job->worker = caucus_store_open_worker (self->store, &error);
  job->pack = json_object_ref (self->pack);
  job->paper = self->paper;
  job->home_zone = g_strdup (self->home_zone);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, layout_ready_cb, NULL);
  g_task_set_source_tag (task, relayout_cb);
  g_task_set_task_data (task, job, layout_job_free);
  if (job->worker == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_run_in_thread (task, layout_thread);
  return G_SOURCE_REMOVE;
}

/**
 * caucus_pack_preview_update:
 * @self: a #CaucusPackPreview
 * @store: the workspace
 * @pack: the pack document as edited (copied)
 * @options: paper and home zone (other fields are ignored)
 *
 * Schedules a new layout of @pack.
 */
void
caucus_pack_preview_update (CaucusPackPreview       *self,
                            CaucusStore             *store,
                            JsonObject              *pack,
                            const CaucusPackOptions *options)
{
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_return_if_fail (CAUCUS_IS_PACK_PREVIEW (self));
  g_return_if_fail (CAUCUS_IS_STORE (store));
  g_return_if_fail (pack != NULL);
  g_return_if_fail (options != NULL);

  /* a deep copy: the worker thread must not share nodes with the editor */
  node = json_node_init_object (json_node_alloc (), pack);
  copy = json_node_copy (node);
  g_set_object (&self->store, store);
  g_clear_pointer (&self->pack, json_object_unref);
  self->pack = json_object_ref (json_node_get_object (copy));
  self->paper = options->paper;
  g_free (self->home_zone);
  self->home_zone = g_strdup (options->home_zone);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (RELAYOUT_DELAY_MS, relayout_cb, self);
  set_busy (self, TRUE);
}

CaucusPackLayout *
caucus_pack_preview_get_layout (CaucusPackPreview *self)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_PREVIEW (self), NULL);
  return self->layout;
}

const GError *
caucus_pack_preview_get_error (CaucusPackPreview *self)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_PREVIEW (self), NULL);
  return self->error;
}

gboolean
caucus_pack_preview_get_busy (CaucusPackPreview *self)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_PREVIEW (self), FALSE);
  return self->busy;
}

guint
caucus_pack_preview_get_page (CaucusPackPreview *self)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_PREVIEW (self), 0);
  return self->page;
}

void
caucus_pack_preview_set_page (CaucusPackPreview *self,
                              guint              page)
{
  guint n_pages;

  g_return_if_fail (CAUCUS_IS_PACK_PREVIEW (self));

  n_pages = self->layout != NULL ? caucus_pack_layout_get_n_pages (self->layout) : 0;
  if (n_pages == 0)
    page = 0;
  else if (page >= n_pages)
    page = n_pages - 1;
  if (page == self->page)
    return;
  self->page = page;
  update_controls (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
previous_clicked_cb (CaucusPackPreview *self)
{
  if (self->page > 0)
    caucus_pack_preview_set_page (self, self->page - 1);
}

static void
next_clicked_cb (CaucusPackPreview *self)
{
  caucus_pack_preview_set_page (self, self->page + 1);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  CaucusPackPreview *self = user_data;
  double page_width, page_height, scale, w, h, x, y;
  const double margin = 12;

  if (self->layout == NULL || caucus_pack_layout_get_n_pages (self->layout) == 0)
    return;

  caucus_pack_layout_get_page_size (self->layout, &page_width, &page_height);
  scale = MIN ((width - 2 * margin) / page_width, (height - 2 * margin) / page_height);
  if (scale <= 0)
    return;
  w = page_width * scale;
  h = page_height * scale;
  x = floor ((width - w) / 2);
  y = floor ((height - h) / 2);

  /* a soft shadow under the sheet */
  for (int i = 1; i <= 4; i++)
    {
      cairo_set_source_rgba (cr, 0, 0, 0, 0.05);
      cairo_rectangle (cr, x - i + 1, y - i + 2, w + 2 * i - 2, h + 2 * i - 1);
      cairo_fill (cr);
    }
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rectangle (cr, 0, 0, w, h);
  cairo_clip (cr);
  caucus_pack_layout_render_page (self->layout, cr, self->page, w, h);
  cairo_restore (cr);
}

static void
caucus_pack_preview_dispose (GObject *object)
{
  CaucusPackPreview *self = CAUCUS_PACK_PREVIEW (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAUCUS_TYPE_PACK_PREVIEW);

  G_OBJECT_CLASS (caucus_pack_preview_parent_class)->dispose (object);
}

static void
caucus_pack_preview_finalize (GObject *object)
{
  CaucusPackPreview *self = CAUCUS_PACK_PREVIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->layout);
  g_clear_object (&self->store);
  g_clear_pointer (&self->pack, json_object_unref);
  g_clear_error (&self->error);
  g_free (self->home_zone);

  G_OBJECT_CLASS (caucus_pack_preview_parent_class)->finalize (object);
}

static void
caucus_pack_preview_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CaucusPackPreview *self = CAUCUS_PACK_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_LAYOUT:
      g_value_set_object (value, self->layout);
      break;
    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_pack_preview_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CaucusPackPreview *self = CAUCUS_PACK_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      caucus_pack_preview_set_page (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_pack_preview_class_init (CaucusPackPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = caucus_pack_preview_dispose;
  object_class->finalize = caucus_pack_preview_finalize;
  object_class->get_property = caucus_pack_preview_get_property;
  object_class->set_property = caucus_pack_preview_set_property;

  properties[PROP_LAYOUT] =
    g_param_spec_object ("layout", NULL, NULL, CAUCUS_TYPE_PACK_LAYOUT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PAGE] =
    g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-pack-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusPackPreview, box);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackPreview, area);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackPreview, spinner);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackPreview, page_label);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackPreview, previous_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackPreview, next_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackPreview, error_page);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackPreview, stack);
  gtk_widget_class_bind_template_callback (widget_class, previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "packpreview");
}

static void
caucus_pack_preview_init (CaucusPackPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);
  update_controls (self);
}

GtkWidget *
caucus_pack_preview_new (void)
{
  return g_object_new (CAUCUS_TYPE_PACK_PREVIEW, NULL);
}
