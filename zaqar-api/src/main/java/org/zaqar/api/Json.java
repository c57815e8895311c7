package org.zaqar.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/**
 * JSON in and out with upstream's rules ({@code zaqar/transport/wsgi/utils.py}): a body must be a
 * JSON object or array, integers must fit in 64 bits, and typed fields are checked with
 * upstream's messages.
 */
final class Json {
    /** Deeper documents are refused as unparsable: no body may make a parser or a walk over it recurse without end. */
    static final int MAX_NESTING_DEPTH = 100;
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            // Jackson's default buffer pool is per thread: every virtual thread would allocate its own buffers.
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final String CONTENT_TYPE = "application/json";
    private static final String BODY = "zaqar.body";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private Json() {
    }

    /** Sets the media type exactly, without the charset parameter Jetty would otherwise append. */
    static Context contentType(Context ctx, String mediaType) {
        ctx.res().setCharacterEncoding(null);
        return ctx.contentType(mediaType);
    }

    static void write(Context ctx, Object body) {
        try {
            // Through a String: a lone surrogate a client posted becomes '?' instead of failing the response.
            contentType(ctx, CONTENT_TYPE).result(MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }

    /** True when the request declares a body length, as falcon's {@code req.content_length} is not None. */
    static boolean hasContentLength(Context ctx) {
        return ctx.header("Content-Length") != null;
    }

    /** The declared body length, or the actual one when the client streams without a length. */
    static long contentLength(Context ctx) {
        long declared = ctx.contentLength();
        return declared >= 0 ? declared : body(ctx).length;
    }

    /**
     * The request body, read once (BodyLimit caps it): with a declared length, straight into one
     * array of that size rather than through growing buffers.
     */
    static byte[] body(Context ctx) {
        byte[] body = ctx.attribute(BODY);
        if (body == null) {
            try {
                InputStream in = ctx.req().getInputStream();
                long declared = ctx.contentLength();
                body = declared >= 0 && declared < Integer.MAX_VALUE ? in.readNBytes((int) declared) : in.readAllBytes();
            } catch (IOException e) {
                throw ApiError.badBody("Request body could not be read.");
            }
            ctx.attribute(BODY, body);
        }
        return body;
    }

    /** Upstream's {@code deserialize}: the body as a JSON object or array. */
    static JsonNode readBody(Context ctx) {
        if (!hasContentLength(ctx)) {
            throw ApiError.badBody("Request body can not be empty");
        }
        return parse(body(ctx));
    }

    static JsonNode parse(byte[] bytes) {
        JsonNode document;
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            document = MAPPER.readTree(text);
        } catch (CharacterCodingException | JsonProcessingException e) {
            throw ApiError.badBody("Request body could not be parsed.");
        }
        if (document == null || !(document.isObject() || document.isArray())) {
            throw ApiError.badBody("Request body could not be parsed.");
        }
        if (hasHugeInteger(document)) {
            throw ApiError.badBody("JSON contains integer that is too large.");
        }
        return document;
    }

    static boolean hasHugeInteger(JsonNode node) {
        if (node.isBigInteger()) {
            return true;
        }
        for (JsonNode child : node) {
            if (hasHugeInteger(child)) {
                return true;
            }
        }
        return false;
    }

    static Map<String, Object> toMap(JsonNode object) {
        return MAPPER.convertValue(object, MAP);
    }

    static JsonNode readStored(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored message body is not JSON", e);
        }
    }

    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serializable", e);
        }
    }

    /** Upstream's {@code sanitize}: the document must be an object. */
    static JsonNode requireObject(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw documentTypeNotSupported();
        }
        return document;
    }

    static ApiError documentTypeNotSupported() {
        return ApiError.badBody("Document type not supported.");
    }

    /**
     * Upstream's {@code get_checked_field} for an {@code int} field: missing takes the default
     * (or fails when there is none); booleans count as integers, as in Python.
     */
    static long checkedInt(JsonNode document, String name, Long defaultValue) {
        JsonNode value = document.get(name);
        if (value == null) {
            if (defaultValue == null) {
                throw ApiError.badBody("Missing \"" + name + "\" field.");
            }
            return defaultValue;
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? 1 : 0;
        }
        if (!value.isIntegralNumber()) {
            throw ApiError.badBody("The value of the \"" + name + "\" field must be a int.");
        }
        return value.longValue();
    }

    /** A field of any type that must be present (JSON null counts as present). */
    static JsonNode requiredField(JsonNode document, String name) {
        JsonNode value = document.get(name);
        if (value == null) {
            throw ApiError.badBody("Missing \"" + name + "\" field.");
        }
        return value;
    }
}
