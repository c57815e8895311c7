package org.zaqar.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code /v2/queues} over a real socket and the real SQL store. */
class QueueApiTest extends ApiTestSupport {
    private static final String PATCH_TYPE = "application/openstack-messaging-v2.0-json-patch";

    @Test
    void createIsIdempotentAndLocated() {
        api().put("/v2/queues/fizbit").then().statusCode(201).header("Location", "/v2/queues/fizbit");
        api().put("/v2/queues/fizbit").then().statusCode(204);
    }

    @Test
    void metadataShowsReservedDefaults() {
        api().contentType("application/json").body("{\"color\": \"blue\", \"_default_message_ttl\": 120}")
                .put("/v2/queues/meta").then().statusCode(201);
        api().get("/v2/queues/meta").then().statusCode(200)
                .body("color", equalTo("blue"))
                .body("_default_message_ttl", equalTo(120))
                .body("_max_messages_post_size", equalTo(262144))
                .body("_default_message_delay", equalTo(0))
                .body("_dead_letter_queue", nullValue())
                .body("$", hasKey("_max_claim_count"))
                .body("_enable_encrypt_messages", equalTo(false));
    }

    /** Upstream's queue controllers read a missing queue as empty metadata: 200 with the reserved defaults. */
    @Test
    void missingQueueReadsAsReservedDefaultsWithoutBeingCreated() {
        api().get("/v2/queues/ghost").then().statusCode(200)
                .body("_max_messages_post_size", equalTo(262144))
                .body("_default_message_ttl", equalTo(3600))
                .body("_default_message_delay", equalTo(0));
        api().get("/v2/queues/ghost/stats").then().statusCode(200).body("messages.total", equalTo(0));
        api().get("/v2/queues").then().statusCode(200).body("queues", hasSize(0));
    }

    @Test
    void badNamesAndMetadataAreRejected() {
        api().put("/v2/queues/" + "x".repeat(65)).then().statusCode(400)
                .body("title", equalTo("Invalid queue identification"))
                .body("description", equalTo("The format of the submitted queue name or project id is not valid."));
        api().put("/v2/queues/bad%20name").then().statusCode(400).body("title", equalTo("Invalid queue identification"));
        api().contentType("application/json").body("{\"_default_message_ttl\": 30}").put("/v2/queues/q").then()
                .statusCode(400).body("title", equalTo("Invalid API request")).body("description",
                        equalTo("_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."));
        api().contentType("application/json").body("{\"a\": ").put("/v2/queues/q").then().statusCode(400)
                .body("title", equalTo("Invalid request body"))
                .body("description", equalTo("Request body could not be parsed."));
        api().contentType("application/json").body("[1, 2]").put("/v2/queues/q").then().statusCode(400)
                .body("description", equalTo("Document type not supported."));
        api().contentType("application/json").body("{\"big\": " + "9".repeat(30) + "}").put("/v2/queues/q").then()
                .statusCode(400).body("description", equalTo("JSON contains integer that is too large."));
        api().contentType("application/json").body("{\"a\": \"" + "x".repeat(65536) + "\"}").put("/v2/queues/q")
                .then().statusCode(400).body("description", equalTo("Queue metadata is too large. Max size: 65536"));
    }

    @Test
    void deleteIsAlways204() {
        createQueue("gone");
        api().delete("/v2/queues/gone").then().statusCode(204);
        api().delete("/v2/queues/gone").then().statusCode(204);
        api().get("/v2/queues").then().statusCode(200).body("queues", hasSize(0));
    }

    @Test
    void listingPagesWithNextLinksAndCounts() {
        for (String name : List.of("q1", "q2", "q3")) {
            createQueue(name);
        }
        api().get("/v2/queues?limit=2&with_count=true").then().statusCode(200)
                .body("queues.name", equalTo(List.of("q1", "q2")))
                .body("queues[0].href", equalTo("/v2/queues/q1"))
                .body("queues[0]", not(hasKey("metadata")))
                .body("count", equalTo(3))
                .body("links[0].rel", equalTo("next"))
                .body("links[0].href", equalTo("/v2/queues?limit=2&with_count=true&marker=q2"));
        api().get("/v2/queues?limit=2&marker=q2").then().statusCode(200)
                .body("queues.name", equalTo(List.of("q3")));
        api().get("/v2/queues?marker=q3").then().statusCode(200)
                .body("queues", hasSize(0)).body("links", hasSize(0)).body("$", not(hasKey("count")));
        api().get("/v2/queues?detailed=true&limit=1").then().statusCode(200)
                .body("queues[0].metadata._default_message_ttl", equalTo(3600));
    }

    @Test
    void listingLimitAndParametersAreChecked() {
        api().get("/v2/queues?limit=21").then().statusCode(400)
                .body("description", equalTo("Limit must be at least 1 and no greater than 20."));
        api().get("/v2/queues?limit=abc").then().statusCode(400).body("title", equalTo("Invalid parameter"))
                .body("description", equalTo("The \"limit\" parameter is invalid. The value must be an integer."));
        api().get("/v2/queues?detailed=maybe").then().statusCode(400).body("title", equalTo("Invalid parameter"));
    }

