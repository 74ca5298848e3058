/* caucus-bench-statement-text.c — the deterministic 20,000-word statement both
 * statement benchmarks use (the model one and the editor's keystroke one).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "caucus-bench-statement-text.h"

#define WORDS_PER_PARAGRAPH 80

static const char *const vocabulary[] = {
  "the", "of", "and", "to", "in", "for", "on", "with", "by", "that", "all", "states",
  "stakeholders", "internet", "governance", "human", "rights", "digital", "access",
  "development", "sustainable", "inclusive", "multistakeholder", "process", "member",
  "civil", "society", "organisations", "we", "call", "upon", "urge", "recognise",
  "reaffirm", "commitment", "principles", "framework", "implementation", "capacity",
  "building", "cooperation", "international", "national", "regional", "public", "policy",
  "infrastructure", "connectivity", "privacy", "data", "protection", "security", "trust",
  "open", "transparent", "accountable", "meaningful", "participation", "women", "youth",
  "communities", "local", "languages", "content", "affordable", "broadband", "networks",
  "accès", "développement", "société", "numérique", "droits", "l’homme",
  "حقوق", "الإنسان", "المجتمع", "المدني", "التنمية",
  "互联网", "治理", "数字", "发展",
  "общество", "права", "человека", "развитие",
};

/* The paragraphs (lines, without the blank lines between them) of a statement of about
 * @words words. */
GPtrArray *
caucus_bench_statement_paragraphs (GRand *rand,
                                   guint  words)
{
  GPtrArray *paragraphs = g_ptr_array_new_with_free_func (g_free);
  guint written = 0;

  while (written < words)
    {
      GString *p = g_string_new (NULL);
      guint index = paragraphs->len;
      guint n;

      if (index % 15 == 0)
        {
          g_string_append_printf (p, "## %u. Section on %s and %s", index / 15 + 1,
                                  vocabulary[g_rand_int_range (rand, 10, G_N_ELEMENTS (vocabulary))],
                                  vocabulary[g_rand_int_range (rand, 10, G_N_ELEMENTS (vocabulary))]);
          written += 5;
          g_ptr_array_add (paragraphs, g_string_free (p, FALSE));
          continue;
        }
      if (index % 15 >= 10)
        g_string_append (p, "- ");
      n = MIN (WORDS_PER_PARAGRAPH, words - written);
      for (guint w = 0; w < n; w++)
        {
          const char *word = vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))];

          if (w == 0)
            {
              g_autofree char *upper = g_utf8_strup (word, 1);

              g_string_append (p, upper);
              g_string_append (p, g_utf8_next_char (word));
            }
          else
            {
              g_string_append_c (p, ' ');
              g_string_append (p, word);
            }
          if (w + 1 < n && g_rand_int_range (rand, 0, 12) == 0)
            g_string_append_c (p, ',');
        }
      g_string_append_c (p, '.');
      written += n;
      g_ptr_array_add (paragraphs, g_string_free (p, FALSE));
    }
  return paragraphs;
}

