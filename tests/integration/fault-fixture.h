/* fault-fixture.h — an in-process SoupServer on loopback, scripted per
 * test, and a TesseraClient pointed at it
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "tessera-client.h"
#include "tessera-secret.h"

G_BEGIN_DECLS

#define TEST_TOKEN "test-token.abc.def"

#define USER_JSON "{\"id\":\"u1\",\"email\":\"jack@example.com\",\"first_name\":\"Jack\"," \
                  "\"last_name\":\"Ma\",\"org_ids\":[\"o1\"],\"connection\":\"x\"}"

typedef struct _Fixture Fixture;
typedef void (*Script) (Fixture           *f,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query);

struct _Fixture
{
  SoupServer *server;
  char *url;
  TesseraClient *client;
  Script script;
  gpointer script_data;

  guint requests;
  guint in_flight;
  guint max_in_flight;
  char *user_agent;
  char *authorization;
  char *method;
  char *request_body;

  GAsyncResult *result;

  /* The test CA file, read by GnuTLS at each handshake. */
  char *ca_path;

  /* A listener that accepts and never answers. */
  GSocketService *staller;
  GPtrArray *stalled;
};


/* Answers: a body as is, an envelope around @payload, a failure envelope. */
void            reply          (SoupServerMessage *msg,
                                guint              status,
                                const char        *content_type,
                                const char        *body);
void            reply_ok       (SoupServerMessage *msg,
                                const char        *payload);
void            reply_failure  (SoupServerMessage *msg,
                                guint              http,
                                int                code,
                                const char        *message,
                                const char        *error);

/* The handler of every fixture server: records the request, calls
 * f->script. */
void            server_cb      (SoupServer        *server,
                                SoupServerMessage *msg,
                                const char        *path,
                                GHashTable        *query,
                                gpointer           user_data);
/* A new server calling f->script; *url_out is its origin. */
SoupServer     *server_new     (Fixture           *f,
                                char             **url_out);
void            fixture_setup  (Fixture           *f,
                                gconstpointer      data);
void            fixture_teardown (Fixture         *f,
                                gconstpointer      data);
/* Runs the main context for @ms milliseconds. */
void            spin           (guint              ms);
/* Points the client at a listener that accepts and never says a word. */
void            use_staller    (Fixture           *f);

/* The client's calls, run to their end. */
void            result_cb      (GObject           *object,
                                GAsyncResult      *result,
                                gpointer           user_data);
GAsyncResult   *wait_result    (Fixture           *f);
TesseraAccount *get_account    (Fixture           *f,
                                GError           **error);
GPtrArray      *list_tokens    (Fixture           *f,
                                gboolean          *settled,
                                GError           **error);
TesseraToken   *create_token   (Fixture           *f,
                                const char        *notes,
                                GDateTime         *expire,
                                char             **secret,
                                GError           **error);

gboolean        cancel_cb      (gpointer           user_data);

/* Scripts: the user of /user/me; f->script_data as a 200 body. */
void            script_user    (Fixture           *f,
                                SoupServerMessage *msg,
                                const char        *path,
                                GHashTable        *query);
void            script_body    (Fixture           *f,
                                SoupServerMessage *msg,
                                const char        *path,
                                GHashTable        *query);

G_END_DECLS
