package org.zaqar.core.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.TransportLimits;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;

class ValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Validator validator = new Validator(TransportLimits.defaults());

    private static void fails(String description, Executable check) {
        ZaqarException e = assertThrows(ZaqarException.class, check);
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertEquals(description, e.getMessage());
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static Map<String, Object> metadata(String key, Object value) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(key, value);
        return metadata;
    }

    @Test
    void queueNames() {
        assertDoesNotThrow(() -> validator.queueIdentification("a-b_c.D9", "p"));
        assertDoesNotThrow(() -> validator.queueIdentification("x".repeat(64), null));
        fails("Queue names may not be more than 64 characters long.",
                () -> validator.queueIdentification("x".repeat(65), "p"));
        fails("Queue names may only contain ASCII letters, digits, underscores, and dashes.",
                () -> validator.queueIdentification("a b", "p"));
        fails("Queue names may only contain ASCII letters, digits, underscores, and dashes.",
                () -> validator.queueIdentification("", "p"));
        fails("Project ids may not be more than 256 characters long.",
                () -> validator.queueIdentification("q", "p".repeat(257)));
    }

    @Test
    void pageLimits() {
        assertDoesNotThrow(() -> validator.queueListing(null));
        assertDoesNotThrow(() -> validator.queueListing(20));
        fails("Limit must be at least 1 and no greater than 20.", () -> validator.queueListing(21));
        fails("Limit must be at least 1 and no greater than 20.", () -> validator.queueListing(0));
        fails("Limit must be at least 1 and may not be greater than 20.", () -> validator.messageListing(21));
        assertDoesNotThrow(() -> validator.messageListing(1));
    }

    @Test
    void messageTtlAndDelay() {
        assertDoesNotThrow(() -> validator.messageContent(60, 0));
        assertDoesNotThrow(() -> validator.messageContent(1209600, 900));
        fails("The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long.",
                () -> validator.messageContent(59, 0));
        fails("The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long.",
                () -> validator.messageContent(1209601, 0));
        fails("The Delay TTL for a message may not exceed 900 seconds,and must be at least 0 seconds long.",
                () -> validator.messageContent(60, 901));
        fails("No messages to enqueu.", () -> validator.messagePosting(0));
    }

    @Test
    void postSizeHonoursTheQueueLimit() {
        assertDoesNotThrow(() -> validator.messageLength(262144, null));
        fails("Message collection size is too large. Max size 262144", () -> validator.messageLength(262145, null));
        fails("Message collection size is too large. The max size for current queue is 100. It is calculated by "
                        + "max size = min(max_messages_post_size_config: 262144, max_messages_post_size_queue: 100).",
                () -> validator.messageLength(101, 100));
        assertDoesNotThrow(() -> validator.messageLength(100, 100));
    }

    @Test
    void claimRanges() {
        assertDoesNotThrow(() -> validator.claimCreation(60, 60, 20));
        fails("The TTL for a claim may not exceed 43200 seconds, and must be at least 60 seconds long.",
                () -> validator.claimCreation(59, 60, null));
        fails("Limit must be at least 1 and may not be greater than 20.", () -> validator.claimCreation(60, 60, 21));
        fails("The grace for a claim may not exceed 43200 seconds, and must be at least 60 seconds long.",
                () -> validator.claimCreation(60, 43201, null));
        fails("The TTL for a claim may not exceed 43200 seconds, and must be at least 60 seconds long.",
                () -> validator.claimUpdating(43201));
    }

    @Test
    void messageDeletion() {
        assertDoesNotThrow(() -> validator.messageDeletion(List.of("a"), null, null));
        assertDoesNotThrow(() -> validator.messageDeletion(null, 5, null));
        fails("pop and id params cannot be present together in the delete request.",
                () -> validator.messageDeletion(List.of("a"), 1, null));
        fails("The request should have either \"ids\" or \"pop\" parameter in the request, to be able to delete.",
                () -> validator.messageDeletion(null, null, null));
        fails("Pop value must be at least 1 and may not be greater than 20.",
                () -> validator.messageDeletion(null, 21, null));
        fails("ids parameter should have at least 1 and not greater than 20 values.",
                () -> validator.messageDeletion(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
                        "13", "14", "15", "16", "17", "18", "19", "20", "21"), null, null));
    }

    @Test
    void deletionWithClaimIdsWhenConfigured() {
        Validator strict = new Validator(TransportLimits.from(new ConfigSection("transport",
                Map.of("message_delete_with_claim_id", "true"))));
        fails("The request should have both \"ids\" and \"claim_ids\" parameter in the request when "
                + "message_delete_with_claim_id is True.", () -> strict.messageDeletion(List.of("a"), null, null));
        assertDoesNotThrow(() -> strict.messageDeletion(List.of("a"), null, List.of("c")));
    }

    @Test
    void clientIds() {
        assertDoesNotThrow(() -> validator.clientId("3381af92-2b9e-11e3-b191-71861300734c"));
        assertDoesNotThrow(() -> validator.clientId("{3381AF922B9E11E3B19171861300734C}"));
        fails("Malformed hexadecimal UUID.", () -> validator.clientId("not-a-uuid"));
        assertEquals("3381af92-2b9e-11e3-b191-71861300734c", Uuids.parse("urn:uuid:3381AF92-2B9E-11E3-B191-71861300734C"));
        assertNull(Uuids.parse("3381af92-2b9e-11e3-b191-71861300734"));

        Validator lenient = new Validator(TransportLimits.from(new ConfigSection("transport",
                Map.of("client_id_uuid_safe", "off"))));
        assertDoesNotThrow(() -> lenient.clientId("just-a-client"));
        fails("Length of client id must be at least 10 and no greater than 36.", () -> lenient.clientId("short"));
        fails("Length of client id must be at least 10 and no greater than 36.", () -> lenient.clientId("x".repeat(37)));
    }

    @Test
    void reservedMetadata() {
        assertDoesNotThrow(() -> validator.queueMetadataPutting(Map.of("_default_message_ttl", 60,
                "_max_messages_post_size", 1, "_default_message_delay", 0, "_max_claim_count", 3,
                "_dead_letter_queue", "dlq", "_dead_letter_queue_messages_ttl", 120, "_enable_encrypt_messages", true)));
        fails("_default_message_ttl must be integer.", () -> validator.queueMetadataPutting(metadata("_default_message_ttl", "x")));
        fails("_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long.",
                () -> validator.queueMetadataPutting(metadata("_default_message_ttl", 59)));
        fails("_max_messages_post_size must be integer.",
                () -> validator.queueMetadataPutting(metadata("_max_messages_post_size", 1.5)));
        fails("_max_messages_post_size can not exceed 262144,  and must be at least greater than 0.",
                () -> validator.queueMetadataPutting(metadata("_max_messages_post_size", 262145)));
        fails("_max_claim_count must be integer.", () -> validator.queueMetadataPutting(metadata("_max_claim_count", "3")));
        fails("_dead_letter_queue_messages_ttl must be integer.",
                () -> validator.queueMetadataPutting(metadata("_dead_letter_queue_messages_ttl", "a")));
        fails("The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long.",
                () -> validator.queueMetadataPutting(metadata("_dead_letter_queue_messages_ttl", 30)));
        fails("_default_message_delay must be integer.",
                () -> validator.queueMetadataPutting(metadata("_default_message_delay", "a")));
        fails("The TTL can not exceed 900 seconds, and must be at least 0 seconds long.",
                () -> validator.queueMetadataPutting(metadata("_default_message_delay", 901)));
        fails("_enable_encrypt_messages must be boolean.",
                () -> validator.queueMetadataPutting(metadata("_enable_encrypt_messages", "yes")));
        fails("Queue metadata is too large. Max size: 65536", () -> validator.queueMetadataLength(65537));
    }

    @Test
    void retryPolicy() {
        assertDoesNotThrow(() -> validator.queueMetadataPutting(metadata("_retry_policy",
                Map.of("retries_with_no_delay", 3, "retry_backoff_function", "linear"))));
        fails("retry_policy must be a dict.", () -> validator.queueMetadataPutting(metadata("_retry_policy", "x")));
        fails("invalid retry_backoff_function.", () -> validator.queueMetadataPutting(metadata("_retry_policy",
                Map.of("retry_backoff_function", "cubic"))));
        fails("minimum_delay must less than maximum_delay.", () -> validator.queueMetadataPutting(metadata("_retry_policy",
                Map.of("minimum_delay", 40))));
    }

    @Test
    void reservedDefaultsFillMissingAndFalsyKeys() {
        Map<String, Object> shown = validator.withReservedDefaults(Map.of("a", 1, "_default_message_ttl", 0,
                "_max_claim_count", 5));
        assertEquals(1, shown.get("a"));
        assertEquals(3600, shown.get("_default_message_ttl"));
        assertEquals(262144, shown.get("_max_messages_post_size"));
        assertEquals(0, shown.get("_default_message_delay"));
        assertEquals(5, shown.get("_max_claim_count"));
        assertEquals(false, shown.get("_enable_encrypt_messages"));
        assertNull(shown.get("_dead_letter_queue"));
        assertEquals(8, shown.size());
    }

    @Test
    void jsonPatch() throws Exception {
        List<PatchOperation> ops = validator.queuePatching(json("""
                [{"op":"add","path":"/metadata/a","value":1},
                 {"op":"replace","path":"/metadata/b~1c","value":{"x":true}},
                 {"op":"remove","path":"/metadata/d"}]"""));
        assertEquals(List.of(new PatchOperation("add", "a", 1), new PatchOperation("replace", "b/c", Map.of("x", true)),
                new PatchOperation("remove", "d", null)), ops);
        fails("Request body must be a JSON array of operation objects.", () -> validator.queuePatching(json("{}")));
        fails("Operations must be JSON objects.", () -> validator.queuePatching(json("[1]")));
        fails("Unable to find `op` in JSON Schema change. It must be one of the following: add, remove, replace.",
                () -> validator.queuePatching(json("[{\"path\":\"/metadata/a\"}]")));
        fails("Invalid operation: `move`. It must be one of the following: add, remove, replace.",
                () -> validator.queuePatching(json("[{\"op\":\"move\",\"path\":\"/metadata/a\"}]")));
        fails("Unable to find 'path' in JSON Schema change", () -> validator.queuePatching(json("[{\"op\":\"add\"}]")));
        fails("Pointer `metadata/a` does not start with \"/\".",
                () -> validator.queuePatching(json("[{\"op\":\"add\",\"path\":\"metadata/a\",\"value\":1}]")));
        fails("Pointer `/metadata//a` contains adjacent \"/\".",
                () -> validator.queuePatching(json("[{\"op\":\"add\",\"path\":\"/metadata//a\",\"value\":1}]")));
        fails("Pointer `/metadata/a/` end with \"/\".",
                () -> validator.queuePatching(json("[{\"op\":\"add\",\"path\":\"/metadata/a/\",\"value\":1}]")));
        fails("Pointer `/metadata/~2` contains \"~\" not part of a recognized escape sequence.",
                () -> validator.queuePatching(json("[{\"op\":\"add\",\"path\":\"/metadata/~2\",\"value\":1}]")));
        fails("Invalid JSON pointer for this resource: '/metadata/a/b, e.g /metadata/key'",
                () -> validator.queuePatching(json("[{\"op\":\"add\",\"path\":\"/metadata/a/b\",\"value\":1}]")));
        fails("Operation \"add\" requires a member named \"value\".",
                () -> validator.queuePatching(json("[{\"op\":\"add\",\"path\":\"/metadata/a\"}]")));
        fails("The root of path must be metadata, e.g /metadata/key.",
                () -> validator.queuePatching(json("[{\"op\":\"add\",\"path\":\"/other/a\",\"value\":1}]")));
    }

    @Test
    void purgeResourceTypes() throws Exception {
        assertEquals(Set.of("messages"), validator.queuePurging(json("{\"resource_types\":[\"messages\"]}")));
        fails("Post body must contain key \"resource_types\".", () -> validator.queuePurging(json("{}")));
        fails("Resource types must be a sub set of {'messages', 'subscriptions'}.",
                () -> validator.queuePurging(json("{\"resource_types\":[\"queues\"]}")));
    }
}
