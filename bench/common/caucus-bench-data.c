/* caucus-bench-data.c — realistic benchmark documents (see the header). */
#include "caucus-bench-data.h"

#include <string.h>

struct _CaucusBenchData
{
  GRand *rand;
};

/* Names are built from parts so that a directory of tens of thousands of people has
 * thousands of distinct names, as a real one does. */
static const char *const latin_given_a[] = {
  "Jo", "Zo", "Ngo", "Øy", "Fran", "Łu", "Şeb", "Re", "Joa", "A", "Bjö", "Chi", "Kwa", "Amé",
  "Mó", "Sér", "Ana", "Li", "Ma", "Da", "El", "Is", "Ra", "Sa",
};
static const char *const latin_given_b[] = {
  "sé", "ë", "zi", "stein", "çoise", "kasz", "nem", "née", "quín", "na", "rn", "ara", "me",
  "lie", "nica", "gio", "ïs", "sa", "ria", "vid", "ena", "abel", "fael", "rah",
};
static const char *const latin_family_a[] = {
  "Gar", "Mül", "Okon", "Ngu", "Kowal", "Yıl", "Håk", "Dub", "Pe", "Fer", "Sil", "Men", "Ros",
  "Čer", "Schä", "Lind", "Bar", "Mor", "Tan", "Kar", "Sou", "Ben", "Ol", "Van",
};
static const char *const latin_family_b[] = {
  "cía", "ler", "kwo", "yễn", "ski", "maz", "ansson", "ois", "ña", "nández", "va", "sah", "si",
  "ná", "fer", "berg", "tello", "ales", "aka", "imi", "za", "oit", "sen", "dijk",
};
static const char *const cyrillic_given[] = {
  "Анна", "Дмитрий", "Ольга", "Сергей", "Наталья", "Алексей", "Ирина", "Тимур", "Мария",
  "Игорь", "Елена", "Павел", "Светлана", "Андрей", "Татьяна", "Руслан",
};
static const char *const cyrillic_family_a[] = {
  "Иван", "Петр", "Смирн", "Кузнец", "Поп", "Сокол", "Лебед", "Козл", "Новик", "Мороз",
  "Волк", "Зайц", "Белоус", "Громыч", "Орл", "Щерб",
};
static const char *const cyrillic_family_b[] = { "ова", "ов", "ин", "ина", "ский", "ская", "енко", "ук" };
static const char *const arabic_given[] = {
  "محمد", "فاطمة", "أحمد", "ليلى", "يوسف", "مريم", "عمر", "نور", "خالد", "سلمى", "حسن",
  "رانيا", "طارق", "هدى", "سامي", "دينا", "كريم", "منى", "زياد", "ياسمين",
};
static const char *const arabic_family[] = {
  "الهاشمي", "بن علي", "منصور", "الشامي", "حداد", "العمري", "السيد", "القاسم", "الخطيب",
  "النجار", "عبد الله", "الزين", "بركات", "الحسيني", "سليمان", "الأنصاري", "التونسي",
  "المصري", "الفاسي", "درويش",
};
static const char *const chinese_family[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
  "郭", "何", "高", "林", "罗",
};
static const char *const chinese_given[] = {
  "伟", "娜", "敏", "静", "磊", "洋", "明", "怡", "芳", "军", "杰", "丽", "强", "霞", "平",
  "刚", "桂", "英", "华", "玲", "晓", "嘉", "思", "雨", "子", "文", "浩", "宇", "欣", "然",
};

static const char *const org_words[] = {
  "Fundación Karisma", "Centre for Internet & Society", "Derechos Digitales", "Access Now",
  "Association pour le progrès des communications", "Article 19", "Privacy International",
  "Digital Rights Foundation", "Red en Defensa de los Derechos Digitales", "Paradigm Initiative",
  "Bits of Freedom", "Chaos Computer Club", "Open Rights Group", "Internet Society Genève",
  "مؤسسة حرية الفكر والتعبير", "المرصد العربي للحقوق الرقمية", "مركز الخليج لحقوق الإنسان",
  "数字权利中心", "开放互联网研究所", "亚太网络治理论坛",
  "Роскомсвобода", "Центр защиты цифровых прав", "Общество защиты интернета",
  "Instituto de Referência em Internet e Sociedade", "Coding Rights", "Sursiendo",
};

