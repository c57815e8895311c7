package org.zaqar.server;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.zaqar.storage.redis.RedisTestServer;
import org.zaqar.storage.sql.EmbeddedMariaDb;
import org.zaqar.storage.sql.EmbeddedPostgres;
import org.zaqar.storage.sql.SqlSchema;

/**
 * A store that several API nodes share, as a test parameter: each {@link #open} gives an empty
 * one of its own (a Redis database, a PostgreSQL database), with its SQL schema migrated as
 * {@code zaqar-sql-db-manage upgrade} does, so the nodes start on it as in production.
 *
 * @param name     what the test report calls it
 * @param emptyUri makes a new empty store and answers its driver uri, in upstream's forms
 */
record SharedStore(String name, Supplier<String> emptyUri) {
    /** Databases 1 to 15 of the shared Redis; 0 is the other tests'. */
    private static final AtomicInteger NEXT_REDIS_DATABASE = new AtomicInteger(1);

    /**
     * Every store the multi-node tests run on; another backend is one more line here. MariaDB's
     * case is skipped where its server is missing, unless ZAQAR_TEST_REQUIRE_MARIADB=1.
     */
    static Stream<SharedStore> all() {
        return Stream.of(
                new SharedStore("redis", SharedStore::emptyRedisDatabase),
                new SharedStore("postgresql", () -> EmbeddedPostgres.instance()
                        .createDatabase("nodes_" + UUID.randomUUID().toString().replace("-", ""))),
                new SharedStore("mariadb", () -> EmbeddedMariaDb.instance()
                        .createDatabase("nodes_" + UUID.randomUUID().toString().replace("-", ""))));
    }

    private static String emptyRedisDatabase() {
        int database = NEXT_REDIS_DATABASE.getAndIncrement();
        if (database > 15) {
            throw new IllegalStateException("the shared Redis has databases 0 to 15 only, and the multi-node"
                    + " tests have taken 1 to 15 already");
        }
        return RedisTestServer.sharedUri() + "?dbid=" + database;
    }

    /** A new empty store, ready for servers: its uri. */
    String open() {
        String uri = emptyUri.get();
        if (driver(uri).equals("sqlalchemy")) {
            SqlSchema.withSchema(uri, SqlSchema::upgrade);
        }
        return uri;
    }

    /** zaqar.conf text with both stores on {@code uri}. */
    static String sections(String uri) {
        String driver = driver(uri);
        return """
                [drivers]
                message_store = %1$s
                management_store = %1$s
                [drivers:message_store:%1$s]
                uri = %2$s
                [drivers:management_store:%1$s]
                uri = %2$s
                """.formatted(driver, uri);
    }

    private static String driver(String uri) {
        if (uri.startsWith("redis:")) {
            return "redis";
        }
        return uri.startsWith("mongodb:") ? "mongodb" : "sqlalchemy";
    }

    @Override
    public String toString() {
        return name;
    }
}
