package org.zaqar.api;

import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.zaqar.core.config.TransportLimits;

/** With {@code enable_checksum}, messages carry upstream's MD5 of the body. */
class ChecksumApiTest extends ApiTestSupport {

    @Override
    protected ApiSettings settings() {
        return new ApiSettings(TransportLimits.defaults(), true, false, "");
    }

    @Test
    void messagesCarryTheirChecksum() {
        post("sums", "[{\"body\": {\"a\": 1}}]");
        // md5 of Python's json.dumps({"a": 1}) == '{"a": 1}'
        api().get("/v2/queues/sums/messages?echo=true").then().statusCode(200)
                .body("messages[0].checksum", equalTo("MD5:42b7b4f2921788ea14dac5566e6f06d0"));
    }
}
