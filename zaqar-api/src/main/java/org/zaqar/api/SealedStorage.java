package org.zaqar.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.message.MessageEncryption;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.QueueStats;
import org.zaqar.core.model.ReservedMetadata;
import org.zaqar.core.storage.ClaimStore;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.MessageStore;
import org.zaqar.core.storage.QueueStore;
import org.zaqar.core.storage.SubscriptionStore;
import org.zaqar.core.storage.TopicStore;

/**
 * The storage every API version and transport writes through: bodies posted to a queue with
 * {@code _enable_encrypt_messages} are sealed on the way in, and sealed bodies are opened on the
 * way out (reads, pops and claims), so no resource can forget either step. Topics are sealed by
 * wrapping their {@link TopicView}; {@link #topics()} is the backend's own.
 */
final class SealedStorage implements MessageStorage {
    private final MessageStorage storage;
    private final MessageEncryption encryption;

    private SealedStorage(MessageStorage storage, MessageEncryption encryption) {
        this.storage = storage;
        this.encryption = encryption;
    }

    /** @param encryption null when no key is set: bodies are then stored as posted, as upstream does */
    static MessageStorage wrap(MessageStorage storage, MessageEncryption encryption) {
        return encryption == null ? storage : new SealedStorage(storage, encryption);
    }

    /**
     * Read as {@link MessageResource} reads it for the same post: a store that caches this read
     * refuses the post when the metadata changed meanwhile, and the post is built again.
     */
    private boolean encrypted(String project, String queue) {
        try {
            return Boolean.TRUE.equals(storage.queues().metadataForPosting(project, queue)
                    .get(ReservedMetadata.ENABLE_ENCRYPT_MESSAGES));
        } catch (ZaqarException e) {
            if (e.code() == ErrorCode.QUEUE_DOES_NOT_EXIST) {
                return false; // the store itself answers the post as it would without us
            }
            throw e;
        }
    }

    private Message open(String project, String queue, Message message) {
        String body = encryption.decrypt(project, queue, message.body());
        return body.equals(message.body()) ? message : new Message(message.id(), body, message.ttl(),
                message.createdAt(), message.checksum(), message.claimId(), message.claimCount());
    }

    private List<Message> open(String project, String queue, List<Message> messages) {
        return messages.stream().map(m -> open(project, queue, m)).toList();
    }

    @Override
    public QueueStore queues() {
        return storage.queues();
    }

    @Override
    public MessageStore messages() {
        MessageStore messages = storage.messages();
        return new MessageStore() {
            @Override
            public List<String> post(String project, String queue, List<NewMessage> posted, String clientId) {
                List<NewMessage> stored = !encrypted(project, queue) ? posted : posted.stream()
                        .map(m -> new NewMessage(encryption.encrypt(project, queue, m.body()), m.ttl(), m.delay(),
                                m.checksum())).toList();
                return messages.post(project, queue, stored, clientId);
            }

            @Override
            public Page<Message> list(String project, String queue, MessageListQuery query) {
                Page<Message> page = messages.list(project, queue, query);
                return new Page<>(open(project, queue, page.items()), page.nextMarker());
            }

            @Override
            public Message get(String project, String queue, String messageId) {
                return open(project, queue, messages.get(project, queue, messageId));
            }

            @Override
            public List<Message> bulkGet(String project, String queue, Collection<String> ids) {
                return open(project, queue, messages.bulkGet(project, queue, ids));
            }

            @Override
            public void delete(String project, String queue, String messageId, String claimId) {
                messages.delete(project, queue, messageId, claimId);
            }

            @Override
            public void bulkDelete(String project, String queue, Collection<String> ids, Collection<String> claimIds) {
                messages.bulkDelete(project, queue, ids, claimIds);
            }

            @Override
            public List<Message> pop(String project, String queue, int limit) {
                return open(project, queue, messages.pop(project, queue, limit));
            }

            @Override
            public void purge(String project, String queue) {
                messages.purge(project, queue);
            }
        };
    }

    @Override
    public ClaimStore claims() {
        ClaimStore claims = storage.claims();
        return new ClaimStore() {
            @Override
            public Claim create(String project, String queue, ClaimRequest request) {
                return opened(project, queue, claims.create(project, queue, request));
            }

            @Override
            public Claim get(String project, String queue, String claimId) {
                return opened(project, queue, claims.get(project, queue, claimId));
            }

            @Override
            public void update(String project, String queue, String claimId, int ttl, int grace) {
                claims.update(project, queue, claimId, ttl, grace);
            }

            @Override
            public void delete(String project, String queue, String claimId) {
                claims.delete(project, queue, claimId);
            }

            private Claim opened(String project, String queue, Claim claim) {
                return new Claim(claim.id(), claim.ttl(), claim.updatedAt(), open(project, queue, claim.messages()));
            }
        };
    }

    @Override
    public SubscriptionStore subscriptions() {
        return storage.subscriptions();
    }

    @Override
    public TopicStore topics() {
        return storage.topics();
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
        // The underlying storage belongs to the server.
    }
}
