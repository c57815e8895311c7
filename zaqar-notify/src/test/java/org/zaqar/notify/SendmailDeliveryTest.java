package org.zaqar.notify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.model.NewMessage;

/** In upstream's default third_part mode, each email is piped to smtp_command, as sendmail takes it. */
class SendmailDeliveryTest extends NotifierTestSupport {

    private Path capture() {
        return dir.resolve("mail.txt");
    }

    @Override
    protected NotificationOptions options() {
        Path script = dir.resolve("fake-sendmail.sh");
        try {
            Files.writeString(script, "cat > \"$1\"\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return NotificationOptions.from(ZaqarConfig.parse("""
                [notification]
                smtp_command = /bin/sh %s %s
                """.formatted(script, capture())));
    }

    @Test
    void theMessageIsPipedToTheCommand() throws Exception {
        storage.subscriptions().create("p", "q", "mailto:ops@example.com", 600, Map.of("subject", "Alert"));
        storage.queues().create("p", "q", Map.of());
        storage.messages().post("p", "q", List.of(new NewMessage("{\"disk\": 91}", 300, 0, null)), "c");
        long deadline = System.nanoTime() + 10_000_000_000L;
        String mail = "";
        while (System.nanoTime() < deadline && !mail.contains("queue_name")) {
            Thread.sleep(50);
            mail = Files.exists(capture()) ? Files.readString(capture()) : "";
        }
        assertTrue(mail.contains("To: ops@example.com"), mail);
        assertTrue(mail.contains("Subject: Alert"), mail);
        assertTrue(mail.contains("\"disk\":91") && mail.contains("\"queue_name\":\"q\""), mail);
    }
}
