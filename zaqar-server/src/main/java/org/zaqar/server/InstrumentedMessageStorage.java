package org.zaqar.server;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.QueueInfo;
import org.zaqar.core.model.QueueListQuery;
import org.zaqar.core.model.QueueStats;
import org.zaqar.core.model.Subscription;
import org.zaqar.core.storage.ClaimStore;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.MessageStore;
import org.zaqar.core.storage.QueueStore;
import org.zaqar.core.storage.SubscriptionStore;

/**
 * The data plane the API serves, with every store call timed and traced ({@link StoreCalls}) and
 * the messages clients post, claim and delete counted. Topics come from the default
 * {@link MessageStorage#topics()}, over the instrumented queues and messages, so they count too.
 */
final class InstrumentedMessageStorage implements MessageStorage {
    private final MessageStorage storage;
    private final StoreCalls calls;
    private final ServerMetrics metrics;
    private final QueueStore queues;
    private final MessageStore messages;
    private final ClaimStore claims;

    InstrumentedMessageStorage(MessageStorage storage, StoreCalls calls) {
        this.storage = storage;
        this.calls = calls;
        this.metrics = calls.metrics();
        this.queues = new Queues(storage.queues());
        this.messages = new Messages(storage.messages());
        this.claims = new Claims(storage.claims());
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
        return new Subscriptions(storage.subscriptions());
    }

    @Override
    public boolean isAlive() {
        return calls.call("is_alive", storage::isAlive);
    }

    @Override
    public QueueStats messageVolume() {
        return calls.call("message_volume", storage::messageVolume);
    }

    @Override
    public void collectGarbage() {
        calls.run("collect_garbage", storage::collectGarbage);
    }

    @Override
    public void close() {
        storage.close();
    }

    private final class Queues implements QueueStore {
        private final QueueStore store;

        Queues(QueueStore store) {
            this.store = store;
        }

        @Override
        public boolean create(String project, String name, Map<String, Object> metadata) {
            return calls.call("create_queue", () -> store.create(project, name, metadata));
        }

        @Override
        public boolean exists(String project, String name) {
            return calls.call("queue_exists", () -> store.exists(project, name));
        }

        @Override
        public Map<String, Object> getMetadata(String project, String name) {
            return calls.call("get_queue_metadata", () -> store.getMetadata(project, name));
        }

        @Override
        public Map<String, Object> metadataForPosting(String project, String name) {
            return calls.call("get_queue_metadata_for_posting", () -> store.metadataForPosting(project, name));
        }

        @Override
        public void setMetadata(String project, String name, Map<String, Object> metadata) {
            calls.run("set_queue_metadata", () -> store.setMetadata(project, name, metadata));
        }

        @Override
        public void delete(String project, String name) {
            calls.run("delete_queue", () -> store.delete(project, name));
        }

        @Override
        public Page<QueueInfo> list(String project, QueueListQuery query) {
            return calls.call("list_queues", () -> store.list(project, query));
        }

        @Override
        public long count(String project) {
            return calls.call("count_queues", () -> store.count(project));
        }

        @Override
        public QueueStats stats(String project, String name) {
            return calls.call("queue_stats", () -> store.stats(project, name));
        }
    }

    private final class Messages implements MessageStore {
        private final MessageStore store;

        Messages(MessageStore store) {
            this.store = store;
        }

        @Override
        public List<String> post(String project, String queue, List<NewMessage> batch, String clientId) {
            List<String> ids = calls.call("post_messages", () -> store.post(project, queue, batch, clientId));
            metrics.messagesPosted(ids.size());
            return ids;
        }

        @Override
        public Page<Message> list(String project, String queue, MessageListQuery query) {
            return calls.call("list_messages", () -> store.list(project, queue, query));
        }

        @Override
        public Message get(String project, String queue, String messageId) {
            return calls.call("get_message", () -> store.get(project, queue, messageId));
        }

        @Override
        public List<Message> bulkGet(String project, String queue, Collection<String> ids) {
            return calls.call("bulk_get_messages", () -> store.bulkGet(project, queue, ids));
        }

        // The SPI does not say whether the message was there: a delete that succeeds counts one.
        @Override
        public void delete(String project, String queue, String messageId, String claimId) {
            calls.run("delete_message", () -> store.delete(project, queue, messageId, claimId));
            metrics.messagesDeleted(1);
        }

        @Override
        public void bulkDelete(String project, String queue, Collection<String> ids, Collection<String> claimIds) {
            calls.run("bulk_delete_messages", () -> store.bulkDelete(project, queue, ids, claimIds));
            metrics.messagesDeleted(ids.size());
        }

        @Override
        public List<Message> pop(String project, String queue, int limit) {
            List<Message> popped = calls.call("pop_messages", () -> store.pop(project, queue, limit));
            metrics.messagesDeleted(popped.size());
            return popped;
        }

        @Override
        public void purge(String project, String queue) {
            calls.run("purge_messages", () -> store.purge(project, queue));
        }
    }

    private final class Claims implements ClaimStore {
        private final ClaimStore store;

        Claims(ClaimStore store) {
            this.store = store;
        }

        @Override
        public Claim create(String project, String queue, ClaimRequest request) {
            Claim claim = calls.call("create_claim", () -> store.create(project, queue, request));
            metrics.messagesClaimed(claim.messages().size());
            return claim;
        }

        @Override
        public Claim get(String project, String queue, String claimId) {
            return calls.call("get_claim", () -> store.get(project, queue, claimId));
        }

        @Override
        public void update(String project, String queue, String claimId, int ttl, int grace) {
            calls.run("update_claim", () -> store.update(project, queue, claimId, ttl, grace));
        }

        @Override
        public void delete(String project, String queue, String claimId) {
            calls.run("delete_claim", () -> store.delete(project, queue, claimId));
        }
    }

    private final class Subscriptions implements SubscriptionStore {
        private final SubscriptionStore store;

        Subscriptions(SubscriptionStore store) {
            this.store = store;
        }

        @Override
        public String create(String project, String source, String subscriber, int ttl, Map<String, Object> options) {
            return calls.call("create_subscription", () -> store.create(project, source, subscriber, ttl, options));
        }

        /** A local answer from what the store's posts saw, no store call: neither timed nor traced. */
        @Override
        public boolean mayHaveSubscriptions(String project, String source) {
            return store.mayHaveSubscriptions(project, source);
        }

        @Override
        public Subscription get(String project, String source, String id) {
            return calls.call("get_subscription", () -> store.get(project, source, id));
        }

        @Override
        public Subscription getBySubscriber(String project, String source, String subscriber) {
            return calls.call("get_subscription_by_subscriber",
                    () -> store.getBySubscriber(project, source, subscriber));
        }

        @Override
        public Page<Subscription> list(String project, String source, String marker, int limit) {
            return calls.call("list_subscriptions", () -> store.list(project, source, marker, limit));
        }

        @Override
        public void update(String project, String source, String id, String subscriber, Integer ttl,
                           Map<String, Object> options) {
            calls.run("update_subscription", () -> store.update(project, source, id, subscriber, ttl, options));
        }

        @Override
        public void confirm(String project, String source, String id, boolean confirmed) {
            calls.run("confirm_subscription", () -> store.confirm(project, source, id, confirmed));
        }

        @Override
        public void delete(String project, String source, String id) {
            calls.run("delete_subscription", () -> store.delete(project, source, id));
        }

        @Override
        public void deleteAll(String project, String source) {
            calls.run("delete_subscriptions", () -> store.deleteAll(project, source));
        }
    }
}
