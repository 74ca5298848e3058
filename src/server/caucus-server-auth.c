/* caucus-server-auth.c — Basic and AuthSession cookie authentication, failed-login throttling.
 *
 * argon2id is slow by design (tens of milliseconds and 64 MiB per check), and a replicator
 * using Basic auth sends the password with every request.  A successful Basic verification is
 * therefore remembered in memory for basic-cache-seconds, keyed by a keyed BLAKE2b hash of
 * the credentials (the password itself is never kept); the entry also records the stored hash
 * so that a password change or user removal invalidates it at once.
 *
 * AuthSession cookies are base64url("NAME:EXPIRY:MAC") where MAC is HMAC-SHA256 over NAME,
 * EXPIRY and the user's stored password hash with the per-server secret: they expire after
 * session-timeout seconds, are refreshed once half of that has passed, and stop working when
 * the password changes.
 *
 * Failed logins (Basic or POST /_session) are counted per remote address: each answer is
 * delayed by login-delay-ms times the count so far, and after login-max-failures the address
 * gets 429 for login-lockout-seconds.
 *
 * Request methods outside HTTP's and CouchDB's own are counted per address too, because
 * libsoup 3.2 keeps every method it parses for the life of the process (g_intern_string):
 * after login-max-failures of them within login-lockout-seconds, the address's
 * connections are closed before libsoup reads another request line from them.
 */
#include "caucus-server-private.h"

#include <sodium.h>
#include <string.h>

typedef struct {
  char   *name;
  char   *hash;
  gint64  expires_us;
} BasicEntry;

typedef struct {
  guint  failures;
  gint64 last_us;
  gint64 locked_until_us;
} FailureEntry;

typedef struct {
  guint  count;
  gint64 last_us;
  gint64 cut_until_us;
} StrangeEntry;

struct _CaucusAuthState {
  GMutex      lock;
  GHashTable *basic;     /* hex key → BasicEntry */
  GHashTable *failures;  /* address → FailureEntry */
  GHashTable *strange;   /* address → StrangeEntry */
  guint8      cache_key[crypto_generichash_KEYBYTES];
};

static void
basic_entry_free (gpointer data)
{
  BasicEntry *entry = data;
  g_free (entry->name);
  g_free (entry->hash);
  g_free (entry);
}

CaucusAuthState *
caucus_auth_state_new (void)
{
  CaucusAuthState *state = g_new0 (CaucusAuthState, 1);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  g_mutex_init (&state->lock);
  state->basic = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, basic_entry_free);
  state->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->strange = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  randombytes_buf (state->cache_key, sizeof state->cache_key);
  return state;
}

void
caucus_auth_state_free (CaucusAuthState *state)
{
  if (state == NULL)
    return;
  g_hash_table_unref (state->basic);
  g_hash_table_unref (state->failures);
  g_hash_table_unref (state->strange);
  g_mutex_clear (&state->lock);
  sodium_memzero (state->cache_key, sizeof state->cache_key);
  g_free (state);
}

/* ---- throttling -------------------------------------------------------------------------- */

/* TRUE (and a 429 set) when @req's address is locked out. */
static gboolean
check_lockout (CaucusAuthState *state, CaucusRequest *req)
{
  FailureEntry *entry;
  gint64 now = g_get_monotonic_time ();
  gint64 remaining = 0;

  g_mutex_lock (&state->lock);
  entry = g_hash_table_lookup (state->failures, req->remote_host ? req->remote_host : "");
  if (entry && entry->locked_until_us > now)
    remaining = (entry->locked_until_us - now) / G_USEC_PER_SEC + 1;
  g_mutex_unlock (&state->lock);

  if (remaining > 0)
    {
      g_autofree char *retry = g_strdup_printf ("%" G_GINT64_FORMAT, remaining);
      g_autofree char *reason = g_strdup_printf (
          "Too many failed logins from this address; try again in %" G_GINT64_FORMAT " seconds.",
          remaining);
      caucus_request_add_header (req, "Retry-After", retry);
      caucus_request_respond_error (req, 429, "too_many_requests", reason);
      return TRUE;
    }
  return FALSE;
}

