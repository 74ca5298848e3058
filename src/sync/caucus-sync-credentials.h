/* caucus-sync-credentials.h — where a workspace's server password comes from.
 *
 * Passwords live in the user's keyring (libsecret, schema io.github.caucusapp.Caucus.Account
 * with the attributes "server" — the database URL without credentials — and "user"), never
 * in a file.  Scripts may pass CAUCUS_PASSWORD; a URL with user info wins over both.
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "caucus-couch-client.h"

G_BEGIN_DECLS

const SecretSchema *caucus_account_schema           (void);

/* Fills in @remote->password when it has a user and no password: CAUCUS_PASSWORD, then the
 * keyring (blocking).  A keyring that is unavailable or has nothing is not an error: the
 * remote then stays without a password and the server will say whether it needs one. */
void                caucus_sync_resolve_password    (CaucusRemote  *remote,
                                                     GCancellable  *cancellable);

gboolean            caucus_sync_save_password       (const char    *url,
                                                     const char    *user,
                                                     const char    *password,
                                                     GCancellable  *cancellable,
                                                     GError       **error);
gboolean            caucus_sync_forget_password     (const char    *url,
                                                     const char    *user,
                                                     GCancellable  *cancellable,
                                                     GError       **error);

G_END_DECLS