    @Test
    void listingFiltersOnMetadata() {
        api().contentType("application/json").body("{\"team\": \"red\", \"rank\": 1}").put("/v2/queues/red").then()
                .statusCode(201);
        api().contentType("application/json").body("{\"team\": \"blue\"}").put("/v2/queues/blue").then().statusCode(201);
        api().get("/v2/queues?team=red").then().statusCode(200).body("queues.name", equalTo(List.of("red")));
        api().get("/v2/queues?rank=1").then().statusCode(200).body("queues.name", equalTo(List.of("red")));
    }

    @Test
    void patchAddsReplacesAndRemoves() {
        api().contentType("application/json").body("{\"a\": 1, \"b\": 2}").put("/v2/queues/patchy").then().statusCode(201);
        api().contentType(PATCH_TYPE).body("""
                [{"op": "add", "path": "/metadata/c", "value": 3},
                 {"op": "replace", "path": "/metadata/a", "value": 10},
                 {"op": "remove", "path": "/metadata/b"},
                 {"op": "replace", "path": "/metadata/_default_message_ttl", "value": 300}]""")
                .patch("/v2/queues/patchy").then().statusCode(200)
                .body("a", equalTo(10)).body("c", equalTo(3)).body("$", not(hasKey("b")))
                .body("_default_message_ttl", equalTo(300)).body("_max_messages_post_size", equalTo(262144));
        api().get("/v2/queues/patchy").then().body("a", equalTo(10)).body("$", not(hasKey("b")));
    }

    @Test
    void patchRules() {
        createQueue("patchy");
        api().contentType("application/json").body("[]").patch("/v2/queues/patchy").then().statusCode(415)
                .body("description", equalTo("Accepted media type for PATCH: "
                        + "{'Accept-Patch': 'application/openstack-messaging-v2.0-json-patch'}."));
        api().contentType(PATCH_TYPE).body("[{\"op\": \"replace\", \"path\": \"/metadata/nope\", \"value\": 1}]")
                .patch("/v2/queues/patchy").then().statusCode(409).body("title", equalTo("Resource conflict"))
                .body("description", equalTo("Can't replace non-existent object nope."));
        api().contentType(PATCH_TYPE).body("[{\"op\": \"remove\", \"path\": \"/metadata/nope\"}]")
                .patch("/v2/queues/patchy").then().statusCode(409);
        api().contentType(PATCH_TYPE).body("[{\"op\": \"move\", \"path\": \"/metadata/a\"}]")
                .patch("/v2/queues/patchy").then().statusCode(400).body("title", equalTo("Invalid request body"));
        api().contentType(PATCH_TYPE).body("[{\"op\": \"add\", \"path\": \"/metadata/_default_message_ttl\", \"value\": 1}]")
                .patch("/v2/queues/patchy").then().statusCode(400).body("title", equalTo("Invalid request body"));
        api().contentType(PATCH_TYPE).body("[{\"op\": \"add\", \"path\": \"/metadata/a\", \"value\": 1}]")
                .patch("/v2/queues/ghost").then().statusCode(404);
    }

    @Test
    void statsCountMessagesAndShowOldestAndNewest() {
        api().get("/v2/queues/empty/stats").then().statusCode(200)
                .body("messages.total", equalTo(0)).body("messages.free", equalTo(0)).body("messages.claimed", equalTo(0));
        List<String> ids = post("busy", "[{\"ttl\": 300, \"body\": 1}, {\"ttl\": 300, \"body\": 2}]");
        clock.advanceSeconds(5);
        api().contentType("application/json").body("{\"ttl\": 60, \"grace\": 60}")
                .post("/v2/queues/busy/claims?limit=1").then().statusCode(201);
        api().get("/v2/queues/busy/stats").then().statusCode(200)
                .body("messages.total", equalTo(2)).body("messages.claimed", equalTo(1)).body("messages.free", equalTo(1))
                .body("messages.oldest.href", equalTo("/v2/queues/busy/messages/" + ids.get(0)))
                .body("messages.oldest.age", equalTo(5))
                .body("messages.oldest.created", equalTo("2026-01-01T00:00:00Z"))
                .body("messages.newest.href", equalTo("/v2/queues/busy/messages/" + ids.get(1)));
    }

    @Test
    void purgeRemovesMessages() {
        post("full", "[{\"ttl\": 300, \"body\": 1}]");
        api().contentType("application/json").body("{\"resource_types\": [\"queues\"]}").post("/v2/queues/full/purge")
                .then().statusCode(400).body("title", equalTo("Invalid API request"));
        api().contentType("application/json").body("{\"resource_types\": [\"messages\"]}").post("/v2/queues/full/purge")
                .then().statusCode(204);
        api().get("/v2/queues/full/stats").then().body("messages.total", equalTo(0));
        api().get("/v2/queues/full").then().statusCode(200);
    }
}
