package org.zaqar.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.zaqar.client.example.OrdersExample;

/** The module README's example is this module's OrdersExample, word for word, and it runs. */
class ReadmeExampleTest {
    private static final Path EXAMPLE = Path.of("src/test/java/org/zaqar/client/example/OrdersExample.java");

    @Test
    void theReadmeShowsTheExampleAsItIs() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(Files.readString(EXAMPLE)),
                "README.md must contain " + EXAMPLE + " unchanged: copy the file into its java block");
    }

    @Test
    void theExampleShipsEveryOrder() throws Exception {
        try (TestServer server = TestServer.start("")) {
            OrdersExample.main(new String[] {server.endpoint().toString()});
            try (ZaqarClient demo = server.client("demo")) {
                assertEquals(new QueueStats(0, 0, 0), demo.queues().stats("orders"));
                assertEquals(3600, demo.queues().metadata("orders").get("_default_message_ttl"));
            }
        }
    }
}
