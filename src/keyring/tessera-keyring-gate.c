/* tessera-keyring-gate.c — the first libsecret call goes alone, and a
 * write never runs beside another call
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
 * Then reads run together, but a write (a store or a clear) runs alone:
 * libsecret 0.20 returns a search or a clear twice when an item it has
 * found is deleted before it has read or deleted it (a GIO critical, on
 * top of the error), and a search of ours would retry.  No call of this
 * process then deletes an item under another; other processes still can.
 * A read that comes while a write waits waits too, so writes are not
 * starved.
 *
 * A waiting call keeps its own time limit (its timer runs from the start),
 * so a keyring that never answers does not make the waits add up; one
 * cancelled while waiting leaves the queue at once. */

static gboolean gate_open;
static GTask *holder;          /* the call going alone; not a reference */
static GQueue waiting = G_QUEUE_INIT;
static guint n_reading;        /* admitted calls of each kind */
static guint n_writing;

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
static gboolean
writer_waits (void)
{
  for (GList *l = waiting.head; l != NULL; l = l->next)
    {
      TesseraKeyringOp *op = tessera_keyring_op_get (((Waiter *) l->data)->task);

      if (op->writes && !op->done)
        return TRUE;
    }
  return FALSE;
}

/* Reads together, a write alone; counts @task in when it may go. */
static gboolean
admit (GTask *task)
{
  TesseraKeyringOp *op = tessera_keyring_op_get (task);

  /* Started again (an item vanished): it keeps its place. */
  if (op->admitted)
    return TRUE;

  if (op->writes ? n_reading > 0 || n_writing > 0 : n_writing > 0 || writer_waits ())
    return FALSE;

  op->admitted = TRUE;
  if (op->writes)
    n_writing++;
  else
    n_reading++;
  return TRUE;
}

gboolean
tessera_keyring_gate_enter (GTask *task)
{
  Waiter *waiter;

  if (gate_open || holder == task)
    {
      if (admit (task))
        return TRUE;
    }
  else if (holder == NULL && admit (task))
    {
      holder = task;
      return TRUE;
    }

  waiter = g_new0 (Waiter, 1);
  waiter->task = g_object_ref (task);
  waiter->handler = g_cancellable_connect (tessera_keyring_op_get (task)->cancellable,
                                           G_CALLBACK (waiter_cancelled_cb), waiter, NULL);
  g_queue_push_tail (&waiting, waiter);
  g_debug ("Keyring call %s waits its turn", g_task_get_name (task));

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
  TesseraKeyringOp *op = tessera_keyring_op_get (task);
  Waiter *waiter;

  if (op->admitted)
    {
      op->admitted = FALSE;
      if (op->writes)
        n_writing--;
      else
        n_reading--;
    }

  if (holder == task)
    {
      holder = NULL;
      if (succeeded)
        gate_open = TRUE;
    }
  else if (!gate_open)
    return;

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
