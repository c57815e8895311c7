package org.zaqar.api;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.zaqar.core.config.TransportLimits;
import org.zaqar.core.message.MessageEncryption;

/** Queues with _enable_encrypt_messages store sealed bodies and serve them decrypted. */
class EncryptionApiTest extends ApiTestSupport {
    private static final String KEY = "first-key";

    @Override
    protected ApiSettings settings() {
        return new ApiSettings(TransportLimits.defaults(), false, true, "", List.of("1", "1.1"));
    }

    @Override
    protected SecuritySettings security() {
        return new SecuritySettings(null, null, null, CorsSettings.disabled(),
                MessageEncryption.create(MessageEncryption.AES256, KEY, List.of()));
    }

    private String stored(String queue, String id) {
        return storage.messages().get(project, queue, id).body();
    }

    @Test
    void encryptedQueueStoresSealedBodiesAndServesThemPlain() {
        api().contentType("application/json").body("{\"_enable_encrypt_messages\": true}").put("/v2/queues/sealed")
                .then().statusCode(201);
        List<String> ids = post("sealed", "[{\"body\": {\"card\": \"4111-1111\"}}, {\"body\": \"zaqar-aes256gcm:v1:x\"}]");
        String sealed = stored("sealed", ids.getFirst());
        assertTrue(sealed.startsWith("\"zaqar-aes256gcm:v1:"), sealed);
        assertFalse(sealed.contains("4111"), sealed);
        api().get("/v2/queues/sealed/messages/" + ids.getFirst()).then().statusCode(200)
                .body("body.card", equalTo("4111-1111"));
        api().get("/v2/queues/sealed/messages?echo=true").then().statusCode(200)
                .body("messages[0].body.card", equalTo("4111-1111"))
                .body("messages[1].body", equalTo("zaqar-aes256gcm:v1:x"));
        api().get("/v2/queues/sealed/messages?ids=" + String.join(",", ids)).then().statusCode(200)
                .body("messages.find { it.id == '" + ids.getFirst() + "' }.body.card", equalTo("4111-1111"));
        api().contentType("application/json").body("{\"ttl\": 60}").post("/v2/queues/sealed/claims?limit=1")
                .then().statusCode(201).body("messages[0].body.card", equalTo("4111-1111"));
        api().contentType("application/json").body("{\"_enable_encrypt_messages\": true}")
                .put("/v2/queues/sealed-pop").then().statusCode(201);
        post("sealed-pop", "[{\"body\": {\"card\": \"5500-0000\"}}]");
        api().delete("/v2/queues/sealed-pop/messages?pop=1").then().statusCode(200)
                .body("messages[0].body.card", equalTo("5500-0000"));
    }

    @Test
    void olderApisSealAndOpenExactlyAsV2() {
        api().contentType("application/json").body("{\"_enable_encrypt_messages\": true}").put("/v2/queues/legacy")
                .then().statusCode(201);
        List<String> hrefs = api().contentType("application/json")
                .body("{\"messages\": [{\"body\": {\"card\": \"4111-1111\"}}]}").post("/v1.1/queues/legacy/messages")
                .then().statusCode(201).extract().path("resources");
        String v11 = hrefs.getFirst().substring(hrefs.getFirst().lastIndexOf('/') + 1);
        hrefs = api().contentType("application/json").body("[{\"ttl\": 300, \"body\": {\"card\": \"5500-0000\"}}]")
                .post("/v1/queues/legacy/messages").then().statusCode(201).extract().path("resources");
        String v1 = hrefs.getFirst().substring(hrefs.getFirst().lastIndexOf('/') + 1);
        for (String id : List.of(v11, v1)) {
            String sealed = stored("legacy", id);
            assertTrue(sealed.startsWith("\"zaqar-aes256gcm:v1:") && !sealed.contains("-0000") && !sealed.contains("4111"),
                    sealed);
        }
        api().get("/v2/queues/legacy/messages/" + v11).then().statusCode(200).body("body.card", equalTo("4111-1111"));
        api().get("/v2/queues/legacy/messages/" + v1).then().statusCode(200).body("body.card", equalTo("5500-0000"));
        api().get("/v1.1/queues/legacy/messages/" + v11).then().statusCode(200).body("body.card", equalTo("4111-1111"));
        api().get("/v1/queues/legacy/messages/" + v1).then().statusCode(200).body("body.card", equalTo("5500-0000"));
        api().get("/v1.1/queues/legacy/messages?echo=true").then().statusCode(200)
                .body("messages[0].body.card", equalTo("4111-1111")).body("messages[1].body.card", equalTo("5500-0000"));
        api().get("/v1.1/queues/legacy/messages?ids=" + v11 + "," + v1).then().statusCode(200)
                .body("messages.body.card", containsInAnyOrder("4111-1111", "5500-0000"));
        String claim = api().contentType("application/json").body("{\"ttl\": 60, \"grace\": 60}")
                .post("/v1.1/queues/legacy/claims?limit=1").then().statusCode(201)
                .body("messages[0].body.card", equalTo("4111-1111")).extract().header("Location");
        api().get(claim).then().statusCode(200).body("messages[0].body.card", equalTo("4111-1111"));
        api().contentType("application/json").body("{\"ttl\": 60, \"grace\": 60}")
                .post("/v1/queues/legacy/claims?limit=1").then().statusCode(201)
                .body("[0].body.card", equalTo("5500-0000"));
        api().delete("/v1.1/queues/legacy/messages?ids=" + v11 + "," + v1).then().statusCode(204);
        post("legacy", "[{\"body\": {\"card\": \"3400-0000\"}}]");
        api().delete("/v1.1/queues/legacy/messages?pop=1").then().statusCode(200)
                .body("messages[0].body.card", equalTo("3400-0000"));
    }

