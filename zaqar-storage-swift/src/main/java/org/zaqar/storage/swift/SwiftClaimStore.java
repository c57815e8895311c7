package org.zaqar.storage.swift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.ReservedMetadata;
import org.zaqar.core.storage.ClaimStore;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.storage.QueueStore;

/**
 * Claims: each claimed message object records its claim and the claim's expiry, written under
 * the message's generation lock so that no two claims take one message; the claim object lists
 * what it took, for {@code GET} of the claim, its renewal and its release.
 */
final class SwiftClaimStore implements ClaimStore {
    private static final Logger LOG = LoggerFactory.getLogger(SwiftClaimStore.class);
    /** Attempts at a change of one message that others keep changing first. */
    private static final int ATTEMPTS = 10;

    private final SwiftMessageObjects objects;
    private final QueueStore queues;
    private final SwiftNames names;
    private final MessageEvents events;

    SwiftClaimStore(SwiftMessageObjects objects, QueueStore queues, SwiftNames names, MessageEvents events) {
        this.objects = objects;
        this.queues = queues;
        this.names = names;
        this.events = events;
    }

    @Override
    public Claim create(String project, String queue, ClaimRequest request) {
        long now = objects.now();
        Map<String, Object> metadata;
        try {
            metadata = queues.getMetadata(project, queue);
        } catch (ZaqarException e) {
            if (e.code() != ErrorCode.QUEUE_DOES_NOT_EXIST) {
                throw e;
            }
            return new Claim(null, request.ttl(), Instant.ofEpochMilli(now), List.of());
        }
        DeadLetters deadLetters = DeadLetters.of(metadata);
        SwiftScope scope = objects.scope(project, queue);
        String claimId = UUID.randomUUID().toString();
        long claimExpires = now + request.ttl() * 1000L;
        long liveUntil = claimExpires + request.grace() * 1000L;
        List<Message> claimed = new ArrayList<>();
        int moved = 0;
        String marker = null;
        while (claimed.size() + moved < request.limit()) {
            List<SwiftMessageObjects.Stored> candidates = objects.scan(scope, marker,
                    request.limit() - claimed.size() - moved,
                    message -> message.live(now) && !message.claimed(now) && !message.delayed(now));
            if (candidates.isEmpty()) {
                break;
            }
            for (SwiftMessageObjects.Stored candidate : candidates) {
                SwiftMessage message = candidate.message();
                if (deadLetters != null && message.claimCount() >= deadLetters.maxClaimCount()) {
                    if (moveToDeadLetterQueue(scope, candidate, deadLetters, now)) {
                        moved++;
                    }
                    continue;
                }
                SwiftMessage taken = message.claimedBy(claimId, claimExpires, liveUntil, message.claimCount() + 1);
                if (objects.replace(scope, candidate.id(), message, taken)) {
                    claimed.add(taken.toMessage(candidate.id(), now));
                }
            }
            marker = candidates.getLast().id();
        }
        if (moved > 0) {
            events.deadLettered(moved);
        }
        if (claimed.isEmpty()) {
            return new Claim(null, request.ttl(), Instant.ofEpochMilli(now), List.of());
        }
        SwiftClaim claim = new SwiftClaim(request.ttl(), now, claimExpires, claimed.stream().map(Message::id).toList());
        objects.putCreatingContainer(scope.claims(), claimId, claim.json(),
                objects.expiry(liveUntil));
        return new Claim(claimId, request.ttl(), Instant.ofEpochMilli(now), claimed);
    }

    private boolean moveToDeadLetterQueue(SwiftScope scope, SwiftMessageObjects.Stored candidate,
                                          DeadLetters deadLetters, long now) {
        String project = scope.project();
        if (!queues.exists(project, deadLetters.queue()) && queues.create(project, deadLetters.queue(), Map.of())) {
            LOG.info("Created dead-letter queue {} of project {}", deadLetters.queue(), project);
        }
        SwiftMessage message = candidate.message();
        long expires = deadLetters.messagesTtl() != null ? now + deadLetters.messagesTtl() * 1000L : message.expires();
        SwiftMessage copy = new SwiftMessage(message.body(), message.client(), message.created(), expires, now,
                message.checksum(), null, 0, message.claimCount(), 0);
        return objects.move(scope, candidate.id(), message, objects.scope(project, deadLetters.queue()),
                names.nextMessageId(now), copy);
    }

