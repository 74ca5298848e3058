/* test-statements.c — redlines, versions, anchored comments and the sign-on ledger. */
#include <glib/gstdio.h>
#include <string.h>

#include "caucus-anchor.h"
#include "caucus-document-io.h"
#include "caucus-model-error.h"
#include "caucus-model-index.h"
#include "caucus-redline.h"
#include "caucus-sign-on.h"
#include "caucus-statement-versions.h"

#include "caucus-test-util.h"

/* ---- redline ------------------------------------------------------------------------ */

static char *
marked (const char *a,
        const char *b)
{
  g_autoptr(GPtrArray) runs = caucus_redline_compute (a, b, CAUCUS_REDLINE_FLAGS_NONE);
  return caucus_redline_to_markdown (runs);
}

/* Replaying the runs gives the new text exactly and the old one up to whitespace. */
static void
assert_replays (const char *a,
                const char *b,
                CaucusRedlineFlags flags)
{
  g_autoptr(GPtrArray) runs = caucus_redline_compute (a, b, flags);
  g_autoptr(GString) old_side = g_string_new (NULL);
  g_autoptr(GString) new_side = g_string_new (NULL);
  g_autoptr(GRegex) ws = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *old_norm = NULL, *a_norm = NULL;

  for (guint i = 0; i < runs->len; i++)
    {
      CaucusRedlineRun *run = g_ptr_array_index (runs, i);

      g_assert_cmpstr (run->text, !=, "");
      if (run->op != CAUCUS_REDLINE_INSERT)
        g_string_append (old_side, run->text);
      if (run->op != CAUCUS_REDLINE_DELETE)
        g_string_append (new_side, run->text);
    }
  g_assert_cmpstr (new_side->str, ==, b);
  old_norm = g_regex_replace_literal (ws, old_side->str, -1, 0, " ", 0, NULL);
  a_norm = g_regex_replace_literal (ws, a, -1, 0, " ", 0, NULL);
  g_assert_cmpstr (old_norm, ==, a_norm);
}

