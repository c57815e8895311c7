package org.zaqar.storage.swift;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Page;
import org.zaqar.core.storage.MessageStore;
import org.zaqar.core.storage.QueueStore;

/**
 * Messages, one Swift object each in {@code zaqar_message:QUEUE:PROJECT}, named so that the
 * container listing is the queue's order and its marker is the page marker. Swift has no
 * multi-object writes: a post of n messages is n PUTs.
 */
final class SwiftMessageStore implements MessageStore {
    private final SwiftMessageObjects objects;
    private final QueueStore queues;
    private final SwiftNames names;

    SwiftMessageStore(SwiftMessageObjects objects, QueueStore queues, SwiftNames names) {
        this.objects = objects;
        this.queues = queues;
        this.names = names;
    }

    @Override
    public List<String> post(String project, String queue, List<NewMessage> messages, String clientId) {
        if (!queues.exists(project, queue)) {
            throw ZaqarException.queueDoesNotExist(project, queue);
        }
        SwiftScope scope = objects.scope(project, queue);
        long now = objects.now();
        List<String> ids = new ArrayList<>(messages.size());
        for (NewMessage message : messages) {
            String id = names.nextMessageId(now);
            objects.create(scope, id, new SwiftMessage(message.body(), clientId, now,
                    now + message.ttl() * 1000L, now + message.delay() * 1000L, message.checksum(), null, 0, 0, 0));
            ids.add(id);
        }
        return ids;
    }

    @Override
    public Page<Message> list(String project, String queue, MessageListQuery query) {
        SwiftScope scope = objects.scope(project, queue);
        if (query.marker() != null && !query.marker().isEmpty() && !SwiftNames.isMessageId(query.marker())) {
            return new Page<>(List.of(), null);
        }
        long now = objects.now();
        String marker = query.marker() == null || query.marker().isEmpty() ? null : query.marker();
        List<SwiftMessageObjects.Stored> found = objects.scan(scope, marker, query.limit(), message ->
                message.live(now)
                        && (query.includeClaimed() || !message.claimed(now))
                        && (query.includeDelayed() || !message.delayed(now))
                        && (query.echo() || query.clientId() == null || !query.clientId().equals(message.client())));
        List<Message> items = found.stream().map(stored -> stored.message().toMessage(stored.id(), now)).toList();
        return new Page<>(items, items.isEmpty() ? null : items.getLast().id());
    }

    @Override
    public Message get(String project, String queue, String messageId) {
        SwiftScope scope = objects.scope(project, queue);
        long now = objects.now();
        SwiftMessage message = objects.read(scope, messageId);
        if (message == null || !message.live(now)) {
            throw ZaqarException.messageDoesNotExist(project, queue, messageId);
        }
        return message.toMessage(messageId, now);
    }

    @Override
    public List<Message> bulkGet(String project, String queue, Collection<String> ids) {
        SwiftScope scope = objects.scope(project, queue);
        long now = objects.now();
        List<Message> found = new ArrayList<>();
        for (String id : ids) {
            SwiftMessage message = objects.read(scope, id);
            if (message != null && message.live(now)) {
                found.add(message.toMessage(id, now));
            }
        }
        return found;
    }

    @Override
    public void delete(String project, String queue, String messageId, String claimId) {
        SwiftScope scope = objects.scope(project, queue);
        for (int attempt = 0; attempt < 10; attempt++) {
            long now = objects.now();
            SwiftMessage message = objects.read(scope, messageId);
            if (message == null || !message.live(now)) {
                return;
            }
            if (claimId == null && message.claimed(now)) {
                throw new ZaqarException(ErrorCode.MESSAGE_IS_CLAIMED, "Message " + messageId + " is claimed");
            }
            if (claimId != null && !message.claimed(now)) {
                throw new ZaqarException(ErrorCode.MESSAGE_NOT_CLAIMED, "Message " + messageId + " is not claimed");
            }
            if (claimId != null && !claimId.equals(message.claimId())) {
                throw new ZaqarException(ErrorCode.MESSAGE_NOT_CLAIMED_BY,
                        "Message " + messageId + " is not claimed by " + claimId);
            }
            if (objects.delete(scope, messageId, message)) {
                return;
            }
            // Someone changed it between our read and our lock: decide again on what it is now.
        }
        throw ZaqarException.unavailable("Message " + messageId + " of " + project + "/" + queue
                + " kept changing during ten attempts to delete it", null);
    }

    /** Not atomic across messages (Swift has no transactions): each message is deleted on its own. */
    @Override
    public void bulkDelete(String project, String queue, Collection<String> ids, Collection<String> claimIds) {
        SwiftScope scope = objects.scope(project, queue);
        Set<String> allowed = claimIds == null ? null : Set.copyOf(claimIds);
        for (String id : ids) {
            for (int attempt = 0; attempt < 10; attempt++) {
                long now = objects.now();
                SwiftMessage message = objects.read(scope, id);
                if (message == null || !message.live(now)
                        || allowed != null && message.claimed(now) && !allowed.contains(message.claimId())) {
                    break;
                }
                if (objects.delete(scope, id, message)) {
                    break;
                }
            }
        }
    }

    @Override
    public List<Message> pop(String project, String queue, int limit) {
        SwiftScope scope = objects.scope(project, queue);
        List<Message> popped = new ArrayList<>();
        String marker = null;
        while (popped.size() < limit) {
            long now = objects.now();
            List<SwiftMessageObjects.Stored> candidates = objects.scan(scope, marker, limit - popped.size(),
                    message -> message.live(now) && !message.claimed(now) && !message.delayed(now));
            if (candidates.isEmpty()) {
                break;
            }
            for (SwiftMessageObjects.Stored candidate : candidates) {
                if (objects.delete(scope, candidate.id(), candidate.message())) {
                    popped.add(candidate.message().toMessage(candidate.id(), now));
                }
            }
            marker = candidates.getLast().id();
        }
        return popped;
    }

    @Override
    public void purge(String project, String queue) {
        SwiftScope scope = objects.scope(project, queue);
        objects.emptyContainer(scope.messages(), names.nextMessageId(objects.now()));
        objects.emptyContainer(scope.claims(), null);
    }
}
