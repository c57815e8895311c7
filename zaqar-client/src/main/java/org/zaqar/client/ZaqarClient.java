package org.zaqar.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A client of Zaqar's v2 HTTP API. Build one per server and identity, share it between threads,
 * and close it when done:
 *
 * <pre>{@code
 * try (ZaqarClient zaqar = ZaqarClient.builder(URI.create("http://127.0.0.1:8888"))
 *         .authentication(Authentication.noAuth("demo")).build()) {
 *     zaqar.queues().create("orders");
 *     zaqar.messages().post("orders", List.of(NewMessage.of(Map.of("id", 42))));
 * }
 * }</pre>
 *
 * Every call blocks until the server answers, and throws a {@link ZaqarException} on an error
 * answer or when no answer came after the retries the {@link RetryPolicy} allows.
 */
public final class ZaqarClient implements AutoCloseable {
    private final Transport transport;
    private final HttpClient ownHttpClient;

    private ZaqarClient(Transport transport, HttpClient ownHttpClient) {
        this.transport = transport;
        this.ownHttpClient = ownHttpClient;
    }

    /** A builder for a client of the server at {@code endpoint}: {@code http://127.0.0.1:8888}, without {@code /v2}. */
    public static Builder builder(URI endpoint) {
        return new Builder(endpoint);
    }

    /** Queues: create, list, metadata, stats, purge, share, delete. */
    public Queues queues() {
        return new Queues(transport, "queues");
    }

    /** The messages of queues: post, list, get, delete, pop. */
    public Messages messages() {
        return new Messages(transport, "queues");
    }

    /** Claims on the messages of queues: create, get, renew, release. */
    public Claims claims() {
        return new Claims(transport);
    }

    /** The subscriptions of queues. */
    public Subscriptions subscriptions() {
        return new Subscriptions(transport, "queues");
    }

    /** Topics: created, listed and removed as queues are; their messages go to their subscribers. */
    public Queues topics() {
        return new Queues(transport, "topics");
    }

    /** The messages of topics: posting one notifies the topic's subscribers. */
    public Messages topicMessages() {
        return new Messages(transport, "topics");
    }

    /** The subscriptions of topics. */
    public Subscriptions topicSubscriptions() {
        return new Subscriptions(transport, "topics");
    }

    /** Storage pools (admin). */
    public Pools pools() {
        return new Pools(transport);
    }

    /** Flavors (admin). */
    public Flavors flavors() {
        return new Flavors(transport);
    }

    /** True when the server answers its ping (204); false when it says it is unavailable (503). */
    public boolean ping() {
        try {
            return transport.send(Transport.Request.of("GET", "/v2/ping")).status() == 204;
        } catch (ZaqarException e) {
            if (e.status() == 503) {
                return false;
            }
            throw e;
        }
    }

    /** The server's detailed health report ({@code GET /v2/health}, admin only). */
    public Map<String, Object> health() {
        return Json.map(transport.send(Transport.Request.of("GET", "/v2/health")).json());
    }

    /** Closes the HTTP client when the builder made it (one given to {@link Builder#httpClient} stays open). */
    @Override
    public void close() {
        if (ownHttpClient != null) {
            ownHttpClient.close();
        }
    }

    /** Settings of a {@link ZaqarClient}; only the authentication is required. */
    public static final class Builder {
        private final URI endpoint;
        private Authentication authentication;
        private String clientId = UUID.randomUUID().toString();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration timeout = Duration.ofSeconds(30);
        private HttpClient httpClient;

        private Builder(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        }

        /** noauth, Keystone or a pre-signed URL: see {@link Authentication}. */
        public Builder authentication(Authentication value) {
            this.authentication = value;
            return this;
        }

        /**
         * The {@code Client-ID} sent with every request (a random UUID by default). Keep it stable
         * across restarts of one consumer: listings leave out a client's own messages unless echoed.
         */
        public Builder clientId(UUID value) {
            this.clientId = value.toString();
            return this;
        }

        /** When requests are retried; {@link RetryPolicy#defaults()} unless set. */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /** How long one attempt of a request may take (30 s by default). */
        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /** An HTTP client (for TLS or proxy settings) instead of a new default one; the client leaves it open. */
        public Builder httpClient(HttpClient value) {
            this.httpClient = value;
            return this;
        }

        /** The client; fails when no authentication was given. */
        public ZaqarClient build() {
            if (authentication == null) {
                throw new IllegalStateException("no authentication: call authentication(Authentication.noAuth(project))"
                        + " or one of Authentication's Keystone or signed URL factories");
            }
            HttpClient own = httpClient == null ? HttpClient.newBuilder().connectTimeout(timeout).build() : null;
            HttpClient http = own != null ? own : httpClient;
            return new ZaqarClient(new Transport(endpoint, clientId, authentication, retryPolicy, http, timeout), own);
        }
    }
}