static void
test_redline_table (void)
{
  static const struct { const char *a, *b, *expected; } cases[] = {
    { "", "", "" },
    { "", "New words.", "{++New words.++}\n" },
    { "Old words.", "", "{--Old words.--}\n" },
    /* Whitespace is compared by kind: re-wrapping and double spaces are no change. */
    { "the quick  brown\nfox", "the quick brown fox", "the quick brown fox\n" },
    { "the quick brown fox", "the slow brown fox", "the {--quick--}{++slow++} brown fox\n" },
    /* Spaces between two changes fold into one change. */
    { "the quick brown fox", "a slow brown fox", "{--the quick--}{++a slow++} brown fox\n" },
    /* Punctuation is a token of its own. */
    { "We call on states.", "We call on states!", "We call on states{--.--}{++!++}\n" },
    { "We call on all states.", "We call on states.", "We call on {--all--} states.\n" },
    /* Accents are part of the word; an apostrophe inside a word keeps it whole. */
    { "a resume of the debate", "a résumé of the debate", "a {--resume--}{++résumé++} of the debate\n" },
    { "l’accès à l’information", "l’accès libre à l’information", "l’accès {++libre++} à l’information\n" },
    { "don't stop", "do not stop", "{--don't--}{++do not++} stop\n" },
    /* Arabic, right to left: the logical order is what is compared. */
    { "ندعو الدول إلى حماية الإنترنت", "ندعو جميع الدول إلى حماية الإنترنت",
      "ندعو {++جميع++} الدول إلى حماية الإنترنت\n" },
    { "ندعو الدول إلى حماية الإنترنت", "ندعو الدول إلى تعزيز الإنترنت",
      "ندعو الدول إلى {--حماية--}{++تعزيز++} الإنترنت\n" },
    /* Chinese has no spaces: each character is a word. */
    { "我们呼吁各国保护互联网", "我们呼吁所有国家保护互联网", "我们呼吁{--各--}{++所有++}国{++家++}保护互联网\n" },
    /* Paragraphs: a new paragraph, a removed one, one edited among unchanged ones. */
    { "One.\n\nTwo.", "One.\n\nTwo.\n\nThree.", "One.\n\nTwo.\n\n{++Three.++}\n" },
    { "A.\n\nB.\n\nC.", "A.\n\nC.", "A.\n\n{--B.--}\n\nC.\n" },
    { "First para.\n\nSecond para here.\n\nThird.", "First para.\n\nSecond para there.\n\nThird.",
      "First para.\n\nSecond para {--here--}{++there++}.\n\nThird.\n" },
    /* List items stay apart: a change in each item is two changes. */
    { "- alpha one\n- beta two\n", "- alpha uno\n- beta dos\n",
      "- alpha {--one--}{++uno++}\n- beta {--two--}{++dos++}\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = marked (cases[i].a, cases[i].b);

      if (g_strcmp0 (got, cases[i].expected) != 0)
        g_error ("case %u: %s → %s\n  got:      %s\n  expected: %s", i, cases[i].a, cases[i].b,
                 got, cases[i].expected);
      assert_replays (cases[i].a, cases[i].b, CAUCUS_REDLINE_FLAGS_NONE);
      assert_replays (cases[i].a, cases[i].b, CAUCUS_REDLINE_FLAGS_WHOLE_WORDS);
    }
}

static void
test_redline_whole_words_and_html (void)
{
  g_autoptr(GPtrArray) runs = caucus_redline_compute ("the fox", "the fox.", CAUCUS_REDLINE_FLAGS_WHOLE_WORDS);
  g_autoptr(GPtrArray) para = caucus_redline_compute ("A <b> & c.\n\nSecond.", "A <b> & d.\n\nSecond.",
                                                      CAUCUS_REDLINE_FLAGS_NONE);
  g_autofree char *html = caucus_redline_to_html (para);
  guint ins = 0, del = 0;

  g_assert_cmpuint (runs->len, ==, 3);
  g_assert_cmpstr (((CaucusRedlineRun *) runs->pdata[1])->text, ==, "fox");
  g_assert_cmpint (((CaucusRedlineRun *) runs->pdata[1])->op, ==, CAUCUS_REDLINE_DELETE);
  g_assert_cmpstr (((CaucusRedlineRun *) runs->pdata[2])->text, ==, "fox.");

  g_assert_cmpstr (html, ==, "<p>A &lt;b&gt; &amp; <del>c</del><ins>d</ins>.</p>\n<p>Second.</p>\n");
  caucus_redline_count_words (para, &ins, &del);
  g_assert_cmpuint (ins, ==, 1);
  g_assert_cmpuint (del, ==, 1);
  g_assert_true (caucus_redline_has_changes (para));
  g_assert_cmpuint (caucus_text_count_words ("Two words, 三个字 and l’accès."), ==, 7);
}

static void
test_redline_random (void)
{
  static const char *words[] = { "states", "should", "civil", "society", "the", "of", ",", ".",
                                 "إنترنت", "互联网", "accès", "\n\n", " ", "  " };
  GRand *rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(GString) a = g_string_new (NULL), b = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 60);

      for (guint i = 0; i < n; i++)
        {
          const char *w = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
          guint fate = g_rand_int_range (rand, 0, 10);

          if (fate != 0)
            g_string_append_printf (a, "%s ", w);
          if (fate != 1)
            g_string_append_printf (b, "%s ", fate == 2 ? words[g_rand_int_range (rand, 0, 8)] : w);
        }
      assert_replays (a->str, b->str, CAUCUS_REDLINE_FLAGS_NONE);
      assert_replays (a->str, b->str, CAUCUS_REDLINE_FLAGS_WHOLE_WORDS);
    }
  g_rand_free (rand);
}

/* A 20,000-word statement with 5 % of its paragraphs edited redlines well within the
 * issue's 100 ms (timed loosely here; bench/ measures). */
