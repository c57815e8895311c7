package org.zaqar.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code /v2/queues/{queue}/messages} over a real socket and the real SQL store. */
class MessageApiTest extends ApiTestSupport {

    @Test
    void postCreatesTheQueueLazilyAndAnswersResources() {
        String location = api().contentType("application/json")
                .body("{\"messages\": [{\"ttl\": 300, \"body\": {\"event\": \"start\"}}, {\"body\": [1, 2]}]}")
                .post("/v2/queues/lazy/messages").then().statusCode(201)
                .body("resources", hasSize(2))
                .body("resources[0]", startsWith("/v2/queues/lazy/messages/"))
                .extract().header("Location");
        List<String> ids = api().get("/v2/queues/lazy/messages?echo=true").then().statusCode(200)
                .body("messages", hasSize(2))
                .body("messages[0].body.event", equalTo("start"))
                .body("messages[0].ttl", equalTo(300))
                .body("messages[0].age", equalTo(0))
                .body("messages[1].ttl", equalTo(3600))
                .body("messages[0]", not(hasKey("checksum")))
                .extract().path("messages.id");
        org.junit.jupiter.api.Assertions.assertEquals("/v2/queues/lazy/messages?ids=" + String.join(",", ids), location);
        api().get("/v2/queues/lazy").then().statusCode(200);
    }

    @Test
    void listingIsEmptyWithoutEchoAndPagesWithMarkers() {
        api().get("/v2/queues/none/messages").then().statusCode(200)
                .body("messages", hasSize(0)).body("links", hasSize(0));
        post("paged", "[{\"body\": 1}, {\"body\": 2}, {\"body\": 3}]");
        api().get("/v2/queues/paged/messages").then().statusCode(200).body("messages", hasSize(0));
        String next = api().get("/v2/queues/paged/messages?echo=true&limit=2").then().statusCode(200)
                .body("messages.body", equalTo(List.of(1, 2)))
                .body("links[0].rel", equalTo("next"))
                .extract().path("links[0].href");
        org.junit.jupiter.api.Assertions.assertTrue(
                next.startsWith("/v2/queues/paged/messages?limit=2&echo=true&include_delayed=true&marker="), next);
        api().get(next).then().statusCode(200).body("messages.body", equalTo(List.of(3)));
    }

    @Test
    void getOneAndManyById() {
        List<String> ids = post("items", "[{\"body\": \"a\"}, {\"body\": \"b\"}]");
        clock.advanceSeconds(7);
        api().get("/v2/queues/items/messages/" + ids.get(0)).then().statusCode(200)
                .body("id", equalTo(ids.get(0))).body("body", equalTo("a")).body("age", equalTo(7))
                .body("href", equalTo("/v2/queues/items/messages/" + ids.get(0)));
        api().get("/v2/queues/items/messages?ids=" + ids.get(1) + "," + ids.get(0)).then().statusCode(200)
                .body("messages", hasSize(2)).body("$", not(hasKey("links")));
        api().get("/v2/queues/items/messages/nope").then().statusCode(404).body("title", equalTo("Not found"));
        api().get("/v2/queues/items/messages?ids=nope").then().statusCode(404)
                .body("description", equalTo("No messages with IDs: ['nope'] found in the queue items for project "
                        + project + "."));
    }

    @Test
    void deleteOneByIdAndBulk() {
        List<String> ids = post("del", "[{\"body\": 1}, {\"body\": 2}, {\"body\": 3}]");
        api().delete("/v2/queues/del/messages/" + ids.get(0)).then().statusCode(204);
        api().delete("/v2/queues/del/messages/" + ids.get(0)).then().statusCode(204);
        api().get("/v2/queues/del/messages/" + ids.get(0)).then().statusCode(404);
        api().delete("/v2/queues/del/messages?ids=" + ids.get(1) + "," + ids.get(2)).then().statusCode(204);
        api().get("/v2/queues/del/stats").then().body("messages.total", equalTo(0));
    }

