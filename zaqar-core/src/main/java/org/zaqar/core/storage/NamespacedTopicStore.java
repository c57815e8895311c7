package org.zaqar.core.storage;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.QueueInfo;
import org.zaqar.core.model.QueueListQuery;
import org.zaqar.core.model.QueueStats;

/**
 * Topics kept as queues of a project name no client can send: {@code X-Project-ID} is an HTTP
 * header value, which cannot hold the control character that starts the name space. So every
 * backend that stores queues stores topics, with the same atomicity, and a topic never shows in
 * a queue listing.
 */
public final class NamespacedTopicStore implements TopicStore {
    private static final String PREFIX = "\u001ftopics\u001f";

    private final QueueStore queues;
    private final MessageStore messages;

    public NamespacedTopicStore(QueueStore queues, MessageStore messages) {
        this.queues = queues;
        this.messages = new TopicMessages(messages);
    }

    /**
     * The project under which the topics of {@code project} (and their subscriptions) are kept, so
     * a topic's subscriptions never mix with those of a queue of the same name.
     */
    public static String topicProject(String project) {
        return PREFIX + project;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public boolean create(String project, String name, Map<String, Object> metadata) {
        return queues.create(topicProject(project), name, metadata);
    }

    @Override
    public boolean exists(String project, String name) {
        return queues.exists(topicProject(project), name);
    }

    @Override
    public Map<String, Object> getMetadata(String project, String name) {
        return renamed(() -> queues.getMetadata(topicProject(project), name), project, name);
    }

    @Override
    public Map<String, Object> metadataForPosting(String project, String name) {
        return renamed(() -> queues.metadataForPosting(topicProject(project), name), project, name);
    }

    @Override
    public void setMetadata(String project, String name, Map<String, Object> metadata) {
        renamed(() -> {
            queues.setMetadata(topicProject(project), name, metadata);
            return null;
        }, project, name);
    }

    @Override
    public void delete(String project, String name) {
        queues.delete(topicProject(project), name);
    }

    @Override
    public Page<QueueInfo> list(String project, QueueListQuery query) {
        return queues.list(topicProject(project), query);
    }

    @Override
    public long count(String project) {
        return queues.count(topicProject(project));
    }

    @Override
    public QueueStats stats(String project, String name) {
        return renamed(() -> queues.stats(topicProject(project), name), project, name);
    }

    /** Errors name the client's project and say "Topic", not the internal name space. */
    private static <T> T renamed(java.util.function.Supplier<T> call, String project, String name) {
        try {
            return call.get();
        } catch (ZaqarException e) {
            if (e.code() == ErrorCode.QUEUE_DOES_NOT_EXIST) {
                throw new ZaqarException(ErrorCode.QUEUE_DOES_NOT_EXIST,
                        "Topic " + name + " does not exist for project " + project, e);
            }
            throw e;
        }
    }

    /** The message store seen through the topic name space. */
    private record TopicMessages(MessageStore store) implements MessageStore {
        @Override
        public List<String> post(String project, String topic, List<NewMessage> batch, String clientId) {
            return renamed(() -> store.post(topicProject(project), topic, batch, clientId), project, topic);
        }

        @Override
        public Page<Message> list(String project, String topic, MessageListQuery query) {
            return store.list(topicProject(project), topic, query);
        }

        @Override
        public Message get(String project, String topic, String messageId) {
            return store.get(topicProject(project), topic, messageId);
        }

        @Override
        public List<Message> bulkGet(String project, String topic, Collection<String> ids) {
            return store.bulkGet(topicProject(project), topic, ids);
        }

        @Override
        public void delete(String project, String topic, String messageId, String claimId) {
            store.delete(topicProject(project), topic, messageId, claimId);
        }

        @Override
        public void bulkDelete(String project, String topic, Collection<String> ids, Collection<String> claimIds) {
            store.bulkDelete(topicProject(project), topic, ids, claimIds);
        }

        @Override
        public List<Message> pop(String project, String topic, int limit) {
            return store.pop(topicProject(project), topic, limit);
        }

        @Override
        public void purge(String project, String topic) {
            store.purge(topicProject(project), topic);
        }
    }
}
