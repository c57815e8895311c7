package org.zaqar.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;

/** {@code zaqar-server [--config-file FILE]... [--config-dir DIR] [--print-config]}. */
public final class Main {
    private static final String USAGE = """
            usage: zaqar-server [--config-file FILE]... [--config-dir DIR] [--print-config]

            Starts the Zaqar API server. With no config file it reads /etc/zaqar/zaqar.conf when
            that file exists, else it runs on its defaults: 127.0.0.1:8888, no authentication,
            the sqlalchemy store on a SQLite file.

              --config-file FILE  read FILE (repeatable; later files win)
              --config-dir DIR    also read every DIR/*.conf, in name order
              --print-config      print the effective options (secrets masked) and exit
            """;

    private Main() {
    }

    public static void main(String[] args) {
        List<Path> files = new ArrayList<>();
        boolean printConfig = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config-file" -> files.add(existing(argument(args, ++i, "--config-file")));
                    case "--config-dir" -> files.addAll(confFiles(argument(args, ++i, "--config-dir")));
                    case "--print-config" -> printConfig = true;
                    case "-h", "--help" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    default -> {
                        if (args[i].startsWith("--config-file=")) {
                            files.add(existing(args[i].substring("--config-file=".length())));
                        } else {
                            throw ZaqarException.validation("unknown argument '" + args[i] + "'");
                        }
                    }
                }
            }
            if (files.isEmpty() && Files.isRegularFile(Path.of("/etc/zaqar/zaqar.conf"))) {
                files.add(Path.of("/etc/zaqar/zaqar.conf"));
            }
            ZaqarConfig config = ZaqarConfig.load(files);
            if (printConfig) {
                System.out.print(EffectiveConfig.render(config));
                return;
            }
            run(config);
        } catch (ZaqarException e) {
            System.err.println("zaqar-server: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(ZaqarConfig config) {
        ZaqarServer server = ZaqarServer.start(config, InstantSource.system());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "zaqar-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String argument(String[] args, int index, String option) {
        if (index >= args.length) {
            throw ZaqarException.validation(option + " needs a value");
        }
        return args[index];
    }

    private static Path existing(String file) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw ZaqarException.validation("config file " + file + " does not exist");
        }
        return path;
    }

    private static List<Path> confFiles(String dir) {
        try (var entries = Files.list(Path.of(dir))) {
            return entries.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        } catch (java.io.IOException e) {
            throw ZaqarException.validation("cannot read config dir " + dir + ": " + e.getMessage());
        }
    }
}
