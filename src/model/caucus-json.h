/* caucus-json.h — JSON helpers the model needs and json-glib 1.6 lacks.
 *
 * json_node_copy() only takes a reference on objects and arrays, so a "copy" shares its
 * members with the original; documents handed out by the model must be independent. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode   *caucus_json_node_deep_copy   (JsonNode   *node);
JsonObject *caucus_json_object_deep_copy (JsonObject *object);
/* A canonical serialisation (members sorted by name, compact, 1.0 written as 1) used for
 * equality and as set keys. */
char       *caucus_json_canonical        (JsonNode   *node);
gboolean    caucus_json_equal            (JsonNode   *a,
                                          JsonNode   *b);

G_END_DECLS