static void
record_failure (CaucusAuthState *state, CaucusRequest *req)
{
  FailureEntry *entry;
  const char *address = req->remote_host ? req->remote_host : "";
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&state->lock);
  entry = g_hash_table_lookup (state->failures, address);
  /* Forget failures that are older than the lockout window. */
  if (entry && now - entry->last_us > (gint64) req->limits.login_lockout_seconds * G_USEC_PER_SEC)
    {
      entry->failures = 0;
      entry->locked_until_us = 0;
    }
  if (entry == NULL)
    {
      entry = g_new0 (FailureEntry, 1);
      g_hash_table_insert (state->failures, g_strdup (address), entry);
    }
  entry->failures++;
  entry->last_us = now;
  if (entry->failures >= req->limits.login_max_failures)
    entry->locked_until_us = now + (gint64) req->limits.login_lockout_seconds * G_USEC_PER_SEC;
  req->delay_ms = MIN (req->limits.login_delay_ms * entry->failures, 5000);
  g_mutex_unlock (&state->lock);
}

/* ---- methods no client of ours sends ----------------------------------------------------- */

gboolean
caucus_auth_method_is_known (const char *method)
{
  static const char *const known[] = {
    "GET", "HEAD", "POST", "PUT", "DELETE", "COPY", "OPTIONS", "PATCH", "TRACE", "CONNECT",
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_strcmp0 (method, known[i]) == 0)
      return TRUE;
  return FALSE;
}

void
caucus_auth_note_strange_method (CaucusAuthState          *state,
                                 const char               *address,
                                 const CaucusServerLimits *limits)
{
  StrangeEntry *entry;
  gint64 now = g_get_monotonic_time ();
  gint64 window = (gint64) limits->login_lockout_seconds * G_USEC_PER_SEC;

  if (address == NULL)
    address = "";
  g_mutex_lock (&state->lock);
  entry = g_hash_table_lookup (state->strange, address);
  if (entry && now - entry->last_us > window)
    {
      entry->count = 0;
      entry->cut_until_us = 0;
    }
  if (entry == NULL)
    {
      entry = g_new0 (StrangeEntry, 1);
      g_hash_table_insert (state->strange, g_strdup (address), entry);
    }
  entry->count++;
  entry->last_us = now;
  if (entry->count >= limits->login_max_failures)
    entry->cut_until_us = now + window;
  g_mutex_unlock (&state->lock);
}

gboolean
caucus_auth_address_is_cut (CaucusAuthState *state,
                            const char      *address)
{
  StrangeEntry *entry;
  gboolean cut;

  g_mutex_lock (&state->lock);
  entry = g_hash_table_lookup (state->strange, address ? address : "");
  cut = entry != NULL && entry->cut_until_us > g_get_monotonic_time ();
  g_mutex_unlock (&state->lock);
  return cut;
}

static void
record_success (CaucusAuthState *state, CaucusRequest *req)
{
  g_mutex_lock (&state->lock);
  g_hash_table_remove (state->failures, req->remote_host ? req->remote_host : "");
  g_mutex_unlock (&state->lock);
}

/* ---- passwords ------------------------------------------------------------------------- */

static const char *
dummy_hash (void)
{
  static char *hash;
  static GMutex lock;

  g_mutex_lock (&lock);
  if (hash == NULL)
    hash = caucus_users_hash_password ("caucus-dummy-password", NULL);
  g_mutex_unlock (&lock);
  return hash;
}

/* Verifies @password for @name; returns the stored hash on success. */
static char *
verify_password (CaucusWorker *worker, const char *name, const char *password)
{
  g_autofree char *hash = caucus_users_get_hash (worker->users, name);

  if (hash == NULL)
    {
      /* Spend the same time as for a real user, so names cannot be probed by timing. */
      caucus_users_verify_hash (dummy_hash (), password);
      return NULL;
    }
  if (!caucus_users_verify_hash (hash, password))
    return NULL;
  return g_steal_pointer (&hash);
}

static char *
basic_cache_key (CaucusAuthState *state, const char *name, const char *password)
{
  guint8 digest[32];
  crypto_generichash_state h;
  char hex[sizeof digest * 2 + 1];

  crypto_generichash_init (&h, state->cache_key, sizeof state->cache_key, sizeof digest);
  crypto_generichash_update (&h, (const guint8 *) name, strlen (name) + 1);
  crypto_generichash_update (&h, (const guint8 *) password, strlen (password));
  crypto_generichash_final (&h, digest, sizeof digest);
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
  return g_strdup (hex);
}