    @Override
    public Claim get(String project, String queue, String claimId) {
        SwiftScope scope = objects.scope(project, queue);
        long now = objects.now();
        SwiftClaim claim = read(scope, claimId, now);
        List<Message> messages = new ArrayList<>();
        for (String id : claim.messages()) {
            SwiftMessage message = objects.read(scope, id);
            if (message != null && message.live(now) && message.claimed(now) && claimId.equals(message.claimId())) {
                messages.add(message.toMessage(id, now));
            }
        }
        return new Claim(claimId, claim.ttl(), Instant.ofEpochMilli(claim.updated()), messages);
    }

    @Override
    public void update(String project, String queue, String claimId, int ttl, int grace) {
        SwiftScope scope = objects.scope(project, queue);
        long now = objects.now();
        SwiftClaim claim = read(scope, claimId, now);
        long claimExpires = now + ttl * 1000L;
        long liveUntil = claimExpires + grace * 1000L;
        for (String id : claim.messages()) {
            changeHeldMessage(scope, claimId, id,
                    message -> message.claimedBy(claimId, claimExpires, liveUntil, message.claimCount()));
        }
        objects.swift().put(scope.claims(), claimId,
                new SwiftClaim(ttl, now, claimExpires, claim.messages()).json(), objects.expiry(liveUntil));
    }

    @Override
    public void delete(String project, String queue, String claimId) {
        if (!SwiftNames.isUuid(claimId)) {
            return;
        }
        SwiftScope scope = objects.scope(project, queue);
        SwiftClient.Reply reply = objects.swift().get(scope.claims(), claimId);
        if (!reply.found()) {
            return;
        }
        for (String id : SwiftClaim.parse(reply.body()).messages()) {
            changeHeldMessage(scope, claimId, id, SwiftMessage::released);
        }
        objects.swift().delete(scope.claims(), claimId);
    }

    /** Applies {@code change} to the message while this claim holds it, retrying when others change it first. */
    private void changeHeldMessage(SwiftScope scope, String claimId, String id,
                                   java.util.function.UnaryOperator<SwiftMessage> change) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long now = objects.now();
            SwiftMessage message = objects.read(scope, id);
            if (message == null || !message.live(now) || !message.claimed(now) || !claimId.equals(message.claimId())) {
                return;
            }
            if (objects.replace(scope, id, message, change.apply(message))) {
                return;
            }
        }
        throw ZaqarException.unavailable("Message " + id + " of " + scope.project() + "/" + scope.queue()
                + " kept changing during " + ATTEMPTS + " attempts to change its claim " + claimId, null);
    }

    private SwiftClaim read(SwiftScope scope, String claimId, long now) {
        String project = scope.project();
        String queue = scope.queue();
        if (!SwiftNames.isUuid(claimId)) {
            throw ZaqarException.claimDoesNotExist(project, queue, claimId);
        }
        SwiftClient.Reply reply = objects.swift().get(scope.claims(), claimId);
        if (!reply.found()) {
            throw ZaqarException.claimDoesNotExist(project, queue, claimId);
        }
        SwiftClaim claim = SwiftClaim.parse(reply.body());
        if (claim.expires() <= now) {
            throw ZaqarException.claimDoesNotExist(project, queue, claimId);
        }
        return claim;
    }

    /** The dead-letter settings of a queue, when complete. */
    private record DeadLetters(int maxClaimCount, String queue, Integer messagesTtl) {

        static DeadLetters of(Map<String, Object> metadata) {
            Object max = metadata.get(ReservedMetadata.MAX_CLAIM_COUNT);
            Object queue = metadata.get(ReservedMetadata.DEAD_LETTER_QUEUE);
            if (!(max instanceof Number maxCount) || !(queue instanceof String deadLetterQueue)
                    || deadLetterQueue.isEmpty()) {
                return null;
            }
            Object ttl = metadata.get(ReservedMetadata.DEAD_LETTER_QUEUE_MESSAGES_TTL);
            Integer messagesTtl = ttl instanceof Number number && number.intValue() > 0 ? number.intValue() : null;
            return new DeadLetters(maxCount.intValue(), deadLetterQueue, messagesTtl);
        }
    }
}
