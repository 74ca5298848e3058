/* pack-fixture.c: a small workspace for the briefing-pack tests — a conference in Berlin over
 * the October 2024 change from summer time, people with names in several scripts, a statement
 * with versions and signatures, and a background paper made on the spot with cairo. */
#include "pack-fixture.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "caucus-pack-error.h"
#include "caucus-pack-layout.h"

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PDF of @n_pages pages, each saying "<label> page N". */
GBytes *
pack_fixture_make_pdf (guint       n_pages,
                       const char *label)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, 420, 595);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s page %u", label, i + 1);

      cairo_set_source_rgb (cr, 0.2, 0.3, 0.6);
      cairo_rectangle (cr, 40, 40, 340, 30);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 16);
      cairo_move_to (cr, 40, 120);
      cairo_show_text (cr, text);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

static const char *fixture_json =
"["
"{\"_id\":\"event:forum\",\"type\":\"event\",\"kind\":\"conference\","
" \"title\":\"Digital Rights Forum 2024\",\"start\":\"2024-10-26T06:00:00Z\",\"end\":\"2024-10-27T16:00:00Z\","
" \"time_zone\":\"Europe/Berlin\",\"location\":{\"venue\":\"Kulturbrauerei\",\"city\":\"Berlin\",\"country\":\"DE\"},"
" \"roles\":[{\"person_id\":\"person:amina\",\"role\":\"organiser\"}]},"
"{\"_id\":\"event:s1\",\"type\":\"event\",\"kind\":\"session\",\"parent_id\":\"event:forum\","
" \"title\":\"Opening plenary: Internet governance after WSIS+20\",\"start\":\"2024-10-26T07:00:00Z\",\"end\":\"2024-10-26T08:30:00Z\","
" \"time_zone\":\"Europe/Berlin\",\"format\":\"Round table\",\"location\":{\"room\":\"Hall A\",\"online_url\":\"https://meet.example.org/opening\"},"
" \"description\":\"Where do we stand? See the [WSIS review](https://example.org/wsis).\","
" \"roles\":[{\"person_id\":\"person:amina\",\"role\":\"moderator\"},{\"person_id\":\"person:lukasz\",\"role\":\"speaker\"},"
"           {\"person_id\":\"person:wei\",\"role\":\"speaker\"},{\"person_id\":\"person:david\",\"role\":\"speaker\"},"
"           {\"name\":\"Guest Speaker\",\"role\":\"speaker\"}]},"
"{\"_id\":\"event:s2\",\"type\":\"event\",\"kind\":\"session\",\"parent_id\":\"event:forum\","
" \"title\":\"جلسة حول حقوق الإنسان الرقمية\",\"start\":\"2024-10-27T08:00:00Z\",\"end\":\"2024-10-27T09:30:00Z\","
" \"time_zone\":\"Europe/Berlin\",\"format\":\"Workshop\",\"location\":{\"room\":\"Room 2\"},"
" \"roles\":[{\"person_id\":\"person:amina\",\"role\":\"speaker\"},{\"person_id\":\"person:zoe\",\"role\":\"rapporteur\"}]},"
"{\"_id\":\"event:s3\",\"type\":\"event\",\"kind\":\"session\",\"parent_id\":\"event:forum\","
" \"title\":\"Night-owl online caucus\",\"start\":\"2024-10-27T03:30:00Z\",\"end\":\"2024-10-27T04:15:00Z\","
" \"time_zone\":\"Europe/Berlin\",\"format\":\"Online\"},"
"{\"_id\":\"event:d1\",\"type\":\"event\",\"kind\":\"deadline\",\"parent_id\":\"event:forum\","
" \"title\":\"Sign-on closes for the joint statement\",\"start\":\"2024-10-25T21:59:00Z\",\"time_zone\":\"Europe/Zurich\","
" \"owner_ids\":[\"org:access\"],\"description\":\"Send names to the *coordinators*.\"},"
"{\"_id\":\"org:access\",\"type\":\"org\",\"name\":\"Access Now\",\"short_name\":\"AN\",\"kind\":\"civil-society\","
" \"regional_group\":\"WEOG\",\"countries\":[\"US\",\"BE\"],\"website\":\"https://www.accessnow.org\","
" \"expertise\":[\"human rights\",\"connectivity\"],\"accreditations\":[{\"body\":\"ECOSOC\",\"status\":\"special\",\"since\":\"2015\"}]},"
"{\"_id\":\"org:medusa\",\"type\":\"org\",\"name\":\"Digital Medusa\",\"kind\":\"civil-society\",\"regional_group\":\"Asia-Pacific\"},"
"{\"_id\":\"org:cn\",\"type\":\"org\",\"name\":\"中国互联网协会\",\"kind\":\"technical\",\"regional_group\":\"Asia-Pacific\"},"
"{\"_id\":\"org:smex\",\"type\":\"org\",\"name\":\"منظمة تبادل الإعلام الاجتماعي\",\"kind\":\"civil-society\",\"regional_group\":\"Asia-Pacific\"},"
"{\"_id\":\"person:amina\",\"type\":\"person\",\"name\":\"أمينة الحسن\",\"org_id\":\"org:smex\",\"title\":\"Policy lead\","
" \"country\":\"LB\",\"bio\":\"Works on **platform accountability** across the region.\"},"
"{\"_id\":\"person:lukasz\",\"type\":\"person\",\"name\":\"Łukasz Wiśniewski\",\"org_id\":\"org:access\",\"title\":\"Senior counsel\","
" \"bio\":\"Former *rapporteur*; writes at [his blog](https://lukasz.example.net).\"},"
"{\"_id\":\"person:wei\",\"type\":\"person\",\"name\":\"王伟\",\"org_id\":\"org:cn\",\"title\":\"研究员\",\"bio\":\"研究互联网治理。\"},"
"{\"_id\":\"person:david\",\"type\":\"person\",\"name\":\"דוד כהן\",\"org_id\":\"org:access\",\"bio\":\"חוקר זכויות דיגיטליות.\"},"
"{\"_id\":\"person:zoe\",\"type\":\"person\",\"name\":\"Zoë Bénédicte Ørsted\",\"org_id\":\"org:medusa\"},"
"{\"_id\":\"statement:joint\",\"type\":\"statement\",\"title\":\"Joint civil society statement on WSIS+20\","
" \"event_id\":\"event:forum\",\"status\":\"consultation\",\"language\":\"en\",\"sign_on_deadline\":\"2024-10-25T21:59:00Z\","
" \"body\":\"We, the undersigned organisations, call on all states to protect an open and interoperable Internet.\\n\\n"
"1. Keep the IGF mandate permanent.\\n2. Fund participation from the Global South.\"},"
"{\"_id\":\"version:zero\",\"type\":\"statement-version\",\"statement_id\":\"statement:joint\",\"name\":\"Zero draft\","
" \"created\":\"2024-09-01T10:00:00Z\",\"body\":\"We, the undersigned, call on states to protect a free Internet.\\n\\n"
"1. Keep the IGF mandate.\"},"
"{\"_id\":\"version:first\",\"type\":\"statement-version\",\"statement_id\":\"statement:joint\",\"name\":\"First draft\","
" \"created\":\"2024-10-01T10:00:00Z\",\"body\":\"We, the undersigned organisations, call on states to protect an open Internet.\\n\\n"
"1. Keep the IGF mandate permanent.\"},"
"{\"_id\":\"sig:1\",\"type\":\"signature\",\"statement_id\":\"statement:joint\",\"org_id\":\"org:access\",\"version_id\":\"version:first\","
" \"signed_by\":\"Peter M.\",\"signed_at\":\"2024-10-02T09:00:00Z\"},"
"{\"_id\":\"sig:2\",\"type\":\"signature\",\"statement_id\":\"statement:joint\",\"org_id\":\"org:smex\",\"version_id\":\"version:first\","
" \"signed_by\":\"أمينة الحسن\",\"signed_at\":\"2024-10-03T09:00:00Z\"},"
"{\"_id\":\"sig:3\",\"type\":\"signature\",\"statement_id\":\"statement:joint\",\"org_id\":\"org:medusa\",\"version_id\":\"version:first\","
" \"signed_by\":\"F. B.\",\"signed_at\":\"2024-10-03T09:00:00Z\",\"withdrawn_at\":\"2024-10-04T09:00:00Z\"},"
"{\"_id\":\"pack:forum\",\"type\":\"pack\",\"title\":\"Briefing pack: Digital Rights Forum\",\"event_id\":\"event:forum\","
" \"author\":\"Caucus Secretariat\","
" \"intro\":\"Welcome to Berlin. Read this pack **before** the meeting; background at <https://bestbits.example.net/pack>.\\n\\n"
"## Objectives\\n\\n"
"- Broaden participation\\n  - especially from the *Global South*\\n  - and from `tech` communities\\n- Amplify civil society\\n\\n"
"1. First ordered\\n2. Second ordered\\n\\n"
"> Quoted wisdom from the last meeting.\\n\\n"
"| Stream | Lead | Output |\\n|:-------|------|-------:|\\n| WCIT statement | Access Now | Draft text |\\n| IG principles | **Digital Medusa** | Roadmap |\\n\\n"
"---\\n\\n"
"Hostile text stays text: <script>alert(1)</script> & 5 < 6 <b>unclosed and &amp; entity, </i>stray<i> tags.\\n\\n"
"Morning session 1 <b>History and review</b> <ul style=list-style-type:none> <li>• Mapping institutions</li> <li>• Last 20 years</li> </ul>\\n\\n"
"<p>Afternoon: <b>Streams return</b></p>\\n<ul><li>Next steps &amp; close</li></ul>\\n\\n"
"الإنترنت حق للجميع وليس امتيازاً.\\n\\n- البند الأول\\n- البند الثاني\\n\\n> اقتباس من الاجتماع السابق\\n\\n中文段落：互联网治理论坛欢迎您。\","
" \"sections\":[\"introduction\",{\"kind\":\"agenda\"},{\"kind\":\"people\"},{\"kind\":\"organisations\"},"
"  {\"kind\":\"statements\",\"items\":[{\"statement_id\":\"statement:joint\",\"redline\":true}]},"
"  {\"kind\":\"deadlines\"},{\"kind\":\"background-papers\",\"papers\":[{\"attachment\":\"itrs.pdf\",\"title\":\"The ITRs explained\",\"note\":\"Two pages\"}]},"
"  {\"kind\":\"free-text\",\"title\":\"Practical information\",\"body\":\"Bring your **badge**.\"},"
"  {\"kind\":\"free-text\",\"title\":\"Hidden section\",\"enabled\":false,\"body\":\"Not shown\"}]}"
"]";