static void
test_redline_long (void)
{
  g_autoptr(GString) a = g_string_new (NULL), b = g_string_new (NULL);
  g_autoptr(GPtrArray) runs = NULL;
  gint64 t0;
  guint ins = 0, del = 0;

  for (guint p = 0; p < 400; p++)
    {
      for (guint w = 0; w < 50; w++)
        {
          g_string_append_printf (a, "w%u ", (p * 7 + w * 13) % 997);
          g_string_append_printf (b, "%s ", p % 20 == 3 && w % 10 == 4 ? "edited" : "");
          if (!(p % 20 == 3 && w % 10 == 4))
            g_string_append_printf (b, "w%u ", (p * 7 + w * 13) % 997);
        }
      g_string_append (a, "\n\n");
      g_string_append (b, "\n\n");
    }
  t0 = g_get_monotonic_time ();
  runs = caucus_redline_compute (a->str, b->str, CAUCUS_REDLINE_FLAGS_NONE);
  g_test_message ("redline of 20,000 words, 5%% of paragraphs edited: %.1f ms",
                  (g_get_monotonic_time () - t0) / 1000.0);
  caucus_redline_count_words (runs, &ins, &del);
  g_assert_cmpuint (ins, ==, 100);
  g_assert_cmpuint (del, ==, 100);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 2 * G_USEC_PER_SEC);
}

/* ---- anchors ------------------------------------------------------------------------ */

static const char *anchor_text =
  "# Engagement\n\n"
  "We call on states to publish the timeline.\n\n"
  "1. Publish the timeline three months in advance of meetings.\n"
  "2. Open all meetings to accredited organisations.\n";

static JsonNode *
anchor_on (const char *text,
           const char *quote)
{
  const char *at = strstr (text, quote);
  g_autoptr(GError) error = NULL;
  JsonNode *anchor;

  g_assert_nonnull (at);
  anchor = caucus_anchor_new_for_range (text, at - text, at - text + strlen (quote), &error);
  g_assert_no_error (error);
  return anchor;
}

static char *
located (JsonNode          *anchor,
         const char        *text,
         CaucusAnchorMatch  expected)
{
  gsize start, end;
  CaucusAnchorMatch match = caucus_anchor_locate (anchor, text, &start, &end);

  g_assert_cmpint (match, ==, expected);
  return match == CAUCUS_ANCHOR_ORPHANED ? NULL : g_strndup (text + start, end - start);
}

