/* caucus-server-users.h — users, databases and memberships of one caucus-server.
 *
 * They live in a small SQLite file of the server's own, DIR/_caucus-server.sqlite, next to
 * the per-database store files.  One CaucusUsers is one SQLite connection: the CLI opens
 * one, and every server worker thread opens its own.  Passwords are argon2id hashes
 * (libsodium crypto_pwhash_str); the file also keeps the per-server secret that signs
 * AuthSession cookies and the server's uuid.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CAUCUS_ROLE_NONE = 0,
  CAUCUS_ROLE_READER,
  CAUCUS_ROLE_EDITOR,
  CAUCUS_ROLE_ADMIN,
} CaucusRole;

typedef struct _CaucusUsers CaucusUsers;

#define CAUCUS_USERS_FILE "_caucus-server.sqlite"
#define CAUCUS_DB_NAME_MAX 238

CaucusUsers *caucus_users_open            (const char   *data_dir,
                                           GError      **error);
void         caucus_users_free            (CaucusUsers  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusUsers, caucus_users_free)

const char  *caucus_users_get_data_dir    (CaucusUsers  *self);
/* 32 random bytes created with the file; signs session cookies. */
GBytes      *caucus_users_get_secret      (CaucusUsers  *self);
/* A uuid created with the file, reported by GET /. */
const char  *caucus_users_get_uuid        (CaucusUsers  *self);

/* ---- users ----------------------------------------------------------------------- */
gboolean     caucus_users_validate_name   (const char   *name,
                                           GError      **error);
gboolean     caucus_users_add             (CaucusUsers  *self,
                                           const char   *name,
                                           const char   *password,
                                           GError      **error);
gboolean     caucus_users_set_password    (CaucusUsers  *self,
                                           const char   *name,
                                           const char   *password,
                                           GError      **error);
/* Removes the user and all their memberships. */
gboolean     caucus_users_remove          (CaucusUsers  *self,
                                           const char   *name,
                                           GError      **error);
GStrv        caucus_users_list            (CaucusUsers  *self,
                                           GError      **error);
/* The stored argon2id hash of @name, or NULL when there is no such user. */
char        *caucus_users_get_hash        (CaucusUsers  *self,
                                           const char   *name);
/* Hashes @password with argon2id (slow by design). */
char        *caucus_users_hash_password   (const char   *password,
                                           GError      **error);
gboolean     caucus_users_verify_hash     (const char   *hash,
                                           const char   *password);

/* ---- databases -------------------------------------------------------------------- */
/* CouchDB's rule ^[a-z][a-z0-9_$()+/-]*$, at most CAUCUS_DB_NAME_MAX bytes. */
gboolean     caucus_db_name_validate      (const char   *name,
                                           GError      **error);
/* The store file of database @name under @data_dir ('/' is written as %2F). */
char        *caucus_db_path               (const char   *data_dir,
                                           const char   *name);
/* Registers @name and creates its store file. */
gboolean     caucus_users_db_create       (CaucusUsers  *self,
                                           const char   *name,
                                           GError      **error);
/* Unregisters @name and deletes its store files. */
gboolean     caucus_users_db_delete       (CaucusUsers  *self,
                                           const char   *name,
                                           GError      **error);
/* Whether @name is registered; @instance receives its instance_start_time, a string
 * that changes when a database of the same name is deleted and created again. */
gboolean     caucus_users_db_lookup       (CaucusUsers  *self,
                                           const char   *name,
                                           char        **instance);
GStrv        caucus_users_db_list         (CaucusUsers  *self,
                                           const char   *member,
                                           GError      **error);

/* ---- memberships ------------------------------------------------------------------ */
const char  *caucus_role_to_string        (CaucusRole    role);
gboolean     caucus_role_from_string      (const char   *text,
                                           CaucusRole   *role);
CaucusRole   caucus_users_get_role        (CaucusUsers  *self,
                                           const char   *db,
                                           const char   *user);
/* Brackets the lookups of one request (hash, database, role) in one read transaction;
 * no write may come between them. */
void         caucus_users_read_begin      (CaucusUsers  *self);
void         caucus_users_read_end        (CaucusUsers  *self);
gboolean     caucus_users_grant           (CaucusUsers  *self,
                                           const char   *db,
                                           const char   *user,
                                           CaucusRole    role,
                                           GError      **error);
gboolean     caucus_users_revoke          (CaucusUsers  *self,
                                           const char   *db,
                                           const char   *user,
                                           GError      **error);
/* Members of @db with @role, sorted. */
GStrv        caucus_users_members         (CaucusUsers  *self,
                                           const char   *db,
                                           CaucusRole    role,
                                           GError      **error);
/* Replaces every membership of @db at once (one transaction).  Every name must be a
 * user; a name in several lists gets the highest role; at least one admin must remain. */
gboolean     caucus_users_set_members     (CaucusUsers        *self,
                                           const char         *db,
                                           const char * const *admins,
                                           const char * const *editors,
                                           const char * const *readers,
                                           GError            **error);

G_END_DECLS
