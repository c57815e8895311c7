package org.zaqar.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** CORS with oslo.middleware's options: preflight answered before anything else, headers on responses. */
class CorsApiTest extends ApiTestSupport {

    @Override
    protected SecuritySettings security() {
        return new SecuritySettings(null, null, null, new CorsSettings(List.of("https://app.example.org"), true,
                CorsSettings.DEFAULT_EXPOSE_HEADERS, 3600, CorsSettings.DEFAULT_ALLOW_METHODS,
                CorsSettings.DEFAULT_ALLOW_HEADERS));
    }

    @Test
    void preflightFromAnAllowedOrigin() {
        bare().header("Origin", "https://app.example.org").header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "X-Auth-Token,Client-ID")
                .options("/v2/queues/q").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.example.org")
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Allow-Methods", "PUT")
                .header("Access-Control-Allow-Headers", "X-Auth-Token,Client-ID")
                .header("Access-Control-Max-Age", "3600");
    }

    @Test
    void preflightRefusedForOtherOriginsMethodsAndHeaders() {
        bare().header("Origin", "https://evil.example.org").header("Access-Control-Request-Method", "GET")
                .options("/v2/queues").then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
        bare().header("Origin", "https://app.example.org").header("Access-Control-Request-Method", "TRACE")
                .options("/v2/queues").then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
        bare().header("Origin", "https://app.example.org").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "X-Not-Allowed")
                .options("/v2/queues").then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void actualRequestsCarryTheHeadersErrorsToo() {
        api().header("Origin", "https://app.example.org").get("/v2/queues").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.example.org")
                .header("Access-Control-Expose-Headers", String.join(",", CorsSettings.DEFAULT_EXPOSE_HEADERS))
                .header("Vary", "Origin");
        bare().header("Origin", "https://app.example.org").get("/v2/queues").then().statusCode(400)
                .header("Access-Control-Allow-Origin", "https://app.example.org");
        api().header("Origin", "https://evil.example.org").get("/v2/queues").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
        api().options("/v2/queues").then().statusCode(200).header("Allow", equalTo("GET, OPTIONS"));
    }
}
