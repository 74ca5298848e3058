/* caucus-model.h — everything the model layer offers to the layers above it. */
#pragma once

#include "caucus-balance.h"
#include "caucus-diff3.h"
#include "caucus-document-io.h"
#include "caucus-document-list.h"
#include "caucus-document-summary.h"
#include "caucus-document-types.h"
#include "caucus-document.h"
#include "caucus-json.h"
#include "caucus-merge.h"
#include "caucus-model-error.h"
#include "caucus-model-index.h"
#include "caucus-problem.h"
#include "caucus-resolve.h"
