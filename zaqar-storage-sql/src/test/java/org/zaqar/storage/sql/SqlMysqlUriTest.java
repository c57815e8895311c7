package org.zaqar.storage.sql;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MySQL and MariaDB URI forms SQLAlchemy, PyMySQL and the deployment tools write. */
class SqlMysqlUriTest {
    @TempDir
    Path dir;

    @Test
    void everySchemeSpellingIsMysqlThroughConnectorJ() {
        for (String scheme : List.of("mysql", "mysql+pymysql", "mysql+mysqldb", "mariadb", "mariadb+pymysql")) {
            SqlUri uri = SqlUri.parse(scheme + "://zaqar:s3cret@db.example.com:3307/zaqar");
            assertEquals(SqlDialect.MYSQL, uri.dialect(), scheme);
            assertEquals("jdbc:mariadb://db.example.com:3307/zaqar", uri.jdbcUrl(), scheme);
            assertEquals("zaqar", uri.user());
            assertEquals("s3cret", uri.password());
            assertEquals(Map.of(), uri.properties());
        }
    }

    @Test
    void theOperatorGuideLayoutParsesAndTheCharsetChangesNothing() {
        SqlUri uri = SqlUri.parse("mysql+pymysql://zaqar:pw@db/zaqar?charset=utf8");
        assertEquals("jdbc:mariadb://db/zaqar", uri.jdbcUrl());
        assertEquals(Map.of(), uri.properties());
        assertEquals("mysql://zaqar:***@db/zaqar", uri.redacted());
        assertFalse(uri.toString().contains("pw"));
    }

    @Test
    void aUnixSocketReplacesTheHost() {
        SqlUri uri = SqlUri.parse("mysql+pymysql://zaqar:pw@/zaqar?unix_socket=/var/run/mysqld/mysqld.sock");
        assertEquals("jdbc:mariadb://localhost/zaqar", uri.jdbcUrl());
        assertEquals(Map.of("localSocket", "/var/run/mysqld/mysqld.sock"), uri.properties());
        assertEquals("mysql://zaqar:***@localhost/zaqar?unix_socket=/var/run/mysqld/mysqld.sock", uri.redacted());
    }

    @Test
    void ipv6HostsKeepTheirBrackets() {
        assertEquals("jdbc:mariadb://[fd00::5]:3306/zaqar", SqlUri.parse("mysql://z:p@[fd00::5]:3306/zaqar").jdbcUrl());
    }

    @Test
    void unknownQueryParametersAreIgnored() {
        SqlUri uri = SqlUri.parse("mysql+pymysql://zaqar:pw@db/zaqar?charset=utf8mb4&plugin=dbcounter&use_unicode=1");
        assertEquals("jdbc:mariadb://db/zaqar", uri.jdbcUrl());
        assertEquals(Map.of(), uri.properties());
    }

    @Test
    void tripleosOptionFileAddsTheBindAddressAndTls() throws IOException {
        Path file = dir.resolve("tripleo.cnf");
        Files.writeString(file, """
                [client]
                user = from-client-group
                [tripleo]
                bind-address=192.0.2.10
                ssl=1
                ssl-ca=/etc/ipa/ca.crt
                [mysqld]
                port = 1
                """);
        SqlUri uri = SqlUri.parse("mysql+pymysql://zaqar:pw@192.0.2.5/zaqar?read_default_file=" + file
                + "&read_default_group=tripleo");
        assertEquals("jdbc:mariadb://192.0.2.5/zaqar", uri.jdbcUrl());
        assertEquals("zaqar", uri.user(), "the URI's own user wins over the file's");
        assertEquals(Map.of("localSocketAddress", "192.0.2.10", "sslMode", "verify-full",
                "serverSslCert", "/etc/ipa/ca.crt"), uri.properties());
    }

    @Test
    void theOptionFileFillsWhatTheUriLeavesOutAndTheNamedGroupWins() throws IOException {
        Path file = dir.resolve("my.cnf");
        Files.writeString(file, """
                # comment
                [client]
                user=reader
                password="p#ss word"
                host=client-host
                port=3306
                [zaqar]
                host = zaqar-host
                port = 3307
                !includedir /etc/mysql/conf.d/
                """);
        SqlUri uri = SqlUri.parse("mysql://@/zaqar?read_default_file=" + file + "&read_default_group=zaqar");
        assertEquals("jdbc:mariadb://zaqar-host:3307/zaqar", uri.jdbcUrl());
        assertEquals("reader", uri.user());
        assertEquals("p#ss word", uri.password());
    }

    @Test
    void withoutAGroupOnlyTheClientGroupIsRead() throws IOException {
        Path file = dir.resolve("my.cnf");
        Files.writeString(file, "[client]\nsocket=/run/mysqld/mysqld.sock\n[other]\nhost=elsewhere\n");
        SqlUri uri = SqlUri.parse("mysql://zaqar@/zaqar?read_default_file=" + file);
        assertEquals("jdbc:mariadb://localhost/zaqar", uri.jdbcUrl());
        assertEquals(Map.of("localSocket", "/run/mysqld/mysqld.sock"), uri.properties());
    }