static const char *const cities[] = {
  "Genève", "São Paulo", "Bakı", "القاهرة", "北京", "Москва", "Nairobi", "Kraków",
  "Montréal", "Bogotá", "Tunis", "تونس", "上海", "Алматы", "Zürich", "Reykjavík",
};

static const char *const countries[] = {
  "CH", "BR", "AZ", "EG", "CN", "RU", "KE", "PL", "CA", "CO", "TN", "KZ", "IS", "DE", "IN", "ZA",
};

static const char *const regional_groups[] = { "African", "Asia-Pacific", "EEG", "GRULAC", "WEOG" };

static const char *const kinds[] = {
  "civil-society", "government", "private-sector", "technical", "academia",
  "intergovernmental", "media",
};

static const char *const expertise[] = {
  "privacy", "surveillance", "encryption", "content moderation", "internet shutdowns",
  "net neutrality", "digital identity", "cybersecurity", "gender", "accessibility",
  "data protection", "AI governance", "standards", "spectrum", "connectivity",
};

/* Running text: a few function words that are everywhere, then policy vocabulary in
 * four languages and four scripts, drawn with a Zipf distribution (the k-th word about
 * 1/k as often as the first), as words are in real text. */
static const char *const text_words[] = {
  "the", "of", "and", "to", "in", "for", "on", "with", "de", "la", "et", "в", "и", "في", "的",
  "governance", "internet", "delegates", "statement", "session", "human", "rights",
  "community", "working", "group", "recommendation", "consultation", "resolution", "draft",
  "language", "paragraph", "member", "states", "civil", "society", "participation",
  "inclusive", "open", "process", "accountability", "transparency", "capacity", "building",
  "regional", "coordination", "signatories", "deadline", "programme", "protection",
  "expression", "assembly", "association", "journalists", "defenders", "multi-stakeholder",
  "gouvernance", "société", "civile", "déclaration", "participación", "derechos", "sociedad",
  "políticas", "públicas", "acesso", "informação", "réunion", "mandate", "secretariat",
  "plenary", "intersessional", "modalities", "stakeholders", "outcome", "document",
  "negotiation", "consensus", "bracketed", "text", "amendment", "proposal", "submission",
  "written", "input", "oral", "intervention", "chair", "rapporteur", "bureau", "observer",
  "accreditation", "ECOSOC", "ITU", "WSIS", "IGF", "OEWG", "OECD", "OSCE", "UNESCO",
  "cybercrime", "convention", "treaty", "norms", "confidence-building", "measures",
  "critical", "infrastructure", "ransomware", "attribution", "due", "diligence",
  "spyware", "biometric", "facial", "recognition", "algorithmic", "discrimination",
  "misinformation", "disinformation", "platform", "liability", "intermediary", "takedown",
  "encryption", "backdoors", "lawful", "interception", "metadata", "retention",
  "localisation", "cross-border", "flows", "adequacy", "sovereignty", "fragmentation",
  "interoperability", "standards", "IETF", "W3C", "protocol", "routing", "DNS", "IPv6",
  "spectrum", "satellite", "broadband", "affordability", "meaningful", "connectivity",
  "rural", "indigenous", "gender", "youth", "disability", "accessibility", "literacy",
  "الحوكمة", "الإنترنت", "المجتمع", "المدني", "حقوق", "الإنسان", "حرية", "التعبير",
  "الخصوصية", "التشفير", "الرقابة", "المعلومات",
  "互联网", "治理", "人权", "公民社会", "数字", "隐私", "安全", "网络", "数据", "平台",
  "управление", "интернетом", "права", "человека", "гражданское", "общество", "свобода",
  "цензура", "приватность", "шифрование", "блокировки",
};

static const char *const session_formats[] = {
  "panel", "roundtable", "workshop", "open forum", "town hall", "lightning talk",
};

static const char *const statuses[] = { "draft", "consultation", "final", "published" };

#define PICK(arr) (arr[g_rand_int_range (data->rand, 0, G_N_ELEMENTS (arr))])

