package org.zaqar.core.validation;

import static org.zaqar.core.validation.PythonValues.intValue;
import static org.zaqar.core.validation.PythonValues.isInt;
import static org.zaqar.core.validation.PythonValues.truthy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.zaqar.core.config.TransportLimits;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.ReservedMetadata;

/**
 * Every rule upstream's {@code zaqar/transport/validation.py} applies to client input, with its
 * wording. Each check throws {@link ZaqarException} VALIDATION_FAILED with the description a client
 * sees; the transport chooses the title.
 */
public final class Validator {
    public static final int QUEUE_NAME_MAX_LENGTH = 64;
    public static final int PROJECT_ID_MAX_LENGTH = 256;
    /** The only content type upstream accepts for PATCH on a queue (JSON-patch draft 10). */
    public static final String JSON_PATCH_MEDIA_TYPE = "application/openstack-messaging-v2.0-json-patch";
    public static final Set<String> PURGEABLE_RESOURCE_TYPES = Set.of("messages", "subscriptions");

    private static final Pattern QUEUE_NAME = Pattern.compile("^[a-zA-Z0-9_\\-.]+$");
    private static final List<String> PATCH_OPERATIONS = List.of("add", "remove", "replace");
    private static final String PATCH_OPERATIONS_TEXT = String.join(", ", PATCH_OPERATIONS);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TransportLimits limits;

    public Validator(TransportLimits limits) {
        this.limits = limits;
    }

    public TransportLimits limits() {
        return limits;
    }

    public void queueIdentification(String queue, String project) {
        if (project != null && project.length() > PROJECT_ID_MAX_LENGTH) {
            throw fail("Project ids may not be more than " + PROJECT_ID_MAX_LENGTH + " characters long.");
        }
        if (queue.length() > QUEUE_NAME_MAX_LENGTH) {
            throw fail("Queue names may not be more than " + QUEUE_NAME_MAX_LENGTH + " characters long.");
        }
        if (!QUEUE_NAME.matcher(queue).matches()) {
            throw fail("Queue names may only contain ASCII letters, digits, underscores, and dashes.");
        }
    }

    public void queueListing(Integer limit) {
        if (limit != null && !(0 < limit && limit <= limits.maxQueuesPerPage())) {
            throw fail("Limit must be at least 1 and no greater than " + limits.maxQueuesPerPage() + ".");
        }
    }

    public void poolListing(Integer limit) {
        if (limit != null && !(0 < limit && limit <= limits.maxPoolsPerPage())) {
            throw fail("Limit must be at least 1 and no greater than " + limits.maxPoolsPerPage() + ".");
        }
    }

    public void flavorListing(Integer limit) {
        if (limit != null && !(0 < limit && limit <= limits.maxFlavorsPerPage())) {
            throw fail("Limit must be at least 1 and no greater than " + limits.maxFlavorsPerPage() + ".");
        }
    }

    public void queueMetadataLength(long contentLength) {
        if (contentLength > limits.maxQueueMetadata()) {
            throw fail("Queue metadata is too large. Max size: " + limits.maxQueueMetadata());
        }
    }

