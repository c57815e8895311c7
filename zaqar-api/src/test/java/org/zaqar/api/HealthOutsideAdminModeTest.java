package org.zaqar.api;

import org.junit.jupiter.api.Test;
import org.zaqar.core.config.TransportLimits;

/** Without admin mode the admin routes do not exist, as upstream. */
class HealthOutsideAdminModeTest extends ApiTestSupport {

    @Override
    protected ApiSettings settings() {
        return new ApiSettings(TransportLimits.defaults(), false, false, "");
    }

    @Test
    void healthIsNotServed() {
        api().get("/v2/health").then().statusCode(404);
        api().get("/v2/ping").then().statusCode(204);
    }
}
