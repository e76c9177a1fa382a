/* tessera-api-names-private.h — every path and field name of the API, in
 * one place
 *
 * A deployment with other paths, or a renamed field, is a one-line change
 * here.  Private to src/api/.
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* Paths, after the server's origin. */
#define API_PREFIX             "/api/v1"
#define API_PATH_USER_ME       API_PREFIX "/user/me"
#define API_PATH_ACCESS_TOKENS API_PREFIX "/user/access_tokens"

/* Query of the paged list. */
#define API_QUERY_PAGE         "page"
#define API_QUERY_PAGE_SIZE    "page_size"

/* The envelope of every answer. */
#define API_ENVELOPE_PAYLOAD   "payload"
#define API_ENVELOPE_STATUS    "status"
#define API_ENVELOPE_CODE      "code"
#define API_ENVELOPE_MESSAGE   "message"
#define API_ENVELOPE_ERROR     "error"
#define API_ENVELOPE_WARNING   "warning"

/* Payloads: the paged list, create, delete all. */
#define API_LIST_ITEMS         "list"
#define API_LIST_COUNT         "count"
#define API_CREATE_NOTES       "notes"
#define API_CREATE_EXPIRE      "expire"
#define API_DELETED            "deleted"

/* AccessToken. */
#define API_TOKEN_ID           "id"
#define API_TOKEN_NOTES        "notes"
#define API_TOKEN_EXPIRE       "expire"
#define API_TOKEN_CREATED_AT   "created_at"
#define API_TOKEN_LAST_USED_AT "last_used_at"
#define API_TOKEN_SECRET       "token"

/* User. */
#define API_USER_ID            "id"
#define API_USER_EMAIL         "email"
#define API_USER_FIRST_NAME    "first_name"
#define API_USER_LAST_NAME     "last_name"
#define API_USER_ORG_IDS       "org_ids"

/* Claims of a token's JWT payload. */
#define API_CLAIM_EXP          "exp"
#define API_CLAIM_JTI          "jti"
