package org.zaqar.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

/** {@code /v2/topics} over a real socket and the real SQL store. */
class TopicApiTest extends ApiTestSupport {

    @Test
    void lifecycleStatsAndMessages() {
        api().contentType("application/json").body("{\"color\": \"blue\"}").put("/v2/topics/news")
                .then().statusCode(201).header("Location", "/v2/topics/news");
        api().put("/v2/topics/news").then().statusCode(204);
        api().get("/v2/topics/news").then().statusCode(200).body("color", equalTo("blue"))
                .body("_default_message_ttl", equalTo(3600));
        // A topic is no queue: the queue of that name reads as missing (200 without metadata, as upstream).
        api().get("/v2/queues/news").then().statusCode(200).body("$", not(hasKey("color")));
        api().get("/v2/queues").then().statusCode(200).body("queues", hasSize(0));
        api().get("/v2/topics").then().statusCode(200).body("topics.name", equalTo(java.util.List.of("news")))
                .body("topics[0].href", equalTo("/v2/topics/news"));

        api().contentType("application/json").body("{\"messages\": [{\"body\": {\"n\": 1}, \"ttl\": 300}]}")
                .post("/v2/topics/news/messages").then().statusCode(201)
                .body("resources[0]", startsWith("/v2/topics/news/messages/"));
        api().get("/v2/topics/news/messages?echo=true").then().statusCode(200)
                .body("messages", hasSize(1)).body("messages[0].body.n", equalTo(1))
                .body("messages[0].href", startsWith("/v2/topics/news/messages/"));
        api().get("/v2/topics/news/stats").then().body("messages.total", equalTo(1));
        api().contentType("application/json").body("{\"resource_types\": [\"messages\"]}")
                .post("/v2/topics/news/purge").then().statusCode(204);
        api().get("/v2/topics/news/stats").then().body("messages.total", equalTo(0));
        api().delete("/v2/topics/news").then().statusCode(204);
        api().get("/v2/topics/news").then().statusCode(200).body("$", not(hasKey("color")))
                .body("_default_message_ttl", equalTo(3600));
        api().get("/v2/topics").then().statusCode(200).body("topics", hasSize(0));
    }
}
