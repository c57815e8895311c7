package org.zaqar.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.notify.IdentityService;
import org.zaqar.core.validation.SubscriptionRules;

/**
 * POSTs one notification to a webhook; as upstream, any answer from 200 to 499 counts as
 * delivered. A {@code trust+} subscriber gets a token of its trust in {@code X-Auth-Token}.
 */
final class WebhookSender {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final IdentityService identity;
    private final DeliveryObserver observer;

    WebhookSender(IdentityService identity, DeliveryObserver observer) {
        this.identity = identity;
        this.observer = observer;
    }

    /**
     * @param trustId the trust of a {@code trust+} subscriber, else null; its token is asked for at
     *                each attempt, so a retry never sends an expired one
     * @param retry   whether this is a retry of a failed delivery, for the {@link DeliveryObserver}
     * @return true when the subscriber took the notification
     */
    boolean post(String subscriber, String trustId, String data, Map<String, String> headers, boolean retry) {
        boolean delivered = send(subscriber, trustId, data, headers);
        observer.attempted(SubscriptionRules.scheme(subscriber), retry, delivered);
        return delivered;
    }

    private boolean send(String subscriber, String trustId, String data, Map<String, String> headers) {
        Map<String, String> sent = headers;
        if (trustId != null) {
            // As upstream, the token comes first and post_headers may override it.
            sent = new LinkedHashMap<>();
            try {
                sent.put("X-Auth-Token", identity.trustToken(trustId));
            } catch (ZaqarException e) {
                LOG.warn("No token for trust {} of {}: {}; will retry", trustId, subscriber, e.getMessage());
                return false;
            }
            sent.putAll(headers);
        }
        try {
            URI uri = URI.create(target(subscriber));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString(data));
            if ("http".equalsIgnoreCase(uri.getScheme())) {
                // As upstream, plain HTTP/1.1: the JDK would offer every http:// subscriber an h2c upgrade,
                // which some servers refuse. Over https, TLS (ALPN) settles the version.
                request.version(HttpClient.Version.HTTP_1_1);
            }
            sent.forEach(request::header);
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
