package org.zaqar.client.example;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.zaqar.client.Authentication;
import org.zaqar.client.MessageConsumer;
import org.zaqar.client.NewMessage;
import org.zaqar.client.QueueStats;
import org.zaqar.client.ZaqarClient;

/** Posts three orders to a queue, then ships them with a consumer that deletes each one shipped. */
public final class OrdersExample {
    private OrdersExample() {
    }

    public static void main(String[] args) throws InterruptedException {
        URI endpoint = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8888");
        try (ZaqarClient zaqar = ZaqarClient.builder(endpoint)
                .authentication(Authentication.noAuth("demo"))
                .build()) {
            zaqar.queues().create("orders", Map.of("_default_message_ttl", 3600));
            List<String> ids = zaqar.messages().post("orders", List.of(
                    NewMessage.of(Map.of("order", 1, "item", "book")),
                    NewMessage.of(Map.of("order", 2, "item", "lamp")).withTtl(600),
                    NewMessage.of(Map.of("order", 3, "item", "desk"))));
            System.out.println("posted " + ids);

            CountDownLatch shipped = new CountDownLatch(ids.size());
            MessageConsumer consumer = MessageConsumer.builder(zaqar, "orders", message -> {
                System.out.println("shipping " + message.body().get("item").asText());
                shipped.countDown(); // returning normally deletes the message
            }).limit(10).claimTtl(Duration.ofMinutes(2)).start();
            try {
                shipped.await(30, TimeUnit.SECONDS);
            } finally {
                consumer.close(); // releases the claim on whatever was not handled yet
            }
            QueueStats stats = zaqar.queues().stats("orders");
            System.out.println("left in the queue: " + stats.total());
        }
    }
}