static gboolean
check_credentials (CaucusWorker *worker, CaucusRequest *req, const char *name, const char *password)
{
  CaucusAuthState *state = caucus_server_get_auth_state (worker->server);
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;
  gint64 now = g_get_monotonic_time ();
  BasicEntry *entry;
  gboolean cached = FALSE;

  if (check_lockout (state, req))
    return FALSE;

  key = basic_cache_key (state, name, password);
  hash = caucus_users_get_hash (worker->users, name);
  g_mutex_lock (&state->lock);
  entry = g_hash_table_lookup (state->basic, key);
  if (entry && entry->expires_us > now && hash && g_strcmp0 (entry->hash, hash) == 0 &&
      g_strcmp0 (entry->name, name) == 0)
    cached = TRUE;
  else if (entry)
    g_hash_table_remove (state->basic, key);
  g_mutex_unlock (&state->lock);

  if (!cached && worker->main_thread)
    {
      /* argon2id takes ~0.1 s and 64 MiB: never on the main loop.  Nothing is answered or
       * recorded; the request goes to a worker, which checks it from the start. */
      req->needs_worker = TRUE;
      return FALSE;
    }
  if (!cached)
    {
      g_autofree char *verified = verify_password (worker, name, password);
      if (verified == NULL)
        {
          record_failure (state, req);
          caucus_request_respond_error (req, 401, "unauthorized", "Name or password is incorrect.");
          return FALSE;
        }
      record_success (state, req);
      if (req->limits.basic_cache_seconds > 0)
        {
          BasicEntry *fresh = g_new0 (BasicEntry, 1);
          fresh->name = g_strdup (name);
          fresh->hash = g_steal_pointer (&verified);
          fresh->expires_us = now + (gint64) req->limits.basic_cache_seconds * G_USEC_PER_SEC;
          g_mutex_lock (&state->lock);
          if (g_hash_table_size (state->basic) > 10000)
            g_hash_table_remove_all (state->basic);
          g_hash_table_replace (state->basic, g_steal_pointer (&key), fresh);
          g_mutex_unlock (&state->lock);
        }
    }
  req->user = g_strdup (name);
  return TRUE;
}

static gboolean
check_basic (CaucusWorker *worker, CaucusRequest *req, const char *encoded)
{
  gsize length = 0;
  g_autofree guchar *decoded = NULL;
  g_autofree char *text = NULL;
  char *colon = NULL;
  gboolean ok;

  while (*encoded == ' ')
    encoded++;
  decoded = g_base64_decode (encoded, &length);
  text = g_strndup ((const char *) decoded, length);
  if (decoded == NULL || strlen (text) != length || (colon = strchr (text, ':')) == NULL ||
      !g_utf8_validate (text, -1, NULL))
    {
      caucus_request_respond_error (req, 400, "bad_request", "Malformed Basic authorization header.");
      ok = FALSE;
    }
  else
    {
      *colon = '\0';
      ok = check_credentials (worker, req, text, colon + 1);
    }
  /* Nothing of the password stays in freed memory. */
  if (decoded)
    sodium_memzero (decoded, length);
  sodium_memzero (text, length);
  return ok;
}

/* ---- cookies --------------------------------------------------------------------------- */

static char *
cookie_mac (CaucusWorker *worker, const char *name, const char *expiry, const char *hash)
{
  g_autoptr(GBytes) secret = caucus_users_get_secret (worker->users);
  crypto_auth_hmacsha256_state h;
  guint8 mac[crypto_auth_hmacsha256_BYTES];
  char hex[sizeof mac * 2 + 1];
  gsize secret_len;
  const guint8 *secret_data = g_bytes_get_data (secret, &secret_len);

  crypto_auth_hmacsha256_init (&h, secret_data, secret_len);
  crypto_auth_hmacsha256_update (&h, (const guint8 *) name, strlen (name) + 1);
  crypto_auth_hmacsha256_update (&h, (const guint8 *) expiry, strlen (expiry) + 1);
  crypto_auth_hmacsha256_update (&h, (const guint8 *) hash, strlen (hash));
  crypto_auth_hmacsha256_final (&h, mac);
  sodium_bin2hex (hex, sizeof hex, mac, sizeof mac);
  return g_strdup (hex);
}

