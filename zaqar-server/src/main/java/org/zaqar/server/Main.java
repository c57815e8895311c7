package org.zaqar.server;

import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;

import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;

/** {@code zaqar-server [--config-file FILE]... [--config-dir DIR] [--print-config] [--version]}. */
public final class Main {
    private static final String USAGE = """
            usage: zaqar-server [--config-file FILE]... [--config-dir DIR] [--print-config] [--version]

            Starts the Zaqar API server. With no config file it reads /etc/zaqar/zaqar.conf when
            that file exists, else it runs on its defaults: 127.0.0.1:8888, no authentication,
            the sqlalchemy store on a SQLite file.

              --config-file FILE  read FILE (repeatable; later files win)
              --config-dir DIR    also read every DIR/*.conf, in name order
              --print-config      print the effective options (secrets masked) and exit
              --version           print the version and exit
              -h, --help          print this help and exit

            Operator tools: zaqar-status upgrade check, zaqar-sql-db-manage, zaqar-gc.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        try {
            CommandLine commandLine = CommandLine.parse(args);
            boolean printConfig = false;
            for (String arg : commandLine.arguments()) {
                switch (arg) {
                    case "--print-config" -> printConfig = true;
                    case "-h", "--help" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    case "--version" -> {
                        System.out.println(Version.current());
                        return;
                    }
                    default -> throw ZaqarException.validation("unknown argument '" + arg + "'");
                }
            }
            ZaqarConfig config = commandLine.load();
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

}
