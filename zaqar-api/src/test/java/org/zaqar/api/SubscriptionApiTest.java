package org.zaqar.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code /v2/queues/{queue}/subscriptions} over a real socket and the real SQL store. */
class SubscriptionApiTest extends ApiTestSupport {
    private static final String SUBSCRIPTIONS = "/v2/queues/q1/subscriptions";

    private String subscribe(String path, String body, int status) {
        return api().contentType("application/json").body(body).post(path)
                .then().statusCode(status).extract().path("subscription_id");
    }

    @Test
    void createGetPatchDelete() {
        String id = subscribe(SUBSCRIPTIONS, "{\"subscriber\": \"http://example.com/hook\", \"ttl\": 600,"
                + " \"options\": {\"a\": 1}}", 201);
        api().get("/v2/queues/q1").then().statusCode(200); // created lazily
        clock.advanceSeconds(7);
        api().get(SUBSCRIPTIONS + "/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("source", equalTo("q1"))
                .body("subscriber", equalTo("http://example.com/hook")).body("ttl", equalTo(600))
                .body("age", equalTo(7)).body("options.a", equalTo(1)).body("confirmed", equalTo(false));
        api().contentType("application/json").body("{\"ttl\": 300}").patch(SUBSCRIPTIONS + "/" + id)
                .then().statusCode(204);
        api().get(SUBSCRIPTIONS + "/" + id).then().body("ttl", equalTo(300)).body("options.a", equalTo(1));
        api().delete("/v2/queues/q1").then().statusCode(204);
        api().get(SUBSCRIPTIONS + "/" + id).then().statusCode(200); // survives its queue
        api().delete(SUBSCRIPTIONS + "/" + id).then().statusCode(204);
        api().get(SUBSCRIPTIONS + "/" + id).then().statusCode(404);
        api().contentType("application/json").body("{\"ttl\": 300}").patch(SUBSCRIPTIONS + "/x").then().statusCode(404);
    }

    /** As upstream under noauth: no user to make a trust for (503), unless the client names its trust. */
    @Test
    void trustSubscribersWithoutKeystoneNeedATrustId() {
        api().contentType("application/json").body("{\"subscriber\": \"trust+http://example.com/hook\"}")
                .post(SUBSCRIPTIONS).then().statusCode(503)
                .body("title", equalTo("Service temporarily unavailable"))
                .body("description", equalTo("Subscription could not be created. Please try again in a few seconds."));
        api().get(SUBSCRIPTIONS).then().body("subscriptions", hasSize(0));
        String id = subscribe(SUBSCRIPTIONS, "{\"subscriber\": \"trust+https://example.com/hook\","
                + " \"options\": {\"trust_id\": \"t-1\"}}", 201);
        api().get(SUBSCRIPTIONS + "/" + id).then().body("options.trust_id", equalTo("t-1"));
    }

    @Test
    void defaultTtlAndExpiry() {
        String id = subscribe(SUBSCRIPTIONS, "{\"subscriber\": \"mailto:a@example.com\"}", 201);
        api().get(SUBSCRIPTIONS + "/" + id).then().body("ttl", equalTo(3600));
        clock.advanceSeconds(3600);
        api().get(SUBSCRIPTIONS + "/" + id).then().statusCode(404);
    }

    @Test
    void duplicatesConflictOnceConfirmed() {
        String body = "{\"subscriber\": \"http://ccc.com\"}";
        String first = subscribe(SUBSCRIPTIONS, body, 201);
        assertEquals(first, subscribe(SUBSCRIPTIONS, body, 201));
        api().contentType("application/json").body("{\"confirmed\": true}")
                .put(SUBSCRIPTIONS + "/" + first + "/confirm").then().statusCode(204);
        api().get(SUBSCRIPTIONS + "/" + first).then().body("confirmed", equalTo(true));
        api().contentType("application/json").body(body).post(SUBSCRIPTIONS).then().statusCode(409);
        String other = subscribe(SUBSCRIPTIONS, "{\"subscriber\": \"http://other.com\"}", 201);
        api().contentType("application/json").body(body).patch(SUBSCRIPTIONS + "/" + other).then().statusCode(409);
        api().contentType("application/json").body("{\"confirmed\": \"yes\"}")
                .put(SUBSCRIPTIONS + "/" + first + "/confirm").then().statusCode(400)
                .body("description", equalTo("The 'confirmed' should be boolean."));
    }

    /** Upstream's checks let a falsy subscriber through; it must still be a 400, never a 500. */
    @Test
    void aSubscriberThatIsNotAStringIsABadRequestOnQueuesAndTopics() {
        for (String path : List.of(SUBSCRIPTIONS, "/v2/topics/t1/subscriptions")) {
            for (String subscriber : List.of("null", "false", "0", "[]", "{}", "\"\"", "true", "1", "[1]", "{\"a\": 1}")) {
                api().contentType("application/json").body("{\"subscriber\": " + subscriber + "}").post(path).then()
                        .statusCode(400).body("title", equalTo("Invalid API request"))
                        .body("description", containsString("subscriber"));
            }
        }
        api().contentType("application/json").body("{\"subscriber\": null}").post(SUBSCRIPTIONS).then()
                .body("description", equalTo("The subscriber of a subscription must be a URI such as "
                        + "http://host/path or mailto:user@host, not null."));
    }

    @Test
    void invalidDocumentsAreRejected() {
        subscribe(SUBSCRIPTIONS, "{\"subscriber\": \"email://x\"}", 400);
        api().contentType("application/json").body("{\"subscriber\": \"fake\"}").post(SUBSCRIPTIONS).then()
                .body("description", containsString("must be supported in the list ['http', 'https', 'mailto'"));
        api().contentType("application/json").body("{\"subscriber\": \"http://a\", \"options\": 1}").post(SUBSCRIPTIONS)
                .then().statusCode(400).body("description", equalTo("Options must be a dict."));
        api().contentType("application/json").body("{\"subscriber\": \"http://a\", \"ttl\": \"x\"}").post(SUBSCRIPTIONS)
                .then().statusCode(400).body("description", equalTo("TTL must be an integer."));
        api().contentType("application/json").post(SUBSCRIPTIONS).then().statusCode(400).body("description", containsString("Missing parameter"));
        api().contentType("application/json").body("[1]").patch(SUBSCRIPTIONS + "/x").then().statusCode(400)
                .body("description", equalTo("Subscriptions must be a dict."));
    }

    @Test
    void listingPagesWithMarker() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(subscribe(SUBSCRIPTIONS, "{\"subscriber\": \"http://s" + i + "\"}", 201));
        }
        List<String> listed = new ArrayList<>();
        String href = SUBSCRIPTIONS + "?limit=2";
        while (true) {
            List<String> page = api().get(href).then().statusCode(200).extract().path("subscriptions.id");
            if (page.isEmpty()) {
                break;
            }
            listed.addAll(page);
            href = api().get(href).then().extract().path("links[0].href");
            assertTrue(href.contains("limit=2"), href);
        }
        assertEquals(ids.stream().sorted().toList(), listed);
        api().get(SUBSCRIPTIONS + "?limit=21").then().statusCode(400);
        api().get("/v2/queues/none/subscriptions").then().statusCode(200)
                .body("subscriptions", hasSize(0)).body("links", hasSize(0));
    }

    @Test
    void purgeRemovesSubscriptions() {
        subscribe(SUBSCRIPTIONS, "{\"subscriber\": \"http://a\"}", 201);
        api().contentType("application/json").body("{\"resource_types\": [\"subscriptions\"]}")
                .post("/v2/queues/q1/purge").then().statusCode(204);
        api().get(SUBSCRIPTIONS).then().body("subscriptions", hasSize(0));
    }

    @Test
    void topicsHaveTheirOwnSubscriptions() {
        String id = subscribe("/v2/topics/t1/subscriptions", "{\"subscriber\": \"http://a\"}", 201);
        api().get("/v2/topics/t1/subscriptions/" + id).then().statusCode(200).body("source", equalTo("t1"));
        api().get("/v2/queues/t1/subscriptions").then().body("subscriptions", hasSize(0));
    }
}
