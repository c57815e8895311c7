package org.zaqar.server;

import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;

import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.server.logging.OsloLogging;

/** {@code zaqar-server [--config-file FILE]... [--config-dir DIR] [oslo.log flags] [--print-config] [--version]}. */
public final class Main {
    private static final String USAGE = """
            usage: zaqar-server [--config-file FILE]... [--config-dir DIR] [--debug] [--log-file PATH]
                                [--log-dir DIR] [--print-config] [--version]

            Starts the Zaqar API server. With no config file it reads /etc/zaqar/zaqar.conf when
            that file exists, else it runs on its defaults: 127.0.0.1:8888, no authentication,
            the sqlalchemy store on a SQLite file.

              --config-file FILE  read FILE (repeatable; later files win)
              --config-dir DIR    also read every DIR/*.conf, in name order
              -d, --debug         log at DEBUG ([DEFAULT] debug; --nodebug turns it off)
              --log-file PATH     log to PATH, relative to the log dir if one is set ([DEFAULT] log_file)
              --log-dir DIR       log to DIR/zaqar-server.log, or the log file in DIR ([DEFAULT] log_dir)
              --log-config-append PATH  a Python logging config file (fileConfig format)
              --log-date-format FORMAT  strftime format of the log lines' time
              --use-json, --use-syslog, --syslog-log-facility FACILITY, --use-journal,
              --watch-log-file    as the [DEFAULT] options of the same name (--nouse-json, ...)
              --print-config      print the effective options (secrets masked) and exit
              --version           print the version and exit
              -h, --help          print this help and exit

            Operator tools: zaqar-status upgrade check, zaqar-sql-db-manage, zaqar-gc.
            """;

    /** The name oslo.log gives a log_dir's file: PROGRAM.log. */
    private static final String PROGRAM = "zaqar-server";

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
            OsloLogging.from(config.defaults(), commandLine.loggingOptions()).apply(PROGRAM);
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
