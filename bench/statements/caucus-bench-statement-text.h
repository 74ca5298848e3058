/* caucus-bench-statement-text.h — the deterministic statement of the statement benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* The paragraphs (Markdown lines: "##" headings every 15th, list items, 80-word
 * paragraphs; English with French, Arabic, Chinese and Russian words) of a statement of
 * about @words words, the same for the same @rand seed. */
GPtrArray *caucus_bench_statement_paragraphs (GRand *rand,
                                              guint  words);
