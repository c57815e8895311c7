package org.zaqar.api;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Every response, success or error, carries upstream's x-openstack-request-id. */
class RequestIdApiTest extends ApiTestSupport {
    private static final String FORMAT = "req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Test
    void everyResponseCarriesAFreshRequestId() {
        List<String> ids = List.of(
                api().get("/v2/ping").then().statusCode(204).extract().header(RequestTracking.HEADER),
                bare().get("/").then().statusCode(300).extract().header(RequestTracking.HEADER),
                api().get("/v2/queues/missing/messages/0123456789abcdef01234567").then().statusCode(404)
                        .extract().header(RequestTracking.HEADER),
                api().put("/v2/queues/bad%20name").then().statusCode(400).extract().header(RequestTracking.HEADER),
                bare().get("/v2/queues").then().statusCode(400).extract().header(RequestTracking.HEADER),
                api().get("/no/such/route").then().statusCode(404).extract().header(RequestTracking.HEADER));
        for (String id : ids) {
            assertTrue(id != null && id.matches(FORMAT), "request id " + id);
        }
        assertNotEquals(ids.get(0), ids.get(1));
        assertTrue(ids.stream().distinct().count() == ids.size(), ids.toString());
    }
}
