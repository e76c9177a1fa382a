/* tessera-keyring-gate.c — the first libsecret call goes alone
 *
 * Copyright 2026 The Tessera developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tessera-secret-store"

#include "config.h"

#include "tessera-keyring-gate.h"
#include "tessera-keyring-op.h"

/* libsecret picks and sets up its backend on the first call of a process.
 * Calls made while that first one runs each set up one of their own: with
 * the D-Bus backend that only costs a few round trips, but the file backend
 * of a Flatpak sandbox then keeps one copy of the keyring file per call,
 * and the last one written wins, losing the others' items.  So the first
 * call goes alone and the others wait for it.  Until one call has
 * succeeded the backend may not be set up, so after a failure the next
 * waiting call goes alone in its turn.
 *
 * A waiting call keeps its own time limit (its timer runs from the start),
 * so a keyring that never answers does not make the waits add up; one
 * cancelled while waiting leaves the queue at once. */

static gboolean gate_open;
static GTask *holder;          /* the call going alone; not a reference */
static GQueue waiting = G_QUEUE_INIT;

typedef struct
{
  GTask  *task;                /* owned */
  gulong  handler;
  guint   idle;
} Waiter;

static gboolean
start_waiter_cb (gpointer user_data)
{
  GTask *task = user_data;

  /* Done already: timed out while waiting. */
  if (!tessera_keyring_op_get (task)->done)
    tessera_keyring_op_start (task);

  return G_SOURCE_REMOVE;
}

/* Starts @task again from an idle, never from inside the caller. */
static void
restart (GTask *task)
{
  GSource *source = g_idle_source_new ();

  g_task_attach_source (task, source, start_waiter_cb);
  g_source_unref (source);
}

static void
waiter_free (Waiter *waiter)
{
  TesseraKeyringOp *op = tessera_keyring_op_get (waiter->task);

  /* Our handler may be the one running: it only queues an idle, so
   * disconnecting cannot deadlock. */
  if (waiter->handler != 0)
    g_cancellable_disconnect (op->cancellable, waiter->handler);
  g_clear_handle_id (&waiter->idle, g_source_remove);
  g_object_unref (waiter->task);
  g_free (waiter);
}

static gboolean
waiter_cancelled_idle_cb (gpointer user_data)
{
  Waiter *waiter = user_data;

  waiter->idle = 0;
  g_queue_remove (&waiting, waiter);
  /* Starting a cancelled or timed-out call only returns its error. */
  restart (waiter->task);
  waiter_free (waiter);

  return G_SOURCE_REMOVE;
}

static void
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;

  if (waiter->idle == 0)
    waiter->idle = g_idle_add (waiter_cancelled_idle_cb, waiter);
}

/**
 * tessera_keyring_gate_enter:
 * @task: a call about to reach libsecret
 *
 * Returns: %TRUE when @task may go on now; %FALSE when it waits, and is
 *   started again (tessera_keyring_op_start()) when its turn comes.
 */
gboolean
tessera_keyring_gate_enter (GTask *task)
{
  Waiter *waiter;

  if (gate_open || holder == task)
    return TRUE;

  if (holder == NULL)
    {
      holder = task;
      return TRUE;
    }

  waiter = g_new0 (Waiter, 1);
  waiter->task = g_object_ref (task);
  waiter->handler = g_cancellable_connect (tessera_keyring_op_get (task)->cancellable,
                                           G_CALLBACK (waiter_cancelled_cb), waiter, NULL);
  g_queue_push_tail (&waiting, waiter);
  g_debug ("Keyring call %s waits for the first one", g_task_get_name (task));

  return FALSE;
}

/**
 * tessera_keyring_gate_leave:
 * @task: a call that has its result
 * @succeeded: whether libsecret answered it
 *
 * Lets the waiting calls go: all of them after a success of the first
 * call, the next one alone after its failure.
 */
void
tessera_keyring_gate_leave (GTask    *task,
                            gboolean  succeeded)
{
  Waiter *waiter;

  if (gate_open || holder != task)
    return;

  holder = NULL;
  if (succeeded)
    gate_open = TRUE;

  while ((waiter = g_queue_pop_head (&waiting)) != NULL)
    {
      if (!gate_open && holder == NULL && !tessera_keyring_op_get (waiter->task)->done)
        holder = waiter->task;
      if (gate_open || holder == waiter->task || tessera_keyring_op_get (waiter->task)->done)
        restart (waiter->task);
      else
        {
          g_queue_push_head (&waiting, waiter);
          break;
        }
      waiter_free (waiter);
    }
}
