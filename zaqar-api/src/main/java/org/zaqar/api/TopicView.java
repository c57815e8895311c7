package org.zaqar.api;

import java.util.Map;

import org.zaqar.core.model.Page;
import org.zaqar.core.model.Subscription;
import org.zaqar.core.storage.ClaimStore;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.MessageStore;
import org.zaqar.core.storage.NamespacedTopicStore;
import org.zaqar.core.storage.QueueStore;
import org.zaqar.core.storage.SubscriptionStore;

/**
 * The storage seen from {@code /v2/topics}: topics in place of queues, so the queue, message and
 * subscription resources serve topics unchanged. Topic subscriptions are kept apart from those of
 * a queue of the same name.
 */
final class TopicView implements MessageStorage {
    private final MessageStorage storage;

    TopicView(MessageStorage storage) {
        this.storage = storage;
    }

    @Override
    public QueueStore queues() {
        return storage.topics();
    }

    @Override
    public MessageStore messages() {
        return storage.topics().messages();
    }

    @Override
    public ClaimStore claims() {
        throw org.zaqar.core.error.ZaqarException.unsupported("Claims on topics");
    }

    @Override
    public SubscriptionStore subscriptions() {
        return new TopicSubscriptions(storage.subscriptions());
    }

    @Override
    public boolean isAlive() {
        return storage.isAlive();
    }

    @Override
    public void close() {
        // The underlying storage belongs to the server.
    }

    /** Subscriptions of topics, under the topic name space's project. */
    private record TopicSubscriptions(SubscriptionStore store) implements SubscriptionStore {
        private static String project(String project) {
            return NamespacedTopicStore.topicProject(project);
        }

        @Override
        public String create(String project, String source, String subscriber, int ttl, Map<String, Object> options) {
            return store.create(project(project), source, subscriber, ttl, options);
        }

        @Override
        public Subscription get(String project, String source, String id) {
            return store.get(project(project), source, id);
        }

        @Override
        public Subscription getBySubscriber(String project, String source, String subscriber) {
            return store.getBySubscriber(project(project), source, subscriber);
        }

        @Override
        public Page<Subscription> list(String project, String source, String marker, int limit) {
            return store.list(project(project), source, marker, limit);
        }

        @Override
        public void update(String project, String source, String id, String subscriber, Integer ttl,
                           Map<String, Object> options) {
            store.update(project(project), source, id, subscriber, ttl, options);
        }

        @Override
        public void confirm(String project, String source, String id, boolean confirmed) {
            store.confirm(project(project), source, id, confirmed);
        }

        @Override
        public void delete(String project, String source, String id) {
            store.delete(project(project), source, id);
        }

        @Override
        public void deleteAll(String project, String source) {
            store.deleteAll(project(project), source);
        }
    }
}
