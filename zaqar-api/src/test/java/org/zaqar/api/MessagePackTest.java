package org.zaqar.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** MessagePack against byte strings written from the specification, and round trips. */
class MessagePackTest {
    private static JsonNode read(String hex) throws MessagePack.MalformedException {
        return MessagePack.read(HexFormat.of().parseHex(hex));
    }

    @Test
    void readsEveryFormatThatMapsToJson() throws Exception {
        assertEquals(Json.MAPPER.readTree("{\"a\": 1}"), read("81a16101"));
        assertEquals(Json.MAPPER.readTree("[0, 127, -1, -32, null, false, true]"), read("97007fffe0c0c2c3"));
        assertEquals(255, read("ccff").intValue());
        assertEquals(65535, read("cdffff").intValue());
        assertEquals(4294967295L, read("ceffffffff").longValue());
        assertEquals(new BigInteger("18446744073709551615"), read("cfffffffffffffffff").bigIntegerValue());
        assertEquals(-128, read("d080").intValue());
        assertEquals(-32768, read("d18000").intValue());
        assertEquals(Integer.MIN_VALUE, read("d280000000").intValue());
        assertEquals(Long.MIN_VALUE, read("d38000000000000000").longValue());
        assertEquals(1.5, read("cb3ff8000000000000").doubleValue());
        assertEquals(1.5, read("ca3fc00000").doubleValue());
        assertEquals("hé", read("d903" + "68c3a9").textValue());
        assertEquals("abc", read("da0003616263").textValue());
        assertArrayEquals(new byte[] {1, 2}, read("c4020102").binaryValue());
        assertEquals(2, read("dc00020102").size());
        assertEquals(1, read("de0001a16101").get("a").intValue());
    }

    @Test
    void refusesWhatIsNotJsonOrIsCutShort() {
        for (String hex : new String[] {"d40100", "c1", "81a161", "a3ab", "9201", "0101", "dbffffffff", "a2c328"}) {
            assertThrows(MessagePack.MalformedException.class, () -> read(hex), hex);
        }
        byte[] deep = new byte[Json.MAX_NESTING_DEPTH + 2];
        Arrays.fill(deep, (byte) 0x91);
        assertTrue(assertThrows(MessagePack.MalformedException.class, () -> MessagePack.read(deep)).getMessage()
                .contains("nested too deep"));
    }

    @Test
    void writesWhatItReads() throws Exception {
        JsonNode tree = Json.MAPPER.readTree("""
                {"action": "message_post", "headers": {"Client-ID": "c"}, "body": {"queue_name": "q",
                 "messages": [{"body": {"n": 300, "big": 9223372036854775807, "f": 0.25, "neg": -200,
                 "s": "%s", "none": null, "ok": true}}]}}
                """.formatted("x".repeat(70_000)));
        assertEquals(tree, MessagePack.read(MessagePack.write(tree)));
        assertEquals("81a16101", HexFormat.of().formatHex(MessagePack.write(Json.MAPPER.readTree("{\"a\": 1}"))));
    }
}
