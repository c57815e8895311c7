package org.zaqar.server;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.Option;
import org.zaqar.core.config.ZaqarConfig;

/**
 * oslo.reports' Guru Meditation Report: on SIGUSR2 (SIGUSR1 where the JVM keeps SIGUSR2, see
 * {@link #jvmOwnsUsr2}), or when
 * the {@code [oslo_reports] file_event_handler} file changes, the server writes its version,
 * effective config (secrets masked), every thread's stack (virtual threads included, from the
 * JDK's thread dump), JVM memory and GC, and its stores' state. The report goes to a file in
 * {@code [oslo_reports] log_dir}, else to the log. It never stops the server.
 */
final class GuruMeditation implements AutoCloseable {
    static final String SECTION = "oslo_reports";
    static final Option<String> LOG_DIR = Option.string(SECTION, "log_dir", null, "Directory where Guru "
            + "Meditation reports are written, one file each (zaqar-server_gurumeditation_TIME); empty: into the "
            + "log. A report is written on SIGUSR2 and never stops the server.");
    static final Option<String> FILE_EVENT_HANDLER = Option.string(SECTION, "file_event_handler", null, "A file to "
            + "watch: when its modification time changes, a Guru Meditation report is written (instead of sending "
            + "a signal).");
    static final Option<Integer> FILE_EVENT_HANDLER_INTERVAL = Option.integer(SECTION, "file_event_handler_interval",
            1, "How often, in seconds, to check file_event_handler.");
    static final List<Option<?>> OPTIONS = List.of(LOG_DIR, FILE_EVENT_HANDLER, FILE_EVENT_HANDLER_INTERVAL);
    private static final Logger LOG = LoggerFactory.getLogger(GuruMeditation.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    /** The running server's reporter; the signal handler, installed once per JVM, reports through it. */
    private static volatile GuruMeditation current;
    private static String signalName;

    private final ZaqarConfig config;
    private final Supplier<String> stores;
    private final Path directory;
    private final ScheduledExecutorService watcher;

    private GuruMeditation(ZaqarConfig config, Supplier<String> stores) {
        this.config = config;
        this.stores = stores;
        ConfigSection section = config.section(SECTION);
        String logDir = LOG_DIR.from(section);
        this.directory = logDir == null || logDir.isEmpty() ? null : Path.of(logDir);
        String trigger = FILE_EVENT_HANDLER.from(section);
        this.watcher = trigger == null || trigger.isEmpty() ? null : watch(Path.of(trigger),
                FILE_EVENT_HANDLER_INTERVAL.from(section));
    }

    /** Starts reporting for this server: the signal handler and, if configured, the file watcher. */
    static GuruMeditation start(ZaqarConfig config, Supplier<String> stores) {
        GuruMeditation reporter = new GuruMeditation(config, stores);
        current = reporter;
        installSignalHandler();
        return reporter;
    }

    private ScheduledExecutorService watch(Path trigger, int intervalSeconds) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("zaqar-gmr-watch").factory());
        FileTime[] seen = {modified(trigger)};
        executor.scheduleWithFixedDelay(() -> {
            FileTime now = modified(trigger);
            if (now != null && !now.equals(seen[0])) {
                seen[0] = now;
                write();
            }
        }, intervalSeconds, Math.max(1, intervalSeconds), TimeUnit.SECONDS);
        return executor;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * HotSpot suspends threads (for JFR's sampler among others) with SIGUSR2 unless the
     * environment variable _JAVA_SR_SIGNUM moves that to another signal, as our launchers do. A
     * report handler on the JVM's own signal would both break the sampler and report on every sample.
     */
    static boolean jvmOwnsUsr2() {
        String signal = System.getenv("_JAVA_SR_SIGNUM");
        return signal == null || signal.strip().equals("12");
    }

    /**
     * sun.misc.Signal through reflection: it is the JDK's supported way to catch a signal
     * (module jdk.unsupported), but javac flags any direct use as internal API.
     */
    private static synchronized void installSignalHandler() {
        if (signalName != null) {
            return;
        }
        for (String name : jvmOwnsUsr2() ? new String[] {"USR1"} : new String[] {"USR2", "USR1"}) {
            try {
                Class<?> signalClass = Class.forName("sun.misc.Signal");
                Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                InvocationHandler onSignal = (proxy, method, args) -> switch (method.getName()) {
                    case "handle" -> {
                        GuruMeditation reporter = current;
                        if (reporter != null) {
                            Thread.ofPlatform().name("zaqar-gmr").start(reporter::write);
                        }
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "GuruMeditationSignalHandler";
                };
                Object handler = Proxy.newProxyInstance(GuruMeditation.class.getClassLoader(),
                        new Class<?>[] {handlerClass}, onSignal);
                signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
                signalName = "SIG" + name;
                LOG.info("Guru Meditation reports on {}", signalName);
                return;
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.debug("Cannot catch SIG{}: {}", name, e.toString());
            }
        }
        signalName = "none";
        LOG.warn("Guru Meditation reports are not available on signals in this JVM");
    }

    /** Writes one report; any failure is logged, never thrown: a report must not hurt the server. */
    void write() {
        try {
            String report = report();
            if (directory == null) {
                LOG.warn("Guru Meditation report follows\n{}", report);
            } else {
                Files.createDirectories(directory);
                Path file = directory.resolve("zaqar-server_gurumeditation_" + FILE_TIME.format(Instant.now()));
                Files.writeString(file, report);
                LOG.warn("Guru Meditation report written to {}", file);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Guru Meditation report failed", e);
        }
    }

    String report() throws IOException {
        StringBuilder out = new StringBuilder();
        header(out, "Guru Meditation");
        out.append("|".repeat(72)).append("\n\n");
        header(out, "Package");
        out.append("product = Zaqar (Java)\nversion = ").append(Version.current())
                .append("\njava = ").append(System.getProperty("java.vm.name")).append(' ')
                .append(Runtime.version()).append("\npid = ").append(ProcessHandle.current().pid())
                .append("\nuptime = ").append(ManagementFactory.getRuntimeMXBean().getUptime() / 1000).append(" s\n");
        header(out, "Stores");
        out.append(stores.get()).append('\n');
        header(out, "Memory");
        memory(out);
        header(out, "Threads");
        out.append(threadDump());
        header(out, "Configuration");
        out.append(EffectiveConfig.render(config));
        return out.toString();
    }

    private static void header(StringBuilder out, String title) {
        String line = "=".repeat(72);
        int padding = 64 - title.length();
        out.append(line).append('\n').append("====").append(" ".repeat(padding / 2)).append(title)
                .append(" ".repeat(padding - padding / 2)).append("====\n").append(line).append('\n');
    }

    private static void memory(StringBuilder out) {
        var memory = ManagementFactory.getMemoryMXBean();
        out.append(usage("heap", memory.getHeapMemoryUsage())).append(usage("non-heap", memory.getNonHeapMemoryUsage()));
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            out.append(usage("pool " + pool.getName(), pool.getUsage()));
        }
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            out.append("buffers ").append(pool.getName()).append(": count=").append(pool.getCount())
                    .append(" used=").append(pool.getMemoryUsed() >> 10).append(" KiB\n");
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.append("gc ").append(gc.getName()).append(": collections=").append(gc.getCollectionCount())
                    .append(" time=").append(gc.getCollectionTime()).append(" ms\n");
        }
    }

    private static String usage(String name, MemoryUsage usage) {
        return usage == null ? "" : name + ": used=" + (usage.getUsed() >> 20) + " MiB committed="
                + (usage.getCommitted() >> 20) + " MiB max=" + (usage.getMax() < 0 ? "unbounded"
                : (usage.getMax() >> 20) + " MiB") + "\n";
    }

    /** The JDK's own thread dump, which lists virtual threads too (as jcmd Thread.dump_to_file). */
    private static String threadDump() throws IOException {
        Path directory = Files.createTempDirectory("zaqar-gmr");
        Path file = directory.resolve("threads.txt");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            return Files.readString(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(directory);
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
        if (current == this) {
            current = null;
        }
    }
}
