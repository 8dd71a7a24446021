/* nf-bus.c: carries messages from a pipeline's threads to its application
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-private.h"

/**
 * NfBus:
 *
 * Carries [struct@Nf.Message]s from the threads of a running pipeline to
 * the application. Messages are posted from any thread and delivered, in
 * the order they were posted, by the #NfBus::message signal on the main
 * context the pipeline was started from.
 *
 * Calls queued with nf_bus_invoke() travel in the same queue, so an
 * application sees them in order with the messages (an appsink's documents
 * before the EOS).
 */
struct _NfBus
{
  GObject       parent_instance;

  GMutex        lock;
  GQueue        pending;          /* BusItem*, oldest first */
  GMainContext *context;
  GSource      *dispatch_source;  /* attached while items wait */
};

typedef struct {
  NfMessage      *message;        /* or a call: */
  GSourceFunc     function;
  gpointer        data;
  GDestroyNotify  notify;
} BusItem;

enum { SIGNAL_MESSAGE, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (NfBus, nf_bus, G_TYPE_OBJECT)

static void
bus_item_free (BusItem *item)
{
  g_clear_pointer (&item->message, nf_message_unref);
  if (item->notify)
    item->notify (item->data);
  g_free (item);
}

static void
nf_bus_finalize (GObject *object)
{
  NfBus *self = NF_BUS (object);

  if (self->dispatch_source)
    {
      g_source_destroy (self->dispatch_source);
      g_source_unref (self->dispatch_source);
    }
  g_queue_clear_full (&self->pending, (GDestroyNotify) bus_item_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (nf_bus_parent_class)->finalize (object);
}

static void
nf_bus_class_init (NfBusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nf_bus_finalize;

  /**
   * NfBus::message:
   * @bus: the bus
   * @message: the message
   *
   * Emitted on the bus's main context for every message, in the order they
   * were posted. The detail is the message type in lower case, so
   * `message::error`, `message::warning`, `message::eos`,
   * `message::progress` and `message::info` select one kind.
   */
  signals[SIGNAL_MESSAGE] =
    g_signal_new ("message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  NF_TYPE_MESSAGE);
}

static void
nf_bus_init (NfBus *self)
{
  g_mutex_init (&self->lock);
  g_queue_init (&self->pending);
}

/**
 * nf_bus_new:
 *
 * Creates a bus. Pipelines make their own; see nf_pipeline_get_bus().
 *
 * Returns: (transfer full): a new bus
 */
NfBus *
nf_bus_new (void)
{
  return g_object_new (NF_TYPE_BUS, NULL);
}

static GQuark
detail_for_type (NfMessageType type)
{
  switch (type)
    {
    case NF_MESSAGE_ERROR:    return g_quark_from_static_string ("error");
    case NF_MESSAGE_WARNING:  return g_quark_from_static_string ("warning");
    case NF_MESSAGE_EOS:      return g_quark_from_static_string ("eos");
    case NF_MESSAGE_PROGRESS: return g_quark_from_static_string ("progress");
    case NF_MESSAGE_INFO:
    default:                  return g_quark_from_static_string ("info");
    }
}

static BusItem *
pop_item (NfBus *self)
{
  BusItem *item;

  g_mutex_lock (&self->lock);
  item = g_queue_pop_head (&self->pending);
  g_mutex_unlock (&self->lock);
  return item;
}

static void
deliver_item (NfBus *self, BusItem *item)
{
  if (item->message != NULL)
    g_signal_emit (self, signals[SIGNAL_MESSAGE],
                   detail_for_type (nf_message_get_message_type (item->message)),
                   item->message);
  else
    item->function (item->data);
  bus_item_free (item);
}

static gboolean
dispatch_pending (gpointer user_data)
{
  NfBus *self = user_data;
  BusItem *item;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->dispatch_source, g_source_unref);
  g_mutex_unlock (&self->lock);

  g_object_ref (self);
  while ((item = pop_item (self)) != NULL)
    deliver_item (self, item);
  g_object_unref (self);

  return G_SOURCE_REMOVE;
}

static void
enqueue (NfBus *self, BusItem *item)
{
  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->pending, item);
  if (self->dispatch_source == NULL)
    {
      /* One idle source drains everything queued so far: posting a
       * thousand warnings costs one wake-up, not a thousand. */
      self->dispatch_source = g_idle_source_new ();
      g_source_set_priority (self->dispatch_source, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->dispatch_source, dispatch_pending,
                             g_object_ref (self), g_object_unref);
      g_source_set_static_name (self->dispatch_source, "[nf] bus dispatch");
      g_source_attach (self->dispatch_source, self->context);
    }
  g_mutex_unlock (&self->lock);
}

/**
 * nf_bus_post:
 * @self: a bus
 * @message: (transfer none): the message
 *
 * Posts a message from any thread. It is delivered on the bus's main
 * context by the #NfBus::message signal.
 */
void
nf_bus_post (NfBus     *self,
             NfMessage *message)
{
  BusItem *item;

  g_return_if_fail (NF_IS_BUS (self));
  g_return_if_fail (message != NULL);

  item = g_new0 (BusItem, 1);
  item->message = nf_message_ref (message);
  enqueue (self, item);
}

/**
 * nf_bus_invoke:
 * @self: a bus
 * @function: (scope async): the function to call on the bus's main context
 * @data: (closure): data for @function
 * @notify: (destroy data) (nullable): frees @data after the call
 *
 * Queues a call to run on the bus's main context, in order with the
 * messages posted before and after it. The return value of @function is
 * ignored.
 */
void
nf_bus_invoke (NfBus          *self,
               GSourceFunc     function,
               gpointer        data,
               GDestroyNotify  notify)
{
  BusItem *item;

  g_return_if_fail (NF_IS_BUS (self));
  g_return_if_fail (function != NULL);

  item = g_new0 (BusItem, 1);
  item->function = function;
  item->data = data;
  item->notify = notify;
  enqueue (self, item);
}

/**
 * nf_bus_set_main_context:
 * @self: a bus
 * @context: (nullable): the context to deliver on; %NULL for the global default
 *
 * Chooses where messages are delivered. A pipeline sets this to the
 * thread-default context of the thread that runs it.
 */
void
nf_bus_set_main_context (NfBus        *self,
                         GMainContext *context)
{
  g_return_if_fail (NF_IS_BUS (self));

  g_mutex_lock (&self->lock);
  if (context != self->context)
    {
      g_clear_pointer (&self->context, g_main_context_unref);
      self->context = context ? g_main_context_ref (context) : NULL;
      if (self->dispatch_source != NULL)
        {
          /* Move waiting items to the new context. */
          g_source_destroy (self->dispatch_source);
          g_clear_pointer (&self->dispatch_source, g_source_unref);
          self->dispatch_source = g_idle_source_new ();
          g_source_set_callback (self->dispatch_source, dispatch_pending,
                                 g_object_ref (self), g_object_unref);
          g_source_attach (self->dispatch_source, self->context);
        }
    }
  g_mutex_unlock (&self->lock);
}

/**
 * nf_bus_get_main_context:
 * @self: a bus
 *
 * Gives the context messages are delivered on.
 *
 * Returns: (transfer none) (nullable): the context; %NULL means the global default
 */
GMainContext *
nf_bus_get_main_context (NfBus *self)
{
  g_return_val_if_fail (NF_IS_BUS (self), NULL);
  return self->context;
}

/**
 * nf_bus_flush:
 * @self: a bus
 *
 * Delivers every waiting message now, on the calling thread, which must own
 * the bus's main context.
 */
void
nf_bus_flush (NfBus *self)
{
  BusItem *item;

  g_return_if_fail (NF_IS_BUS (self));

  g_object_ref (self);
  while ((item = pop_item (self)) != NULL)
    deliver_item (self, item);
  g_object_unref (self);
}
