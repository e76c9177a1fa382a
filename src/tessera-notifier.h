/* tessera-notifier.h — desktop notifications of the expiry watch's moments
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tessera-expiry-watch.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_NOTIFIER (tessera_notifier_get_type ())
G_DECLARE_FINAL_TYPE (TesseraNotifier, tessera_notifier, TESSERA, NOTIFIER, GObject)

/* Turns each "due" of @watch into one GNotification of @application:
 * one token, "Token “ci deploy” expires in 7 days", the account in the
 * body, buttons "Rotate…" (app.rotate-token) and "Open" (app.open-token,
 * also the default action), both with the target (server, email, token
 * id); several tokens at once, one notification ("3 tokens expire this
 * week") that opens the soonest. */
TesseraNotifier *tessera_notifier_new          (GApplication       *application,
                                                TesseraExpiryWatch *watch);
/* What the notification for @alerts says (for tests and the notifier);
 * @now: the time to count from. */
GNotification   *tessera_notifier_build        (GPtrArray          *alerts,
                                                GDateTime          *now,
                                                char              **id_out);

G_END_DECLS
