package org.zaqar.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The MessagePack format (github.com/msgpack/msgpack/blob/master/spec.md) to and from JSON trees,
 * for upstream's binary WebSocket frames. Only what maps to JSON: nil, booleans, integers up to
 * 64 bits, floats, strings, binaries, arrays and maps (keys read as text); extension types are
 * refused. Nesting is bounded as for JSON bodies.
 */
final class MessagePack {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigInteger UINT64_OFFSET = BigInteger.ONE.shiftLeft(64);

    /** The frame is not MessagePack this server reads; the message says why. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    private MessagePack() {
    }

    static JsonNode read(byte[] data) throws MalformedException {
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            JsonNode value = read(in, 0);
            if (in.hasRemaining()) {
                throw new MalformedException("ExtraData: unpack(b) received extra data.");
            }
            return value;
        } catch (BufferUnderflowException e) {
            throw new MalformedException("ValueError: Unpack failed: incomplete input");
        }
    }

    private static JsonNode read(ByteBuffer in, int depth) throws MalformedException {
        if (depth > Json.MAX_NESTING_DEPTH) {
            throw new MalformedException("ValueError: nested too deep");
        }
        int type = in.get() & 0xff;
        if (type <= 0x7f || type >= 0xe0) {
            return NODES.numberNode((int) (byte) type);
        }
        if (type <= 0x8f) {
            return map(in, type & 0x0f, depth);
        }
        if (type <= 0x9f) {
            return array(in, type & 0x0f, depth);
        }
        if (type <= 0xbf) {
            return NODES.textNode(text(in, type & 0x1f));
        }
        return switch (type) {
            case 0xc0 -> NODES.nullNode();
            case 0xc2 -> NODES.booleanNode(false);
            case 0xc3 -> NODES.booleanNode(true);
            case 0xc4 -> NODES.binaryNode(bytes(in, in.get() & 0xff));
            case 0xc5 -> NODES.binaryNode(bytes(in, in.getShort() & 0xffff));
            case 0xc6 -> NODES.binaryNode(bytes(in, length(in.getInt())));
            case 0xca -> NODES.numberNode((double) in.getFloat());
            case 0xcb -> NODES.numberNode(in.getDouble());
            case 0xcc -> NODES.numberNode(in.get() & 0xff);
            case 0xcd -> NODES.numberNode(in.getShort() & 0xffff);
            case 0xce -> integer(in.getInt() & 0xffffffffL);
            case 0xcf -> {
                long value = in.getLong();
                yield value >= 0 ? integer(value) : NODES.numberNode(BigInteger.valueOf(value).add(UINT64_OFFSET));
            }
            case 0xd0 -> NODES.numberNode((int) in.get());
            case 0xd1 -> NODES.numberNode((int) in.getShort());
            case 0xd2 -> NODES.numberNode(in.getInt());
            case 0xd3 -> integer(in.getLong());
            case 0xd9 -> NODES.textNode(text(in, in.get() & 0xff));
            case 0xda -> NODES.textNode(text(in, in.getShort() & 0xffff));
            case 0xdb -> NODES.textNode(text(in, length(in.getInt())));
            case 0xdc -> array(in, in.getShort() & 0xffff, depth);
            case 0xdd -> array(in, length(in.getInt()), depth);
            case 0xde -> map(in, in.getShort() & 0xffff, depth);
            case 0xdf -> map(in, length(in.getInt()), depth);
            default -> throw new MalformedException("ValueError: type 0x" + Integer.toHexString(type)
                    + " (extension or reserved) is not supported");
        };
    }

    /** Integers read as the JSON parser reads them: an int when it fits, else a long. */
    private static JsonNode integer(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    /** A 32-bit length is unsigned; one beyond what remains fails as incomplete input. */
    private static int length(int raw) {
        if (raw < 0) {
            throw new BufferUnderflowException();
        }
        return raw;
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static String text(ByteBuffer in, int length) throws MalformedException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes(in, length)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedException("UnicodeDecodeError: a string is not UTF-8");
        }
    }

    private static ArrayNode array(ByteBuffer in, int size, int depth) throws MalformedException {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < size; i++) {
            array.add(read(in, depth + 1));
        }
        return array;
    }

    private static ObjectNode map(ByteBuffer in, int size, int depth) throws MalformedException {
        ObjectNode map = NODES.objectNode();
        for (int i = 0; i < size; i++) {
            JsonNode key = read(in, depth + 1);
            map.set(key.isTextual() ? key.textValue() : key.toString(), read(in, depth + 1));
        }
        return map;
    }

    static byte[] write(JsonNode value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(value, out);
        return out.toByteArray();
    }

    private static void write(JsonNode value, ByteArrayOutputStream out) {
        switch (value.getNodeType()) {
            case NULL, MISSING -> out.write(0xc0);
            case BOOLEAN -> out.write(value.booleanValue() ? 0xc3 : 0xc2);
            case NUMBER -> writeNumber(value, out);
            case STRING -> writeHeader(out, value.textValue().getBytes(StandardCharsets.UTF_8), 0xa0, 31, 0xd9);
            case BINARY -> writeHeader(out, binary(value), -1, -1, 0xc4);
            case ARRAY -> {
                writeSize(out, value.size(), 0x90, 0xdc);
                value.forEach(item -> write(item, out));
            }
            case OBJECT -> {
                writeSize(out, value.size(), 0x80, 0xde);
                for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    writeHeader(out, field.getKey().getBytes(StandardCharsets.UTF_8), 0xa0, 31, 0xd9);
                    write(field.getValue(), out);
                }
            }
            default -> throw new IllegalArgumentException("not serializable as MessagePack: " + value.getNodeType());
        }
    }

    private static byte[] binary(JsonNode value) {
        try {
            return value.binaryValue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeNumber(JsonNode value, ByteArrayOutputStream out) {
        if (!value.isIntegralNumber()) {
            out.write(0xcb);
            writeLong(out, Double.doubleToLongBits(value.doubleValue()), 8);
        } else if (value.canConvertToLong()) {
            long number = value.longValue();
            if (number >= -32 && number <= 127) {
                out.write((int) number & 0xff);
            } else {
                out.write(0xd3);
                writeLong(out, number, 8);
            }
        } else {
            // Beyond a signed 64-bit integer: only an unsigned one fits.
            out.write(0xcf);
            writeLong(out, value.bigIntegerValue().longValue(), 8);
        }
    }

    /** A string or binary: fixed form when short enough (fixed &lt; 0 for none), else 8/16/32-bit lengths. */
    private static void writeHeader(ByteArrayOutputStream out, byte[] bytes, int fixed, int fixedMax, int eight) {
        int length = bytes.length;
        if (fixed >= 0 && length <= fixedMax) {
            out.write(fixed | length);
        } else if (length <= 0xff) {
            out.write(eight);
            out.write(length);
        } else if (length <= 0xffff) {
            out.write(eight + 1);
            writeLong(out, length, 2);
        } else {
            out.write(eight + 2);
            writeLong(out, length, 4);
        }
        out.writeBytes(bytes);
    }

    private static void writeSize(ByteArrayOutputStream out, int size, int fixed, int sixteen) {
        if (size <= 15) {
            out.write(fixed | size);
        } else if (size <= 0xffff) {
            out.write(sixteen);
            writeLong(out, size, 2);
        } else {
            out.write(sixteen + 1);
            writeLong(out, size, 4);
        }
    }

    private static void writeLong(ByteArrayOutputStream out, long value, int bytes) {
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xff);
        }
    }
}
