package org.zaqar.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.server.logging.OsloLogging;

/**
 * The oslo.config command line every tool shares: {@code --config-file FILE} (repeatable, also
 * {@code --config-file=FILE}) and {@code --config-dir DIR} (every DIR/*.conf in name order, read
 * where the flag stands, so later flags win), and oslo.log's flags ({@code --debug},
 * {@code --log-file PATH}, ...). Without {@code --config-file}, /etc/zaqar/zaqar.conf is read first
 * when it exists. Everything else is left, in order, for the tool.
 *
 * @param files          the config files read, in order
 * @param loggingOptions the {@code [DEFAULT]} logging options set by flags, which win over the files
 * @param arguments      the arguments that are not config or logging options
 */
record CommandLine(List<Path> files, Map<String, String> loggingOptions, List<String> arguments) {
    static final Path DEFAULT_CONFIG = Path.of("/etc/zaqar/zaqar.conf");

    /** @throws ZaqarException VALIDATION_FAILED for a missing value, file or directory */
    static CommandLine parse(String... args) {
        List<Path> files = new ArrayList<>();
        Map<String, String> logging = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        boolean configFileGiven = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (flag.equals("--config-file") || flag.equals("--config-dir")) {
                String value;
                if (!flag.equals(arg)) {
                    value = arg.substring(flag.length() + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw ZaqarException.validation(arg + " needs a value");
                }
                configFileGiven |= flag.equals("--config-file");
                files.addAll(flag.equals("--config-file") ? List.of(existing(value)) : confFiles(value));
                continue;
            }
            int used = OsloLogging.parseFlag(args, i, logging);
            if (used > 0) {
                i += used - 1;
            } else {
                rest.add(arg);
            }
        }
        if (!configFileGiven && Files.isRegularFile(DEFAULT_CONFIG)) {
            files.add(0, DEFAULT_CONFIG);
        }
        return new CommandLine(List.copyOf(files), Map.copyOf(logging), List.copyOf(rest));
    }

    /** The files read, with options upstream renamed moved to their current names (with a warning). */
    ZaqarConfig load() {
        return OldOptionNames.apply(ZaqarConfig.load(files),
                OptionRegistry.all(new StorageDrivers(CommandLine.class.getClassLoader())));
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
            return entries.filter(p -> p.toString().endsWith(".conf") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw ZaqarException.validation("cannot read config dir " + dir + ": " + e.getMessage());
        }
    }
}
