package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.zaqar.api.SecuritySettings;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.notify.NotificationOptions;
import org.zaqar.storage.redis.RedisOptions;
import org.zaqar.storage.redis.RedisUri;
import org.zaqar.storage.sql.SqlStorageDriver;

/**
 * The zaqar.conf files puppet-zaqar writes for puppet-openstack-integration and for TripleO
 * (src/test/resources/deployments, regenerated from the mirrors by scripts/dev/deployment-configs)
 * load with our loader: nothing is fatal, what we do not read is warned about, and the drivers
 * and URIs are upstream's.
 */
class PuppetConfigsTest {
    private static final Path DEPLOYMENTS = Path.of("src", "test", "resources", "deployments");
    private final StorageDrivers drivers = new StorageDrivers(getClass().getClassLoader());

    private ZaqarConfig load(String name) {
        ZaqarConfig config = OldOptionNames.apply(ZaqarConfig.load(List.of(DEPLOYMENTS.resolve(name))),
                OptionRegistry.all(drivers));
        SecuritySettings security = SecurityOptions.from(config);
        assertEquals("keystone", ServerOptions.from(config).authStrategy(), "puppet-zaqar's default");
        assertTrue(security.keystone() != null);
        NotificationOptions.from(config);
        SecurityOptions.identity(config, security, InstantSource.system());
        return config;
    }

    private void assertWarnings(ZaqarConfig config, String... expected) {
        assertEquals(List.of(expected).stream().sorted().toList(),
                KnownOptions.unknown(config, drivers).stream().sorted().toList());
    }

    @Test
    void puppetOpenstackIntegration() {
        ZaqarConfig config = load("puppet-openstack-integration.conf");
        ServerOptions options = ServerOptions.from(config);
        assertEquals("swift", options.messageStore());
        assertEquals("sqlalchemy", options.managementStore());
        assertEquals("mysql+pymysql://zaqar:zaqar@127.0.0.1/zaqar?charset=utf8",
                SqlStorageDriver.URI.from(config.section("drivers:management_store:sqlalchemy")));
        assertEquals("http://127.0.0.1:5000", SecurityOptions.from(config).keystone().authUrl());
        assertWarnings(config,
                "[database] is not a section this server reads; its 1 option(s) are ignored",
                "[keystone_authtoken] service_token_roles_required is not a known option; it is ignored");
    }

    @Test
    void tripleo() {
        ZaqarConfig config = load("tripleo.conf");
        ServerOptions options = ServerOptions.from(config);
        assertEquals("redis", options.messageStore());
        assertEquals("sqlalchemy", options.managementStore());
        assertTrue(options.unreliable());
        assertEquals(2097152, options.limits().maxMessagesPostSize());
        assertEquals("192.168.24.12", options.websocket().bind());
        assertEquals("192.168.24.12", options.websocket().notificationBind());
        RedisUri redis = RedisOptions.from(config.section("drivers:message_store:redis")).uri();
        assertEquals("192.168.24.11", redis.host());
        assertEquals(6379, redis.port());
        assertEquals("redis-password", redis.password());
        assertTrue(SqlStorageDriver.URI.from(config.section("drivers:management_store:sqlalchemy"))
                .startsWith("mysql+pymysql://zaqar:zaqar-password@192.168.24.10/zaqar?read_default_file="));
        // today's puppet-zaqar writes no [trustee] password unless given one, and TripleO gives none
        assertNull(KeystoneOptions.trustee(config), "a warning, not a failure: upstream starts on it");
        assertWarnings(config,
                "[database] is not a section this server reads; its 1 option(s) are ignored",
                "[keystone_authtoken] region_name is not a known option; it is ignored",
                "[keystone_authtoken] interface is not a known option; it is ignored");
    }
}
