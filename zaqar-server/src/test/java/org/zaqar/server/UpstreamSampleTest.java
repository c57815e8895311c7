package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.zaqar.core.config.Option;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.notify.NotificationOptions;

/**
 * Upstream's own packaged zaqar.conf.sample (every option of zaqar, oslo.log, keystonemiddleware,
 * oslo.cache, oslo.messaging, oslo.middleware, osprofiler, oslo.policy and oslo.reports,
 * commented out at its default) loads as it is, and with every option uncommented at upstream's
 * default: each option we read accepts upstream's default value, and the rest are warned about.
 */
class UpstreamSampleTest {
    private static final Path SAMPLE = Path.of("src", "test", "resources", "upstream", "zaqar.conf.sample");
    private final StorageDrivers drivers = new StorageDrivers(getClass().getClassLoader());

    @Test
    void thePackagedSampleLoadsAsItIs() {
        ZaqarConfig config = ZaqarConfig.load(List.of(SAMPLE));
        assertTrue(config.sections().values().stream().allMatch(values -> values.isEmpty()), config.sections()
                .toString());
        assertEquals(List.of(), KnownOptions.unknown(config, drivers));
        // A file that sets nothing, but is a file: only a server given none shows the console unasked.
        assertEquals(ServerOptions.from(ZaqarConfig.parse("[DEFAULT]\n")), ServerOptions.from(config));
    }

    @Test
    void everyOptionWeReadAcceptsUpstreamsDefault() throws Exception {
        // "#name = value" lines are the options; "<None>" means no default
        String uncommented = Files.readAllLines(SAMPLE).stream()
                .map(line -> line.matches("#[a-z][a-z0-9_]* = .*") && !line.endsWith("= <None>") ? line.substring(1)
                        : line)
                .collect(Collectors.joining("\n"));
        ZaqarConfig config = OldOptionNames.apply(ZaqarConfig.parse(uncommented), OptionRegistry.all(drivers));
        assertTrue(config.section("transport").values().size() > 20, config.section("transport").toString());
        List<String> problems = new ArrayList<>();
        for (Option<?> option : OptionRegistry.all(drivers)) {
            try {
                option.from(config);
            } catch (ZaqarException e) {
                problems.add(e.getMessage());
            }
        }
        assertEquals(List.of(), problems);
        ServerOptions options = ServerOptions.from(config);
        assertEquals("mongodb", options.messageStore(), "upstream's default store");
        SecurityOptions.from(config);
        NotificationOptions.from(config);
        List<String> unknown = KnownOptions.unknown(config, drivers);
        for (String section : List.of("oslo_messaging_rabbit", "oslo_messaging_kafka")) {
            assertTrue(unknown.stream().anyMatch(line -> line.startsWith("[" + section + "] is not a section")),
                    section + ": " + unknown);
        }
        assertTrue(unknown.contains("[DEFAULT] transport_url is not a known option; it is ignored"),
                unknown.toString());
    }
}
