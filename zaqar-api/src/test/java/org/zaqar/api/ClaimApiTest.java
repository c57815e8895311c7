package org.zaqar.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** {@code /v2/queues/{queue}/claims} over a real socket and the real SQL store. */
class ClaimApiTest extends ApiTestSupport {

    private ExtractableResponse<Response> claim(String queue, String body, int status) {
        return api().contentType("application/json").body(body).post("/v2/queues/" + queue + "/claims")
                .then().statusCode(status).extract();
    }

    @Test
    void claimGetRenewRelease() {
        List<String> ids = post("work", "[{\"body\": 1}, {\"body\": 2}]");
        ExtractableResponse<Response> created = claim("work", "{\"ttl\": 100, \"grace\": 60}", 201);
        String location = created.header("Location");
        String claimId = location.substring(location.lastIndexOf('/') + 1);
        org.junit.jupiter.api.Assertions.assertEquals("/v2/queues/work/claims/" + claimId, location);
        org.junit.jupiter.api.Assertions.assertEquals("/v2/queues/work/messages/" + ids.get(0) + "?claim_id=" + claimId,
                created.path("messages[0].href"));

        clock.advanceSeconds(10);
        api().get(location).then().statusCode(200)
                .body("ttl", equalTo(100)).body("age", equalTo(10)).body("href", equalTo(location))
                .body("messages", hasSize(2));
        api().contentType("application/json").body("{\"ttl\": 200}").patch(location).then().statusCode(204);
        api().get(location).then().body("ttl", equalTo(200)).body("age", equalTo(0));

        claim("work", "{}", 204);
        api().get("/v2/queues/work/messages?echo=true").then().body("messages", hasSize(0));
        api().get("/v2/queues/work/messages?echo=true&include_claimed=true").then().body("messages", hasSize(2))
                .body("messages[0].href", startsWith("/v2/queues/work/messages/" + ids.get(0) + "?claim_id="));

        api().delete(location).then().statusCode(204);
        api().delete(location).then().statusCode(204);
        api().get(location).then().statusCode(404).body("title", equalTo("Not found"));
        api().contentType("application/json").body("{\"ttl\": 200}").patch(location).then().statusCode(404);
        claim("work", "{}", 201);
    }

    @Test
    void claimWithoutBodyUsesDefaults() {
        post("defaults", "[{\"body\": 1}]");
        String location = api().contentType("application/json").post("/v2/queues/defaults/claims").then().statusCode(201).extract().header("Location");
        api().get(location).then().body("ttl", equalTo(300));
    }

    @Test
    void claimExpires() {
        post("expiring", "[{\"body\": 1}]");
        String location = claim("expiring", "{\"ttl\": 60, \"grace\": 60}", 201).header("Location");
        clock.advanceSeconds(61);
        api().get(location).then().statusCode(404);
        claim("expiring", "{\"ttl\": 60, \"grace\": 60}", 201);
    }

    @Test
    void claimedMessagesNeedTheirClaimToBeDeleted() {
        List<String> ids = post("guarded", "[{\"body\": 1}, {\"body\": 2}]");
        String location = claim("guarded", "{\"ttl\": 60, \"grace\": 60}", 201).header("Location");
        String claimId = location.substring(location.lastIndexOf('/') + 1);
        String message = "/v2/queues/guarded/messages/" + ids.get(0);
        api().delete(message).then().statusCode(403).body("title", equalTo("Unable to delete"))
                .body("description", equalTo("This message is claimed; it cannot be deleted without a valid claim ID."));
        api().delete(message + "?claim_id=" + claimId).then().statusCode(204);
        api().delete(location).then().statusCode(204);
        api().delete("/v2/queues/guarded/messages/" + ids.get(1) + "?claim_id=" + claimId).then().statusCode(400)
                .body("title", equalTo("Unable to delete"));
    }

    @Test
    void claimRulesUseUpstreamWording() {
        claim("rules", "{\"ttl\": 59}", 400).path("description");
        api().contentType("application/json").body("{\"ttl\": 59}").post("/v2/queues/rules/claims").then()
                .body("description", equalTo(
                        "The TTL for a claim may not exceed 43200 seconds, and must be at least 60 seconds long."));
        api().contentType("application/json").body("{\"ttl\": 60, \"grace\": 10}").post("/v2/queues/rules/claims")
                .then().statusCode(400).body("description", equalTo(
                        "The grace for a claim may not exceed 43200 seconds, and must be at least 60 seconds long."));
        api().contentType("application/json").body("{}").post("/v2/queues/rules/claims?limit=21").then()
                .statusCode(400);
        api().contentType("application/json").body("{\"ttl\": \"x\"}").post("/v2/queues/rules/claims").then()
                .statusCode(400).body("title", equalTo("Invalid request body"));
        api().contentType("application/json").body("[]").post("/v2/queues/rules/claims").then()
                .statusCode(400).body("description", equalTo("Document type not supported."));
        claim("rules", "{}", 204);
    }
}
