package org.zaqar.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;

class ZaqarConfigTest {

    @Test
    void readsSectionsOptionsCommentsAndContinuations() {
        ZaqarConfig config = ZaqarConfig.parse("""
                # comment
                [DEFAULT]
                admin_mode = True
                ; another comment
                [drivers:message_store:sqlalchemy]
                uri = postgresql://zaqar:s3cret@db:5432/zaqar
                [drivers:transport:wsgi]
                bind: ::1
                [storage]
                message_pipeline = a,
                    b
                """);
        assertTrue(Option.bool("DEFAULT", "admin_mode", false, "").from(config));
        assertEquals("postgresql://zaqar:s3cret@db:5432/zaqar",
                Option.string("drivers:message_store:sqlalchemy", "uri", null, "").from(config));
        assertEquals("::1", Option.hostAddress("drivers:transport:wsgi", "bind", null, "").from(config));
        assertEquals("a,\nb", config.section("storage").values().get("message_pipeline"));
        assertEquals(java.util.List.of("a", "b"), Option.list("storage", "message_pipeline", null, "").from(config));
        assertTrue(config.section("missing").values().isEmpty());
    }

    @Test
    void typedOptionsNameTheSectionOptionAndValue() {
        ZaqarConfig config = ZaqarConfig.parse("[drivers:transport:wsgi]\nport = eighty\nworkers = many\n");
        ZaqarException e = assertThrows(ZaqarException.class,
                () -> Option.port("drivers:transport:wsgi", "port", 8888, "").from(config));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertEquals("[drivers:transport:wsgi] port = 'eighty' is not a port number (0..65535)", e.getMessage());
        e = assertThrows(ZaqarException.class,
                () -> Option.integer("drivers:transport:wsgi", "workers", 1, "").from(config));
        assertEquals("[drivers:transport:wsgi] workers = 'many' is not an integer", e.getMessage());
    }

    @Test
    void unsetOptionsHaveTheirDeclaredDefault() {
        Option<Integer> port = Option.port("drivers:transport:wsgi", "port", 8888, "");
        assertEquals(8888, port.from(ZaqarConfig.empty()));
        assertEquals(8888, port.from(ZaqarConfig.parse("[drivers:transport:wsgi]\nport =\n")));
        assertEquals("", Option.string("DEFAULT", "auth_strategy", "noauth", "").from(ZaqarConfig.parse(
                "[DEFAULT]\nauth_strategy =\n")), "an empty string is a value, as in oslo.config");
        assertEquals("8888", port.defaultText());
    }

    @Test
    void booleansFollowOsloConfig() {
        ConfigSection s = ZaqarConfig.parse("[DEFAULT]\na = yes\nb = OFF\nc = 1\nd = maybe\n").defaults();
        assertTrue(Option.bool("DEFAULT", "a", false, "").from(s));
        assertFalse(Option.bool("DEFAULT", "b", true, "").from(s));
        assertTrue(Option.bool("DEFAULT", "c", false, "").from(s));
        assertThrows(ZaqarException.class, () -> Option.bool("DEFAULT", "d", false, "").from(s));
    }

    @Test
    void followsOsloConfigsSyntax() {
        ZaqarConfig config = ZaqarConfig.parse("""
                [DEFAULT]
                auth_strategy=keystone
                debug = false
                debug = true
                [Keystone_AuthToken]
                password = p#ss;word
                ; a comment
                [default]
                pooling = true
                [drivers:message_store:redis]
                uri = "redis://:pw@h:6379/"
                """);
        assertEquals("keystone", config.defaults().values().get("auth_strategy"), "puppet writes key=value");
        assertEquals("true", config.defaults().values().get("debug"), "the last of repeated lines wins");
        assertEquals("p#ss;word", config.section("keystone_authtoken").values().get("password"),
                "# and ; inside a value are no comments, and section names are not case sensitive");
        assertFalse(config.defaults().values().containsKey("pooling"), "[default] is not [DEFAULT] in oslo.config");
        assertEquals("true", config.section("default").values().get("pooling"));
        assertEquals("redis://:pw@h:6379/", config.section("drivers:message_store:redis").values().get("uri"));
    }

    @Test
    void aBlankOrCommentLineEndsAMultiLineValue() {
        ZaqarConfig config = ZaqarConfig.parse("[DEFAULT]\na = 1\n  2\n# note\nb = 3\n");
        assertEquals("1\n2", config.defaults().values().get("a"));
        ZaqarException e = assertThrows(ZaqarException.class, () -> ZaqarConfig.parse("[DEFAULT]\na = 1\n\n  2\n"));
        assertTrue(e.getMessage().contains("line 4: unexpected continuation line '2'"), e.getMessage());
    }

    @Test
    void rejectsLinesThatAreNotOptions() {
        ZaqarException e = assertThrows(ZaqarException.class, () -> ZaqarConfig.parse("[DEFAULT]\njunk\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(ZaqarException.class, () -> ZaqarConfig.parse("orphan = 1\n"));
    }

    @Test
    void transportDefaultsAreUpstreams() {
        TransportLimits limits = TransportLimits.defaults();
        assertEquals(3600, limits.defaultMessageTtl());
        assertEquals(0, limits.defaultMessageDelay());
        assertEquals(300, limits.defaultClaimTtl());
        assertEquals(60, limits.defaultClaimGrace());
        assertEquals(3600, limits.defaultSubscriptionTtl());
        assertEquals(20, limits.maxQueuesPerPage());
        assertEquals(20, limits.maxMessagesPerPage());
        assertEquals(20, limits.maxSubscriptionsPerPage());
        assertEquals(20, limits.maxMessagesPerClaimOrPop());
        assertEquals(65536, limits.maxQueueMetadata());
        assertEquals(262144, limits.maxMessagesPostSize());
        assertEquals(1209600, limits.maxMessageTtl());
        assertEquals(900, limits.maxMessageDelay());
        assertEquals(43200, limits.maxClaimTtl());
        assertEquals(43200, limits.maxClaimGrace());
        assertEquals("strict", limits.clientIdUuidSafe());
        assertEquals(10, limits.minLengthClientId());
        assertEquals(36, limits.maxLengthClientId());
        assertFalse(limits.messageDeleteWithClaimId());
        assertEquals(20, limits.maxPoolsPerPage());
        assertEquals(20, limits.maxFlavorsPerPage());
    }

    @Test
    void transportOptionsMapToTheirFields() {
        TransportLimits limits = TransportLimits.from(ZaqarConfig.parse("""
                [transport]
                max_messages_per_page = 5
                max_message_ttl = 100
                client_id_uuid_safe = off
                message_delete_with_claim_id = true
                max_pools_per_page = 3
                max_flavors_per_page = 4
                """).section("transport"));
        assertEquals(3, limits.maxPoolsPerPage());
        assertEquals(4, limits.maxFlavorsPerPage());
        assertEquals(5, limits.maxMessagesPerPage());
        assertEquals(100, limits.maxMessageTtl());
        assertEquals("off", limits.clientIdUuidSafe());
        assertTrue(limits.messageDeleteWithClaimId());
    }

    @Test
    void transportReportsEveryViolationAtOnce() {
        ZaqarException e = assertThrows(ZaqarException.class, () -> TransportLimits.from(ZaqarConfig.parse("""
                [transport]
                max_messages_per_page = 0
                client_id_uuid_safe = sometimes
                """).section("transport")));
        assertTrue(e.getMessage().contains("max_messages_per_page = 0 is below the minimum of 1"), e.getMessage());
        assertTrue(e.getMessage().contains("client_id_uuid_safe = 'sometimes'"), e.getMessage());
    }
}
