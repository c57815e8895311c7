package org.zaqar.notify;

import java.util.Collection;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.QueueStats;
import org.zaqar.core.storage.ClaimStore;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.MessageStore;
import org.zaqar.core.storage.NamespacedTopicStore;
import org.zaqar.core.storage.QueueStore;
import org.zaqar.core.storage.SubscriptionStore;
import org.zaqar.core.storage.TopicStore;

/**
 * A storage that tells the notifier of every successful post, to a queue or to a topic (topic
 * posts reach it under the topic name space's project, where topic subscriptions are kept too).
 * Upstream does the same with a storage pipeline stage.
 */
final class NotifyingMessageStorage implements MessageStorage {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyingMessageStorage.class);
    private final MessageStorage storage;
    private final MessageStore messages;

    NotifyingMessageStorage(MessageStorage storage, Notifier notifier) {
        this.storage = storage;
        this.messages = new NotifyingMessages(storage.messages(), notifier);
    }

    @Override
    public QueueStore queues() {
        return storage.queues();
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public ClaimStore claims() {
        return storage.claims();
    }

    @Override
    public SubscriptionStore subscriptions() {
        return storage.subscriptions();
    }

    @Override
    public TopicStore topics() {
        return new NamespacedTopicStore(storage.queues(), messages);
    }

    @Override
    public boolean isAlive() {
        return storage.isAlive();
    }

    @Override
    public QueueStats messageVolume() {
        return storage.messageVolume();
    }

    @Override
    public void collectGarbage() {
        storage.collectGarbage();
    }

    @Override
    public void close() {
        storage.close();
    }

    private record NotifyingMessages(MessageStore store, Notifier notifier) implements MessageStore {
        @Override
        public List<String> post(String project, String queue, List<NewMessage> batch, String clientId) {
            List<String> ids = store.post(project, queue, batch, clientId);
            try {
                notifier.posted(project, queue, batch);
            } catch (RuntimeException e) {
                // The messages are stored: the post answers its success even when notifying cannot start.
                LOG.warn("Notifying the subscribers of {} failed after the post: {}", queue, e.toString());
            }
            return ids;
        }

        @Override
        public Page<Message> list(String project, String queue, MessageListQuery query) {
            return store.list(project, queue, query);
        }

        @Override
        public Message get(String project, String queue, String messageId) {
            return store.get(project, queue, messageId);
        }

        @Override
        public List<Message> bulkGet(String project, String queue, Collection<String> ids) {
            return store.bulkGet(project, queue, ids);
        }

        @Override
        public void delete(String project, String queue, String messageId, String claimId) {
            store.delete(project, queue, messageId, claimId);
        }

        @Override
        public void bulkDelete(String project, String queue, Collection<String> ids, Collection<String> claimIds) {
            store.bulkDelete(project, queue, ids, claimIds);
        }

        @Override
        public List<Message> pop(String project, String queue, int limit) {
            return store.pop(project, queue, limit);
        }

        @Override
        public void purge(String project, String queue) {
            store.purge(project, queue);
        }
    }
}