    @Test
    void theOptionFilesSocketServesLocalhostOnly() throws IOException {
        Path file = dir.resolve("my.cnf");
        Files.writeString(file, "[client]\nsocket=/var/lib/mysql/mysql.sock\n");
        assertEquals(Map.of(), SqlUri.parse("mysql://z:p@db.example.com/zaqar?read_default_file=" + file).properties());
        assertEquals(Map.of("localSocket", "/var/lib/mysql/mysql.sock"),
                SqlUri.parse("mysql://z:p@localhost/zaqar?read_default_file=" + file).properties());
    }

    @Test
    void aMissingOptionFileIsNotFatal() {
        SqlUri uri = SqlUri.parse("mysql://zaqar:pw@db/zaqar?read_default_file=" + dir.resolve("absent.cnf")
                + "&read_default_group=tripleo");
        assertEquals("jdbc:mariadb://db/zaqar", uri.jdbcUrl());
    }

    @Test
    void tlsFromPyMysqlAndMysqlclientParameters() {
        assertEquals(Map.of("sslMode", "verify-full", "serverSslCert", "/ca.pem"),
                SqlUri.parse("mysql://z:p@db/zaqar?ssl_ca=/ca.pem").properties());
        assertEquals(Map.of("sslMode", "verify-ca", "serverSslCert", "/ca.pem"),
                SqlUri.parse("mysql://z:p@db/zaqar?ssl_ca=/ca.pem&ssl_check_hostname=false").properties());
        assertEquals(Map.of("sslMode", "trust", "serverSslCert", "/ca.pem"),
                SqlUri.parse("mysql://z:p@db/zaqar?ssl_ca=/ca.pem&ssl_verify_cert=false").properties());
        assertEquals(Map.of("sslMode", "trust"), SqlUri.parse("mysql://z:p@db/zaqar?ssl=true").properties());
        assertEquals(Map.of("sslMode", "verify-ca", "serverSslCert", "/ca.pem"),
                SqlUri.parse("mysql://z:p@db/zaqar?ssl_mode=VERIFY_CA&ssl_ca=/ca.pem").properties());
        assertEquals(Map.of("sslMode", "disable"), SqlUri.parse("mysql://z:p@db/zaqar?ssl_mode=DISABLED").properties());
        assertInvalid("mysql://z:topsecret@db/zaqar?ssl_mode=SOMETIMES", "ssl_mode 'SOMETIMES'");
        assertInvalid("mysql://z:topsecret@db/zaqar?ssl_cert=/c.pem", "ssl_cert and ssl_key go together");
    }

    @Test
    void aPemClientCertificateBecomesAKeyStore() throws Exception {
        TestCertificates files = TestCertificates.create(dir);
        assertTrue(Files.readString(files.clientRsaKey()).contains("BEGIN RSA PRIVATE KEY"));
        for (Path keyFile : List.of(files.clientKey(), files.clientRsaKey())) {
            Map<String, String> properties = SqlUri.parse("mysql://z:p@db/zaqar?ssl_ca=/ca.pem&ssl_cert="
                    + files.clientCertificate() + "&ssl_key=" + keyFile).properties();
            assertEquals("verify-full", properties.get("sslMode"));
            KeyStore store = KeyStore.getInstance(properties.get("keyStoreType"));
            try (FileInputStream in = new FileInputStream(properties.get("keyStore"))) {
                store.load(in, properties.get("keyStorePassword").toCharArray());
            }
            assertTrue(store.isKeyEntry("client"), keyFile.toString());
            assertEquals("RSA", store.getKey("client", properties.get("keyStorePassword").toCharArray()).getAlgorithm());
        }
    }

    @Test
    void incompleteUrisAreRejectedWithoutEchoingSecrets() {
        assertInvalid("mysql+pymysql://zaqar:topsecret@db", "no database");
        assertInvalid("mysql+pymysql://zaqar:topsecret@/zaqar", "neither a host nor a unix_socket");
        assertInvalid("mysql+pymysql://zaqar:topsecret@db:port/zaqar", "port 'port' is not a number");
    }

    @Test
    void serversWithoutSkipLockedAreRefusedNamingBothVersions() {
        SqlMysqlServer.requireSupported("10.11.6-MariaDB-0+deb12u1", "mysql://db/zaqar");
        SqlMysqlServer.requireSupported("10.6.0-MariaDB", "mysql://db/zaqar");
        SqlMysqlServer.requireSupported("8.0.36", "mysql://db/zaqar");
        SqlMysqlServer.requireSupported("5.5.5-10.6.12-MariaDB", "mysql://db/zaqar");
        for (String old : List.of("10.5.23-MariaDB", "5.7.44-log", "8.0.0-dmr")) {
            ZaqarException error = assertThrows(ZaqarException.class,
                    () -> SqlMysqlServer.requireSupported(old, "mysql://db/zaqar"));
            assertEquals(ErrorCode.STORAGE_UNAVAILABLE, error.code());
            assertTrue(error.getMessage().contains(old) && error.getMessage().contains("MariaDB 10.6")
                    && error.getMessage().contains("MySQL 8.0.1"), error.getMessage());
        }
    }

    private static void assertInvalid(String uri, String reason) {
        ZaqarException error = assertThrows(ZaqarException.class, () -> SqlUri.parse(uri));
        assertEquals(ErrorCode.VALIDATION_FAILED, error.code());
        assertTrue(error.getMessage().contains(reason), error.getMessage());
        assertFalse(error.getMessage().contains("topsecret"), error.getMessage());
    }
}