/* Index k in [0, n) with probability proportional to 1 / (k + 1). */
static guint
zipf (CaucusBenchData *data,
      guint            n)
{
  double h = 0, u, acc = 0;

  for (guint k = 1; k <= n; k++)
    h += 1.0 / k;
  u = g_rand_double (data->rand) * h;
  for (guint k = 1; k <= n; k++)
    {
      acc += 1.0 / k;
      if (u <= acc)
        return k - 1;
    }
  return n - 1;
}

/* The mix repeats every 20 documents: 0–2 org, 3–10 person, 11–17 event, 18–19 statement
 * (caucus_bench_data_document). */
#define PERSON_FIRST 3
#define EVENT_FIRST 11
/* One conference (an event with sessions) every this many documents. */
#define CONFERENCE_SPAN 1000

/* The index of a document of the kind at positions [first, first + count) of the cycle of
 * 20 that comes before document @index, so that a link always names a document that a
 * generator writing 0, 1, 2 … has already written, whatever the size; drawn uniformly, so
 * that older organisations and people gather more links, as long-standing ones do. */
static guint
earlier (CaucusBenchData *data,
         guint            index,
         guint            first,
         guint            count)
{
  guint cycles = index / 20 + (index % 20 > first + count - 1 ? 1 : 0);
  guint cycle = cycles > 0 ? (guint) g_rand_int_range (data->rand, 0, (gint32) cycles) : 0;
  guint slot = (guint) g_rand_int_range (data->rand, 0, (gint32) count);
  guint pick = cycle * 20 + first + slot;

  /* in the first cycle only the slots before @index exist */
  if (pick >= index && index > first)
    pick = first + (pick - first) % (index - first);
  return pick;
}

static char *
person_name (CaucusBenchData *data)
{
  switch (g_rand_int_range (data->rand, 0, 8))
    {
    case 0:
      return g_strdup_printf ("%s %s", PICK (arabic_given), PICK (arabic_family));
    case 1:
      return g_strdup_printf ("%s%s%s", PICK (chinese_family), PICK (chinese_given),
                              g_rand_boolean (data->rand) ? PICK (chinese_given) : "");
    case 2:
      return g_strdup_printf ("%s %s%s", PICK (cyrillic_given), PICK (cyrillic_family_a),
                              PICK (cyrillic_family_b));
    default:
      return g_strdup_printf ("%s%s %s%s", PICK (latin_given_a), PICK (latin_given_b),
                              PICK (latin_family_a), PICK (latin_family_b));
    }
}

CaucusBenchData *
caucus_bench_data_new (guint32 seed)
{
  CaucusBenchData *data = g_new0 (CaucusBenchData, 1);

  data->rand = g_rand_new_with_seed (seed);
  return data;
}

void
caucus_bench_data_free (CaucusBenchData *data)
{
  if (data == NULL)
    return;
  g_rand_free (data->rand);
  g_free (data);
}

static char *
sentence (CaucusBenchData *data,
          guint            min_words,
          guint            max_words)
{
  guint n = (guint) g_rand_int_range (data->rand, (gint32) min_words, (gint32) max_words + 1);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, text_words[zipf (data, G_N_ELEMENTS (text_words))]);
    }
  g_string_append_c (s, '.');
  return g_string_free (s, FALSE);
}

static char *
paragraphs (CaucusBenchData *data,
            guint            count,
            guint            max_sentences)
{
  GString *s = g_string_new (NULL);

  for (guint p = 0; p < count; p++)
    {
      guint sentences = (guint) g_rand_int_range (data->rand, 1, (gint32) max_sentences + 1);

      if (p > 0)
        g_string_append (s, "\n\n");
      for (guint i = 0; i < sentences; i++)
        {
          g_autofree char *t = sentence (data, 8, 20);
          if (i > 0)
            g_string_append_c (s, ' ');
          g_string_append (s, t);
        }
    }
  return g_string_free (s, FALSE);
}

static JsonArray *
tags (CaucusBenchData *data,
      guint            max)
{
  JsonArray *array = json_array_new ();
  guint n = (guint) g_rand_int_range (data->rand, 1, (gint32) max + 1);

  for (guint i = 0; i < n; i++)
    json_array_add_string_element (array, PICK (expertise));
  return array;
}

