/* caucus-server-listen.c — listening sockets (IPv4, IPv6, TLS) and the URLs they serve. */
#include "caucus-server-private.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

/* ---- listening ------------------------------------------------------------------------- */

gboolean
caucus_server_set_tls_files (CaucusServer *self, const char *cert_file, const char *key_file,
                             GError **error)
{
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (CAUCUS_IS_SERVER (self), FALSE);
  cert = g_tls_certificate_new_from_files (cert_file, key_file, &local);
  if (cert == NULL)
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_TLS,
                   "Could not load the TLS certificate %s with key %s: %s",
                   cert_file, key_file, local->message);
      return FALSE;
    }
  soup_server_set_tls_certificate (caucus_server_get_soup (self), cert);
  caucus_server_set_tls_enabled (self);
  return TRUE;
}

gboolean
caucus_server_listen (CaucusServer *self, const char *address, GError **error)
{
  g_autofree char *host = NULL;
  const char *colon;
  const char *port_text;
  guint64 port = 0;
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) sockaddr = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (CAUCUS_IS_SERVER (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  if (address[0] == '[')
    {
      const char *end = strchr (address, ']');
      if (end == NULL || end[1] != ':')
        goto bad;
      host = g_strndup (address + 1, end - address - 1);
      port_text = end + 2;
    }
  else
    {
      colon = strrchr (address, ':');
      if (colon == NULL || strchr (address, ':') != colon)
        goto bad;
      host = g_strndup (address, colon - address);
      port_text = colon + 1;
    }
  if (!g_ascii_string_to_unsigned (port_text, 10, 0, 65535, &port, NULL))
    goto bad;
  inet = g_inet_address_new_from_string (host);
  if (inet == NULL)
    goto bad;
  sockaddr = g_inet_socket_address_new (inet, (guint16) port);
  /* Our own socket: SoupServer's listener keeps GLib's default backlog of 10, and a burst
   * of clients (hundreds of long-polls reconnecting) would see dropped SYNs and wait
   * a second for the retransmit. */
  socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &local);
  if (socket != NULL)
    {
      g_socket_set_option (socket, SOL_SOCKET, SO_REUSEADDR, 1, NULL);
      if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
        g_socket_set_option (socket, IPPROTO_IPV6, IPV6_V6ONLY, 1, NULL);
      g_socket_set_listen_backlog (socket, 1024);
#ifdef TCP_DEFER_ACCEPT
      /* Wake the main loop for a new connection once its request has arrived, not
       * already at the handshake: an HTTP client always speaks first, and a replicator
       * opening a connection per request (PouchDB in node) would otherwise cost two
       * wake-ups of the main thread per request instead of one.  A connection that stays
       * silent is still accepted after the timeout (seconds). */
      g_socket_set_option (socket, IPPROTO_TCP, TCP_DEFER_ACCEPT, 5, NULL);
#endif
    }
  if (socket == NULL ||
      !g_socket_bind (socket, sockaddr, TRUE, &local) ||
      !g_socket_listen (socket, &local) ||
      !soup_server_listen_socket (caucus_server_get_soup (self), socket,
                                  caucus_server_get_tls_enabled (self) ? SOUP_SERVER_LISTEN_HTTPS : 0, &local))
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_LISTEN,
                   "Could not listen on %s: %s", address, local->message);
      return FALSE;
    }
  return TRUE;

bad:
  g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_INVALID,
               "'%s' is not a listening address; use IP:PORT, e.g. 127.0.0.1:5984 or [::1]:5984",
               address);
  return FALSE;
}

guint16
caucus_server_get_port (CaucusServer *self)
{
  GSList *uris;
  guint16 port = 0;

  g_return_val_if_fail (CAUCUS_IS_SERVER (self), 0);
  uris = soup_server_get_uris (caucus_server_get_soup (self));
  if (uris)
    port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return port;
}

char *
caucus_server_get_url (CaucusServer *self)
{
  GSList *uris;
  char *url = NULL;

  g_return_val_if_fail (CAUCUS_IS_SERVER (self), NULL);
  uris = soup_server_get_uris (caucus_server_get_soup (self));
  if (uris)
    url = g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uris->data),
                           g_uri_get_host (uris->data), g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

GStrv
caucus_server_get_urls (CaucusServer *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GSList *uris;

  g_return_val_if_fail (CAUCUS_IS_SERVER (self), NULL);
  uris = soup_server_get_uris (caucus_server_get_soup (self));
  for (GSList *l = uris; l; l = l->next)
    {
      const char *host = g_uri_get_host (l->data);
      g_autofree char *url = strchr (host, ':')
        ? g_strdup_printf ("%s://[%s]:%d", g_uri_get_scheme (l->data), host, g_uri_get_port (l->data))
        : g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (l->data), host, g_uri_get_port (l->data));
      g_strv_builder_add (builder, url);
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return g_strv_builder_end (builder);
}