const char *
pack_fixture_json (void)
{
  return fixture_json;
}

CaucusPackSources *
pack_fixture_new_sources (void)
{
  CaucusPackSources *sources = caucus_pack_sources_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) paper = pack_fixture_make_pdf (2, "Background paper");

  if (!caucus_pack_sources_add_json (sources, fixture_json, &error))
    g_error ("fixture: %s", error->message);
  caucus_pack_sources_add_attachment (sources, "pack:forum", "itrs.pdf", paper);
  return sources;
}

void
pack_fixture_assert_dir_empty (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name = d != NULL ? g_dir_read_name (d) : NULL;

  if (name != NULL)
    g_error ("left behind: %s", name);
}

void
pack_fixture_assert_render_fails (CaucusPackSources *sources,
                                  const char        *pack_id,
                                  const char        *home_zone,
                                  gint               code,
                                  const char        *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("caucus-pack-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pack.pdf", NULL);
  CaucusPackOptions options;

  caucus_pack_options_init (&options);
  options.home_zone = home_zone;
  g_assert_false (caucus_pack_render_to_file (sources, pack_id, &options, path, NULL, NULL, NULL, &error));
  g_assert_error (error, CAUCUS_PACK_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, fragment);
  pack_fixture_assert_dir_empty (dir);
  g_rmdir (dir);
}