static void
test_anchor (void)
{
  g_autoptr(JsonNode) anchor = anchor_on (anchor_text, "three months in advance");
  g_autoptr(GError) error = NULL;
  const char *quote;
  guint paragraph, offset;
  char *got;

  g_assert_true (caucus_anchor_parse (anchor, &quote, &paragraph, &offset));
  g_assert_cmpstr (quote, ==, "three months in advance");
  g_assert_cmpuint (paragraph, ==, 2);
  g_assert_cmpuint (offset, ==, strlen ("1. Publish the timeline "));

  /* Unchanged. */
  got = located (anchor, anchor_text, CAUCUS_ANCHOR_EXACT);
  g_assert_cmpstr (got, ==, "three months in advance");
  g_free (got);

  /* Moved: a paragraph inserted before it. */
  {
    g_autofree char *moved = g_strconcat ("# Engagement\n\nA new opening paragraph.\n\n",
                                          anchor_text + strlen ("# Engagement\n\n"), NULL);
    gsize start, end;

    g_assert_cmpint (caucus_anchor_locate (anchor, moved, &start, &end), ==, CAUCUS_ANCHOR_EXACT);
    g_assert_cmpuint (start, ==, strstr (moved, "three") - moved);
  }

  /* The same words twice: the occurrence nearest to where it was. */
  {
    g_autoptr(JsonNode) second = anchor_on (anchor_text, "meetings.\n2");
    g_autoptr(JsonNode) timeline = NULL;
    const char *at = strstr (strstr (anchor_text, "timeline") + 1, "timeline");
    gsize start, end;

    timeline = caucus_anchor_new_for_range (anchor_text, at - anchor_text, at - anchor_text + 8, &error);
    g_assert_no_error (error);
    g_assert_cmpint (caucus_anchor_locate (timeline, anchor_text, &start, &end), ==, CAUCUS_ANCHOR_EXACT);
    g_assert_cmpuint (start, ==, (gsize) (at - anchor_text));
    g_assert_cmpint (caucus_anchor_locate (second, anchor_text, &start, &end), ==, CAUCUS_ANCHOR_EXACT);
  }

  /* Edited slightly: re-attaches to the nearest close match. */
  {
    const char *edited =
      "# Engagement\n\n"
      "We call on states to publish the timeline.\n\n"
      "1. Publish the timeline three months well in advance of meetings.\n"
      "2. Open all meetings to accredited organisations.\n";

    got = located (anchor, edited, CAUCUS_ANCHOR_FUZZY);
    g_assert_cmpstr (got, ==, "three months well in advance");
    g_free (got);
  }

  /* Deleted: orphaned, not lost — the quote is still there to show. */
  {
    const char *deleted =
      "# Engagement\n\n"
      "We call on states to publish the timeline.\n\n"
      "1. Open all meetings to accredited organisations.\n";

    g_assert_null (located (anchor, deleted, CAUCUS_ANCHOR_ORPHANED));
    g_assert_true (caucus_anchor_parse (anchor, &quote, &paragraph, &offset));
    g_assert_cmpstr (quote, ==, "three months in advance");
  }

  /* A bare string anchor (the quote alone) and a bad range. */
  {
    g_autoptr(JsonNode) bare = json_node_new (JSON_NODE_VALUE);
    JsonNode *none;

    json_node_set_string (bare, "accredited organisations");
    got = located (bare, anchor_text, CAUCUS_ANCHOR_EXACT);
    g_assert_cmpstr (got, ==, "accredited organisations");
    g_free (got);
    none = caucus_anchor_new_for_range (anchor_text, 5, 5, &error);
    g_assert_null (none);
    g_assert_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID);
  }
}

/* ---- store-backed: versions, comments, ledger ------------------------------------- */

typedef struct {
  char             *dir;
  CaucusStore      *store;
  CaucusModelIndex *index;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = caucus_test_make_tmp_dir ("caucus-statements-test-XXXXXX");
  f->store = caucus_test_open_store (f->dir, "store.db");
  f->index = caucus_model_index_open (f->store, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->index);
  g_clear_object (&f->store);
  caucus_test_remove_tree (f->dir);
  g_free (f->dir);
}

static CaucusStatement *
new_statement (Fixture    *f,
               const char *body)
{
  g_autoptr(CaucusDocument) s = caucus_document_new_of_type ("statement", "tester");
  g_autoptr(GError) error = NULL;

  caucus_document_set_string (s, "title", "Joint statement");
  caucus_document_set_string (s, "body", body);
  caucus_document_set_string (s, "status", "draft");
  caucus_document_set_string (s, "language", "en");
  g_assert_true (caucus_document_save (s, f->store, "tester", &error));
  g_assert_no_error (error);
  return CAUCUS_STATEMENT (g_steal_pointer (&s));
}

static void
new_org (Fixture    *f,
         const char *id,
         const char *name,
         const char *group)
{
  g_autoptr(CaucusDocument) org = caucus_document_new_of_type ("org", "tester");
  g_autoptr(GError) error = NULL;

  caucus_document_set_id (org, id);
  caucus_document_set_string (org, "name", name);
  caucus_document_set_string (org, "kind", "civil-society");
  caucus_document_set_string (org, "regional_group", group);
  g_assert_true (caucus_document_save (org, f->store, "tester", &error));
  g_assert_no_error (error);
}

