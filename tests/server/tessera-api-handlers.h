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
  GList      *rules;     /* FaultRule */
  GHashTable *delayed;   /* SoupServerMessage → source id */
  guint       latency_ms;
  guint       page_size_cap;
  GPtrArray  *received;  /* "METHOD /path" of every API request, for /_test/requests */
} ApiServer;

/* The SoupServer handler for every path; user_data is the ApiServer. */
void api_server_handle_cb   (SoupServer        *server,
                             SoupServerMessage *msg,
                             const char        *path,
                             GHashTable        *query,
                             gpointer           user_data);
/* Forgets every /_test/fail rule and the request log. */
void api_server_clear_rules (ApiServer         *self);

/* ---- shared by the handlers and the faults (tessera-api-faults.c) ---- */

/* gRPC code numbers, as the contract uses them. */
enum {
  API_CODE_OK = 0,
  API_CODE_UNKNOWN = 2,
  API_CODE_INVALID_ARGUMENT = 3,
  API_CODE_NOT_FOUND = 5,
  API_CODE_PERMISSION_DENIED = 7,
  API_CODE_RESOURCE_EXHAUSTED = 8,
  API_CODE_UNIMPLEMENTED = 12,
  API_CODE_UNAUTHENTICATED = 16,
};

/* What /_test/fail can do to a matching request (docs/api.md). */
typedef enum
{
  API_FAULT_NONE,
  API_FAULT_CLOSE_BEFORE,       /* drop the connection, no work, no answer */
  API_FAULT_CLOSE_AFTER,        /* do the work, then drop it unanswered */
  API_FAULT_STALL,              /* hold it unanswered, no work, then drop it */
  API_FAULT_STALL_AFTER,        /* do the work, hold it unanswered, then drop it */
  API_FAULT_HUGE,               /* a body over 2 MiB */
  API_FAULT_MALFORMED,          /* JSON cut short */
  API_FAULT_DEEP,               /* ~360 KB of nesting behind comments and quotes */
  API_FAULT_WRONG_SHAPE,        /* a 200 whose payload has the wrong shape */
  API_FAULT_DELETE_AFTER_PAGE,  /* after answering page N, delete a token */
  API_FAULT_INSERT_AFTER_PAGE,  /* after answering page N, create a token */
} ApiFault;

typedef struct
{
  char     *method;       /* NULL: any */
  char     *path_prefix;  /* NULL: any */
  guint     status;       /* >= 400 with no fault: fail with it */
  guint     count;
  guint     delay_ms;
  guint     retry_after;
  char     *warning;      /* added to a successful envelope */
  ApiFault  fault;
  guint     page;         /* the page the *_AFTER_PAGE faults follow */
} FaultRule;

/* What one request ends with, filled in by the handlers. */
typedef struct
{
  guint        delay_ms;
  const char  *warning;
  ApiUser     *user;      /* the authenticated caller's account, if any */
  ApiToken    *caller;    /* and the token it used */
} Reply;

/* @payload is consumed. */
void        api_send_envelope      (SoupServerMessage *msg,
                                    guint              http_status,
                                    int                code,
                                    JsonNode          *payload,
                                    const char        *error_text,
                                    const char        *warning);
void        api_send_error         (SoupServerMessage *msg,
                                    guint              http_status,
                                    int                code,
                                    const char        *error_text);

/* POST and DELETE /_test/fail, GET and DELETE /_test/requests. */
void        api_faults_handle_test (ApiServer         *self,
                                    SoupServerMessage *msg,
                                    const char        *path,
                                    GHashTable        *query);
/* Logs an API request for /_test/requests. */
void        api_faults_record      (ApiServer         *self,
                                    SoupServerMessage *msg,
                                    const char        *path);
/* The first rule matching this request, its count used up by one (free
 * it with api_faults_release() once handled). */
FaultRule  *api_faults_take        (ApiServer         *self,
                                    SoupServerMessage *msg,
                                    const char        *path,
                                    GHashTable        *query);
/* Before the work: TRUE when @rule answered (or dropped) the request and
 * it must not go through. */
gboolean    api_faults_before      (ApiServer         *self,
                                    FaultRule         *rule,
                                    SoupServerMessage *msg,
                                    const char        *path);
/* After the work: drops, stalls or changes the list as @rule says. */
void        api_faults_after       (ApiServer         *self,
                                    FaultRule         *rule,
                                    SoupServerMessage *msg,
                                    Reply             *reply);
void        api_faults_release     (FaultRule         *rule);

G_END_DECLS