    @Test
    void webSocketSealsAndOpensThroughTheSameStorageOnce() {
        WebSocketServer sockets = new WebSocketServer(settings(), storage, clock,
                ApiComponents.defaults().withSecurity(security()));
        sockets.start(new WebSocketSettings("127.0.0.1", 0, null, "127.0.0.1", 0));
        try (WebSocketClient client = new WebSocketClient(sockets.port())) {
            Map<String, String> headers = Map.of("Client-ID", CLIENT_ID, "X-Project-ID", project);
            assertEquals(201, client.send("queue_create", headers, Map.of("queue_name", "ws-sealed",
                    "metadata", Map.of("_enable_encrypt_messages", true))).path("headers").path("status").asInt());
            JsonNode posted = client.send("message_post", headers, Map.of("queue_name", "ws-sealed",
                    "messages", List.of(Map.of("body", Map.of("card", "4111-1111")))));
            String id = posted.path("body").path("message_ids").path(0).asText();
            String sealed = stored("ws-sealed", id);
            assertTrue(sealed.startsWith("\"zaqar-aes256gcm:v1:") && !sealed.contains("4111"), sealed);
            // Sealed once: HTTP opens it to the posted body, not to another sealed string.
            api().get("/v2/queues/ws-sealed/messages/" + id).then().statusCode(200)
                    .body("body.card", equalTo("4111-1111"));
            assertEquals("4111-1111", client.send("message_get", headers, Map.of("queue_name", "ws-sealed",
                    "message_id", id)).path("body").path("messages").path("body").path("card").asText());
            assertEquals("4111-1111", client.send("message_list", headers, Map.of("queue_name", "ws-sealed",
                    "echo", true)).path("body").path("messages").path(0).path("body").path("card").asText());
            assertEquals("4111-1111", client.send("claim_create", headers, Map.of("queue_name", "ws-sealed"))
                    .path("body").path("messages").path(0).path("body").path("card").asText());
        } finally {
            sockets.stop();
        }
    }

    @Test
    void plainQueuesStayPlain() {
        createQueue("plain");
        List<String> ids = post("plain", "[{\"body\": {\"card\": \"4111-1111\"}}]");
        assertEquals("{\"card\":\"4111-1111\"}", stored("plain", ids.getFirst()));
    }

    @Test
    void rotatedKeyStillReadsOldMessages() {
        api().contentType("application/json").body("{\"_enable_encrypt_messages\": true}").put("/v2/queues/rotated")
                .then().statusCode(201);
        List<String> old = post("rotated", "[{\"body\": \"before\"}]");
        ApiServer rotated = new ApiServer(settings(), storage, clock, ApiComponents.defaults().withSecurity(
                new SecuritySettings(null, null, null, CorsSettings.disabled(),
                        MessageEncryption.create(MessageEncryption.AES256, "second-key", List.of(KEY)))));
        rotated.start("127.0.0.1", 0);
        try {
            RestAssured.given().baseUri("http://127.0.0.1:" + rotated.port()).header("Client-ID", CLIENT_ID)
                    .header("X-Project-ID", project).get("/v2/queues/rotated/messages/" + old.getFirst())
                    .then().statusCode(200).body("body", equalTo("before"));
        } finally {
            rotated.stop();
        }
    }

    @Test
    void sealedBodiesAreBoundToTheirQueueAndKey() {
        MessageEncryption encryption = MessageEncryption.create(MessageEncryption.AES256, KEY, List.of());
        String sealed = encryption.encrypt("p", "q", "{\"a\":1}");
        assertEquals("{\"a\":1}", encryption.decrypt("p", "q", sealed));
        assertEquals(sealed, encryption.decrypt("p", "other", sealed));
        assertEquals(sealed, encryption.decrypt("other", "q", sealed));
        MessageEncryption other = MessageEncryption.create(MessageEncryption.AES256, "other-key", List.of());
        assertEquals(sealed, other.decrypt("p", "q", sealed));
        assertEquals(null, MessageEncryption.create(MessageEncryption.AES256, "", List.of()));
    }
}
