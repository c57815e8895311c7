package org.zaqar.core.pooling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.QueueInfo;
import org.zaqar.core.model.QueueListQuery;
import org.zaqar.core.model.QueueStats;
import org.zaqar.core.model.ReservedMetadata;
import org.zaqar.core.storage.ClaimStore;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.MessageStore;
import org.zaqar.core.storage.QueueStore;
import org.zaqar.core.storage.SubscriptionStore;

/**
 * The data plane with {@code [DEFAULT] pooling = true}: every request goes to the store of the
 * queue's pool, found in the {@link PoolCatalog}. A queue that is not placed anywhere behaves as
 * a missing queue. Listings merge the pools' own (name-sorted) listings.
 *
 * <p>Subscriptions stay in one store, the configured message store, whatever pool their queue is
 * on: they outlive their queue (as upstream's do), so they cannot follow its placement, which is
 * forgotten when the queue goes.
 */
public final class PooledMessageStorage implements MessageStorage {
    /** Reserved queue metadata naming the queue's flavor, as upstream. */
    public static final String FLAVOR = "_flavor";

    private final PoolCatalog catalog;
    private final MessageStorage home;
    private final QueueStore queues = new PooledQueues();
    private final MessageStore messages = new PooledMessages();
    private final ClaimStore claims = new PooledClaims();

    /** @param home the configured message store, which keeps the subscriptions */
    public PooledMessageStorage(PoolCatalog catalog, MessageStorage home) {
        this.catalog = catalog;
        this.home = home;
    }

    /** The catalog the requests are routed by. */
    public PoolCatalog catalog() {
        return catalog;
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
        return home.subscriptions();
    }

    @Override
    public boolean isAlive() {
        return catalog.management().isAlive() && catalog.all().stream().allMatch(MessageStorage::isAlive);
    }

    /** The volume of the stores that can count theirs (a store that cannot is left out). */
    @Override
    public QueueStats messageVolume() {
        long free = 0;
        long claimed = 0;
        for (MessageStorage pool : catalog.all()) {
            QueueStats volume = pool.messageVolume();
            if (volume == null) {
                continue;
            }
            free += volume.free();
            claimed += volume.claimed();
        }
        return new QueueStats(free, claimed, free + claimed, null, null);
    }

    @Override
    public void collectGarbage() {
        catalog.all().forEach(MessageStorage::collectGarbage);
    }

    /** Closes the pools the catalog opened. */
    @Override
    public void close() {
        catalog.close();
    }

    /**
     * A claim may move messages to the queue's dead-letter queue, which the pool's store creates
     * in the same store: so the dead-letter queue is placed on that pool when the queue names it
     * (unless it is placed already), rather than looked up on every claim.
     */
    private void placeDeadLetterQueue(String project, String queue, Map<String, Object> metadata) {
        Object deadLetterQueue = metadata == null ? null : metadata.get(ReservedMetadata.DEAD_LETTER_QUEUE);
        if (deadLetterQueue instanceof String name && !name.isEmpty()) {
            catalog.placeAlongside(project, queue, name);
        }
    }

    private MessageStorage pool(String project, String queue) {
        MessageStorage pool = catalog.lookup(project, queue);
        if (pool == null) {
            throw ZaqarException.queueDoesNotExist(project, queue);
        }
        return pool;
    }

    private final class PooledQueues implements QueueStore {
        @Override
        public boolean create(String project, String name, Map<String, Object> metadata) {
            Object flavor = metadata == null ? null : metadata.get(FLAVOR);
            MessageStorage pool = catalog.register(project, name, flavor instanceof String text ? text : null);
            boolean created = pool.queues().create(project, name, metadata);
            if (created) {
                placeDeadLetterQueue(project, name, metadata);
            }
            return created;
        }

        @Override
        public boolean exists(String project, String name) {
            MessageStorage pool = catalog.lookup(project, name);
            return pool != null && pool.queues().exists(project, name);
        }

        @Override
        public Map<String, Object> getMetadata(String project, String name) {
            return pool(project, name).queues().getMetadata(project, name);
        }

        @Override
        public Map<String, Object> metadataForPosting(String project, String name) {
            return pool(project, name).queues().metadataForPosting(project, name);
        }

