package org.zaqar.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.restassured.parsing.Parser;
import org.junit.jupiter.api.Test;

/** Versions, home document, ping, health, and upstream's request hooks. */
class ServiceApiTest extends ApiTestSupport {

    @Test
    void versionsNeedNoHeadersAndAnswerMultipleChoices() {
        // Deprecated versions are listed only when served (see LegacyApiTest).
        bare().get("/").then().statusCode(300)
                .body("versions.id", equalTo(java.util.List.of("2")))
                .body("versions[0].status", equalTo("CURRENT"));
    }

    @Test
    void homeDocumentListsTheV2Resources() {
        api().get("/v2/").then().parser("application/json-home", Parser.JSON).statusCode(200).header("Content-Type", "application/json-home")
                .header("Cache-Control", "max-age=86400")
                .body("resources.'rel/queues'.href-template", equalTo("/v2/queues{?marker,limit,detailed}"))
                .body("resources", hasKey("rel/health"));
    }

    @Test
    void pingAndHealth() {
        api().get("/v2/ping").then().statusCode(204);
        api().head("/v2/ping").then().statusCode(204);
        post("volume", "[{\"body\": 1}, {\"body\": 2}]");
        // health:get is role:admin in upstream's default policy.
        api().get("/v2/health").then().statusCode(403).body("title", equalTo("Not authorized"));
        api().header("X-Roles", "admin").get("/v2/health").then().statusCode(200).body("storage_reachable", equalTo(true))
                .body("message_volume.total", equalTo(2)).body("message_volume.free", equalTo(2))
                .body("operation_status.post_messages.succeeded", equalTo(true))
                .body("operation_status.delete_queue.succeeded", equalTo(true));
        api().get("/v2/queues/volume/stats").then().body("messages.total", equalTo(2));
    }

    @Test
    void clientIdIsRequiredOnV2Routes() {
        bare().header("X-Project-ID", project).get("/v2/queues").then().statusCode(400)
                .body("title", equalTo("Missing header value"))
                .body("description", equalTo("The \"Client-ID\" header is required."));
        bare().header("X-Project-ID", project).header("Client-ID", "nope").get("/v2/queues").then().statusCode(400)
                .body("title", equalTo("Wrong UUID value"))
                .body("description", equalTo("Malformed hexadecimal UUID."));
    }

    @Test
    void projectIdIsRequired() {
        bare().header("Client-ID", CLIENT_ID).get("/v2/queues").then().statusCode(400)
                .body("title", equalTo("Project-Id Missing"))
                .body("description", equalTo("The header X-PROJECT-ID was missing"));
        bare().header("Client-ID", CLIENT_ID).header("X-Project-ID", "").get("/v2/queues").then().statusCode(400)
                .body("title", equalTo("Empty project header not allowed"));
    }

    @Test
    void jsonMustBeAcceptable() {
        api().accept("text/html").get("/v2/queues").then().statusCode(406);
        api().accept("text/html, application/json;q=0.5").get("/v2/queues").then().statusCode(200);
    }

    @Test
    void formEncodedBodiesAreRefused() {
        api().contentType("application/x-www-form-urlencoded").body("a=b").put("/v2/queues/q").then().statusCode(400)
                .body("title", equalTo("Invalid Content-Type"));
    }

    @Test
    void unknownRoutesAndMethods() {
        api().get("/v2/nothing-here").then().statusCode(404).body("title", equalTo("404 Not Found"))
                .body("$", not(hasKey("description")));
        api().post("/v2/queues").then().statusCode(405);
        api().get("/v2/queues/q/messages/%00").then().statusCode(400).body("title", equalTo("400 Bad Request"));
    }

    @Test
    void optionsListsTheAllowedMethods() {
        api().options("/v2/queues/q1/claims/c1").then().statusCode(200)
                .header("Allow", "GET, PATCH, DELETE, OPTIONS");
    }

    @Test
    void storageOutageIsA503WithUpstreamWording() {
        storage.close();
        api().put("/v2/queues/down").then().statusCode(503)
                .body("title", equalTo("Service temporarily unavailable"))
                .body("description", equalTo("Queue could not be created. Please try again in a few seconds."));
        storage = null;
    }
}
