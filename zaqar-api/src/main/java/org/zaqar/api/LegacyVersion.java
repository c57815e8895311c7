package org.zaqar.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.zaqar.core.model.Message;

/**
 * The deprecated APIs upstream still serves when {@code [DEFAULT] enable_deprecated_api_versions}
 * lists them: v1.0 ({@code /v1}) and v1.1 ({@code /v1.1}). Both run over the same stores and
 * validator as v2; this enum holds what differs between them.
 */
enum LegacyVersion {
    V1("1", "/v1"),
    V1_1("1.1", "/v1.1");

    private final String id;
    private final String prefix;

    LegacyVersion(String id, String prefix) {
        this.id = id;
        this.prefix = prefix;
    }

    /** The id in zaqar.conf and in the version list at {@code /}: "1" or "1.1". */
    String id() {
        return id;
    }

    /** The path prefix, e.g. "/v1.1". */
    String prefix() {
        return prefix;
    }

    /** The versions among {@code ids} (oslo's list of "1", "1.1"), unknown ids ignored. */
    static List<LegacyVersion> enabled(Collection<String> ids) {
        return Arrays.stream(values()).filter(version -> ids.contains(version.id)).toList();
    }

    String queuePath(String queue) {
        return prefix + "/queues/" + queue;
    }

    /** Upstream's {@code message_url}: the message's href, naming the claim that holds it. */
    String messageHref(String queue, String messageId, String claimId) {
        String href = queuePath(queue) + "/messages/" + messageId;
        return claimId == null ? href : href + new QueryString().put("claim_id", claimId);
    }

    /**
     * The route with falcon's lower-case {@code location} and {@code content-type} header names,
     * which upstream's v1 and v1.1 functional tests compare case-sensitively. Jetty writes the
     * names of headers it knows in canonical case, so the fields are re-added as unknown ones.
     */
    static Route lowerCaseHeaders(Route route) {
        return (ctx, request) -> {
            route.handle(ctx, request);
            lowerCase(ctx);
        };
    }

    private static void lowerCase(Context ctx) {
        if (!(ctx.res() instanceof org.eclipse.jetty.server.Response response)) {
            return;
        }
        HttpFields.Mutable fields = response.getHttpFields();
        for (HttpHeader header : List.of(HttpHeader.LOCATION, HttpHeader.CONTENT_TYPE)) {
            HttpField field = fields.getField(header);
            if (field != null) {
                fields.remove(header);
                fields.add(new HttpField((HttpHeader) null, header.lowerCaseName(), field.getValue()));
            }
        }
    }

    /** Upstream's {@code format_message_v1} (no id) and {@code format_message_v1_1}. */
    ObjectNode message(Message message, String queue, String claimId, Instant now) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (this == V1_1) {
            node.put("id", message.id());
        }
        node.put("href", messageHref(queue, message.id(), claimId));
        node.put("ttl", message.ttl());
        node.put("age", message.ageSeconds(now));
        node.set("body", Json.readStored(message.body()));
        if (this == V1_1 && message.checksum() != null && !message.checksum().isEmpty()) {
            node.put("checksum", message.checksum());
        }
        return node;
    }
}
