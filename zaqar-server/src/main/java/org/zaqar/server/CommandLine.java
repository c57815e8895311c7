package org.zaqar.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;

/**
 * The oslo.config command line every tool shares: {@code --config-file FILE} (repeatable, also
 * {@code --config-file=FILE}) and {@code --config-dir DIR}; with neither, /etc/zaqar/zaqar.conf
 * when it exists. Everything else is left, in order, for the tool.
 *
 * @param files     the config files read, in order
 * @param arguments the arguments that are not config options
 */
record CommandLine(List<Path> files, List<String> arguments) {
    static final Path DEFAULT_CONFIG = Path.of("/etc/zaqar/zaqar.conf");

    /** @throws ZaqarException VALIDATION_FAILED for a missing value or file */
    static CommandLine parse(String... args) {
        List<Path> files = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        boolean explicit = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--config-file") || arg.equals("--config-dir")) {
                if (i + 1 >= args.length) {
                    throw ZaqarException.validation(arg + " needs a value");
                }
                String value = args[++i];
                files.addAll(arg.equals("--config-file") ? List.of(existing(value)) : confFiles(value));
                explicit = true;
            } else if (arg.startsWith("--config-file=")) {
                files.add(existing(arg.substring("--config-file=".length())));
                explicit = true;
            } else {
                rest.add(arg);
            }
        }
        if (!explicit && Files.isRegularFile(DEFAULT_CONFIG)) {
            files.add(DEFAULT_CONFIG);
        }
        return new CommandLine(List.copyOf(files), List.copyOf(rest));
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
            return entries.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        } catch (IOException e) {
            throw ZaqarException.validation("cannot read config dir " + dir + ": " + e.getMessage());
        }
    }
}
