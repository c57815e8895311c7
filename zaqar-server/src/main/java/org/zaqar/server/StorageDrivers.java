package org.zaqar.server;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.storage.StorageDriver;

/** Finds storage drivers with {@link ServiceLoader} and picks one by its zaqar.conf name. */
final class StorageDrivers {
    private static final Logger LOG = LoggerFactory.getLogger(StorageDrivers.class);

    private final List<StorageDriver> drivers;

    StorageDrivers(ClassLoader loader) {
        this.drivers = ServiceLoader.load(StorageDriver.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        // At DEBUG: the option registry looks the drivers up before the logging is configured.
        LOG.debug("Storage drivers available: {}", names());
    }

    /**
     * @throws ZaqarException VALIDATION_FAILED when no driver or more than one has that name
     */
    StorageDriver named(String name, String option) {
        List<StorageDriver> matches = drivers.stream().filter(driver -> driver.name().equals(name)
                || option.equals("message_store") && driver.messageStoreAliases().contains(name)).toList();
        if (matches.isEmpty()) {
            throw ZaqarException.validation("[drivers] " + option + " = '" + name
                    + "': no such storage driver; available: " + names());
        }
        if (matches.size() > 1) {
            throw ZaqarException.validation("[drivers] " + option + " = '" + name + "' matches "
                    + matches.size() + " drivers: " + matches.stream().map(d -> d.getClass().getName())
                    .collect(Collectors.joining(", ")));
        }
        return matches.get(0);
    }

    /**
     * The driver of a pool's uri, by its scheme ({@code postgresql+psycopg2} counts as postgresql).
     *
     * @throws ZaqarException VALIDATION_FAILED when no driver takes the scheme
     */
    StorageDriver forUri(String uri) {
        int colon = uri.indexOf(':');
        String scheme = (colon < 0 ? "" : uri.substring(0, colon)).toLowerCase(java.util.Locale.ROOT);
        String family = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        return drivers.stream().filter(driver -> driver.uriSchemes().contains(family)).findFirst()
                .orElseThrow(() -> ZaqarException.validation("no storage driver takes uris of scheme '" + scheme
                        + "' (" + uri + ")"));
    }

    List<StorageDriver> all() {
        return drivers;
    }

    String names() {
        return drivers.stream().map(StorageDriver::name).sorted().collect(Collectors.joining(", "));
    }
}