        @Override
        public void setMetadata(String project, String name, Map<String, Object> metadata) {
            pool(project, name).queues().setMetadata(project, name, metadata);
            placeDeadLetterQueue(project, name, metadata);
        }

        @Override
        public void delete(String project, String name) {
            MessageStorage pool = catalog.lookup(project, name);
            if (pool != null) {
                pool.queues().delete(project, name);
            }
            catalog.deregister(project, name);
        }

        @Override
        public Page<QueueInfo> list(String project, QueueListQuery query) {
            List<QueueInfo> merged = new ArrayList<>();
            for (MessageStorage pool : catalog.all()) {
                merged.addAll(pool.queues().list(project, query).items());
            }
            List<QueueInfo> page = merged.stream().sorted(Comparator.comparing(QueueInfo::name)).distinct()
                    .limit(query.limit()).toList();
            return new Page<>(page, page.isEmpty() ? null : page.getLast().name());
        }

        @Override
        public long count(String project) {
            return catalog.all().stream().mapToLong(pool -> pool.queues().count(project)).sum();
        }

        @Override
        public QueueStats stats(String project, String name) {
            return pool(project, name).queues().stats(project, name);
        }
    }

    private final class PooledMessages implements MessageStore {
        @Override
        public List<String> post(String project, String queue, List<NewMessage> posted, String clientId) {
            return pool(project, queue).messages().post(project, queue, posted, clientId);
        }

        @Override
        public Page<Message> list(String project, String queue, MessageListQuery query) {
            MessageStorage pool = catalog.lookup(project, queue);
            return pool == null ? new Page<>(List.of(), null) : pool.messages().list(project, queue, query);
        }

        @Override
        public Message get(String project, String queue, String messageId) {
            MessageStorage pool = catalog.lookup(project, queue);
            if (pool == null) {
                throw ZaqarException.messageDoesNotExist(project, queue, messageId);
            }
            return pool.messages().get(project, queue, messageId);
        }

        @Override
        public List<Message> bulkGet(String project, String queue, Collection<String> ids) {
            MessageStorage pool = catalog.lookup(project, queue);
            return pool == null ? List.of() : pool.messages().bulkGet(project, queue, ids);
        }

        @Override
        public void delete(String project, String queue, String messageId, String claimId) {
            MessageStorage pool = catalog.lookup(project, queue);
            if (pool != null) {
                pool.messages().delete(project, queue, messageId, claimId);
            }
        }

        @Override
        public void bulkDelete(String project, String queue, Collection<String> ids, Collection<String> claimIds) {
            MessageStorage pool = catalog.lookup(project, queue);
            if (pool != null) {
                pool.messages().bulkDelete(project, queue, ids, claimIds);
            }
        }

        @Override
        public List<Message> pop(String project, String queue, int limit) {
            MessageStorage pool = catalog.lookup(project, queue);
            return pool == null ? List.of() : pool.messages().pop(project, queue, limit);
        }

        @Override
        public void purge(String project, String queue) {
            pool(project, queue).messages().purge(project, queue);
        }
    }

    private final class PooledClaims implements ClaimStore {
        @Override
        public Claim create(String project, String queue, ClaimRequest request) {
            MessageStorage pool = catalog.lookup(project, queue);
            if (pool == null) {
                return new Claim(null, request.ttl(), null, List.of());
            }
            return pool.claims().create(project, queue, request);
        }

        @Override
        public Claim get(String project, String queue, String claimId) {
            MessageStorage pool = catalog.lookup(project, queue);
            if (pool == null) {
                throw ZaqarException.claimDoesNotExist(project, queue, claimId);
            }
            return pool.claims().get(project, queue, claimId);
        }

        @Override
        public void update(String project, String queue, String claimId, int ttl, int grace) {
            MessageStorage pool = catalog.lookup(project, queue);
            if (pool == null) {
                throw ZaqarException.claimDoesNotExist(project, queue, claimId);
            }
            pool.claims().update(project, queue, claimId, ttl, grace);
        }

        @Override
        public void delete(String project, String queue, String claimId) {
            MessageStorage pool = catalog.lookup(project, queue);
            if (pool != null) {
                pool.claims().delete(project, queue, claimId);
            }
        }
    }
}
