/* caucus-problem.c — validation problems and the value checks behind them.
 *
 * The checks are deliberately "plausibly formed", not exhaustive: they catch typing
 * mistakes and garbage from imports while accepting every real value a delegate has. */
#include "caucus-problem.h"

#include <stdio.h>
#include <string.h>

G_DEFINE_BOXED_TYPE (CaucusProblem, caucus_problem, caucus_problem_copy, caucus_problem_free)

CaucusProblem *
caucus_problem_new (const char *field,
                    const char *message)
{
  CaucusProblem *problem;

  g_return_val_if_fail (message != NULL, NULL);

  problem = g_new0 (CaucusProblem, 1);
  problem->field = g_strdup (field ? field : "");
  problem->message = g_strdup (message);
  return problem;
}

CaucusProblem *
caucus_problem_copy (const CaucusProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);
  return caucus_problem_new (problem->field, problem->message);
}

void
caucus_problem_free (CaucusProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

/* Generated from iso-codes' iso_3166-1.json (249 codes), plus XK.  A compiled-in table
 * keeps validation free of a runtime data dependency and identical on every replica. */
static const char country_codes[] =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO "
  "BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ "
  "DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP "
  "GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG "
  "KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML "
  "MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE "
  "PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL "
  "SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM "
  "US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

gboolean
caucus_is_country_code (const char *code)
{
  const char *p;

  if (code == NULL || strlen (code) != 2 ||
      !g_ascii_isupper (code[0]) || !g_ascii_isupper (code[1]))
    return FALSE;

  /* Codes are two letters each, separated by one space; the last has no space after it. */
  for (p = country_codes; p + 1 < country_codes + sizeof country_codes - 1; p += 3)
    if (p[0] == code[0] && p[1] == code[1])
      return TRUE;
  return FALSE;
}

gboolean
caucus_is_document_id (const char *id)
{
  /* The store's rule (caucus_store_validate_id) for documents that sync: non-empty UTF-8
   * without a leading '_' (CouchDB reserves those). */
  return id != NULL && *id != '\0' && *id != '_' && g_utf8_validate (id, -1, NULL);
}

gboolean
caucus_is_regional_group (const char *group)
{
  static const char * const groups[] = { "African", "Asia-Pacific", "EEG", "GRULAC", "WEOG", NULL };

  return group != NULL && g_strv_contains (groups, group);
}

gboolean
caucus_is_time_zone (const char *identifier)
{
  /* g_time_zone_new_identifier() reads tzdata from disk on every call; an import of a
   * thousand sessions asks about the same handful of zones.  The answers do not change
   * while the process runs (a new tzdata package adds zones, it does not remove them). */
  static GHashTable *known;   /* identifier → GINT_TO_POINTER (1 valid | 2 unknown) */
  G_LOCK_DEFINE_STATIC (known);
  gpointer answer;

  if (identifier == NULL || *identifier == '\0')
    return FALSE;

  G_LOCK (known);
  if (known == NULL)
    known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  answer = g_hash_table_lookup (known, identifier);
  if (answer == NULL)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (identifier);

      answer = GINT_TO_POINTER (tz != NULL ? 1 : 2);
      /* Bounded: a hostile feed must not grow the cache without limit. */
      if (g_hash_table_size (known) < 4096)
        g_hash_table_insert (known, g_strdup (identifier), answer);
    }
  G_UNLOCK (known);

  return GPOINTER_TO_INT (answer) == 1;
}

/* Patterns are compiled once per process: imports validate tens of thousands of rows. */
static gboolean
match_regex (const char *pattern,
             const char *text)
{
  static GHashTable *compiled;   /* pattern (static string) → GRegex* */
  G_LOCK_DEFINE_STATIC (compiled);
  GRegex *regex;

  if (text == NULL)
    return FALSE;
  G_LOCK (compiled);
  if (compiled == NULL)
    compiled = g_hash_table_new (g_direct_hash, g_direct_equal);
  regex = g_hash_table_lookup (compiled, pattern);
  if (regex == NULL)
    {
      regex = g_regex_new (pattern, G_REGEX_DOLLAR_ENDONLY | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (regex != NULL);
      g_hash_table_insert (compiled, (gpointer) pattern, regex);
    }
  G_UNLOCK (compiled);
  return g_regex_match (regex, text, 0, NULL);
}

gboolean
caucus_is_utc_timestamp (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  if (!match_regex ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z$", text))
    return FALSE;
  /* The shape is right; GLib rejects impossible dates such as February 30. */
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL;
}

gboolean
caucus_is_date_or_timestamp (const char *text)
{
  int y, m, d;

  if (caucus_is_utc_timestamp (text))
    return TRUE;
  if (!match_regex ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text))
    return FALSE;
  if (sscanf (text, "%d-%d-%d", &y, &m, &d) != 3)
    return FALSE;
  return g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

gboolean
caucus_is_language_tag (const char *tag)
{
  /* RFC 5646 langtag / privateuse, without the irregular grandfathered tags and without
   * the 4–8 letter primary subtags the grammar reserves but the registry never assigned
   * ("english" is a typing mistake, not a language). */
  static const char pattern[] =
    "^(?:"
      "[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}"
      "(?:-[A-Za-z]{4})?"
      "(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
      "(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
      "(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
      "(?:-[xX](?:-[A-Za-z0-9]{1,8})+)?"
    "|[xX](?:-[A-Za-z0-9]{1,8})+)$";

  return match_regex (pattern, tag);
}

gboolean
caucus_is_email (const char *text)
{
  if (text == NULL || strlen (text) > 254 || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  if (strstr (text, "..") != NULL)
    return FALSE;
  return match_regex ("^[^\\s@<>(),;:\"]+@[^\\s@<>(),;:\"._][^\\s@<>(),;:\"]*\\.[^\\s@<>(),;:\".]{2,}$", text);
}

gboolean
caucus_is_web_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (text == NULL)
    return FALSE;
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && *host != '\0' && strchr (host, ' ') == NULL;
}

gboolean
caucus_is_phone (const char *text)
{
  guint digits = 0;
  const char *p;

  if (text == NULL)
    return FALSE;
  for (p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr ("+()-./ ", *p) == NULL)
        return FALSE;
    }
  return digits >= 5 && digits <= 20;
}

char *
caucus_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *seconds = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (now) / 1000);
}

int
caucus_timestamp_compare (const char *a,
                          const char *b)
{
  g_autoptr(GDateTime) da = a ? g_date_time_new_from_iso8601 (a, NULL) : NULL;
  g_autoptr(GDateTime) db = b ? g_date_time_new_from_iso8601 (b, NULL) : NULL;
  int cmp;

  if (da == NULL && db == NULL)
    return g_strcmp0 (a, b);
  if (da == NULL)
    return -1;
  if (db == NULL)
    return 1;
  cmp = g_date_time_compare (da, db);
  return cmp != 0 ? cmp : g_strcmp0 (a, b);
}
