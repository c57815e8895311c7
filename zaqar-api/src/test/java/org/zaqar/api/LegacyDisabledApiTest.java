package org.zaqar.api;

import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/** Deprecated versions not listed in enable_deprecated_api_versions: upstream's 404. */
class LegacyDisabledApiTest extends ApiTestSupport {

    @Test
    void deprecatedVersionsAnswer404() {
        api().put("/v1.1/queues/q").then().statusCode(404).body("title", equalTo("404 Not Found"));
        api().get("/v1/queues").then().statusCode(404);
        api().get("/v1.1/ping").then().statusCode(404);
    }
}
