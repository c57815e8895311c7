package org.zaqar.server;

import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.LongAdder;

import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.storage.MessageStorage;

/**
 * {@code zaqar-gc [--config-file FILE]}: one garbage-collection pass over the message store
 * (expired messages and claims), as upstream's. Safe from cron while servers run: every store
 * collects with the same atomic statements the servers use.
 */
public final class GarbageCollector {
    private GarbageCollector() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            CommandLine commandLine = CommandLine.parse(args);
            if (commandLine.arguments().contains("-h") || commandLine.arguments().contains("--help")) {
                out.println("usage: zaqar-gc [--config-file FILE]...");
                return 0;
            }
            if (!commandLine.arguments().isEmpty()) {
                throw ZaqarException.validation("unknown argument(s) " + commandLine.arguments());
            }
            ZaqarConfig config = commandLine.load();
            ServerOptions options = ServerOptions.from(config);
            StorageDrivers drivers = new StorageDrivers(GarbageCollector.class.getClassLoader());
            long started = System.nanoTime();
            LongAdder expired = new LongAdder();
            MessageEvents counting = new MessageEvents() {
                @Override
                public void expired(long count) {
                    expired.add(count);
                }
            };
            try (MessageStorage storage = ConfiguredStores.openMessages(config, options, drivers,
                    InstantSource.system(), counting)) {
                storage.collectGarbage();
            }
            out.println("zaqar-gc: collected garbage on the " + options.messageStore() + " message store in "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms; " + expired.sum()
                    + " expired messages removed");
            return 0;
        } catch (ZaqarException e) {
            err.println("zaqar-gc: " + e.getMessage());
            return 1;
        }
    }
}
