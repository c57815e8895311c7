package org.zaqar.storage.swift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;

class SwiftOptionsTest {

    private static SwiftOptions read(Map<String, String> values) {
        return SwiftOptions.from(new ConfigSection("drivers:message_store:swift", values));
    }

    @Test
    void defaultsAreUpstreams() {
        SwiftOptions options = read(Map.of());
        assertEquals("demo", options.user());
        assertEquals("nomoresecrete", options.password());
        assertEquals("demo", options.project());
        assertEquals("http://127.0.0.1:5000/v3/", options.authUrl().toString());
        assertFalse(options.tempAuth());
        assertEquals("default", options.projectDomainId());
        assertEquals("default", options.userDomainId());
        assertNull(options.projectDomainName());
        assertNull(options.regionName());
        assertEquals("publicURL", options.interfaceName());
        assertFalse(options.insecure());
    }

    @Test
    void devstacksUriAndATempAuthUrl() {
        SwiftOptions options = read(Map.of("uri", "swift://zaqar:p%40ss:w@/service",
                "auth_url", "http://127.0.0.1:8080/auth/v1.0", "user_domain_name", "Default", "region_name", " "));
        assertEquals("zaqar", options.user());
        assertEquals("p@ss:w", options.password());
        assertEquals("service", options.project());
        assertTrue(options.tempAuth());
        assertEquals("Default", options.userDomainName());
        assertNull(options.regionName(), "blank is unset");
        assertFalse(options.toString().contains("p@ss"), "the password is masked");
    }

    @Test
    void everyBadOptionIsReportedAtOnceWithoutThePassword() {
        ZaqarException error = assertThrows(ZaqarException.class, () -> read(Map.of(
                "uri", "http://zaqar:secret@/service", "auth_url", "keystone:5000", "insecure", "perhaps")));
        assertEquals(ErrorCode.VALIDATION_FAILED, error.code());
        assertTrue(error.getMessage().contains("swift://USER:PASSWORD@/PROJECT"), error.getMessage());
        assertTrue(error.getMessage().contains("auth_url"), error.getMessage());
        assertTrue(error.getMessage().contains("insecure"), error.getMessage());
        assertFalse(error.getMessage().contains("secret"), error.getMessage());
    }
}
