package org.zaqar.storage.swift;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.storage.ClaimStore;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.MessageStore;
import org.zaqar.core.storage.QueueStore;
import org.zaqar.core.storage.SubscriptionStore;

/**
 * The swift data plane: messages, claims and subscriptions in Swift, queues in the management
 * store (whose queue store {@code queueOwner} provides and this storage closes).
 */
final class SwiftMessageStorage implements MessageStorage {
    private static final Logger LOG = LoggerFactory.getLogger(SwiftMessageStorage.class);

    private final SwiftClient swift;
    private final MessageStorage queueOwner;
    private final SwiftMessageObjects objects;
    private final SwiftQueueStore queues;
    private final SwiftMessageStore messages;
    private final SwiftClaimStore claims;
    private final SwiftSubscriptionStore subscriptions;
    private final MessageEvents events;

    SwiftMessageStorage(SwiftClient swift, MessageStorage queueOwner, java.time.InstantSource clock,
                        MessageEvents events) {
        this.swift = swift;
        this.queueOwner = queueOwner;
        this.events = events;
        this.objects = new SwiftMessageObjects(swift, clock);
        SwiftNames names = new SwiftNames();
        this.queues = new SwiftQueueStore(queueOwner.queues(), objects, names);
        this.messages = new SwiftMessageStore(objects, queues, names);
        this.claims = new SwiftClaimStore(objects, queues, names, events);
        this.subscriptions = new SwiftSubscriptionStore(objects);
    }

    @Override
    public QueueStore queues() {
        return queues;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public ClaimStore claims() {
        return claims;
    }

    @Override
    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    @Override
    public boolean isAlive() {
        return swift.isAlive() && queueOwner.isAlive();
    }

    /**
     * Deletes the messages whose ttl ran out, in every message container of the account, and
     * reports them. Swift's object expirer would remove them too ({@code X-Delete-After}), but only
     * some time later, and unreported; until then they still fill container listings.
     */
    @Override
    public void collectGarbage() {
        long now = objects.now();
        long removed = 0;
        String marker = null;
        while (true) {
            List<String> containers = swift.containers(SwiftNames.MESSAGES, marker);
            if (containers.isEmpty()) {
                break;
            }
            for (String container : containers) {
                removed += removeExpired(container, now);
            }
            marker = containers.getLast();
        }
        if (removed > 0) {
            events.expired(removed);
            LOG.debug("swift garbage collection removed {} expired messages", removed);
        }
    }

    private long removeExpired(String container, long now) {
        long removed = 0;
        String marker = null;
        while (true) {
            List<String> names = swift.list(container, marker, SwiftClient.LISTING_LIMIT);
            if (names.isEmpty()) {
                return removed;
            }
            for (String name : names) {
                SwiftClient.Reply reply = swift.get(container, name);
                if (reply.found() && !SwiftMessage.parse(reply.body()).live(now)
                        && swift.delete(container, name).found()) {
                    removed++;
                }
            }
            marker = names.getLast();
        }
    }

    @Override
    public void close() {
        swift.close();
        queueOwner.close();
    }
}
