package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zaqar.api.KeystoneServer;
import org.zaqar.core.config.ZaqarConfig;

/**
 * trust+http subscribers end to end against a real Keystone: the server makes a trust from the
 * subscribing member to the [trustee] user, and every request to the subscriber (the
 * confirmation request, which names the confirm URL at the catalog's public Zaqar endpoint, the
 * notification and its stored retry) carries a token Keystone issued from that trust.
 */
class TrustSubscriptionTest {
    private static final String CLIENT_ID = "3381af92-2b9e-11e3-b191-71861300734c";
    private static final String SERVICE_PASSWORD = "zaqar-service-secret";
    private static final String PUBLIC_URL = "http://zaqar.example.com:8888";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Received(String body, String token) {
    }

    private static Path dir;
    private static KeystoneServer keystone;
    private static String project;
    private static String member;
    private static String zaqarUser;
    private static HttpServer hook;
    private static final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** The hook answers 500 to this many requests, then 204. */
    private static final AtomicInteger failuresLeft = new AtomicInteger();
    private static ZaqarServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startKeystoneAndZaqar() throws Exception {
        if (!KeystoneServer.isInstalled()) {
            assertTrue(!KeystoneServer.isRequired(), "ZAQAR_TEST_REQUIRE_KEYSTONE=1 but keystone is not installed");
            Assumptions.abort("keystone is not installed (apt-get install keystone)");
        }
        dir = Files.createTempDirectory("zaqar-trust-test");
        keystone = KeystoneServer.start(dir.resolve("keystone"), Duration.ofMinutes(10));
        String service = keystone.createProject("service");
        zaqarUser = keystone.createUser("zaqar", SERVICE_PASSWORD);
        keystone.grant(service, zaqarUser, "admin");
        project = keystone.createProject("project-a");
        member = keystone.createUser("member-a", "pw-a");
        keystone.grant(project, member, "member");
        keystone.registerService("zaqar", "messaging", PUBLIC_URL);

        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(new Received(new String(body.readAllBytes(), StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("X-Auth-Token")));
            }
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 500 : 204, -1);
            exchange.close();
        });
        hook.start();

        Path sendmail = dir.resolve("sendmail.sh");
        Files.writeString(sendmail, "cat > \"$1\"\n");
        String uri = "sqlite:///" + dir.resolve("zaqar.db");
        server = ZaqarServer.start(ZaqarConfig.parse("""
                [DEFAULT]
                auth_strategy = keystone
                [drivers:transport:wsgi]
                port = 0
                [drivers:message_store:sqlalchemy]
                uri = %1$s
                [drivers:management_store:sqlalchemy]
                uri = %1$s
                [signed_url]
                secret_key = trust-test-key
                [notification]
                require_confirmation = true
                external_confirmation_url = https://confirm.example.com/page
                smtp_command = /bin/sh %4$s %5$s
                [keystone_authtoken]
                auth_url = %2$s/v3
                username = zaqar
                password = %3$s
                project_name = service
                [trustee]
                auth_type = password
                auth_url = %2$s
                username = zaqar
                user_domain_name = Default
                password = %3$s
                """.formatted(uri, keystone.url(), SERVICE_PASSWORD, sendmail, mailFile())
                + SqliteServerConfig.NOTIFIER_PIPELINE), InstantSource.system());
    }

    @AfterAll
    static void stopAll() {
        if (server != null) {
            server.close();
        }
        if (hook != null) {
            hook.stop(0);
        }
        if (keystone != null) {
            keystone.close();
        }
    }

    @Test
    void aTrustHttpSubscriberIsConfirmedAndNotifiedWithTrustScopedTokens() throws Exception {
        String token = keystone.token("member-a", "pw-a", "project-a");
        String base = "http://127.0.0.1:" + server.port() + "/v2/queues/orders";
        String subscriber = "trust+http://127.0.0.1:" + hook.getAddress().getPort() + "/in";
        HttpResponse<String> created = send("POST", base + "/subscriptions", token, Map.of(),
                "{\"subscriber\": \"" + subscriber + "\", \"ttl\": 3600, \"options\": {\"_retry_policy\": "
                        + "{\"retries_with_no_delay\": 0, \"minimum_delay_retries\": 1, \"minimum_delay\": 1, "
                        + "\"maximum_delay\": 11, \"maximum_delay_retries\": 0}}}");
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).get("subscription_id").asText();

        JsonNode stored = JSON.readTree(send("GET", base + "/subscriptions/" + id, token, Map.of(), "").body());
        String trustId = stored.at("/options/trust_id").asText();
        assertTrue(!trustId.isEmpty(), stored.toString());
        assertEquals(subscriber, stored.get("subscriber").asText());

        Received confirmation = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(confirmation, "the confirmation request was sent");
        JsonNode request = JSON.readTree(confirmation.body());
        String path = "/v2/queues/orders/subscriptions/" + id + "/confirm";
        assertEquals(PUBLIC_URL + path, request.get("WSGISubscribeURL").asText());
        assertEquals("SubscriptionConfirmation", request.get("Message_Type").asText());
        assertEquals(path, request.get("URL-Paths").asText());
        assertEquals(project, request.get("X-Project-ID").asText());
        assertTrustToken(confirmation.token(), trustId);

        // The subscriber confirms with the signed URL alone, as upstream's confirmation page does.
        HttpResponse<String> confirmed = send("PUT", "http://127.0.0.1:" + server.port() + path, null, Map.of(
                "URL-Signature", request.get("URL-Signature").asText(), "URL-Methods", "PUT", "URL-Paths", path,
                "URL-Expires", request.get("URL-Expires").asText(), "X-Project-ID", project), "{\"confirmed\": true}");
        assertEquals(204, confirmed.statusCode(), confirmed.body());

        // The first delivery fails: the retry, kept in the store, asks for its own token.
        failuresLeft.set(1);
        assertEquals(201, send("POST", base + "/messages", token, Map.of(),
                "{\"messages\": [{\"body\": {\"order\": 7}}]}").statusCode());
        for (String attempt : new String[] {"first", "retried"}) {
            Received notification = received.poll(20, TimeUnit.SECONDS);
            assertNotNull(notification, "the " + attempt + " notification was sent");
            assertEquals(7, JSON.readTree(notification.body()).at("/body/order").asInt(), notification.body());
            assertTrustToken(notification.token(), trustId);
        }
    }

    private static Path mailFile() {
        return dir.resolve("mail.eml");
    }

    /** Upstream's confirmation email links to external_confirmation_url with the catalog's confirm URL. */
    @Test
    void theConfirmationEmailLinksToTheConfirmUrlOfTheCatalog() throws Exception {
        String token = keystone.token("member-a", "pw-a", "project-a");
        HttpResponse<String> created = send("POST", "http://127.0.0.1:" + server.port() + "/v2/queues/news/subscriptions",
                token, Map.of(), "{\"subscriber\": \"mailto:ops@example.com\", \"ttl\": 600}");
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).get("subscription_id").asText();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(mailFile()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(200); // the command may still be writing
        MimeMessage mail;
        try (InputStream in = Files.newInputStream(mailFile())) {
            mail = new MimeMessage(null, in);
        }
        assertEquals("Zaqar Notification - Subscription Confirmation", mail.getSubject());
        String path = "/v2/queues/news/subscriptions/" + id + "/confirm";
        String body = mail.getContent().toString();
        assertTrue(body.startsWith("You have chosen to subscribe to the queue: news. This queue belongs to project: "
                + project + ". To confirm this subscription, click or visit this link below: "
                + "https://confirm.example.com/page?Signature="), body);
        assertTrue(body.contains("&Methods=PUT&Paths=" + path + "&Project=" + project + "&Expires="), body);
        assertTrue(body.endsWith("&Url=" + PUBLIC_URL + path + "&Queue=news"), body);
    }

    /** Keystone vouches for the token: issued from this trust, to the trustee, impersonating the member. */
    private static void assertTrustToken(String token, String trustId) {
        assertNotNull(token, "X-Auth-Token was sent");
        JsonPath validated = keystone.validate(token);
        assertNotNull(validated, "Keystone accepts the token");
        assertEquals(trustId, validated.getString("token.'OS-TRUST:trust'.id"));
        assertEquals(member, validated.getString("token.'OS-TRUST:trust'.trustor_user.id"));
        assertEquals(zaqarUser, validated.getString("token.'OS-TRUST:trust'.trustee_user.id"));
        assertEquals(project, validated.getString("token.project.id"));
        assertTrue(validated.getBoolean("token.'OS-TRUST:trust'.impersonation"));
        assertEquals(member, validated.getString("token.user.id"), "the trustee acts as the member");
    }

    private HttpResponse<String> send(String method, String url, String token, Map<String, String> headers,
                                      String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Client-ID", CLIENT_ID)
                .header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
