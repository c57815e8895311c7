package org.zaqar.storage.redis;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Page;
import org.zaqar.core.storage.MessageStore;

/**
 * Messages: per-queue hashes (message data, claim holder, claim count) and sorted sets (all,
 * free, delayed, claimed, expiry), each operation one Lua script call. The marker of a message is its position from the queue's
 * counter, so paging by marker never skips or repeats.
 */
final class RedisMessageStore implements MessageStore {
    /** The markers this store hands out: a message's position from the queue's counter. */
    private static final Pattern ISSUED_MARKER = Pattern.compile("[0-9]{1,15}");

    private final RedisConnection redis;
    private final RedisQueueStore queues;
    private final RedisSubscriptionStore subscriptions;
    private final InstantSource clock;

    RedisMessageStore(RedisConnection redis, RedisQueueStore queues, RedisSubscriptionStore subscriptions,
                      InstantSource clock) {
        this.redis = redis;
        this.queues = queues;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @Override
    public List<String> post(String project, String queue, List<NewMessage> messages, String clientId) {
        List<String> ids = new ArrayList<>(messages.size());
        long now = clock.millis();
        String key = RedisKeys.queue(project, queue);
        List<String> args = new ArrayList<>(3 + messages.size() * 4);
        args.add(Long.toString(now));
        args.add(Integer.toString(messages.size()));
        args.add(queues.postingMetadataJson(key));
        for (NewMessage message : messages) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            args.add(id);
            args.add(RedisReplies.pack(now, clientId, message.checksum(), message.body()));
            args.add(Integer.toString(message.ttl()));
            args.add(Integer.toString(message.delay()));
        }
        if (messages.isEmpty()) {
            if (!redis.call("queue exists", jedis -> jedis.exists(RedisKeys.queue(project, queue)))) {
                throw ZaqarException.queueDoesNotExist(project, queue);
            }
            return ids;
        }
        long posted = RedisReplies.number(redis.eval(RedisScript.POST,
                List.of(key, RedisKeys.subscriptions(project, queue)), args));
        if (posted <= 0) {
            queues.forget(key);
            throw posted == 0 ? ZaqarException.queueDoesNotExist(project, queue) : new ZaqarException(
                    ErrorCode.QUEUE_METADATA_CHANGED, "The metadata of queue " + queue + " changed meanwhile");
        }
        subscriptions.posted(key, posted == 2);
        return ids;
    }

    @Override
    public Page<Message> list(String project, String queue, MessageListQuery query) {
        if (query.marker() != null && !ISSUED_MARKER.matcher(query.marker()).matches()) {
            return new Page<>(List.of(), null);
        }
        String clientId = query.clientId() == null ? "" : query.clientId().replace('\n', ' ');
        List<?> reply = RedisReplies.list(redis.eval(RedisScript.LIST, List.of(RedisKeys.queue(project, queue)),
                List.of(Long.toString(clock.millis()), query.marker() == null ? "" : query.marker(),
                        Integer.toString(query.limit()), flag(query.echo()), clientId,
                        flag(query.includeClaimed()), flag(query.includeDelayed()))));
        if (reply.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        List<Message> messages = RedisReplies.messages(reply, 1);
        return new Page<>(messages, messages.isEmpty() ? null : RedisReplies.text(reply.get(0)));
    }

    @Override
    public Message get(String project, String queue, String messageId) {
        List<Message> found = bulkGet(project, queue, List.of(messageId));
        if (found.isEmpty()) {
            throw ZaqarException.messageDoesNotExist(project, queue, messageId);
        }
        return found.getFirst();
    }

    @Override
    public List<Message> bulkGet(String project, String queue, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(ids.size() + 1);
        args.add(Long.toString(clock.millis()));
        args.addAll(ids);
        return RedisReplies.messages(RedisReplies.list(
                redis.eval(RedisScript.GET, List.of(RedisKeys.queue(project, queue)), args)), 0);
    }

    @Override
    public void delete(String project, String queue, String messageId, String claimId) {
        Object outcome = redis.eval(RedisScript.DELETE, List.of(RedisKeys.queue(project, queue)),
                List.of(Long.toString(clock.millis()), messageId, claimId == null ? "" : claimId));
        switch (RedisReplies.text(outcome)) {
            case "OK" -> {
            }
            case "IS_CLAIMED" -> throw new ZaqarException(ErrorCode.MESSAGE_IS_CLAIMED,
                    "Message " + messageId + " is claimed; deleting it needs its claim id");
            case "NOT_CLAIMED" -> throw new ZaqarException(ErrorCode.MESSAGE_NOT_CLAIMED,
                    "Message " + messageId + " is not claimed, but claim " + claimId + " was given");
            case "NOT_CLAIMED_BY" -> throw new ZaqarException(ErrorCode.MESSAGE_NOT_CLAIMED_BY,
                    "Message " + messageId + " is claimed by another claim than " + claimId);
            default -> throw ZaqarException.unavailable("unexpected reply from the delete script: " + outcome, null);
        }
    }

    @Override
    public void bulkDelete(String project, String queue, Collection<String> ids, Collection<String> claimIds) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(2 + ids.size() + (claimIds == null ? 0 : claimIds.size()));
        args.add(Long.toString(clock.millis()));
        args.add(Integer.toString(claimIds == null ? ids.size() : -ids.size()));
        args.addAll(ids);
        if (claimIds != null) {
            args.addAll(claimIds);
        }
        redis.eval(RedisScript.BULK_DELETE, List.of(RedisKeys.queue(project, queue)), args);
    }

    @Override
    public List<Message> pop(String project, String queue, int limit) {
        return RedisReplies.messages(RedisReplies.list(redis.eval(RedisScript.POP,
                List.of(RedisKeys.queue(project, queue)),
                List.of(Long.toString(clock.millis()), Integer.toString(limit)))), 0);
    }

    @Override
    public void purge(String project, String queue) {
        redis.eval(RedisScript.PURGE, List.of(RedisKeys.queue(project, queue)), List.of());
    }

    private static String flag(boolean value) {
        return value ? "1" : "0";
    }
}
