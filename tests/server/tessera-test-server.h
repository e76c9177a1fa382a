/* tessera-test-server.h — start a real tessera-api-server from a test
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _TesseraTestServer TesseraTestServer;

/* Spawns the build's tessera-api-server (or $TESSERA_API_SERVER) with
 * --port 0 --seed-demo and @extra_args (NULL-terminated, may be NULL),
 * and waits for the lines that announce its URL and demo token. */
TesseraTestServer *tessera_test_server_start          (const char * const *extra_args,
                                                       GError            **error);
/* http://127.0.0.1:PORT */
const char        *tessera_test_server_get_url        (TesseraTestServer  *self);
/* The seeded sign-in JWT of the demo account. */
const char        *tessera_test_server_get_demo_token (TesseraTestServer  *self);
const char        *tessera_test_server_get_demo_email (TesseraTestServer  *self);
/* With "--users=N" among the extra arguments: the accounts, 0 being the
 * demo account, 1 grace@tessera.app, then user3@tessera.app and on. */
guint              tessera_test_server_get_n_users    (TesseraTestServer  *self);
const char        *tessera_test_server_get_user_email (TesseraTestServer  *self,
                                                       guint               index);
const char        *tessera_test_server_get_user_token (TesseraTestServer  *self,
                                                       guint               index);
/* POSTs /_test/fail synchronously (fine in tests): the next @count
 * requests whose method is @method (NULL: any) and whose path starts with
 * @path_prefix (NULL: any) get HTTP @status. */
gboolean           tessera_test_server_fail_next      (TesseraTestServer  *self,
                                                       const char         *method,
                                                       const char         *path_prefix,
                                                       guint               status,
                                                       guint               count,
                                                       GError            **error);
/* POSTs any rule to /_test/fail, e.g.
 * {"path_prefix": "/api/v1/user/me", "delay_ms": 3000} or
 * {"method": "GET", "warning": "Maintenance tonight"} (see docs/api.md). */
gboolean           tessera_test_server_add_rule       (TesseraTestServer  *self,
                                                       const char         *rule_json,
                                                       GError            **error);
/* SIGTERM, wait, free. */
void               tessera_test_server_stop           (TesseraTestServer  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraTestServer, tessera_test_server_stop)

/* GET /_test/requests: how many API requests with @method (NULL: any)
 * whose path starts with @path_prefix (NULL: any) the server has read
 * since it started or was reset; G_MAXUINT with @error set on failure. */
guint              tessera_test_server_count_requests (TesseraTestServer  *self,
                                                       const char         *method,
                                                       const char         *path_prefix,
                                                       GError            **error);
/* DELETE /_test/fail: forgets every rule and the request log. */
gboolean           tessera_test_server_reset          (TesseraTestServer  *self,
                                                       GError            **error);

G_END_DECLS
