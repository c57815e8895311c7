package org.zaqar.notify;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.notify.IdentityService;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.core.storage.StorageDriver;
import org.zaqar.core.testing.ManualClock;

/** A notifier over the real SQL store (an SQLite file) on a manual clock, and a real webhook server. */
abstract class NotifierTestSupport {
    @TempDir
    Path dir;

    protected ManualClock clock;
    protected MessageStorage raw;
    protected MessageStorage storage;
    protected Notifier notifier;
    protected HookServer hooks;

    /** The options of the notifier under test. */
    protected NotificationOptions options() {
        return NotificationOptions.defaults();
    }

    @BeforeEach
    void start() throws Exception {
        clock = new ManualClock();
        raw = openSqlStorage();
        hooks = new HookServer();
        startNotifier();
    }

    /** What the notifier under test tells of its deliveries. */
    protected DeliveryObserver observer() {
        return DeliveryObserver.NONE;
    }

    /** Starts a notifier (again, after {@link #stopNotifier}) over the same store. */
    protected void startNotifier() {
        notifier = new Notifier(raw, options(), clock, observer(), IdentityService.NONE);
        storage = notifier.wrap(raw);
        notifier.start();
    }

    protected void stopNotifier() {
        notifier.close();
    }

    @AfterEach
    void stop() {
        notifier.close();
        hooks.close();
        raw.close();
    }

    private MessageStorage openSqlStorage() {
        StorageDriver driver = ServiceLoader.load(StorageDriver.class).stream().map(ServiceLoader.Provider::get)
                .filter(d -> d.name().equals("sqlalchemy")).findFirst().orElseThrow();
        ConfigSection section = new ConfigSection("drivers:message_store:sqlalchemy",
                Map.of("uri", "sqlite:///" + dir.resolve("zaqar.db")));
        return driver.openMessageStore(new StorageContext(section, ZaqarConfig.empty(), clock));
    }
}
