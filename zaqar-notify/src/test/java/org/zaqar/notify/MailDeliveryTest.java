package org.zaqar.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Subscription;

/** mailto subscribers get their notifications and confirmation emails over real SMTP (GreenMail). */
class MailDeliveryTest extends NotifierTestSupport {
    private static final long WAIT_MILLIS = 10_000;
    private GreenMail smtp;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        notifier.close();
        startNotifier(); // again, now that the SMTP port is known
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Override
    protected NotificationOptions options() {
        int port = smtp == null ? 25 : smtp.getSmtp().getPort();
        return NotificationOptions.from(ZaqarConfig.parse("""
                [notification]
                smtp_mode = self_local
                smtp_host = 127.0.0.1
                smtp_port = %d
                require_confirmation = true
                external_confirmation_url = https://confirm.example.com/page
                [signed_url]
                secret_key = test-key
                """.formatted(port)));
    }

    @Test
    void aConfirmedMailtoSubscriberGetsEachMessage() throws Exception {
        String id = storage.subscriptions().create("p", "q", "mailto:ops@example.com?subject=Queue%20news", 600,
                Map.of("from", "zaqar@example.com"));
        storage.subscriptions().confirm("p", "q", id, true);
        storage.queues().create("p", "q", Map.of());
        storage.messages().post("p", "q", List.of(new NewMessage("{\"alert\": \"disk\"}", 300, 0, null)), "c");
        assertTrue(smtp.waitForIncomingEmail(WAIT_MILLIS, 1));
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals("Queue news", mail.getSubject());
        assertEquals("zaqar@example.com", mail.getFrom()[0].toString());
        assertEquals("ops@example.com", mail.getAllRecipients()[0].toString());
        JsonNode body = Notifier.JSON.readTree(GreenMailUtil.getBody(mail).strip());
        assertEquals("disk", body.at("/body/alert").asText());
        assertEquals("q", body.get("queue_name").asText());
    }

    @Test
    void anUnconfirmedSubscriberIsNotNotified() throws Exception {
        storage.subscriptions().create("p", "q", "mailto:later@example.com", 600, Map.of());
        String confirmed = storage.subscriptions().create("p", "q", "mailto:now@example.com", 600, Map.of());
        storage.subscriptions().confirm("p", "q", confirmed, true);
        storage.queues().create("p", "q", Map.of());
        storage.messages().post("p", "q", List.of(new NewMessage("{}", 300, 0, null)), "c");
        assertTrue(smtp.waitForIncomingEmail(WAIT_MILLIS, 1));
        Thread.sleep(1000);
        assertEquals(1, smtp.getReceivedMessages().length);
        assertEquals("now@example.com", smtp.getReceivedMessages()[0].getAllRecipients()[0].toString());
    }

    @Test
    void confirmationAndUnsubscribeEmailsFollowTheTemplates() throws Exception {
        String id = storage.subscriptions().create("p", "q", "mailto:new@example.com", 600, Map.of());
        Subscription subscription = storage.subscriptions().get("p", "q", id);
        notifier.confirmationNeeded("p", "/v2/queues/q", subscription, false, clock.instant().plusSeconds(600));
        assertTrue(smtp.waitForIncomingEmail(WAIT_MILLIS, 1));
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals("Zaqar Notification - Subscription Confirmation", mail.getSubject());
        String body = GreenMailUtil.getBody(mail);
        assertTrue(body.contains("You have chosen to subscribe to the queue: q. This queue belongs to project: p."),
                body);
        assertTrue(body.contains("https://confirm.example.com/page?Signature="), body);
        assertTrue(body.contains("&Paths=/v2/queues/q/subscriptions/" + id + "/confirm&Project=p"), body);

        notifier.confirmationNeeded("p", "/v2/queues/q", subscription, true, clock.instant().plusSeconds(3600));
        assertTrue(smtp.waitForIncomingEmail(WAIT_MILLIS, 2));
        assertEquals("Zaqar Notification - Unsubscribe Confirmation", smtp.getReceivedMessages()[1].getSubject());
    }
}