    @Test
    void popReturnsStoredMessages() {
        post("pop", "[{\"body\": 1}, {\"body\": 2}]");
        api().delete("/v2/queues/pop/messages?pop=1").then().statusCode(200)
                .body("messages", hasSize(1)).body("messages[0].body", equalTo(1))
                .body("messages[0].claim_id", nullValue()).body("messages[0]", hasKey("claim_count"));
        api().delete("/v2/queues/pop/messages?pop=5").then().statusCode(200).body("messages", hasSize(1));
        api().delete("/v2/queues/pop/messages?pop=5").then().statusCode(200).body("messages", hasSize(0));
    }

    @Test
    void bulkDeleteParametersAreChecked() {
        api().delete("/v2/queues/q/messages").then().statusCode(400).body("description", equalTo(
                "The request should have either \"ids\" or \"pop\" parameter in the request, to be able to delete."));
        api().delete("/v2/queues/q/messages?ids=a&pop=1").then().statusCode(400);
        api().delete("/v2/queues/q/messages?pop=21").then().statusCode(400)
                .body("description", equalTo("Pop value must be at least 1 and may not be greater than 20."));
    }

    @Test
    void postRulesUseUpstreamWording() {
        String path = "/v2/queues/rules/messages";
        api().contentType("application/json").body("{\"messages\": [{\"ttl\": 30, \"body\": 1}]}").post(path).then()
                .statusCode(400).body("title", equalTo("Invalid API request")).body("description", equalTo(
                        "The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."));
        api().contentType("application/json").body("{\"messages\": [{\"ttl\": 60}]}").post(path).then()
                .statusCode(400).body("title", equalTo("Invalid request body"))
                .body("description", equalTo("Missing \"body\" field."));
        api().contentType("application/json").body("{\"messages\": [{\"ttl\": \"60\", \"body\": 1}]}").post(path).then()
                .statusCode(400).body("description", equalTo("The value of the \"ttl\" field must be a int."));
        api().contentType("application/json").body("{\"messages\": []}").post(path).then()
                .statusCode(400).body("description", equalTo("No messages to enqueu."));
        api().contentType("application/json").body("{\"other\": []}").post(path).then()
                .statusCode(400).body("description", equalTo("No messages were found in the request body."));
        api().contentType("application/json").body("{\"messages\": {}}").post(path).then()
                .statusCode(400).body("description", equalTo("Document type not supported."));
        api().contentType("application/json").body("not json").post(path).then()
                .statusCode(400).body("title", equalTo("Invalid request body"));
        api().contentType("application/json").body("{\"messages\": [{\"body\": \"" + "x".repeat(262144) + "\"}]}")
                .post(path).then().statusCode(400)
                .body("description", equalTo("Message collection size is too large. Max size 262144"));
    }

    @Test
    void queueMetadataSetsDefaultsAndLimits() {
        api().contentType("application/json")
                .body("{\"_default_message_ttl\": 120, \"_max_messages_post_size\": 100, \"_default_message_delay\": 30}")
                .put("/v2/queues/tuned").then().statusCode(201);
        api().contentType("application/json").body("{\"messages\": [{\"body\": \"" + "x".repeat(100) + "\"}]}")
                .post("/v2/queues/tuned/messages").then().statusCode(400);
        post("tuned", "[{\"body\": 1}]");
        api().get("/v2/queues/tuned/messages?echo=true").then().statusCode(200).body("messages", hasSize(0));
        api().get("/v2/queues/tuned/messages?echo=true&include_delayed=true").then().statusCode(200)
                .body("messages[0].ttl", equalTo(120));
        clock.advanceSeconds(31);
        api().get("/v2/queues/tuned/messages?echo=true").then().statusCode(200).body("messages", hasSize(1));
    }

    @Test
    void oddButValidJsonRoundTrips() {
        post("odd", "[{\"body\": null}, {\"body\": \"\\ud800 caf\\u00e9\"}, {\"body\": 9223372036854775807}]");
        api().get("/v2/queues/odd/messages?echo=true").then().statusCode(200).body("messages", hasSize(3))
                .body("messages[0].body", nullValue());
    }

    @Test
    void expiredMessagesDisappear() {
        List<String> ids = post("short", "[{\"ttl\": 60, \"body\": 1}]");
        clock.advanceSeconds(61);
        api().get("/v2/queues/short/messages/" + ids.get(0)).then().statusCode(404);
    }
}
