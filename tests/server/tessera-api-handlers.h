/* tessera-api-handlers.h — the HTTP side of tessera-api-server
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "tessera-api-store.h"

G_BEGIN_DECLS

typedef struct
{
  SoupServer *server;
  ApiStore   *store;
  GMainLoop  *loop;
  GList      *rules;     /* FaultRule, private to the handlers */
  GHashTable *delayed;   /* SoupServerMessage → source id */
  guint       latency_ms;
  guint       page_size_cap;
} ApiServer;

/* The SoupServer handler for every path; user_data is the ApiServer. */
void api_server_handle_cb   (SoupServer        *server,
                             SoupServerMessage *msg,
                             const char        *path,
                             GHashTable        *query,
                             gpointer           user_data);
/* Forgets every /_test/fail rule. */
void api_server_clear_rules (ApiServer         *self);

G_END_DECLS
