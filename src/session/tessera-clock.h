/* tessera-clock.h — when token states change, for every part that needs
 * to know
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tessera-token.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_CLOCK (tessera_clock_get_type ())
G_DECLARE_FINAL_TYPE (TesseraClock, tessera_clock, TESSERA, CLOCK, GObject)

/* One per application.  It knows the warning window ("warning-days", int,
 * read-write, default 7) and turns it into token states, so no token keeps
 * a warning window or a timer of its own.
 *
 * Signals:
 *   "changed": the warning window changed; every state may have. */

TesseraClock      *tessera_clock_new               (void);
int                tessera_clock_get_warning_days  (TesseraClock  *self);
void               tessera_clock_set_warning_days  (TesseraClock  *self,
                                                    int            days);
/* Now, in UTC. */
GDateTime         *tessera_clock_now               (TesseraClock  *self);
TesseraTokenState  tessera_clock_token_state       (TesseraClock  *self,
                                                    TesseraToken  *token,
                                                    GDateTime     *now);
/* The first moment after @now at which @token's state changes (it enters
 * the warning window, or expires), or NULL when it never will. */
GDateTime         *tessera_clock_next_change       (TesseraClock  *self,
                                                    TesseraToken  *token,
                                                    GDateTime     *now);

/* A one-shot wake-up at a wall-clock time.  The main loop's timers run on
 * the monotonic clock, which stops while the computer sleeps, so a long
 * wait is cut into steps of at most TESSERA_ALARM_MAX_STEP_S seconds: after
 * a resume the alarm is late by one step at most. */
#define TESSERA_ALARM_MAX_STEP_S 600

typedef struct _TesseraAlarm TesseraAlarm;
typedef void (*TesseraAlarmFunc) (gpointer user_data);

TesseraAlarm      *tessera_alarm_new               (TesseraAlarmFunc  func,
                                                    gpointer          user_data);
/* Rings once at @when (at once when it is past); NULL turns it off. */
void               tessera_alarm_set               (TesseraAlarm     *self,
                                                    GDateTime        *when);
GDateTime         *tessera_alarm_get               (TesseraAlarm     *self);
void               tessera_alarm_free              (TesseraAlarm     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraAlarm, tessera_alarm_free)

G_END_DECLS
