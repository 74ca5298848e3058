#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAUCUS_MODEL_ERROR (caucus_model_error_quark ())

typedef enum {
  CAUCUS_MODEL_ERROR_INVALID,   /* a document or argument is malformed */
  CAUCUS_MODEL_ERROR_CONFLICT,  /* a merge found true conflicts a person must decide */
  CAUCUS_MODEL_ERROR_INDEX,     /* the model's query index could not be read or written */
} CaucusModelError;

GQuark caucus_model_error_quark (void);

G_END_DECLS
