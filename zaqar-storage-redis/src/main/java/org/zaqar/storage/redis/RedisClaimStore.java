package org.zaqar.storage.redis;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.Message;
import org.zaqar.core.storage.ClaimStore;
import org.zaqar.core.storage.MessageEvents;

/**
 * Claims: a hash per claim (ttl, last update, expiry, message ids), with each claimed message's
 * holder and claim expiry kept in per-queue structures, so checks on delete need no claim lookup.
 * Creating, renewing or releasing a claim is one script call whatever the number of messages.
 */
final class RedisClaimStore implements ClaimStore {
    private final RedisConnection redis;
    private final InstantSource clock;
    private final MessageEvents events;

    RedisClaimStore(RedisConnection redis, InstantSource clock, MessageEvents events) {
        this.redis = redis;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public Claim create(String project, String queue, ClaimRequest request) {
        String claimId = UUID.randomUUID().toString();
        long now = clock.millis();
        List<?> reply = RedisReplies.list(redis.eval(RedisScript.CLAIM_CREATE,
                List.of(RedisKeys.queue(project, queue)),
                List.of(Long.toString(now), Integer.toString(request.limit()), claimId,
                        Integer.toString(request.ttl()), Integer.toString(request.grace()), RedisKeys.PREFIX,
                        RedisKeys.project(project))));
        long deadLettered = RedisReplies.number(reply.getFirst());
        if (deadLettered > 0) {
            events.deadLettered(deadLettered);
        }
        List<Message> messages = RedisReplies.messages(reply, 1);
        // nothing claimed: no claim was stored, so there is no id to give out
        return new Claim(messages.isEmpty() ? null : claimId, request.ttl(), Instant.ofEpochMilli(now), messages);
    }

    @Override
    public Claim get(String project, String queue, String claimId) {
        List<?> reply = RedisReplies.list(redis.eval(RedisScript.CLAIM_GET, List.of(RedisKeys.queue(project, queue)),
                List.of(Long.toString(clock.millis()), claimId)));
        if (reply.isEmpty()) {
            throw ZaqarException.claimDoesNotExist(project, queue, claimId);
        }
        int ttl = (int) RedisReplies.number(reply.get(0));
        Instant updated = Instant.ofEpochMilli(RedisReplies.number(reply.get(1)));
        return new Claim(claimId, ttl, updated, RedisReplies.messages(reply, 2));
    }

    @Override
    public void update(String project, String queue, String claimId, int ttl, int grace) {
        Object updated = redis.eval(RedisScript.CLAIM_UPDATE, List.of(RedisKeys.queue(project, queue)),
                List.of(Long.toString(clock.millis()), claimId, Integer.toString(ttl), Integer.toString(grace)));
        if (RedisReplies.number(updated) == 0) {
            throw ZaqarException.claimDoesNotExist(project, queue, claimId);
        }
    }

    @Override
    public void delete(String project, String queue, String claimId) {
        redis.eval(RedisScript.CLAIM_DELETE, List.of(RedisKeys.queue(project, queue)),
                List.of(Long.toString(clock.millis()), claimId));
    }
}
