package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.zaqar.core.config.Option;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.storage.StorageDriver;

/** The sample config, the option declarations, the drivers and the typed options agree. */
class SampleConfigTest {
    private static final Path SAMPLE = Path.of("..", "etc", "zaqar.conf");
    private final StorageDrivers drivers = new StorageDrivers(getClass().getClassLoader());

    @Test
    void etcZaqarConfIsTheGeneratedSample() throws Exception {
        assertEquals(SampleConfig.render(), Files.readString(SAMPLE), "etc/zaqar.conf differs from the option "
                + "declarations; regenerate it: java -cp zaqar-server/target/zaqar-server.jar "
                + "org.zaqar.server.SampleConfig etc/zaqar.conf");
    }

    @Test
    void everyOptionIsDeclaredOnce() {
        Set<String> seen = new HashSet<>();
        for (Option<?> option : OptionRegistry.all(drivers)) {
            assertTrue(seen.add(option.toString()), option + " is declared twice");
        }
    }

    @Test
    void eachDriverDeclaresItsOptionsInItsOwnSections() {
        for (StorageDriver driver : drivers.all()) {
            for (Option<?> option : driver.messageStoreOptions()) {
                assertEquals("drivers:message_store:" + driver.name(), option.section(), option.toString());
            }
            for (Option<?> option : driver.managementStoreOptions()) {
                assertEquals("drivers:management_store:" + driver.name(), option.section(), option.toString());
            }
            assertFalse(driver.messageStoreOptions().isEmpty(), driver.name());
        }
    }

    @Test
    void documentedDefaultsAreTheDefaultsTheServerUses() {
        List<Option<?>> options = OptionRegistry.all(drivers);
        String everyDefault = options.stream().map(Option::section).distinct()
                .map(section -> "[" + section + "]\n" + options.stream()
                        .filter(option -> option.section().equals(section) && !option.defaultText().isEmpty())
                        .map(option -> option.name() + " = " + option.defaultText())
                        .collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
        ZaqarConfig documented = ZaqarConfig.parse(everyDefault);
        // A config that sets nothing, but is a config: only a server given none shows the console unasked.
        assertEquals(ServerOptions.from(ZaqarConfig.parse("[DEFAULT]\n")), ServerOptions.from(documented));
        assertEquals(SecurityOptions.from(ZaqarConfig.empty()).toString(), SecurityOptions.from(documented).toString());
        assertEquals(List.of(), KnownOptions.unknown(documented, drivers));
    }

    @Test
    void printConfigShowsEveryOptionAtItsEffectiveValue() {
        String printed = EffectiveConfig.render(ZaqarConfig.parse("""
                [drivers:transport:wsgi]
                port = 9999
                [drivers:message_store:redis]
                uri = redis://:pa55@cache:6379/?sentinel_password=s3ntinel&master=m
                [keystone_authtoken]
                password = k3y
                typo_option = 1
                """));
        assertTrue(printed.contains("[drivers:transport:wsgi]\nbind = 127.0.0.1\nport = 9999\n"), printed);
        assertTrue(printed.contains("max_messages_per_page = 20\n"), "defaults are printed too: " + printed);
        assertTrue(printed.contains("uri = redis://:****@cache:6379/?sentinel_password=****&master=m\n"), printed);
        assertTrue(printed.contains("\npassword = ****\n"), printed);
        assertTrue(printed.contains("# ignored: typo_option = 1\n"), printed);
        for (String secret : List.of("pa55", "s3ntinel", "k3y")) {
            assertFalse(printed.contains(secret), printed);
        }
        for (Option<?> option : OptionRegistry.all(drivers)) {
            assertTrue(printed.contains("\n" + option.name() + " = "), option + " is missing from " + printed);
        }
    }
}
