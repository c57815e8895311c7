package org.zaqar.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.zaqar.core.config.TransportLimits;

/** API v1.0 and v1.1 when enabled: upstream's shapes over the same stores as v2. */
class LegacyApiTest extends ApiTestSupport {

    @Override
    protected ApiSettings settings() {
        return new ApiSettings(TransportLimits.defaults(), false, true, "", List.of("1", "1.1"));
    }

    @Test
    void versionListNamesEveryServedVersion() {
        bare().get("/").then().statusCode(300).body("versions.id", equalTo(List.of("1", "1.1", "2")));
    }

    @Test
    void aQueueCreatedInV11IsSeenInV2AndViceVersa() {
        api().put("/v1.1/queues/shared").then().statusCode(201).header("Location", "/v1.1/queues/shared");
        api().get("/v2/queues/shared").then().statusCode(200);
        post("shared", "[{\"body\": {\"n\": 1}}]");
        api().get("/v1.1/queues/shared/messages?echo=true").then().statusCode(200)
                .body("messages", hasSize(1)).body("messages[0].body.n", equalTo(1))
                .body("messages[0].href", startsWith("/v1.1/queues/shared/messages/"))
                .body("links[0].rel", equalTo("next"));
    }

    @Test
    void v11NamesLocationAndContentTypeInLowerCaseAsFalconDoes() {
        Response response = api().contentType("application/json").body("{\"messages\": [{\"body\": 1}]}")
                .post("/v1.1/queues/q/messages");
        response.then().statusCode(201).body("resources", hasSize(1));
        List<String> names = response.headers().asList().stream().map(h -> h.getName()).toList();
        assertEquals(true, names.contains("location"), names.toString());
        assertEquals(true, names.contains("content-type"), names.toString());
    }

    @Test
    void v11ClaimsAnswerAnObjectAndV1ABareArray() {
        api().contentType("application/json").body("{\"messages\": [{\"body\": 1, \"ttl\": 300}]}")
                .post("/v1.1/queues/c/messages").then().statusCode(201);
        api().contentType("application/json").body("{\"ttl\": 60}").post("/v1.1/queues/c/claims").then()
                .statusCode(201).body("messages", hasSize(1));
        api().put("/v1/queues/d").then().statusCode(201);
        api().contentType("application/json").body("[{\"body\": 2, \"ttl\": 300}]").post("/v1/queues/d/messages")
                .then().statusCode(201).body("partial", equalTo(false));
        api().contentType("application/json").body("{\"ttl\": 60, \"grace\": 60}").post("/v1/queues/d/claims").then()
                .statusCode(201).body("$", hasSize(1)).body("[0].body", equalTo(2));
        api().contentType("application/json").body("{\"ttl\": 60, \"grace\": 60}").post("/v1/queues/d/claims").then()
                .statusCode(204);
    }

    @Test
    void v1QueuesAnswerWithoutBodiesAndKeepMetadataApart() {
        api().get("/v1/queues").then().statusCode(204);
        api().head("/v1/queues/m").then().statusCode(404);
        api().put("/v1/queues/m").then().statusCode(201);
        api().head("/v1/queues/m").then().statusCode(204);
        api().contentType("application/json").body("{\"_default_message_ttl\": 60}").put("/v1/queues/m/metadata")
                .then().statusCode(400).body("title", equalTo("Invalid API request"));
        api().contentType("application/json").body("{\"color\": \"red\"}").put("/v1/queues/m/metadata")
                .then().statusCode(204);
        api().get("/v1/queues/m/metadata").then().statusCode(200).body("color", equalTo("red"));
        api().get("/v1/queues/m/messages").then().statusCode(204);
    }

    @Test
    void v1TakesNoProjectButChecksAGivenClientId() {
        bare().header("Client-ID", CLIENT_ID).put("/v1/queues/anonymous").then().statusCode(201);
        bare().header("Client-ID", "nope").get("/v1/queues").then().statusCode(400)
                .body("title", equalTo("Wrong UUID value"));
        bare().header("X-Project-ID", project).get("/v1.1/queues").then().statusCode(400)
                .body("title", equalTo("Missing header value"));
    }

    /** v1.1 reads a missing queue as empty metadata like v2 (without reserved keys); v1.0's metadata is a 404. */
    @Test
    void aMissingQueueIsEmptyInV11AndNotFoundInV1() {
        api().get("/v1.1/queues/ghost").then().statusCode(200).body("size()", equalTo(0));
        api().get("/v1/queues/ghost/metadata").then().statusCode(404);
        api().get("/v1/queues/ghost").then().statusCode(404);
        api().get("/v1.1/queues").then().statusCode(200).body("queues.size()", equalTo(0));
    }

    @Test
    void v11QueueHasNoHead() {
        api().put("/v1.1/queues/h").then().statusCode(201);
        api().head("/v1.1/queues/h").then().statusCode(405);
    }
}