static void
add_common (CaucusBenchData *data,
            JsonObject      *doc,
            const char      *type,
            guint            index)
{
  g_autofree char *id = g_strdup_printf ("%s:%06u", type, index);
  g_autofree char *when = g_strdup_printf ("2024-%02d-%02dT%02d:%02d:00Z",
                                           g_rand_int_range (data->rand, 1, 13),
                                           g_rand_int_range (data->rand, 1, 29),
                                           g_rand_int_range (data->rand, 0, 24),
                                           g_rand_int_range (data->rand, 0, 60));

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", type);
  json_object_set_string_member (doc, "created", when);
  json_object_set_string_member (doc, "updated", when);
  json_object_set_string_member (doc, "updated_by", "person:000042");
}

static JsonObject *
make_org (CaucusBenchData *data,
          guint            index)
{
  JsonObject *doc = json_object_new ();
  g_autofree char *name = g_strdup_printf ("%s %s", PICK (org_words), PICK (cities));
  g_autofree char *website = g_strdup_printf ("https://org%u.example.org/", index);
  g_autofree char *notes = paragraphs (data, 1, 2);
  JsonArray *accreditations = json_array_new ();
  JsonObject *acc = json_object_new ();
  JsonArray *ctry = json_array_new ();

  add_common (data, doc, "org", index);
  json_object_set_string_member (doc, "name", name);
  json_object_set_string_member (doc, "short_name", PICK (org_words));
  json_object_set_string_member (doc, "kind", PICK (kinds));
  json_object_set_string_member (doc, "regional_group", PICK (regional_groups));
  json_array_add_string_element (ctry, PICK (countries));
  json_object_set_array_member (doc, "countries", ctry);
  json_object_set_string_member (doc, "website", website);
  json_object_set_string_member (doc, "email", "contact@example.org");
  json_object_set_array_member (doc, "expertise", tags (data, 4));
  json_object_set_string_member (acc, "body", "ECOSOC");
  json_object_set_string_member (acc, "status", "consultative");
  json_object_set_string_member (acc, "since", "2015-06-01");
  json_array_add_object_element (accreditations, acc);
  json_object_set_array_member (doc, "accreditations", accreditations);
  json_object_set_array_member (doc, "tags", tags (data, 3));
  json_object_set_string_member (doc, "notes", notes);
  return doc;
}

static JsonObject *
make_person (CaucusBenchData *data,
             guint            index)
{
  JsonObject *doc = json_object_new ();
  g_autofree char *name = person_name (data);
  g_autofree char *org_id = g_strdup_printf ("org:%06u", earlier (data, index, 0, 3));
  g_autofree char *email = g_strdup_printf ("person%u@example.net", index);
  g_autofree char *bio = paragraphs (data, 1, 3);
  JsonArray *languages = json_array_new ();

  add_common (data, doc, "person", index);
  json_object_set_string_member (doc, "name", name);
  json_object_set_string_member (doc, "org_id", org_id);
  json_object_set_string_member (doc, "title", "Policy Director");
  json_object_set_string_member (doc, "email", email);
  json_object_set_string_member (doc, "phone", "+41 22 555 01 23");
  json_object_set_string_member (doc, "country", PICK (countries));
  json_object_set_string_member (doc, "regional_group", PICK (regional_groups));
  json_array_add_string_element (languages, "en");
  json_array_add_string_element (languages, g_rand_boolean (data->rand) ? "fr" : "ar");
  json_object_set_array_member (doc, "languages", languages);
  json_object_set_array_member (doc, "expertise", tags (data, 3));
  json_object_set_string_member (doc, "bio", bio);
  json_object_set_array_member (doc, "tags", tags (data, 2));
  return doc;
}

