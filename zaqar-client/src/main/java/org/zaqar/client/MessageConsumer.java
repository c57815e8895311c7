package org.zaqar.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A consumer loop on a virtual thread: it claims messages, hands each to the {@link Handler} in
 * order, deletes a message once its handler returned, and renews the claim while a handler runs,
 * so that a slow handler does not lose its message to another consumer. When a handler throws,
 * the message is kept and the claim released at the end of its batch, so that the message is
 * claimed again (and dead-lettered after {@code _max_claim_count} claims when the queue says so).
 * {@link #close()} stops claiming, lets the running handler finish, and releases the claim on the
 * messages not handled yet.
 *
 * <pre>{@code
 * try (MessageConsumer consumer = MessageConsumer.builder(zaqar, "orders", message -> ship(message.body()))
 *         .limit(5).claimTtl(Duration.ofMinutes(2)).start()) {
 *     ...
 * }
 * }</pre>
 */
public final class MessageConsumer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MessageConsumer.class.getName());

    /** What the consumer does with each message; returning normally means done, and the message is deleted. */
    @FunctionalInterface
    public interface Handler {
        /** Handles one message; throwing keeps it in the queue, to be claimed again. */
        void handle(Message message) throws Exception;
    }

    private final ZaqarClient client;
    private final String queue;
    private final Handler handler;
    private final Settings settings;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread loop;

    private record Settings(int limit, Duration claimTtl, Duration grace, Duration renewEvery, Duration idleWait) {
    }

    private MessageConsumer(ZaqarClient client, String queue, Handler handler, Settings settings) {
        this.client = client;
        this.queue = queue;
        this.handler = handler;
        this.settings = settings;
        this.loop = Thread.ofVirtual().name("zaqar-consumer-" + queue).unstarted(this::run);
    }

    /** A consumer of {@code queue} that hands each message to {@code handler}. */
    public static Builder builder(ZaqarClient client, String queue, Handler handler) {
        return new Builder(client, queue, handler);
    }

    private boolean running() {
        return stopping.getCount() > 0;
    }

    private void run() {
        while (running()) {
            try {
                Optional<Claim> claim = client.claims().create(queue, seconds(settings.claimTtl()),
                        seconds(settings.grace()), settings.limit());
                if (claim.isPresent() && !claim.get().messages().isEmpty()) {
                    consume(claim.get());
                } else {
                    stopping.await(settings.idleWait().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (ZaqarException e) {
                LOG.log(System.Logger.Level.WARNING, "Claiming messages of queue " + queue + " failed; trying again in "
                        + settings.idleWait() + ": " + e.getMessage());
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void pause() {
        try {
            stopping.await(settings.idleWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Handles a claim's messages with a renewer beside; releases the claim when some are left unhandled. */
    private void consume(Claim claim) {
        Thread renewer = Thread.ofVirtual().name("zaqar-claim-renewer-" + claim.id()).start(() -> renew(claim.id()));
        boolean allHandled = true;
        try {
            for (Message message : claim.messages()) {
                if (!running()) {
                    allHandled = false;
                    break;
                }
                allHandled &= handle(message, claim.id());
            }
        } finally {
            renewer.interrupt();
        }
        if (!allHandled) {
            try {
                client.claims().release(queue, claim.id());
            } catch (ZaqarException e) {
                LOG.log(System.Logger.Level.WARNING, "Releasing claim " + claim.id() + " failed; its messages are "
                        + "claimed again when it expires: " + e.getMessage());
            }
        }
    }

    private boolean handle(Message message, String claimId) {
        try {
            handler.handle(message);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Handler failed on message " + message.id() + " of queue " + queue
                    + "; it will be claimed again", e);
            return false;
        }
        try {
            client.messages().delete(queue, message.id(), claimId);
            return true;
        } catch (ZaqarException e) {
            LOG.log(System.Logger.Level.WARNING, "Deleting handled message " + message.id() + " of queue " + queue
                    + " failed; it may be handled again: " + e.getMessage());
            return true;
        }
    }

    private void renew(String claimId) {
        try {
            while (true) {
                Thread.sleep(settings.renewEvery());
                try {
                    client.claims().renew(queue, claimId, seconds(settings.claimTtl()), seconds(settings.grace()));
                } catch (ZaqarException e) {
                    LOG.log(System.Logger.Level.WARNING, "Renewing claim " + claimId + " failed: " + e.getMessage());
                }
            }
        } catch (InterruptedException done) {
            // the batch is over
        }
    }

    private static int seconds(Duration duration) {
        return Math.toIntExact(duration.toSeconds());
    }

    /**
     * Stops claiming, waits up to the claim ttl for the running handler to return, and releases
     * the claim on the messages of its batch not handled yet.
     */
    @Override
    public void close() {
        stopping.countDown();
        try {
            if (!loop.join(settings.claimTtl())) {
                LOG.log(System.Logger.Level.WARNING, "The handler of queue " + queue + " is still running after "
                        + settings.claimTtl() + "; its claim expires by itself");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Settings of a {@link MessageConsumer}; every one has a default. */
    public static final class Builder {
        private final ZaqarClient client;
        private final String queue;
        private final Handler handler;
        private int limit = 10;
        private Duration claimTtl = Duration.ofSeconds(60);
        private Duration grace = Duration.ofSeconds(60);
        private Duration renewEvery;
        private Duration idleWait = Duration.ofSeconds(1);

        private Builder(ZaqarClient client, String queue, Handler handler) {
            this.client = Objects.requireNonNull(client, "client");
            this.queue = Objects.requireNonNull(queue, "queue");
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /** Messages per claim (10 by default; the server allows up to {@code max_messages_per_claim_or_pop}). */
        public Builder limit(int value) {
            this.limit = value;
            return this;
        }

        /** How long a claim lasts before it is renewed (60 s by default, the server's minimum). */
        public Builder claimTtl(Duration value) {
            this.claimTtl = value;
            return this;
        }

        /** How long claimed messages outlive their claim (60 s by default). */
        public Builder grace(Duration value) {
            this.grace = value;
            return this;
        }

        /** How often the claim is renewed while its messages are handled (half the claim ttl by default). */
        public Builder renewEvery(Duration value) {
            this.renewEvery = value;
            return this;
        }

        /** How long to wait before claiming again when the queue was empty or the server failed (1 s by default). */
        public Builder idleWait(Duration value) {
            this.idleWait = value;
            return this;
        }

        /** Starts consuming on a virtual thread. */
        public MessageConsumer start() {
            if (limit < 1) {
                throw new IllegalArgumentException("limit " + limit + " is below the minimum of 1");
            }
            Duration renewal = renewEvery != null ? renewEvery : claimTtl.dividedBy(2);
            if (renewal.isNegative() || renewal.isZero() || renewal.compareTo(claimTtl) >= 0) {
                throw new IllegalArgumentException("renewEvery " + renewal
                        + " must be positive and below the claim ttl " + claimTtl
                        + ", or the claim expires before it is renewed");
            }
            MessageConsumer consumer = new MessageConsumer(client, queue, handler,
                    new Settings(limit, claimTtl, grace, renewal, idleWait));
            consumer.loop.start();
            return consumer;
        }
    }
}
