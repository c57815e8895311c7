package org.zaqar.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ZaqarConfig;

/** With require_confirmation, a webhook subscriber gets upstream's signed confirmation request. */
class ConfirmationWebhookTest extends NotifierTestSupport {

    @Override
    protected NotificationOptions options() {
        return NotificationOptions.from(ZaqarConfig.parse("""
                [notification]
                require_confirmation = true
                [signed_url]
                secret_key = test-key
                """));
    }

    @Test
    void theConfirmationRequestCarriesASignedConfirmUrl() throws Exception {
        String id = storage.subscriptions().create("p", "q", hooks.url("/confirm-me"), 600, Map.of());
        notifier.confirmationNeeded("p", "/v2/queues/q", storage.subscriptions().get("p", "q", id), false,
                clock.instant().plusSeconds(600));
        HookServer.Received request = hooks.next(Duration.ofSeconds(10));
        assertNotNull(request);
        JsonNode body = Notifier.JSON.readTree(request.body());
        assertEquals("SubscriptionConfirmation", body.get("Message_Type").asText());
        assertEquals("You have chosen to subscribe to the queue: q", body.get("Message").asText());
        assertEquals("/v2/queues/q/subscriptions/" + id + "/confirm", body.get("URL-Paths").asText());
        assertEquals("PUT", body.get("URL-Methods").asText());
        assertEquals("p", body.get("X-Project-ID").asText());
        assertTrue(body.get("URL-Signature").asText().matches("[0-9a-f]{64}"));
        assertEquals(SignedUrl.create("test-key", body.get("URL-Paths").asText(), "p",
                clock.instant().plusSeconds(600), "PUT").signature(), body.get("URL-Signature").asText());
        assertTrue(body.at("/SubscribeBody/confirmed").asBoolean());
    }
}
