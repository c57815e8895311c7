package org.zaqar.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.validation.SubscriptionRules;

/** POSTs one notification to a webhook; as upstream, any answer from 200 to 499 counts as delivered. */
final class WebhookSender {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final DeliveryObserver observer;

    WebhookSender(DeliveryObserver observer) {
        this.observer = observer;
    }

    /**
     * @param retry whether this is a retry of a failed delivery, for the {@link DeliveryObserver}
     * @return true when the subscriber took the notification
     */
    boolean post(String subscriber, String data, Map<String, String> headers, boolean retry) {
        boolean delivered = send(subscriber, data, headers);
        observer.attempted(SubscriptionRules.scheme(subscriber), retry, delivered);
        return delivered;
    }

    private boolean send(String subscriber, String data, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target(subscriber))).timeout(TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString(data));
            headers.forEach(request::header);
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 500) {
                return true;
            }
            LOG.info("Webhook {} answered {}; will retry", subscriber, status);
        } catch (IOException | IllegalArgumentException e) {
            LOG.info("Webhook {} failed: {}; will retry", subscriber, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** A {@code trust+http(s)} subscriber is posted to at its http(s) address. */
    private static String target(String subscriber) {
        return subscriber.startsWith("trust+") ? subscriber.substring("trust+".length()) : subscriber;
    }
}
