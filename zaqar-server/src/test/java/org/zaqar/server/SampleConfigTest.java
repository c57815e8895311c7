package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.storage.StorageDriver;

/** The sample config, the option registry, the drivers and the typed options agree. */
class SampleConfigTest {
    private static final Path SAMPLE = Path.of("..", "etc", "zaqar.conf");

    @Test
    void etcZaqarConfIsTheGeneratedSample() throws Exception {
        assertEquals(SampleConfig.render(), Files.readString(SAMPLE), "etc/zaqar.conf differs from the options "
                + "in OptionRegistry; regenerate it: java -cp zaqar-server/target/zaqar-server.jar "
                + "org.zaqar.server.SampleConfig etc/zaqar.conf");
    }

    @Test
    void driverSectionsListExactlyWhatEachDriverReads() {
        Map<String, Set<String>> registry = OptionRegistry.namesBySection();
        for (StorageDriver driver : new StorageDrivers(getClass().getClassLoader()).all()) {
            assertEquals(driver.messageStoreOptions(),
                    registry.getOrDefault("drivers:message_store:" + driver.name(), Set.of()), driver.name());
            // A driver without a management store (swift) reads no such section.
            assertEquals(driver.managementStoreOptions(),
                    registry.getOrDefault("drivers:management_store:" + driver.name(), Set.of()), driver.name());
        }
    }

    @Test
    void documentedDefaultsAreTheDefaultsTheServerUses() {
        String everyDefault = OptionRegistry.namesBySection().keySet().stream()
                .map(section -> "[" + section + "]\n" + OptionRegistry.all().stream()
                        .filter(option -> option.section().equals(section) && !option.defaultValue().isEmpty())
                        .map(option -> option.name() + " = " + option.defaultValue())
                        .collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
        ZaqarConfig documented = ZaqarConfig.parse(everyDefault);
        assertEquals(ServerOptions.from(ZaqarConfig.empty()), ServerOptions.from(documented));
        assertEquals(java.util.List.of(), KnownOptions.unknown(documented,
                new StorageDrivers(getClass().getClassLoader())));
    }
}
