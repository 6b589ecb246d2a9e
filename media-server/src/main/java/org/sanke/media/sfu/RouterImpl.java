package org.sanke.media.sfu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.sanke.media.api.Router;
import org.sanke.media.api.TransportListener;
import org.sanke.media.api.WebRtcTransport;

/**
 * A group of transports whose producers and consumers can be joined. It and everything it owns live on one loop:
 * calls from other threads are handed over with {@link #onLoop} and answered with a future.
 */
final class RouterImpl implements Router {
    final MediaLoop loop;
    private final MediaContext context;
    private final String id = UUID.randomUUID().toString();
    private final Map<String, ProducerImpl> producers = new HashMap<>();
    private final List<WebRtcTransportImpl> transports = new ArrayList<>();
    private boolean closed;

    RouterImpl(MediaLoop loop, MediaContext context) {
        this.loop = loop;
        this.context = context;
        context.counts.routers.incrementAndGet();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public CompletableFuture<WebRtcTransport> createWebRtcTransport(TransportListener listener) {
        return onLoop(() -> {
            if (closed) {
                throw new IllegalStateException("router " + id + " is closed");
            }
            WebRtcTransportImpl transport =
                    new WebRtcTransportImpl(this, context, listener, context.clock.nanoTime());
            transports.add(transport);
            transport.start();
            return transport;
        });
    }

    @Override
    public void close() {
        runOnLoop(() -> {
            if (!closed) {
                closed = true;
                for (WebRtcTransportImpl transport : List.copyOf(transports)) {
                    transport.close(TransportListener.CloseReason.ROUTER_CLOSED);
                }
                context.counts.routers.decrementAndGet();
            }
        });
    }

    void addProducer(ProducerImpl producer) {
        producers.put(producer.id(), producer);
    }

    void removeProducer(ProducerImpl producer) {
        producers.remove(producer.id());
    }

    ProducerImpl producer(String producerId) {
        return producers.get(producerId);
    }

    void removeTransport(WebRtcTransportImpl transport) {
        transports.remove(transport);
    }

    /** {@link #onLoop(Callable)} for work without a result. */
    CompletableFuture<Void> runOnLoop(Runnable work) {
        return onLoop(() -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} on the router's loop (at once when already there) and flushes what it sent. */
    <T> CompletableFuture<T> onLoop(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                result.complete(work.call());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            } finally {
                loop.flush();
            }
        };
        if (loop.inLoop()) {
            task.run();
        } else {
            loop.eventLoop.execute(task);
        }
        return result;
    }
}
