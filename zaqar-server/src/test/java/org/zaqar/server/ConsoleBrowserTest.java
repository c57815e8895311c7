package org.zaqar.server;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The web console in a real headless chromium against a real server (SQLite, port 0): a person's
 * walk through the README by clicking. Screenshots go to target/console-screenshots (the ones in
 * docs/images are copies of them).
 */
class ConsoleBrowserTest {
    private static final String CLIENT_ID = "3381af92-2b9e-11e3-b191-71861300734c";
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    @TempDir
    Path dir;

    private ZaqarServer server;
    private HeadlessChromium browser;

    @BeforeEach
    void start() {
        // Admin mode and pooling show the admin view's pools; the virtual pool takes the queues.
        server = ZaqarServer.start(SqliteServerConfig.on(dir, """
                [DEFAULT]
                admin_mode = true
                pooling = true
                [pooling:catalog]
                enable_virtual_pool = true
                [console]
                enabled = true
                [signed_url]
                secret_key = console-test-key
                """), InstantSource.system());
        browser = HeadlessChromium.start(dir.resolve("chromium-profile"));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private RequestSpecification api(String project) {
        return RestAssured.given().baseUri(base()).header("Client-ID", CLIENT_ID).header("X-Project-ID", project)
                .contentType("application/json");
    }

    @Test
    void aPersonWalksThroughQueuesMessagesClaimsSubscriptionsAndPools() throws Exception {
        browser.open(base() + "/console/");
        browser.type("#connection-form input[name=project]", "demo");
        // Without Keystone the client declares its roles, as upstream; admin sees pools and flavors.
        browser.type("#connection-form input[name=roles]", "admin");
        browser.click("#connection-form button[type=submit]");

        browser.type("#create-queue input[name=name]", "orders");
        browser.click("#create-queue button[type=submit]");
        browser.awaitText("#queue-table tr[data-name=orders] td.total", "0");
        api("demo").get("/v2/queues/orders").then().statusCode(200);

        browser.click("#queue-table tr[data-name=orders] a");
        // A body with markup in it: shown as text, never turned into an element.
        String body = "{\"order\": 1, \"note\": \"<img src=x id=injected>\"}";
        browser.type("#post-form textarea[name=body]", body);
        browser.click("#post-form button[type=submit]");
        browser.awaitText("#stats .total b", "1");
        browser.awaitText("#stats .free b", "1");
        String shown = browser.find("#messages pre.body").getText();
        assertTrue(shown.contains("\"note\": \"<img src=x id=injected>\""), shown);
        assertTrue(browser.driver().findElements(By.id("injected")).isEmpty(), "a message body became markup");

        browser.click("#claim-form button[type=submit]");
        browser.awaitText("#stats .claimed b", "1");
        String claimId = browser.waitFor("the claim id in the messages table", () -> {
            String text = browser.driver().findElement(By.cssSelector("#messages td.claim")).getText();
            return text.equals("—") ? null : text;
        });
        assertTrue(browser.find("#claim-result").getText().contains(claimId));
        api("demo").get("/v2/queues/orders/claims/" + claimId).then().statusCode(200);
        browser.type("#subscription-form input[name=subscriber]", "http://127.0.0.1:9/orders-hook");
        browser.click("#subscription-form button[type=submit]");
        browser.awaitText("#subscriptions tr td:nth-child(2)", "http://127.0.0.1:9/orders-hook");
        browser.screenshot(SCREENSHOTS.resolve("console-messages.png"));

        browser.click("#messages button.danger");
        browser.awaitText("#stats .total b", "0");
        browser.awaitText("#messages td.empty", "No messages.");
        List<String> subscribers = api("demo").get("/v2/queues/orders/subscriptions").then().statusCode(200)
                .extract().path("subscriptions.subscriber");
        assertEquals(List.of("http://127.0.0.1:9/orders-hook"), subscribers);

        // The list's chart: stats polled every few seconds while other clients post.
        api("demo").put("/v2/queues/audit").then().statusCode(201);
        browser.open(base() + "/console/#/queues");
        for (int round = 1; round <= 4; round++) {
            api("demo").body("{\"messages\": [{\"body\": " + round + "}]}")
                    .post("/v2/queues/audit/messages").then().statusCode(201);
            api("demo").body("{\"messages\": [{\"body\": " + round + "}, {\"body\": " + round + "}]}")
                    .post("/v2/queues/orders/messages").then().statusCode(201);
            browser.awaitText("#queue-table tr[data-name=orders] td.total", String.valueOf(2 * round));
        }
        assertTrue(browser.find("#queues-chart svg path.line").getAttribute("d").contains("L"),
                "the chart draws a line through several samples");
        browser.screenshot(SCREENSHOTS.resolve("console-queues.png"));

        browser.open(base() + "/console/#/topics");
        browser.type("#create-queue input[name=name]", "events");
        browser.click("#create-queue button[type=submit]");
        browser.click("#queue-table tr[data-name=events] a");
        browser.type("#post-form textarea[name=body]", "{\"kind\": \"created\"}");
        browser.click("#post-form button[type=submit]");
        browser.awaitText("#stats .total b", "1");
        assertTrue(browser.driver().findElements(By.id("claim-form")).isEmpty(), "topics have no claims");
        api("demo").get("/v2/topics/events/stats").then().statusCode(200).body("messages.total",
                equalTo(1));

        browser.open(base() + "/console/#/admin");
        browser.type("#pool-form input[name=name]", "pool-a");
        browser.type("#pool-form input[name=uri]", "sqlite:///" + dir.resolve("pool-a.db"));
        browser.click("#pool-form button[type=submit]");
        browser.awaitText("#pools tr[data-name=pool-a] td:nth-child(3)", "100");
        assertTrue(browser.find("#health").getText().contains("catalog_reachable"),
                browser.find("#health").getText());
        browser.screenshot(SCREENSHOTS.resolve("console-admin.png"));
    }

    @Test
    void aPreSignedUrlLetsTheConsoleListAndPostOneQueuesMessages() {
        api("demo").put("/v2/queues/orders").then().statusCode(201);
        api("demo").body("{\"messages\": [{\"body\": {\"from\": \"curl\"}}]}")
                .post("/v2/queues/orders/messages").then().statusCode(201);
        String share = api("demo").body("{\"methods\": [\"GET\", \"POST\"]}").post("/v2/queues/orders/share")
                .then().statusCode(200).extract().asString();

        browser.open(base() + "/console/");
        browser.click("#connection-form select[name=mode] option[value=signed]");
        browser.type("#connection-form textarea[name=signed]", share);
        browser.click("#connection-form button[type=submit]");
        browser.waitFor("the queue's message listed through the signed URL", () ->
                browser.driver().findElement(By.cssSelector("#messages pre.body")).getText().contains("curl") ? true : null);

        browser.type("#post-form textarea[name=body]", "{\"from\": \"console\"}");
        browser.click("#post-form button[type=submit]");
        browser.waitFor("two messages listed", () ->
                browser.driver().findElements(By.cssSelector("#messages pre.body")).size() == 2 ? true : null);
        List<Object> bodies = api("demo").get("/v2/queues/orders/messages?echo=true").then().statusCode(200)
                .extract().path("messages.body.from");
        assertEquals(List.of("curl", "console"), bodies);
    }
}
