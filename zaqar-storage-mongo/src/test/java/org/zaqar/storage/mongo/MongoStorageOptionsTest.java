package org.zaqar.storage.mongo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.storage.mongo.MongoStorageOptions.CertRequirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MongoStorageOptionsTest {

    private static MongoStorageOptions messageStore(Map<String, String> values) {
        return MongoStorageOptions.forMessageStore(
                new ConfigSection(MongoStorageOptions.MESSAGE_STORE_SECTION, values));
    }

    private static ZaqarException invalid(Map<String, String> values) {
        ZaqarException error = assertThrows(ZaqarException.class, () -> messageStore(values));
        assertEquals(ErrorCode.VALIDATION_FAILED, error.code());
        return error;
    }

    @Test
    void upstreamDefaults() {
        MongoStorageOptions options = messageStore(Map.of("uri", "mongodb://localhost:27017"));
        assertEquals("mongodb://localhost:27017", options.uri());
        assertEquals("zaqar", options.database());
        assertEquals(2, options.partitions());
        assertEquals(1000, options.maxAttempts());
        assertEquals(Duration.ofMillis(100), options.maxRetrySleep());
        assertEquals(Duration.ofMillis(5), options.maxRetryJitter());
        assertEquals(10, options.maxReconnectAttempts());
        assertEquals(Duration.ofMillis(20), options.reconnectSleep());
        assertNull(options.sslKeyfile());
        assertNull(options.sslCertfile());
        assertNull(options.sslCaCerts());
        assertEquals(CertRequirement.CERT_REQUIRED, options.sslCertReqs());
        assertEquals(List.of(), options.warnings());
        assertFalse(options.tlsEnabled());
    }

    @Test
    void everyOptionIsRead() {
        MongoStorageOptions options = messageStore(Map.ofEntries(
                Map.entry("uri", "mongodb://h1:27017,h2:27017,h3:27017/?replicaSet=rs0&ssl=true"),
                Map.entry("database", "queues_prod"),
                Map.entry("partitions", "4"),
                Map.entry("max_attempts", "50"),
                Map.entry("max_retry_sleep", "0.25"),
                Map.entry("max_retry_jitter", "0.01"),
                Map.entry("max_reconnect_attempts", "3"),
                Map.entry("reconnect_sleep", "0.5"),
                Map.entry("ssl_keyfile", "/etc/zaqar/client.key"),
                Map.entry("ssl_certfile", "/etc/zaqar/client.pem"),
                Map.entry("ssl_cert_reqs", "CERT_REQUIRED"),
                Map.entry("ssl_ca_certs", "/etc/zaqar/ca.pem")));
        assertEquals("queues_prod", options.database());
        assertEquals(4, options.partitions());
        assertEquals(50, options.maxAttempts());
        assertEquals(Duration.ofMillis(250), options.maxRetrySleep());
        assertEquals(Duration.ofMillis(10), options.maxRetryJitter());
        assertEquals(3, options.maxReconnectAttempts());
        assertEquals(Duration.ofMillis(500), options.reconnectSleep());
        assertEquals("/etc/zaqar/client.key", options.sslKeyfile());
        assertEquals("/etc/zaqar/client.pem", options.sslCertfile());
        assertEquals("/etc/zaqar/ca.pem", options.sslCaCerts());
        assertEquals(CertRequirement.CERT_REQUIRED, options.sslCertReqs());
        assertTrue(options.tlsEnabled());
        assertEquals(List.of(), options.warnings());
    }

    @Test
    void optionNamesAreUpstreams() {
        assertEquals(java.util.Set.of("ssl_keyfile", "ssl_certfile", "ssl_cert_reqs", "ssl_ca_certs", "uri", "database",
                "max_attempts", "max_retry_sleep", "max_retry_jitter", "max_reconnect_attempts", "reconnect_sleep",
                "partitions"), names(MongoStorageOptions.MESSAGE_STORE_OPTIONS));
        assertFalse(names(MongoStorageOptions.MANAGEMENT_STORE_OPTIONS).contains("partitions"));
        assertEquals(11, MongoStorageOptions.MANAGEMENT_STORE_OPTIONS.size());
    }

    private static java.util.Set<String> names(List<org.zaqar.core.config.Option<?>> options) {
        return options.stream().map(org.zaqar.core.config.Option::name).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void managementStoreHasNoPartitions() {
        MongoStorageOptions options = MongoStorageOptions.forManagementStore(new ConfigSection(
                MongoStorageOptions.MANAGEMENT_STORE_SECTION, Map.of("uri", "mongodb://localhost", "partitions", "9")));
        assertEquals(1, options.partitions());
    }

    @Test
    void uriIsRequired() {
        assertTrue(invalid(Map.of()).getMessage().contains("uri is required"));
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        Map<String, String> values = new HashMap<>();
        values.put("uri", "mongodb://localhost");
        values.put("partitions", "0");
        values.put("max_attempts", "0");
        values.put("max_reconnect_attempts", "0");
        values.put("reconnect_sleep", "-1");
        values.put("ssl_cert_reqs", "SOMETIMES");
        values.put("database", "a.b");
        String message = invalid(values).getMessage();
        for (String expected : List.of("[drivers:message_store:mongodb]", "partitions = 0", "max_attempts = 0",
                "max_reconnect_attempts = 0", "reconnect_sleep = -1.0", "ssl_cert_reqs = 'SOMETIMES'",
                "database = 'a.b'")) {
            assertTrue(message.contains(expected), message + " should mention " + expected);
        }
    }

    @Test
    void wrongTypesFailWithTheOptionName() {
        String message = invalid(Map.of("uri", "mongodb://localhost", "max_attempts", "many")).getMessage();
        assertTrue(message.contains("max_attempts = 'many' is not an integer"), message);
    }

    @Test
    void notAConnectionStringFails() {
        for (String uri : List.of("http://localhost", "mongodb://localhost:port")) {
            String message = invalid(Map.of("uri", uri)).getMessage();
            assertTrue(message.contains("is not a MongoDB connection string"), message);
        }
    }

    @Test
    void zaqarSchemesBecomeMongodbAsUpstream() {
        MongoStorageOptions options = messageStore(Map.of("uri", "mongodb.fifo://localhost:27017"));
        assertEquals("mongodb://localhost:27017", options.uri());
        assertEquals(1, options.warnings().size());
    }

    @Test
    void srvAndReplicaSetUrisPassUnchanged() {
        String srv = "mongodb+srv://zaqar:secret@cluster0.example.net/?retryWrites=true&w=majority";
        MongoStorageOptions options = messageStore(Map.of("uri", srv));
        assertEquals(srv, options.uri());
        assertTrue(options.tlsEnabled(), "mongodb+srv turns TLS on");
        String replicaSet = "mongodb://a:27017,b:27017/?replicaSet=rs0&readPreference=primary";
        assertEquals(replicaSet, messageStore(Map.of("uri", replicaSet)).uri());
    }

    @Test
    void passwordsAreMasked() {
        MongoStorageOptions options = messageStore(Map.of("uri", "mongodb://zaqar:s3cr3t@db1:27017/admin"));
        assertEquals("mongodb://zaqar:***@db1:27017/admin", options.maskedUri());
        assertFalse(options.toString().contains("s3cr3t"));
        ZaqarException error = invalid(Map.of("uri", "mongodb://zaqar:s3cr3t@db1:notaport"));
        assertFalse(error.getMessage().contains("s3cr3t"), error.getMessage());
    }

    @Test
    void sslOptionsWithoutTlsInTheUriAreIgnoredWithAWarning() {
        MongoStorageOptions options = messageStore(Map.of("uri", "mongodb://localhost", "ssl_ca_certs", "/ca.pem"));
        assertEquals(1, options.warnings().size());
        assertTrue(options.warnings().getFirst().contains("ignored"), options.warnings().getFirst());
    }

    @Test
    void certRequirementsAreMappedAndWarned() {
        MongoStorageOptions none = messageStore(Map.of("uri", "mongodb://localhost/?tls=true",
                "ssl_cert_reqs", "CERT_NONE"));
        assertEquals(CertRequirement.CERT_NONE, none.sslCertReqs());
        assertTrue(none.warnings().getFirst().contains("NOT verified"));
        MongoStorageOptions optional = messageStore(Map.of("uri", "mongodb://localhost/?ssl=true",
                "ssl_cert_reqs", "CERT_OPTIONAL"));
        assertEquals(CertRequirement.CERT_OPTIONAL, optional.sslCertReqs());
        assertTrue(optional.warnings().getFirst().contains("behaves as CERT_REQUIRED"));
    }

    @Test
    void keyWithoutCertificateFails() {
        assertTrue(invalid(Map.of("uri", "mongodb://localhost/?ssl=true", "ssl_keyfile", "/k.pem"))
                .getMessage().contains("ssl_keyfile is set but ssl_certfile is not"));
    }
}