static void
add_session_cookie (CaucusWorker *worker, CaucusRequest *req, const char *name, const char *hash)
{
  gint64 expiry = g_get_real_time () / G_USEC_PER_SEC + req->limits.session_timeout;
  g_autofree char *expiry_hex = g_strdup_printf ("%" G_GINT64_MODIFIER "X", expiry);
  g_autofree char *mac = cookie_mac (worker, name, expiry_hex, hash);
  g_autofree char *plain = g_strdup_printf ("%s:%s:%s", name, expiry_hex, mac);
  g_autofree char *value = g_base64_encode ((const guchar *) plain, strlen (plain));
  g_autofree char *header = NULL;

  /* base64url without padding, as CouchDB does */
  for (char *p = value; *p; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        *p = '\0';
    }
  header = g_strdup_printf ("AuthSession=%s; Version=1; Path=/; Max-Age=%u; HttpOnly; SameSite=Lax%s",
                            value, req->limits.session_timeout,
                            req->limits.tls ? "; Secure" : "");
  caucus_request_add_header (req, "Set-Cookie", header);
}

static char *
find_cookie (const char *cookies, const char *wanted)
{
  g_auto(GStrv) parts = NULL;

  if (cookies == NULL)
    return NULL;
  parts = g_strsplit (cookies, ";", -1);
  for (guint i = 0; parts[i]; i++)
    {
      char *part = g_strstrip (parts[i]);
      gsize n = strlen (wanted);
      if (strncmp (part, wanted, n) == 0 && part[n] == '=')
        return g_strdup (part + n + 1);
    }
  return NULL;
}

static gboolean
check_cookie (CaucusWorker *worker, CaucusRequest *req, const char *value)
{
  g_autofree char *b64 = g_strdup (value);
  g_autofree guchar *decoded = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *mac = NULL;
  g_auto(GStrv) fields = NULL;
  gsize length = 0, len = strlen (b64);
  guint64 expiry = 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GString *padded;

  for (char *p = b64; *p; p++)
    {
      if (*p == '-')
        *p = '+';
      else if (*p == '_')
        *p = '/';
      else if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
        return FALSE;
    }
  padded = g_string_new (b64);
  while (len++ % 4 != 0)
    g_string_append_c (padded, '=');
  decoded = g_base64_decode (padded->str, &length);
  g_string_free (padded, TRUE);
  text = g_strndup ((const char *) decoded, length);
  if (strlen (text) != length || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  fields = g_strsplit (text, ":", -1);
  if (g_strv_length (fields) != 3 ||
      !g_ascii_string_to_unsigned (fields[1], 16, 0, G_MAXINT64, &expiry, NULL))
    return FALSE;
  if ((gint64) expiry < now)
    return FALSE;
  hash = caucus_users_get_hash (worker->users, fields[0]);
  if (hash == NULL)
    return FALSE;
  mac = cookie_mac (worker, fields[0], fields[1], hash);
  if (strlen (mac) != strlen (fields[2]) || sodium_memcmp (mac, fields[2], strlen (mac)) != 0)
    return FALSE;
  req->user = g_strdup (fields[0]);
  /* Refresh once half the lifetime has passed. */
  if ((gint64) expiry - now < req->limits.session_timeout / 2)
    add_session_cookie (worker, req, fields[0], hash);
  return TRUE;
}

gboolean
caucus_auth_check (CaucusWorker *worker, CaucusRequest *req, gboolean required)
{
  g_autofree char *cookie = NULL;

  if (req->authorization && g_ascii_strncasecmp (req->authorization, "Basic ", 6) == 0)
    return check_basic (worker, req, req->authorization + 6);
  if (req->authorization)
    {
      caucus_request_respond_error (req, 401, "unauthorized",
                                    "Only Basic authorization and AuthSession cookies are accepted.");
      return FALSE;
    }
  cookie = find_cookie (req->cookie, "AuthSession");
  if (cookie && *cookie && check_cookie (worker, req, cookie))
    return TRUE;
  if (!required)
    return TRUE;
  if (cookie && *cookie)
    caucus_request_respond_error (req, 401, "unauthorized", "Your session has expired or is invalid; log in again.");
  else
    caucus_request_respond_error (req, 401, "unauthorized", "Authentication required.");
  return FALSE;
}

/* ---- /_session ------------------------------------------------------------------------- */

static void
respond_session_info (CaucusRequest *req, const char *method)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "userCtx");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, req->user);
  json_builder_set_member_name (b, "roles");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "info");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "authentication_handlers");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "cookie");
  json_builder_add_string_value (b, "default");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "authenticated");
  json_builder_add_string_value (b, method);
  json_builder_end_object (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  caucus_request_respond_json (req, 200, node);
}

