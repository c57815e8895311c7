package org.zaqar.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.zaqar.core.config.TransportLimits;

/** The web console's static files: served only when enabled, with their types, caching and CSP, without auth. */
class ConsoleApiTest extends ApiTestSupport {
    private boolean console = true;
    private SecuritySettings security = SecuritySettings.noauth();

    @Override
    protected ApiSettings settings() {
        return new ApiSettings(TransportLimits.defaults(), false, true, "", List.of()).withConsole(console);
    }

    @Override
    protected SecuritySettings security() {
        return security;
    }

    private void restart() {
        server.stop();
        server = newServer();
        server.start("127.0.0.1", 0);
    }

    @Test
    void theConsoleAddressRedirectsIntoItsDirectory() {
        bare().redirects().follow(false).get("/console").then().statusCode(301)
                .header("Location", "/console/");
    }

    @Test
    void theIndexPageLoadsItsScriptAsAModuleUnderAContentSecurityPolicy() {
        bare().get("/console/").then().statusCode(200)
                .contentType("text/html; charset=utf-8")
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache")
                .body(containsString("<script type=\"module\" src=\"app.js\"></script>"));
    }

    @Test
    void scriptsAndStylesCarryTheirContentTypes() {
        for (String script : List.of("app.js", "api.js", "dom.js", "chart.js", "queues.js", "admin.js")) {
            bare().get("/console/" + script).then().statusCode(200).contentType("text/javascript; charset=utf-8");
        }
        bare().get("/console/style.css").then().statusCode(200).contentType("text/css; charset=utf-8");
    }

    @Test
    void anUnchangedFileIsNotSentAgain() {
        String tag = bare().get("/console/app.js").then().statusCode(200).extract().header("ETag");
        bare().header("If-None-Match", tag).get("/console/app.js").then().statusCode(304)
                .header("ETag", tag).body(equalTo(""));
    }

    @Test
    void aMissingFileIsA404WithZaqarsErrorBody() {
        bare().get("/console/missing.js").then().statusCode(404)
                .body("title", equalTo("Not found"))
                .body("description", equalTo("The console has no file named 'missing.js'."));
        bare().get("/console/..%2Fzaqar.db").then().statusCode(404);
    }

    @Test
    void aServerWithoutTheConsoleDoesNotServeIt() {
        console = false;
        restart();
        bare().get("/console/").then().statusCode(404);
        bare().get("/console/app.js").then().statusCode(404);
    }

    @Test
    void underKeystoneTheFilesNeedNoTokenWhileTheApiStillDoes() {
        KeystoneSettings keystone = new KeystoneSettings("http://keystone.invalid:5000", "http://127.0.0.1:9/v3",
                "zaqar", "secret", "service", "Default", "Default", Duration.ofMinutes(5), Duration.ofSeconds(2));
        security = new SecuritySettings(keystone, "signing-key", null, CorsSettings.disabled());
        restart();
        bare().get("/console/").then().statusCode(200);
        bare().get("/console/app.js").then().statusCode(200);
        Response api = bare().header("Client-ID", CLIENT_ID).get("/v2/queues");
        assertEquals(401, api.statusCode(), api.asString());
    }
}
