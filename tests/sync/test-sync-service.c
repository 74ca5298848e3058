/* test-sync-service.c — the sync service against pouchdb-server with a fake network
 * monitor: first sync, debounced push of local edits, long-poll pull of remote edits,
 * offline/online catch-up, conflicts reported, refused credentials stop retrying. */
#include "sync-test-util.h"
#include "caucus-sync-service.h"

#include <libsoup/soup.h>
#include <string.h>

/* ---- a network monitor the test controls ------------------------------------------- */

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor {
  GObject  parent_instance;
  gboolean available;
};

enum { MON_PROP_0, MON_PROP_AVAILABLE, MON_PROP_METERED, MON_PROP_CONNECTIVITY };

static gboolean
test_monitor_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  return TRUE;
}

static void
test_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

G_DEFINE_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_iface_init)
                         G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_iface_init))

static void
test_monitor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MON_PROP_AVAILABLE: g_value_set_boolean (value, self->available); break;
    case MON_PROP_METERED: g_value_set_boolean (value, FALSE); break;
    case MON_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MON_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MON_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MON_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

static void
test_monitor_set_available (TestMonitor *self,
                            gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

/* ---- helpers ----------------------------------------------------------------------- */

static TestPouch *pouch;

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_until (Condition cond,
            gpointer  data,
            guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  return TRUE;
}

static gboolean
is_up_to_date (gpointer data)
{
  return caucus_sync_service_get_state (data) == CAUCUS_SYNC_STATE_UP_TO_DATE;
}

typedef struct {
  const char *url;
  const char *rev_prefix;   /* NULL: any */
} RemoteDoc;

static gboolean
remote_has (gpointer data)
{
  RemoteDoc *d = data;
  guint status = 0;
  g_autoptr(JsonNode) doc = test_http ("GET", d->url, NULL, &status);

  if (status != 200)
    return FALSE;
  return d->rev_prefix == NULL ||
         g_str_has_prefix (json_object_get_string_member (json_node_get_object (doc), "_rev"), d->rev_prefix);
}

typedef struct {
  CaucusStore *store;
  const char  *id;
} LocalDoc;

static gboolean
local_has (gpointer data)
{
  LocalDoc *d = data;
  g_autoptr(JsonObject) doc = caucus_store_get (d->store, d->id, NULL, NULL);
  return doc != NULL;
}

static void
conflicts_cb (CaucusSyncService  *service,
              const char * const *ids,
              GPtrArray          *seen)
{
  for (guint i = 0; ids[i]; i++)
    g_ptr_array_add (seen, g_strdup (ids[i]));
}

static void
state_cb (CaucusSyncService *service)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CAUCUS_TYPE_SYNC_STATE);
  g_test_message ("state: %s %s", g_enum_get_value (klass, caucus_sync_service_get_state (service))->value_nick,
                  caucus_sync_service_get_error_message (service) ? caucus_sync_service_get_error_message (service) : "");
}

static gboolean
has_conflicts (gpointer data)
{
  return caucus_sync_service_get_conflicts (data) > 0;
}

/* ---- the test ---------------------------------------------------------------------- */

