package org.zaqar.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** Pre-signed URLs: upstream's signature format, the share route, and what a signature authorizes. */
class SignedUrlApiTest extends ApiTestSupport {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    protected SecuritySettings security() {
        return new SecuritySettings(null, "test", null, CorsSettings.disabled());
    }

    @Test
    void signatureMatchesUpstreamsForTheSameInputs() {
        // Vectors from upstream's zaqar.common.urls.create_signed_url.
        SignedUrls.Signed signed = SignedUrls.create("test", List.of("/v2/queues/shared/messages",
                "/v2/queues/shared/claims"), "proj-1", "2030-01-01T00:00:00", List.of("POST", "GET"), NOW);
        assertEquals(List.of("/v2/queues/shared/claims", "/v2/queues/shared/messages"), signed.paths());
        assertEquals(List.of("GET", "POST"), signed.methods());
        assertEquals("da42e1c3a7f1db10949f9f86fd91d88f09611839ef8fb10f47a2dbf45775102a", signed.signature());
        SignedUrls.Signed offset = SignedUrls.create("test", List.of("/v2/queues/shared/messages"), "proj-1",
                "2030-01-01T01:30:00+01:30", null, NOW);
        assertEquals("2030-01-01T00:00:00", offset.expires());
        assertEquals("9e5044d3e10030a233d1d42cbd350faa746be2a3a4e1e243d6d7aa0ceac7b937", offset.signature());
    }

    @Test
    void verificationRefusesEmptyWrongExpiredAndTamperedSignatures() {
        List<String> paths = List.of("/v2/queues/shared/messages");
        List<String> methods = List.of("GET");
        String good = "9e5044d3e10030a233d1d42cbd350faa746be2a3a4e1e243d6d7aa0ceac7b937";
        assertTrue(SignedUrls.verify("test", paths, "proj-1", methods, "2030-01-01T00:00:00", good, NOW));
        assertFalse(SignedUrls.verify("test", paths, "proj-1", methods, "2030-01-01T00:00:00", "", NOW));
        assertFalse(SignedUrls.verify("test", paths, "proj-2", methods, "2030-01-01T00:00:00", good, NOW));
        assertFalse(SignedUrls.verify("test", paths, "proj-1", List.of("GET", "DELETE"), "2030-01-01T00:00:00", good, NOW));
        assertFalse(SignedUrls.verify("other", paths, "proj-1", methods, "2030-01-01T00:00:00", good, NOW));
        assertFalse(SignedUrls.verify("test", paths, "proj-1", methods, "2030-01-01T00:00:00", good,
                Instant.parse("2030-01-01T00:00:00Z")));
        assertFalse(SignedUrls.verify(null, paths, "proj-1", methods, "2030-01-01T00:00:00", good, NOW));
    }

    @Test
    void expiresMustBeAFutureDateNotAnInteger() {
        List<String> paths = List.of("/p");
        IllegalArgumentException integer = assertThrows(IllegalArgumentException.class,
                () -> SignedUrls.create("k", paths, "p", "3600", null, NOW));
        assertEquals("`expires` should be date format, for example 2016-01-01T00:00:00, not integer value: 3600",
                integer.getMessage());
        assertEquals("`expires` is lower than the current time", assertThrows(IllegalArgumentException.class,
                () -> SignedUrls.create("k", paths, "p", "2015-01-01T00:00:00", null, NOW)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SignedUrls.create("k", paths, "p", "tomorrow", null, NOW));
        assertEquals("The `key` can't be None", assertThrows(IllegalArgumentException.class,
                () -> SignedUrls.create(null, paths, "p", null, null, NOW)).getMessage());
    }

    private JsonPath share(String body) {
        return api().contentType("application/json").body(body).post("/v2/queues/shared/share").then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void shareAnswersUpstreamsBody() {
        JsonPath signed = api().contentType("application/json").body("{\"methods\": [\"POST\", \"GET\"]}")
                .post("/v2/queues/shared/share").then().statusCode(200)
                .body("paths", contains("/v2/queues/shared/messages"))
                .body("methods", contains("GET", "POST"))
                .body("project", equalTo(project))
                .body("expires", equalTo("2026-01-02T00:00:00")).extract().jsonPath();
        assertEquals(64, signed.getString("signature").length());
        share("{\"paths\": [\"messages\", \"claims\"]}");
    }

    @Test
    void shareRefusesBadDocuments() {
        for (String body : List.of("not json", "{\"dummy\": 1}", "{\"expires\": \"wrong date format\"}",
                "{\"methods\": \"GET\"}", "{\"paths\": [\"notallowed\"]}", "{\"expires\": 3600}",
                "{\"expires\": \"2015-01-01T00:00:00\"}", "{\"methods\": [1]}", "[]")) {
            api().contentType("application/json").body(body).post("/v2/queues/shared/share").then().statusCode(400);
        }
        api().contentType("application/json").body("{\"dummy\": 1}").post("/v2/queues/shared/share").then()
                .body("description", equalTo("Unknown keys: {'dummy'}"));
    }

    private RequestSpecification signedRequest(JsonPath signed, String projectId) {
        return bare().header("Client-ID", CLIENT_ID).header("X-Project-ID", projectId)
                .header("URL-Signature", signed.getString("signature"))
                .header("URL-Expires", signed.getString("expires"))
                .header("URL-Methods", String.join(",", signed.getList("methods", String.class)))
                .header("URL-Paths", String.join(",", signed.getList("paths", String.class)));
    }

    @Test
    void signatureAuthorizesExactlyItsPathsMethodsAndProjectUntilExpiry() {
        List<String> ids = post("shared", "[{\"body\": 239}]");
        JsonPath signed = share("{\"methods\": [\"GET\"], \"expires\": \"2026-01-01T01:00:00\"}");
        signedRequest(signed, project).get("/v2/queues/shared/messages?echo=true").then().statusCode(200)
                .body("messages[0].body", equalTo(239));
        signedRequest(signed, project).get("/v2/queues/shared/messages/" + ids.getFirst()).then().statusCode(200);
        // Another method, another path, another project: 404 as upstream.
        signedRequest(signed, project).delete("/v2/queues/shared/messages/" + ids.getFirst()).then().statusCode(404);
        signedRequest(signed, project).get("/v2/queues/shared/stats").then().statusCode(404);
        signedRequest(signed, project).get("/v2/queues/shared/messagesXYZ").then().statusCode(404);
        signedRequest(signed, "another-project").get("/v2/queues/shared/messages").then().statusCode(404);
        clock.advanceSeconds(3601);
        signedRequest(signed, project).get("/v2/queues/shared/messages").then().statusCode(404);
    }
}
