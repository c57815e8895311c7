package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.zaqar.core.config.Option;
import org.zaqar.core.config.ZaqarConfig;

/**
 * Every option upstream Zaqar 15 renamed or moved ({@code deprecated_opts} in
 * {@code zaqar/conf/*.py}) is still read under its old name and section, with a warning naming
 * old and new.
 */
class OldOptionNamesTest {
    /** "old section/old name -> new section/new name", as upstream 15 declares them. */
    private static final List<String> UPSTREAM = upstream();

    private static List<String> upstream() {
        List<String> moves = new ArrayList<>(List.of(
                "DEFAULT/sharding -> DEFAULT/pooling",
                "drivers/storage -> drivers/message_store",
                "limits:transport/queue_paging_uplimit -> transport/max_queues_per_page",
                "limits:transport/message_paging_uplimit -> transport/max_messages_per_page",
                "limits:transport/subscription_paging_uplimit -> transport/max_subscriptions_per_page",
                "transport/max_messages_per_claim -> transport/max_messages_per_claim_or_pop",
                "limits:transport/metadata_size_uplimit -> transport/max_queue_metadata",
                "transport/max_message_size -> transport/max_messages_post_size",
                "limits:transport/message_size_uplimit -> transport/max_messages_post_size",
                "limits:transport/message_ttl_max -> transport/max_message_ttl",
                "limits:transport/claim_ttl_max -> transport/max_claim_ttl",
                "limits:transport/claim_grace_max -> transport/max_claim_grace",
                // keystonemiddleware's, not Zaqar's, but upstream deployments still write it
                "keystone_authtoken/auth_uri -> keystone_authtoken/www_authenticate_uri"));
        for (String store : List.of("message_store", "management_store")) {
            moves.add("drivers:storage:sqlalchemy/uri -> drivers:" + store + ":sqlalchemy/uri");
            for (String name : List.of("uri", "max_reconnect_attempts", "reconnect_sleep")) {
                moves.add("drivers:storage:redis/" + name + " -> drivers:" + store + ":redis/" + name);
            }
            for (String name : List.of("ssl_keyfile", "ssl_certfile", "ssl_cert_reqs", "ssl_ca_certs", "uri",
                    "database", "max_attempts", "max_retry_sleep", "max_retry_jitter", "max_reconnect_attempts",
                    "reconnect_sleep")) {
                moves.add("drivers:storage:mongodb/" + name + " -> drivers:" + store + ":mongodb/" + name);
            }
        }
        moves.add("drivers:storage:mongodb/partitions -> drivers:message_store:mongodb/partitions");
        return List.copyOf(moves);
    }

    private final List<Option<?>> options = OptionRegistry.all(new StorageDrivers(getClass().getClassLoader()));

    @Test
    void theDeclaredOldNamesAreExactlyUpstreams() {
        Set<String> declared = new TreeSet<>();
        for (Option<?> option : options) {
            for (Option.OldName old : option.oldNames()) {
                declared.add(old.section() + "/" + old.name() + " -> " + option.section() + "/" + option.name());
            }
        }
        assertEquals(new TreeSet<>(UPSTREAM), declared);
    }

    @Test
    void eachOldNameIsReadAsTheNewOneWithAWarningNamingBoth() {
        for (String move : UPSTREAM) {
            String[] sides = move.split(" -> ");
            String[] old = sides[0].split("/");
            String[] current = sides[1].split("/");
            OldOptionNames.Result result = OldOptionNames.resolve(
                    ZaqarConfig.parse("[" + old[0] + "]\n" + old[1] + " = 7\n"), options);
            assertEquals("7", result.config().section(current[0]).values().get(current[1]), move);
            assertTrue(result.warnings().stream().anyMatch(warning -> warning.equals("[" + old[0] + "] " + old[1]
                    + " is deprecated: read as [" + current[0] + "] " + current[1] + "; please rename it")),
                    move + ": " + result.warnings());
            assertEquals(List.of(), KnownOptions.unknown(result.config(),
                    new StorageDrivers(getClass().getClassLoader())), move);
        }
    }

    @Test
    void theServerUsesTheValuesOfOldNames() {
        ZaqarConfig config = OldOptionNames.apply(ZaqarConfig.parse("""
                [DEFAULT]
                sharding = true
                [drivers]
                storage = redis
                [limits:transport]
                queue_paging_uplimit = 7
                message_size_uplimit = 1024
                """), options);
        ServerOptions server = ServerOptions.from(config);
        assertTrue(server.pooling());
        assertEquals("redis", server.messageStore());
        assertEquals(7, server.limits().maxQueuesPerPage());
        assertEquals(1024, server.limits().maxMessagesPostSize());
    }

    @Test
    void theCurrentNameWinsOverAnOldOneAndApplyingTwiceChangesNothing() {
        OldOptionNames.Result result = OldOptionNames.resolve(ZaqarConfig.parse("""
                [transport]
                max_queues_per_page = 5
                [limits:transport]
                queue_paging_uplimit = 7
                """), options);
        assertEquals("5", result.config().section("transport").values().get("max_queues_per_page"));
        assertEquals(List.of("[limits:transport] queue_paging_uplimit is deprecated and ignored: "
                + "[transport] max_queues_per_page is set too and wins"), result.warnings());
        OldOptionNames.Result again = OldOptionNames.resolve(result.config(), options);
        assertEquals(List.of(), again.warnings());
        assertEquals(result.config().sections(), again.config().sections());
    }
}