static void
test_service_lifecycle (void)
{
  g_autoptr(TestStore) ts = test_store_new ();
  g_autofree char *url = test_pouch_new_db (pouch, "service");
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autoptr(CaucusSyncService) service = NULL;
  g_autoptr(GPtrArray) conflicted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *doc_url = g_strdup_printf ("%s/org:live", url);
  g_autofree char *remote_url = g_strdup_printf ("%s/remote:1", url);
  g_autofree char *offline_url = g_strdup_printf ("%s/offline:1", url);
  g_autofree char *rev = NULL;
  g_autofree char *edit = NULL;
  gint64 t0;
  RemoteDoc rd;
  LocalDoc ld;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"seed:%u\",\"type\":\"org\"}", i);
      g_free (test_put (ts->store, json));
    }
  service = caucus_sync_service_new (ts->store, url, NULL, G_NETWORK_MONITOR (monitor));
  caucus_sync_service_set_push_delay (service, 200);
  /* pouchdb-server sends long-poll heartbeats every 6 s. */
  caucus_sync_service_set_timeout (service, 10);
  g_signal_connect (service, "conflicts-detected", G_CALLBACK (conflicts_cb), conflicted);
  g_signal_connect (service, "notify::state", G_CALLBACK (state_cb), NULL);
  g_signal_connect (service, "notify::error-message", G_CALLBACK (state_cb), NULL);
  caucus_sync_service_start (service);
  g_assert_true (wait_until (is_up_to_date, service, 15000));
  g_assert_nonnull (caucus_sync_service_get_last_synced (service));
  rd = (RemoteDoc) { g_strdup_printf ("%s/seed:9", url), NULL };
  g_assert_true (wait_until (remote_has, &rd, 5000));
  g_free ((char *) rd.url);

  /* A local edit reaches the server about push-delay later. */
  rev = test_put (ts->store, "{\"_id\":\"org:live\",\"type\":\"org\",\"name\":\"Live\"}");
  t0 = g_get_monotonic_time ();
  rd = (RemoteDoc) { doc_url, "1-" };
  g_assert_true (wait_until (remote_has, &rd, 5000));
  g_test_message ("local edit on the server after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - t0) / 1000);

  /* A remote edit arrives through the long-poll. */
  g_clear_pointer (&edit, g_free);
  {
    g_autoptr(JsonNode) put = test_http ("PUT", remote_url, "{\"type\":\"event\",\"title\":\"Side event\"}", NULL);
  }
  ld = (LocalDoc) { ts->store, "remote:1" };
  t0 = g_get_monotonic_time ();
  g_assert_true (wait_until (local_has, &ld, 5000));
  g_test_message ("remote edit local after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - t0) / 1000);

  /* Offline: nothing moves; back online: both sides catch up. */
  test_monitor_set_available (monitor, FALSE);
  g_assert_cmpint (caucus_sync_service_get_state (service), ==, CAUCUS_SYNC_STATE_OFFLINE);
  g_free (test_put (ts->store, "{\"_id\":\"offline:1\",\"type\":\"org\",\"name\":\"edited on the plane\"}"));
  {
    g_autofree char *u = g_strdup_printf ("%s/remote:2", url);
    g_autoptr(JsonNode) put = test_http ("PUT", u, "{\"type\":\"event\",\"title\":\"Added while we flew\"}", NULL);
  }
  for (guint i = 0; i < 60; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  rd = (RemoteDoc) { offline_url, NULL };
  g_assert_false (remote_has (&rd));
  test_monitor_set_available (monitor, TRUE);
  g_assert_true (wait_until (remote_has, &rd, 10000));
  ld = (LocalDoc) { ts->store, "remote:2" };
  g_assert_true (wait_until (local_has, &ld, 10000));
  g_assert_true (wait_until (is_up_to_date, service, 10000));

  /* A conflicting revision from elsewhere: reported, counted. */
  {
    g_autoptr(JsonObject) mine = caucus_store_get (ts->store, "org:live", NULL, &error);
    g_autofree char *bulk = g_strdup (
      "{\"new_edits\":false,\"docs\":[{\"_id\":\"org:live\",\"_rev\":\"2-ffffffffffffffffffffffffffffffff\","
      "\"type\":\"org\",\"name\":\"Their edit\",\"_revisions\":{\"start\":2,\"ids\":"
      "[\"ffffffffffffffffffffffffffffffff\",\"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\"]}}]}");
    g_assert_nonnull (mine);
    g_autofree char *bulk_url = g_strdup_printf ("%s/_bulk_docs", url);
    g_autoptr(JsonNode) answer = test_http ("POST", bulk_url, bulk, NULL);
  }
  g_assert_true (wait_until (has_conflicts, service, 10000));
  g_assert_cmpuint (caucus_sync_service_get_conflicts (service), ==, 1);
  g_assert_cmpuint (conflicted->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (conflicted, 0), ==, "org:live");

  caucus_sync_service_stop (service);
  g_assert_cmpint (caucus_sync_service_get_state (service), ==, CAUCUS_SYNC_STATE_STOPPED);
}

/* ---- refused credentials ----------------------------------------------------------- */

static guint auth_requests;

static void
refuse_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  static const char body[] = "{\"error\":\"unauthorized\",\"reason\":\"Name or password is incorrect.\"}";

  auth_requests++;
  soup_server_message_set_status (msg, 401, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

static gboolean
is_error (gpointer data)
{
  return caucus_sync_service_get_state (data) == CAUCUS_SYNC_STATE_ERROR;
}

static void
test_refused_credentials (void)
{
  g_autoptr(TestStore) ts = test_store_new ();
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autoptr(CaucusSyncService) service = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;
  guint after_error;

  soup_server_add_handler (server, NULL, refuse_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://ana:wrong@127.0.0.1:%d/ws", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  service = caucus_sync_service_new (ts->store, url, NULL, G_NETWORK_MONITOR (monitor));
  caucus_sync_service_start (service);
  g_assert_true (wait_until (is_error, service, 10000));
  g_assert_nonnull (strstr (caucus_sync_service_get_error_message (service), "refused these credentials"));
  after_error = auth_requests;
  /* No loop: it waits for new credentials. */
  for (guint i = 0; i < 100; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpuint (auth_requests, ==, after_error);
  g_assert_cmpint (caucus_sync_service_get_state (service), ==, CAUCUS_SYNC_STATE_ERROR);
  caucus_sync_service_stop (service);
}

/* Dropping a running service (without stop()) disposes it and ends its replications. */
static void
test_dropped_while_running (void)
{
  g_autoptr(TestStore) ts = test_store_new ();
  g_autofree char *url = test_pouch_new_db (pouch, "dropped");
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  CaucusSyncService *service = caucus_sync_service_new (ts->store, url, NULL, G_NETWORK_MONITOR (monitor));
  gpointer weak = service;

  caucus_sync_service_set_timeout (service, 10);
  g_object_add_weak_pointer (G_OBJECT (service), &weak);
  caucus_sync_service_start (service);
  g_assert_true (wait_until (is_up_to_date, service, 15000));
  g_object_unref (service);
  g_assert_null (weak);
  /* Let the cancelled replications report back; nothing may touch the dead service. */
  for (guint i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!test_have_node ())
    return TEST_SKIP_EXIT;
  /* No keyring in tests: the password comes from the URL or nowhere. */
  g_unsetenv ("CAUCUS_PASSWORD");
  pouch = test_pouch_start (NULL);
  g_test_add_func ("/sync/service/lifecycle", test_service_lifecycle);
  g_test_add_func ("/sync/service/refused-credentials", test_refused_credentials);
  g_test_add_func ("/sync/service/dropped-while-running", test_dropped_while_running);
  ret = g_test_run ();
  test_pouch_stop (pouch);
  return ret;
}