static void
set_body (Fixture         *f,
          CaucusStatement *s,
          const char      *body)
{
  g_autoptr(GError) error = NULL;

  caucus_document_set_string (CAUCUS_DOCUMENT (s), "body", body);
  g_assert_true (caucus_document_save (CAUCUS_DOCUMENT (s), f->store, "tester", &error));
  g_assert_no_error (error);
}

static void
test_versions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CaucusStatement) s = new_statement (f, "Zero draft text.");
  g_autoptr(CaucusStatementVersion) zero = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  CaucusDocument *auto_version;

  zero = caucus_statement_create_version (f->store, s, "  Zero draft ", "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (caucus_document_get_string (CAUCUS_DOCUMENT (zero), "name"), ==, "Zero draft");
  g_assert_cmpstr (caucus_statement_version_get_role (zero), ==, "named");
  g_assert_null (caucus_statement_create_version (f->store, s, " ", "tester", &error));
  g_assert_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  /* A status change keeps the text it leaves behind, automatically. */
  set_body (f, s, "Consultation text.");
  g_assert_true (caucus_statement_change_status (f->store, s, "consultation", "tester", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (caucus_document_get_string (CAUCUS_DOCUMENT (s), "status"), ==, "consultation");
  /* The same status again is no change and no version; a wrong one writes nothing. */
  g_assert_true (caucus_statement_change_status (f->store, s, "consultation", "tester", &error));
  g_assert_false (caucus_statement_change_status (f->store, s, "approved", "tester", &error));
  g_assert_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  versions = caucus_statement_list_versions (f->index, caucus_document_get_id (CAUCUS_DOCUMENT (s)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpstr (caucus_document_get_id (versions->pdata[0]), ==, caucus_document_get_id (CAUCUS_DOCUMENT (zero)));
  auto_version = versions->pdata[1];
  g_assert_cmpstr (caucus_statement_version_get_role (CAUCUS_STATEMENT_VERSION (auto_version)), ==, "before-status-change");
  g_assert_cmpstr (caucus_document_get_string (auto_version, "body"), ==, "Consultation text.");
  g_assert_cmpstr (caucus_document_get_string (auto_version, "from_status"), ==, "draft");
  g_assert_cmpstr (caucus_document_get_string (auto_version, "to_status"), ==, "consultation");

  /* The stored statement has the new status. */
  {
    g_autoptr(CaucusDocument) stored = caucus_document_load (f->store, caucus_document_get_id (CAUCUS_DOCUMENT (s)), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (caucus_document_get_string (stored, "status"), ==, "consultation");
    g_assert_cmpstr (caucus_document_get_rev (stored), ==, caucus_document_get_rev (CAUCUS_DOCUMENT (s)));
  }
}

/* Saving over a revision written elsewhere merges the text, or keeps the other text as
 * a version when the edits overlap. */
static void
test_save_text_merges (Fixture       *f,
                       gconstpointer  data)
{
  static const char *base = "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n";
  g_autoptr(CaucusStatement) s = new_statement (f, base);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *id = g_strdup (caucus_document_get_id (CAUCUS_DOCUMENT (s)));

  /* Another window (or a pull) changes the third paragraph. */
  {
    g_autoptr(CaucusDocument) other = caucus_document_load (f->store, id, &error);
    g_assert_no_error (error);
    caucus_document_set_string (other, "body", "First paragraph.\n\nSecond paragraph.\n\nThird paragraph, amended.\n");
    g_assert_true (caucus_document_save (other, f->store, "other", &error));
    g_assert_no_error (error);
  }
  g_assert_true (caucus_statement_save_text (f->store, s, base,
                                             "First paragraph, edited.\n\nSecond paragraph.\n\nThird paragraph.\n",
                                             "tester", &saved, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (saved, ==, "First paragraph, edited.\n\nSecond paragraph.\n\nThird paragraph, amended.\n");
  g_clear_pointer (&saved, g_free);

  /* Both change the second paragraph: ours is saved, theirs kept as a version. */
  {
    g_autoptr(CaucusDocument) other = caucus_document_load (f->store, id, &error);
    g_assert_no_error (error);
    caucus_document_set_string (other, "body", "First paragraph, edited.\n\nTheir second.\n\nThird paragraph, amended.\n");
    g_assert_true (caucus_document_save (other, f->store, "other", &error));
  }
  g_assert_true (caucus_statement_save_text (f->store, s,
                                             "First paragraph, edited.\n\nSecond paragraph.\n\nThird paragraph, amended.\n",
                                             "First paragraph, edited.\n\nOur second.\n\nThird paragraph, amended.\n",
                                             "tester", &saved, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (saved, ==, "First paragraph, edited.\n\nOur second.\n\nThird paragraph, amended.\n");
  versions = caucus_statement_list_versions (f->index, id, &error);
  g_assert_cmpuint (versions->len, ==, 1);
  g_assert_cmpstr (caucus_statement_version_get_role (versions->pdata[0]), ==, "before-merge");
  g_assert_nonnull (strstr (caucus_document_get_string (versions->pdata[0], "body"), "Their second."));
}

static void
test_comments (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CaucusStatement) s = new_statement (f, anchor_text);
  g_autoptr(GError) error = NULL;
  const char *at = strstr (anchor_text, "three months in advance");
  g_autoptr(CaucusComment) c = caucus_comment_add (f->store, s, anchor_text, at - anchor_text,
                                                   at - anchor_text + strlen ("three months in advance"),
                                                   "Who publishes it?", "person:tester", &error);
  g_autoptr(GPtrArray) comments = NULL;
  gsize start, end;

  g_assert_no_error (error);
  g_assert_nonnull (c);
  set_body (f, s, "# Engagement\n\nNew first paragraph.\n\n1. Publish the timeline three months in advance.\n");
  g_assert_cmpint (caucus_anchor_locate (caucus_document_peek_member (CAUCUS_DOCUMENT (c), "anchor"),
                                         caucus_document_get_string (CAUCUS_DOCUMENT (s), "body"), &start, &end),
                   ==, CAUCUS_ANCHOR_EXACT);
  g_assert_true (caucus_comment_resolve (f->store, c, "tester", &error));
  g_assert_no_error (error);

  comments = caucus_statement_list_related (f->index, "comment", caucus_document_get_id (CAUCUS_DOCUMENT (s)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 1);
  g_assert_true (caucus_document_get_boolean (comments->pdata[0], "resolved"));
  g_assert_nonnull (caucus_document_get_string (comments->pdata[0], "resolved_at"));

  /* An empty comment is refused and nothing is written. */
  g_assert_null (caucus_comment_add (f->store, s, anchor_text, 0, 5, "", "person:tester", &error));
  g_assert_nonnull (error);
}

static CaucusSignOnEntry *
entry_of (GPtrArray  *entries,
          const char *org_id)
{
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (((CaucusSignOnEntry *) entries->pdata[i])->org_id, org_id) == 0)
      return entries->pdata[i];
  g_assert_not_reached ();
  return NULL;
}

static void
test_ledger (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CaucusStatement) s = new_statement (f, "We call on states.");
  g_autoptr(CaucusStatementVersion) zero = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusBalance) balance = NULL;
  g_autofree char *csv = NULL;
  guint current, earlier, withdrawn;

  new_org (f, "org:apc", "Association for Progressive Communications", "African");
  new_org (f, "org:gpd", "Global Partners Digital", "WEOG");
  zero = caucus_statement_create_version (f->store, s, "Zero draft", "tester", &error);
  g_assert_no_error (error);

  {
    g_autoptr(CaucusSignature) a = caucus_sign_on_sign (f->index, s, "org:apc", "person:vf", "tester", &error);
    g_autoptr(CaucusSignature) b = caucus_sign_on_sign (f->index, s, "org:gpd", "person:sk", "tester", &error);
    g_autoptr(CaucusSignature) again = caucus_sign_on_sign (f->index, s, "org:apc", "person:vf", "tester", &error);

    g_assert_no_error (error);
    /* The text was the zero draft's: that version is what they signed. */
    g_assert_cmpstr (caucus_document_get_string (CAUCUS_DOCUMENT (a), "version_id"), ==,
                     caucus_document_get_id (CAUCUS_DOCUMENT (zero)));
    g_assert_cmpstr (caucus_document_get_id (CAUCUS_DOCUMENT (again)), ==, caucus_document_get_id (CAUCUS_DOCUMENT (a)));
    g_assert_nonnull (b);
  }
  g_assert_null (caucus_sign_on_sign (f->index, s, "org:nowhere", NULL, "tester", &error));
  g_assert_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  entries = caucus_sign_on_ledger (f->index, s, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  caucus_sign_on_count (entries, &current, &earlier, &withdrawn);
  g_assert_cmpuint (current, ==, 2);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* The text changes: both signed an earlier version. */
  set_body (f, s, "We call on all states.");
  entries = caucus_sign_on_ledger (f->index, s, &error);
  caucus_sign_on_count (entries, &current, &earlier, &withdrawn);
  g_assert_cmpuint (current, ==, 0);
  g_assert_cmpuint (earlier, ==, 2);
  g_assert_cmpstr (caucus_document_get_string (CAUCUS_DOCUMENT (entry_of (entries, "org:apc")->version), "body"),
                   ==, "We call on states.");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* APC confirms the new text: a new signature on a new version; GPD withdraws. */
  {
    g_autoptr(CaucusSignature) a2 = caucus_sign_on_sign (f->index, s, "org:apc", "person:vf", "tester", &error);
    g_assert_no_error (error);
    g_assert_true (caucus_sign_on_withdraw (f->index, s, "org:gpd", "tester", &error));
    g_assert_no_error (error);
    g_assert_false (caucus_sign_on_withdraw (f->index, s, "org:gpd", "tester", &error));
    g_assert_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID);
    g_clear_error (&error);
  }
  entries = caucus_sign_on_ledger (f->index, s, &error);
  g_assert_cmpint (entry_of (entries, "org:apc")->state, ==, CAUCUS_SIGN_ON_CURRENT);
  g_assert_cmpuint (entry_of (entries, "org:apc")->n_signatures, ==, 2);
  g_assert_cmpint (entry_of (entries, "org:gpd")->state, ==, CAUCUS_SIGN_ON_WITHDRAWN);
  /* The withdrawn signature is kept, with its time. */
  g_assert_nonnull (caucus_document_get_string (CAUCUS_DOCUMENT (entry_of (entries, "org:gpd")->signature), "withdrawn_at"));

  balance = caucus_sign_on_balance (f->store, entries, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (caucus_balance_get_total (balance), ==, 1);
  g_assert_cmpuint (caucus_balance_get_group_total (balance, "African"), ==, 1);

  csv = caucus_sign_on_to_csv (f->store, entries, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv, "organisation,regional_group"));
  g_assert_nonnull (strstr (csv, "Association for Progressive Communications,African,civil-society,,signed,person:vf,"));
  g_assert_nonnull (strstr (csv, "Global Partners Digital,WEOG,civil-society,,withdrawn,person:sk,"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/statements/redline/table", test_redline_table);
  g_test_add_func ("/statements/redline/whole-words-html", test_redline_whole_words_and_html);
  g_test_add_func ("/statements/redline/random", test_redline_random);
  g_test_add_func ("/statements/redline/long", test_redline_long);
  g_test_add_func ("/statements/anchor", test_anchor);
  g_test_add ("/statements/versions", Fixture, NULL, fixture_set_up, test_versions, fixture_tear_down);
  g_test_add ("/statements/save-text-merges", Fixture, NULL, fixture_set_up, test_save_text_merges, fixture_tear_down);
  g_test_add ("/statements/comments", Fixture, NULL, fixture_set_up, test_comments, fixture_tear_down);
  g_test_add ("/statements/ledger", Fixture, NULL, fixture_set_up, test_ledger, fixture_tear_down);
  return g_test_run ();
}
