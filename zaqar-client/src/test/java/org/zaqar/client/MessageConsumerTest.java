package org.zaqar.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The consumer loop against the real server. */
class MessageConsumerTest {
    private static TestServer server;
    private static ZaqarClient zaqar;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("");
        zaqar = server.client("consumer-test");
    }

    @AfterAll
    static void stop() {
        zaqar.close();
        server.close();
    }

    @Test
    void everyMessageIsHandledOnceInOrderAndDeleted() throws Exception {
        List<String> ids = zaqar.messages().post("jobs", List.of(NewMessage.of(1), NewMessage.of(2), NewMessage.of(3)));
        LinkedBlockingQueue<String> handled = new LinkedBlockingQueue<>();
        MessageConsumer consumer = MessageConsumer.builder(zaqar, "jobs", m -> handled.add(m.id()))
                .limit(2).idleWait(Duration.ofMillis(100)).start();
        try {
            for (String id : ids) {
                assertEquals(id, handled.poll(10, TimeUnit.SECONDS));
            }
        } finally {
            consumer.close();
        }
        assertEquals(new QueueStats(0, 0, 0), zaqar.queues().stats("jobs"));
        assertTrue(handled.isEmpty(), handled.toString());
    }

    @Test
    void aFailedMessageIsKeptAndHandledAgain() throws Exception {
        String id = zaqar.messages().post("flaky", List.of(NewMessage.of("x"))).get(0);
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        MessageConsumer consumer = MessageConsumer.builder(zaqar, "flaky", m -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
            done.countDown();
        }).idleWait(Duration.ofMillis(100)).start();
        try {
            assertTrue(done.await(10, TimeUnit.SECONDS), "handled again after the failure");
        } finally {
            consumer.close();
        }
        assertEquals(2, attempts.get());
        assertEquals(0, zaqar.queues().stats("flaky").total(), "deleted " + id + " once handled");
    }

    @Test
    void theClaimIsRenewedWhileAHandlerRunsLong() throws Exception {
        zaqar.messages().post("slow", List.of(NewMessage.of("x")));
        LinkedBlockingQueue<Integer> ageSeenByHandler = new LinkedBlockingQueue<>();
        MessageConsumer consumer = MessageConsumer.builder(zaqar, "slow", m -> {
            Thread.sleep(3_500);
            ageSeenByHandler.add(zaqar.claims().get("slow", m.claimId()).age());
        }).renewEvery(Duration.ofSeconds(1)).start();
        try {
            Integer age = ageSeenByHandler.poll(15, TimeUnit.SECONDS);
            assertNotNull(age);
            // Without renewal the claim would be 3 s old: a renewal restarts its age.
            assertTrue(age <= 1, "claim age " + age);
        } finally {
            consumer.close();
        }
    }

    @Test
    void closingReleasesTheClaimOnMessagesNotHandledYet() throws Exception {
        List<String> ids = zaqar.messages().post("batch",
                List.of(NewMessage.of(1), NewMessage.of(2), NewMessage.of(3)));
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        MessageConsumer consumer = MessageConsumer.builder(zaqar, "batch", m -> {
            firstStarted.countDown();
            mayFinish.await();
        }).limit(3).start();
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
        Thread closing = Thread.ofVirtual().start(consumer::close);
        Thread.sleep(200);
        mayFinish.countDown();
        closing.join(Duration.ofSeconds(10));
        assertEquals(new QueueStats(2, 0, 2), zaqar.queues().stats("batch"), "the first was handled, two are free");
        assertEquals(ids.subList(1, 3), zaqar.claims().create("batch", 60, 60, null).orElseThrow().messages().stream()
                .map(Message::id).toList());
    }
}
