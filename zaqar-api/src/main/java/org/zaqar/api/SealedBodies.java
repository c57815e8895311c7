package org.zaqar.api;

import java.util.Map;

import org.zaqar.core.message.MessageEncryption;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.ReservedMetadata;

/**
 * Seals message bodies of queues with {@code _enable_encrypt_messages} on the way in and opens
 * sealed bodies on the way out. Without {@code [transport] message_encryption_key} bodies are
 * stored as posted, as upstream does.
 */
final class SealedBodies {
    private final MessageEncryption encryption;

    /** @param encryption null when no key is configured */
    SealedBodies(MessageEncryption encryption) {
        this.encryption = encryption;
    }

    String seal(String project, String queue, Map<String, Object> queueMetadata, String bodyJson) {
        boolean wanted = Boolean.TRUE.equals(queueMetadata.get(ReservedMetadata.ENABLE_ENCRYPT_MESSAGES));
        return wanted && encryption != null ? encryption.encrypt(project, queue, bodyJson) : bodyJson;
    }

    Message open(String project, String queue, Message message) {
        if (encryption == null) {
            return message;
        }
        String body = encryption.decrypt(project, queue, message.body());
        return body.equals(message.body()) ? message : new Message(message.id(), body, message.ttl(),
                message.createdAt(), message.checksum(), message.claimId(), message.claimCount());
    }
}
