package org.zaqar.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.QueueStats;
import org.zaqar.core.pooling.PoolCatalog;
import org.zaqar.core.storage.MessageStorage;

/**
 * Upstream's {@code /v2/health} body: whether the store answers, the message volume, and the
 * outcome and duration of each operation of a short exercise on a throw-away queue in a
 * throw-away project (upstream's {@code _get_operation_status}).
 */
final class HealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(HealthCheck.class);
    private static final int EXERCISE_MESSAGES = 100;

    private final MessageStorage storage;
    private final PoolCatalog pooling;

    /** @param pooling the catalog {@code storage} routes by, or null without pooling */
    HealthCheck(MessageStorage storage, PoolCatalog pooling) {
        this.storage = storage;
        this.pooling = pooling;
    }

    /**
     * The report over the store the API serves. With pooling, also upstream's pooled report:
     * whether the catalog (management store) answers, and each pool's own report under its name.
     */
    ObjectNode report() {
        ObjectNode body = storageReport();
        if (pooling != null) {
            body.put("catalog_reachable", alive(pooling.management()::isAlive));
            pooling.pools().forEach((name, pool) -> body.set(name, new HealthCheck(pool, null).storageReport()));
        }
        return body;
    }

    private ObjectNode storageReport() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        boolean reachable = alive();
        body.put("storage_reachable", reachable);
        ObjectNode operations = body.putObject("operation_status");
        if (reachable) {
            exercise(operations);
        }
        QueueStats volume = reachable ? storage.messageVolume() : null;
        if (volume != null) {
            body.putObject("message_volume").put("free", volume.free()).put("claimed", volume.claimed())
                    .put("total", volume.total());
        }
        return body;
    }

    boolean alive() {
        return alive(storage::isAlive);
    }

    private static boolean alive(java.util.function.BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void exercise(ObjectNode operations) {
        String project = UUID.randomUUID().toString();
        String queue = UUID.randomUUID().toString();
        String client = UUID.randomUUID().toString();
        if (timed(operations, "create_queue", () -> storage.queues().create(project, queue, Map.of())) == null) {
            return;
        }
        List<NewMessage> messages = IntStream.range(0, EXERCISE_MESSAGES)
                .mapToObj(i -> new NewMessage("{\"event\": \"p_" + i + "\"}", 600, 0, null)).toList();
        List<String> ids = timed(operations, "post_messages",
                () -> storage.messages().post(project, queue, messages, client));
        if (ids != null && !ids.isEmpty()) {
            Claim claim = timed(operations, "claim_messages",
                    () -> storage.claims().create(project, queue, new ClaimRequest(60, 300, 10)));
            timed(operations, "list_messages", () -> storage.messages().list(project, queue,
                    new MessageListQuery(null, 10, true, client, true, true)));
            if (claim != null && !claim.messages().isEmpty()) {
                for (var message : claim.messages()) {
                    Object deleted = timed(operations, "delete_messages", () -> {
                        storage.messages().delete(project, queue, message.id(), claim.id());
                        return true;
                    });
                    if (deleted == null) {
                        break;
                    }
                }
                timed(operations, "delete_claim", () -> {
                    storage.claims().delete(project, queue, claim.id());
                    return true;
                });
            }
        }
        timed(operations, "bulk_delete_messages", () -> {
            storage.messages().bulkDelete(project, queue, ids == null ? List.of() : ids, null);
            return true;
        });
        timed(operations, "delete_queue", () -> {
            storage.queues().delete(project, queue);
            return true;
        });
    }

    /** Runs one operation and records it; returns its result, or null when it failed. */
    private <T> T timed(ObjectNode operations, String name, Supplier<T> operation) {
        long startNanos = System.nanoTime();
        T result = null;
        String reference = null;
        try {
            result = operation.get();
        } catch (RuntimeException e) {
            reference = UUID.randomUUID().toString();
            LOG.error("Health check operation {} failed; reference {}", name, reference, e);
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        ObjectNode status = operations.putObject(name);
        status.put("succeeded", reference == null);
        status.put("seconds", seconds);
        if (reference == null) {
            status.putNull("ref");
        } else {
            status.put("ref", reference);
        }
        return result;
    }
}
