package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.zaqar.api.SecuritySettings;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.notify.NotificationOptions;
import org.zaqar.storage.mongo.MongoStorageOptions;
import org.zaqar.storage.redis.RedisOptions;
import org.zaqar.storage.sql.SqlStorageDriver;

/**
 * The zaqar.conf files upstream's devstack plugin writes (src/test/resources/deployments,
 * regenerated from the mirrors by scripts/dev/deployment-configs) load with our loader: nothing
 * is fatal, what we do not read is warned about, and the drivers and URIs are upstream's.
 */
class DevstackConfigsTest {
    private static final Path DEPLOYMENTS = Path.of("src", "test", "resources", "deployments");
    /** Written in every layout and not read by this server (devstack's keystonemiddleware options). */
    private static final List<String> COMMON_WARNINGS = List.of(
            "[keystone_authtoken] interface is not a known option; it is ignored");
    private final StorageDrivers drivers = new StorageDrivers(getClass().getClassLoader());

    private ZaqarConfig load(String name) {
        ZaqarConfig config = OldOptionNames.apply(ZaqarConfig.load(List.of(DEPLOYMENTS.resolve(name))),
                OptionRegistry.all(drivers));
        ServerOptions options = ServerOptions.from(config);
        assertTrue(options.adminMode() && options.pooling() && options.unreliable(), options.toString());
        assertEquals("keystone", options.authStrategy());
        assertEquals("websocket", options.transport(), "devstack runs the HTTP API under uwsgi, this one for ws");
        assertEquals("10.0.0.10", options.websocket().bind());
        assertEquals(9000, options.websocket().port());
        SecuritySettings security = SecurityOptions.from(config);
        assertEquals("http://10.0.0.10/identity", security.keystone().authUrl());
        assertEquals("notreallysecret", NotificationOptions.from(config).secretKey());
        assertTrue(ServerOptions.ENABLE_VIRTUAL_POOL.from(config));
        return config;
    }

    private List<String> warnings(ZaqarConfig config, String... layoutWarnings) {
        List<String> expected = new ArrayList<>(COMMON_WARNINGS);
        expected.addAll(List.of(layoutWarnings));
        List<String> unknown = KnownOptions.unknown(config, drivers);
        assertEquals(expected.stream().sorted().toList(), unknown.stream().sorted().toList());
        return unknown;
    }

    @Test
    void mongodbLayout() {
        ZaqarConfig config = load("devstack-mongodb.conf");
        ServerOptions options = ServerOptions.from(config);
        assertEquals("mongodb", options.messageStore());
        assertEquals("mongodb", options.managementStore());
        MongoStorageOptions messages = MongoStorageOptions.forMessageStore(
                config.section("drivers:message_store:mongodb"));
        assertEquals("mongodb://localhost:27017/zaqar", messages.uri());
        assertEquals("zaqar", messages.database());
        MongoStorageOptions management = MongoStorageOptions.forManagementStore(
                config.section("drivers:management_store:mongodb"));
        assertEquals("mongodb://localhost:27017/zaqar_mgmt", management.uri());
        assertEquals("zaqar_mgmt", management.database());
        warnings(config);
    }

    @Test
    void redisAndSqlalchemyLayout() {
        ZaqarConfig config = load("devstack-redis.conf");
        ServerOptions options = ServerOptions.from(config);
        assertEquals("redis", options.messageStore());
        assertEquals("sqlalchemy", options.managementStore());
        RedisOptions redis = RedisOptions.from(config.section("drivers:message_store:redis"));
        assertEquals("localhost", redis.uri().host());
        assertEquals(6379, redis.uri().port());
        assertEquals(0, redis.database(), "devstack's 'database = zaqar' is no redis option upstream");
        assertEquals("mysql+pymysql://root:secretdatabase@127.0.0.1/zaqar?charset=utf8",
                SqlStorageDriver.URI.from(config.section("drivers:management_store:sqlalchemy")));
        warnings(config,
                "[drivers:management_store:sqlalchemy] database is not a known option; it is ignored",
                "[drivers:message_store:redis] database is not a known option; it is ignored");
    }

    @Test
    void swiftAndSqlalchemyLayout() {
        ZaqarConfig config = load("devstack-swift.conf");
        assertEquals("swift", ServerOptions.from(config).messageStore());
        warnings(config,
                "[drivers:management_store:sqlalchemy] database is not a known option; it is ignored");
    }
}
