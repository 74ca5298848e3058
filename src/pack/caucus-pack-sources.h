#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CAUCUS_TYPE_PACK_SOURCES (caucus_pack_sources_get_type ())

G_DECLARE_FINAL_TYPE (CaucusPackSources, caucus_pack_sources, CAUCUS, PACK_SOURCES, GObject)

CaucusPackSources *caucus_pack_sources_new              (void);
gboolean           caucus_pack_sources_add_doc          (CaucusPackSources  *self,
                                                         JsonObject         *doc,
                                                         GError            **error);
gboolean           caucus_pack_sources_add_json         (CaucusPackSources  *self,
                                                         const char         *json,
                                                         GError            **error);
void               caucus_pack_sources_add_attachment   (CaucusPackSources  *self,
                                                         const char         *doc_id,
                                                         const char         *name,
                                                         GBytes             *bytes);
JsonObject        *caucus_pack_sources_lookup           (CaucusPackSources  *self,
                                                         const char         *id);
JsonObject        *caucus_pack_sources_lookup_typed     (CaucusPackSources  *self,
                                                         const char         *id,
                                                         const char         *type);
GBytes            *caucus_pack_sources_lookup_attachment (CaucusPackSources *self,
                                                          const char        *doc_id,
                                                          const char        *name);
GPtrArray         *caucus_pack_sources_list_type        (CaucusPackSources  *self,
                                                         const char         *type);
guint              caucus_pack_sources_get_n_docs       (CaucusPackSources  *self);

G_END_DECLS