static void
session_login (CaucusWorker *worker, CaucusRequest *req)
{
  CaucusAuthState *state = caucus_server_get_auth_state (worker->server);
  g_autofree char *name = NULL;
  g_autofree char *password = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(JsonArray) roles = NULL;

  if (req->content_type && g_str_has_prefix (req->content_type, "application/x-www-form-urlencoded"))
    {
      gsize size = 0;
      const char *data = req->body ? g_bytes_get_data (req->body, &size) : NULL;
      g_autofree char *text = g_strndup (data ? data : "", size);
      g_autoptr(GHashTable) form = NULL;

      if (!g_utf8_validate (text, -1, NULL))
        {
          caucus_request_respond_error (req, 400, "bad_request", "The form is not valid UTF-8.");
          return;
        }
      form = soup_form_decode (text);
      name = g_strdup (g_hash_table_lookup (form, "name"));
      password = g_strdup (g_hash_table_lookup (form, "password"));
    }
  else if (req->content_type && g_str_has_prefix (req->content_type, "application/json"))
    {
      g_autoptr(JsonObject) body = caucus_request_parse_body (req, FALSE);
      if (body == NULL)
        return;
      if (json_object_has_member (body, "name") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (body, "name")) &&
          json_node_get_value_type (json_object_get_member (body, "name")) == G_TYPE_STRING)
        name = g_strdup (json_object_get_string_member (body, "name"));
      if (json_object_has_member (body, "password") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (body, "password")) &&
          json_node_get_value_type (json_object_get_member (body, "password")) == G_TYPE_STRING)
        password = g_strdup (json_object_get_string_member (body, "password"));
    }
  else
    {
      caucus_request_respond_error (req, 415, "bad_content_type",
                                    "Content-Type must be application/x-www-form-urlencoded or application/json");
      return;
    }
  if (name == NULL || password == NULL)
    {
      caucus_request_respond_error (req, 400, "bad_request", "A name and a password are required.");
      return;
    }
  if (check_lockout (state, req))
    return;
  hash = verify_password (worker, name, password);
  if (hash == NULL)
    {
      record_failure (state, req);
      caucus_request_respond_error (req, 401, "unauthorized", "Name or password is incorrect.");
      return;
    }
  record_success (state, req);
  req->user = g_strdup (name);
  add_session_cookie (worker, req, name, hash);
  reply = json_object_new ();
  json_object_set_boolean_member (reply, "ok", TRUE);
  json_object_set_string_member (reply, "name", name);
  roles = json_array_new ();
  json_object_set_array_member (reply, "roles", g_steal_pointer (&roles));
  caucus_request_respond_object (req, 200, reply);
}

void
caucus_auth_handle_session (CaucusWorker *worker, CaucusRequest *req)
{
  if (g_str_equal (req->method, "POST"))
    {
      session_login (worker, req);
      return;
    }
  if (!g_str_equal (req->method, "GET") && !g_str_equal (req->method, "HEAD") &&
      !g_str_equal (req->method, "DELETE"))
    {
      caucus_request_add_header (req, "Allow", "GET,HEAD,POST,DELETE");
      caucus_request_respond_error (req, 405, "method_not_allowed",
                                    "Only GET,HEAD,POST,DELETE allowed");
      return;
    }
  if (!caucus_auth_check (worker, req, TRUE))
    return;
  if (g_str_equal (req->method, "DELETE"))
    {
      g_autoptr(JsonObject) reply = json_object_new ();
      caucus_request_add_header (req, "Set-Cookie",
                                 "AuthSession=; Version=1; Path=/; Max-Age=0; HttpOnly");
      json_object_set_boolean_member (reply, "ok", TRUE);
      caucus_request_respond_object (req, 200, reply);
      return;
    }
  respond_session_info (req, req->authorization ? "default" : "cookie");
}