static JsonObject *
make_event (CaucusBenchData *data,
            guint            index)
{
  JsonObject *doc = json_object_new ();
  JsonObject *location = json_object_new ();
  JsonArray *roles = json_array_new ();
  g_autofree char *title = g_strdup_printf ("%s: %s %s", PICK (session_formats),
                                            PICK (expertise), PICK (text_words));
  g_autofree char *description = paragraphs (data, 1, 4);
  guint root = (index / CONFERENCE_SPAN) * CONFERENCE_SPAN + EVENT_FIRST;
  guint day = (guint) g_rand_int_range (data->rand, 1, 29);
  guint hour = (guint) g_rand_int_range (data->rand, 7, 18);
  g_autofree char *start = g_strdup_printf ("2024-11-%02uT%02u:00:00Z", day, hour);
  g_autofree char *end = g_strdup_printf ("2024-11-%02uT%02u:30:00Z", day, hour + 1);
  g_autofree char *room = g_strdup_printf ("Room %u", g_rand_int_range (data->rand, 1, 40));

  add_common (data, doc, "event", index);
  /* Every CONFERENCE_SPAN documents one conference, whose sessions follow it. */
  if (index == root)
    json_object_set_string_member (doc, "kind", "conference");
  else
    {
      g_autofree char *parent = g_strdup_printf ("event:%06u", root);

      json_object_set_string_member (doc, "kind", "session");
      json_object_set_string_member (doc, "parent_id", parent);
    }
  json_object_set_string_member (doc, "title", title);
  json_object_set_string_member (doc, "start", start);
  json_object_set_string_member (doc, "end", end);
  json_object_set_string_member (doc, "time_zone", "Europe/Zurich");
  json_object_set_boolean_member (doc, "all_day", FALSE);
  json_object_set_string_member (location, "venue", "Palais des Nations");
  json_object_set_string_member (location, "room", room);
  json_object_set_string_member (location, "city", PICK (cities));
  json_object_set_string_member (location, "country", PICK (countries));
  json_object_set_object_member (doc, "location", location);
  json_object_set_string_member (doc, "format", PICK (session_formats));
  json_object_set_string_member (doc, "description", description);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *role = json_object_new ();
      g_autofree char *pid = g_strdup_printf ("person:%06u", earlier (data, index, PERSON_FIRST, 8));
      static const char *const role_names[] = { "speaker", "moderator", "rapporteur" };

      json_object_set_string_member (role, "person_id", pid);
      json_object_set_string_member (role, "role", role_names[i]);
      json_array_add_object_element (roles, role);
    }
  json_object_set_array_member (doc, "roles", roles);
  json_object_set_string_member (doc, "status", "confirmed");
  json_object_set_array_member (doc, "tags", tags (data, 3));
  return doc;
}

static JsonObject *
make_statement (CaucusBenchData *data,
                guint            index)
{
  JsonObject *doc = json_object_new ();
  g_autofree char *title = g_strdup_printf ("Joint statement on %s and %s", PICK (expertise), PICK (expertise));
  g_autofree char *body = paragraphs (data, (guint) g_rand_int_range (data->rand, 3, 8), 5);

  add_common (data, doc, "statement", index);
  json_object_set_string_member (doc, "title", title);
  json_object_set_string_member (doc, "body", body);
  json_object_set_string_member (doc, "language", "en");
  json_object_set_string_member (doc, "status", PICK (statuses));
  json_object_set_string_member (doc, "forum", "IGF 2024");
  json_object_set_string_member (doc, "sign_on_deadline", "2024-12-01T23:59:00Z");
  json_object_set_array_member (doc, "tags", tags (data, 3));
  return doc;
}

JsonObject *
caucus_bench_data_document (CaucusBenchData *data,
                            guint            index)
{
  guint bucket = index % 20;

  if (bucket < 3)
    return make_org (data, index);
  if (bucket < 11)
    return make_person (data, index);
  if (bucket < 18)
    return make_event (data, index);
  return make_statement (data, index);
}