    /** Types and ranges of the reserved ("_") metadata keys a client may set. */
    public void queueMetadataPutting(Map<String, Object> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return;
        }
        integerInRange(metadata, ReservedMetadata.DEFAULT_MESSAGE_TTL, TransportLimits.MIN_MESSAGE_TTL,
                limits.maxMessageTtl(), "_default_message_ttl can not exceed " + limits.maxMessageTtl()
                        + " seconds, and must be at least " + TransportLimits.MIN_MESSAGE_TTL + " seconds long.");
        integerInRange(metadata, ReservedMetadata.MAX_MESSAGES_POST_SIZE, 1, limits.maxMessagesPostSize(),
                "_max_messages_post_size can not exceed " + limits.maxMessagesPostSize()
                        + ",  and must be at least greater than 0.");
        integer(metadata, ReservedMetadata.MAX_CLAIM_COUNT);
        integerInRange(metadata, ReservedMetadata.DEAD_LETTER_QUEUE_MESSAGES_TTL, TransportLimits.MIN_MESSAGE_TTL,
                limits.maxMessageTtl(), messageTtlRange());
        integerInRange(metadata, ReservedMetadata.DEFAULT_MESSAGE_DELAY, TransportLimits.MIN_MESSAGE_DELAY,
                limits.maxMessageDelay(), "The TTL can not exceed " + limits.maxMessageDelay()
                        + " seconds, and must be at least " + TransportLimits.MIN_MESSAGE_DELAY + " seconds long.");
        Object encrypt = metadata.get(ReservedMetadata.ENABLE_ENCRYPT_MESSAGES);
        if (truthy(encrypt) && !(encrypt instanceof Boolean)) {
            throw fail("_enable_encrypt_messages must be boolean.");
        }
        RetryPolicyRules.check(metadata.get("_retry_policy"));
    }

    /** What GET on a queue shows for a reserved key the queue does not set (or sets to a falsy value). */
    public Map<String, Object> reservedMetadataDefaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put(ReservedMetadata.MAX_MESSAGES_POST_SIZE, limits.maxMessagesPostSize());
        defaults.put(ReservedMetadata.DEFAULT_MESSAGE_TTL, limits.defaultMessageTtl());
        defaults.put(ReservedMetadata.DEFAULT_MESSAGE_DELAY, limits.defaultMessageDelay());
        defaults.put(ReservedMetadata.DEAD_LETTER_QUEUE, null);
        defaults.put(ReservedMetadata.DEAD_LETTER_QUEUE_MESSAGES_TTL, null);
        defaults.put(ReservedMetadata.MAX_CLAIM_COUNT, null);
        defaults.put(ReservedMetadata.ENABLE_ENCRYPT_MESSAGES, false);
        return defaults;
    }

    /** Fills in {@link #reservedMetadataDefaults()} where upstream does: keys missing or falsy. */
    public Map<String, Object> withReservedDefaults(Map<String, Object> metadata) {
        Map<String, Object> shown = new LinkedHashMap<>(metadata);
        reservedMetadataDefaults().forEach((key, value) -> {
            if (!truthy(shown.get(key))) {
                shown.put(key, value);
            }
        });
        return shown;
    }

    /** The changes of a queue PATCH body, checked as upstream's {@code queue_patching}. */
    public List<PatchOperation> queuePatching(JsonNode changes) {
        if (changes == null || !changes.isArray()) {
            throw fail("Request body must be a JSON array of operation objects.");
        }
        List<PatchOperation> operations = new ArrayList<>();
        for (JsonNode change : changes) {
            if (!change.isObject()) {
                throw fail("Operations must be JSON objects.");
            }
            JsonNode opNode = change.get("op");
            if (opNode == null || opNode.isNull()) {
                throw fail("Unable to find `op` in JSON Schema change. It must be one of the following: "
                        + PATCH_OPERATIONS_TEXT + ".");
            }
            String op = opNode.isTextual() ? opNode.textValue() : opNode.toString();
            if (!PATCH_OPERATIONS.contains(op)) {
                throw fail("Invalid operation: `" + op + "`. It must be one of the following: "
                        + PATCH_OPERATIONS_TEXT + ".");
            }
            JsonNode pathNode = change.get("path");
            if (pathNode == null) {
                throw fail("Unable to find 'path' in JSON Schema change");
            }
            List<String> path = JsonPointers.decode(pathNode.isTextual() ? pathNode.textValue() : pathNode.toString());
            if (path.size() != 2) {
                throw fail("Invalid JSON pointer for this resource: '/" + String.join("/", path)
                        + ", e.g /metadata/key'");
            }
            Object value = null;
            if (!op.equals("remove")) {
                if (!change.has("value")) {
                    throw fail("Operation \"" + op + "\" requires a member named \"value\".");
                }
                if (!path.get(0).equalsIgnoreCase("metadata")) {
                    throw fail("The root of path must be metadata, e.g /metadata/key.");
                }
                value = JSON.convertValue(change.get("value"), Object.class);
            }
            operations.add(new PatchOperation(op, path.get(1), value));
        }
        return operations;
    }

    /** @return the resource types a purge asks for */
    public Set<String> queuePurging(JsonNode document) {
        if (document == null || !document.has("resource_types")) {
            throw fail("Post body must contain key \"resource_types\".");
        }
        JsonNode types = document.get("resource_types");
        Set<String> requested = new LinkedHashSet<>();
        if (types.isArray()) {
            types.forEach(type -> requested.add(type.isTextual() ? type.textValue() : type.toString()));
        } else if (types.isObject()) {
            types.fieldNames().forEachRemaining(requested::add);
        } else {
            requested.add(types.toString());
        }
        if (!PURGEABLE_RESOURCE_TYPES.containsAll(requested)) {
            throw fail("Resource types must be a sub set of {'messages', 'subscriptions'}.");
        }
        return requested;
    }

    public void messagePosting(int count) {
        if (count == 0) {
            throw fail("No messages to enqueu.");
        }
    }

    /** @param queueMaxPostSize the queue's {@code _max_messages_post_size}, or null */
    public void messageLength(long contentLength, Object queueMaxPostSize) {
        int configured = limits.maxMessagesPostSize();
        if (truthy(queueMaxPostSize) && isInt(queueMaxPostSize)) {
            long effective = Math.min(intValue(queueMaxPostSize), configured);
            if (contentLength > effective) {
                throw fail("Message collection size is too large. The max size for current queue is " + effective
                        + ". It is calculated by max size = min(max_messages_post_size_config: " + configured
                        + ", max_messages_post_size_queue: " + intValue(queueMaxPostSize) + ").");
            }
        }
        if (contentLength > configured) {
            throw fail("Message collection size is too large. Max size " + configured);
        }
    }

    public void messageContent(long ttl, long delay) {
        if (!(TransportLimits.MIN_MESSAGE_TTL <= ttl && ttl <= limits.maxMessageTtl())) {
            throw fail(messageTtlRange());
        }
        if (!(TransportLimits.MIN_MESSAGE_DELAY <= delay && delay <= limits.maxMessageDelay())) {
            throw fail("The Delay TTL for a message may not exceed " + limits.maxMessageDelay()
                    + " seconds,and must be at least " + TransportLimits.MIN_MESSAGE_DELAY + " seconds long.");
        }
    }

    public void messageListing(Integer limit) {
        if (limit != null && !(0 < limit && limit <= limits.maxMessagesPerPage())) {
            throw fail("Limit must be at least 1 and may not be greater than " + limits.maxMessagesPerPage() + ".");
        }
    }

    /** The parameters of DELETE on the message collection: {@code ids} or {@code pop}, and maybe {@code claim_ids}. */
    public void messageDeletion(List<String> ids, Integer pop, List<String> claimIds) {
        if (pop != null && ids != null) {
            throw fail("pop and id params cannot be present together in the delete request.");
        }
        if (pop == null && ids == null) {
            throw fail("The request should have either \"ids\" or \"pop\" parameter in the request, "
                    + "to be able to delete.");
        }
        if (limits.messageDeleteWithClaimId()
                && ((ids != null && !ids.isEmpty() && claimIds == null)
                || (ids == null && claimIds != null && !claimIds.isEmpty()))) {
            throw fail("The request should have both \"ids\" and \"claim_ids\" parameter in the request when "
                    + "message_delete_with_claim_id is True.");
        }
        int popLimit = limits.maxMessagesPerClaimOrPop();
        if (pop != null && !(0 < pop && pop <= popLimit)) {
            throw fail("Pop value must be at least 1 and may not be greater than " + popLimit + ".");
        }
        int deleteLimit = limits.maxMessagesPerPage();
        if (ids != null && !(0 < ids.size() && ids.size() <= deleteLimit)) {
            throw fail("ids parameter should have at least 1 and not greater than " + deleteLimit + " values.");
        }
    }

    public void claimCreation(long ttl, long grace, Integer limit) {
        claimUpdating(ttl);
        int upLimit = limits.maxMessagesPerClaimOrPop();
        if (limit != null && !(0 < limit && limit <= upLimit)) {
            throw fail("Limit must be at least 1 and may not be greater than " + upLimit + ".");
        }
        if (!(TransportLimits.MIN_CLAIM_GRACE <= grace && grace <= limits.maxClaimGrace())) {
            throw fail("The grace for a claim may not exceed " + limits.maxClaimGrace()
                    + " seconds, and must be at least " + TransportLimits.MIN_CLAIM_GRACE + " seconds long.");
        }
    }

    public void claimUpdating(long ttl) {
        if (!(TransportLimits.MIN_CLAIM_TTL <= ttl && ttl <= limits.maxClaimTtl())) {
            throw fail("The TTL for a claim may not exceed " + limits.maxClaimTtl()
                    + " seconds, and must be at least " + TransportLimits.MIN_CLAIM_TTL + " seconds long.");
        }
    }

    /** True when {@code client_id_uuid_safe = strict}: the Client-ID must then be a UUID. */
    public boolean clientIdMustBeUuid() {
        return "strict".equals(limits.clientIdUuidSafe());
    }

    /**
     * The Client-ID header: a UUID in strict mode (message "Malformed hexadecimal UUID."),
     * otherwise a length between the configured bounds.
     */
    public void clientId(String clientId) {
        if (clientIdMustBeUuid()) {
            if (Uuids.parse(clientId) == null) {
                throw fail("Malformed hexadecimal UUID.");
            }
            return;
        }
        if (clientId.length() < limits.minLengthClientId() || clientId.length() > limits.maxLengthClientId()) {
            throw fail("Length of client id must be at least " + limits.minLengthClientId()
                    + " and no greater than " + limits.maxLengthClientId() + ".");
        }
    }

    private String messageTtlRange() {
        return "The TTL for a message may not exceed " + limits.maxMessageTtl()
                + " seconds, and must be at least " + TransportLimits.MIN_MESSAGE_TTL + " seconds long.";
    }

    private static void integer(Map<String, Object> metadata, String key) {
        Object value = metadata.get(key);
        if (truthy(value) && !isInt(value)) {
            throw fail(key + " must be integer.");
        }
    }

    private static void integerInRange(Map<String, Object> metadata, String key, long min, long max, String range) {
        integer(metadata, key);
        Object value = metadata.get(key);
        if (value != null && (!isInt(value) || intValue(value) < min || intValue(value) > max)) {
            throw fail(range);
        }
    }

    static ZaqarException fail(String description) {
        return ZaqarException.validation(description);
    }
}
