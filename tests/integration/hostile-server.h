/* hostile-server.h — a raw HTTP/1.1 server on loopback that answers the
 * API's calls, keeps connections alive, and can drop a connection without a
 * word at a chosen request
 *
 * libsoup's SoupServer decides for itself when a connection ends; this one
 * is plain GSocketService so a test decides.  It counts every request it
 * reads, per method and per connection, so a test can tell a re-send.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _HostileServer HostileServer;

/* @answers_per_connection: how many requests each connection answers (with
 * keep-alive); the next request read on it is met with a close and no
 * answer.  0: every request is dropped unanswered. */
HostileServer *hostile_server_new              (guint          answers_per_connection);
void           hostile_server_free             (HostileServer *self);
/* http://127.0.0.1:PORT */
const char    *hostile_server_get_url          (HostileServer *self);

/* Requests read so far (all, or of one method), connections accepted, and
 * the most requests any one connection carried. */
guint          hostile_server_get_requests     (HostileServer *self,
                                                const char    *method);
guint          hostile_server_get_connections  (HostileServer *self);
guint          hostile_server_get_max_per_connection (HostileServer *self);
void           hostile_server_reset_counts     (HostileServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HostileServer, hostile_server_free)

G_END_DECLS