char *
caucus_bench_data_query (CaucusBenchData *data)
{
  GString *q = g_string_new (NULL);
  g_autofree char *name = NULL;
  const char *last;
  glong len, cut;
  int kind = g_rand_int_range (data->rand, 0, 4);

  /* half the time a person's name (as a delegate looks someone up), else an
   * organisation or city, or any word of the vocabulary */
  if (kind <= 1)
    {
      g_auto(GStrv) parts = NULL;

      name = person_name (data);
      parts = g_strsplit (name, " ", 2);
      if (parts[1] != NULL && kind == 0)
        {
          g_string_append (q, parts[0]);
          g_string_append_c (q, ' ');
          last = parts[1];
        }
      else
        last = parts[parts[1] != NULL ? 1 : 0];
      len = g_utf8_strlen (last, -1);
      cut = g_rand_int_range (data->rand, 3, 7);  /* not inside MIN: it would draw twice */
      cut = MIN (len, cut);
      if (len <= 2)
        cut = len;
      g_string_append_len (q, last, g_utf8_offset_to_pointer (last, cut) - last);
      return g_string_free (q, FALSE);
    }
  last = kind == 2 ? (g_rand_boolean (data->rand) ? PICK (cities) : PICK (org_words)) : PICK (text_words);
  len = g_utf8_strlen (last, -1);
  cut = g_rand_int_range (data->rand, 3, 7);  /* not inside MIN: it would draw twice */
  cut = MIN (len, cut);
  g_string_append_len (q, last, g_utf8_offset_to_pointer (last, cut) - last);
  return g_string_free (q, FALSE);
}

/* A revision id's hash: 32 hex digits, from the generator's own sequence. */
static char *
rev_hash (CaucusBenchData *data)
{
  return g_strdup_printf ("%08x%08x%08x%08x", g_rand_int (data->rand), g_rand_int (data->rand),
                          g_rand_int (data->rand), g_rand_int (data->rand));
}

/* @doc at generation @start, its ancestors' hashes after its own. */
static void
set_history (JsonObject         *doc,
             guint               start,
             const char * const *hashes)
{
  JsonObject *revisions = json_object_new ();
  JsonArray *ids = json_array_new ();
  g_autofree char *rev = g_strdup_printf ("%u-%s", start, hashes[0]);

  for (guint i = 0; hashes[i] != NULL; i++)
    json_array_add_string_element (ids, hashes[i]);
  json_object_set_string_member (doc, "_rev", rev);
  json_object_set_int_member (revisions, "start", start);
  json_object_set_array_member (revisions, "ids", ids);
  json_object_set_object_member (doc, "_revisions", revisions);
}

/* A deep copy (json_node_copy shares the members of an object). */
static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(JsonNode) copy = json_from_string (text, NULL);

  return json_object_ref (json_node_get_object (copy));
}

guint
caucus_bench_data_replicated (CaucusBenchData *data,
                              guint            index,
                              JsonArray       *into)
{
  g_autoptr(JsonObject) doc = caucus_bench_data_document (data, index);
  g_autofree char *h1 = rev_hash (data);
  g_autofree char *h2 = rev_hash (data);
  const char *history[] = { h2, h1, NULL };

  if (index % 50 == 7)
    {
      /* a tombstone: deleted at generation 3 */
      g_autofree char *h3 = rev_hash (data);
      const char *deleted[] = { h3, h2, h1, NULL };
      JsonObject *tombstone = json_object_new ();

      json_object_set_string_member (tombstone, "_id", json_object_get_string_member (doc, "_id"));
      json_object_set_boolean_member (tombstone, "_deleted", TRUE);
      set_history (tombstone, 3, deleted);
      json_array_add_object_element (into, tombstone);
      return 1;
    }
  set_history (doc, 2, history);
  if (index % 40 == 13)
    {
      /* a conflict: a second edit of generation 1 made elsewhere, both leaves kept */
      g_autofree char *h2b = rev_hash (data);
      const char *other[] = { h2b, h1, NULL };
      g_autoptr(JsonObject) sibling = copy_object (doc);
      const char *field = json_object_has_member (sibling, "title") ? "title" : "name";
      g_autofree char *edited = g_strconcat (json_object_get_string_member (sibling, field),
                                             " (edited offline)", NULL);

      json_object_set_string_member (sibling, field, edited);
      json_object_set_string_member (sibling, "updated_by", "person:000003");
      set_history (sibling, 2, other);
      json_array_add_object_element (into, g_steal_pointer (&sibling));
      json_array_add_object_element (into, g_steal_pointer (&doc));
      return 2;
    }
  json_array_add_object_element (into, g_steal_pointer (&doc));
  return 1;
}
