package org.zaqar.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * oslo.config's {@code find_file}: where a file that an option names relatively (the policy
 * file) is looked up. Not the working directory: the directories of the config files read (the
 * last one first), then {@code ~/.zaqar}, {@code ~}, {@code /etc/zaqar} and {@code /etc}.
 */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /** The directories searched, in order. */
    static List<Path> searchPath(List<Path> configFiles) {
        List<Path> directories = new ArrayList<>();
        for (int i = configFiles.size() - 1; i >= 0; i--) {
            Path parent = configFiles.get(i).toAbsolutePath().normalize().getParent();
            if (parent != null && !directories.contains(parent)) {
                directories.add(parent);
            }
        }
        Path home = Path.of(System.getProperty("user.home"));
        directories.addAll(List.of(home.resolve(".zaqar"), home, Path.of("/etc/zaqar"), Path.of("/etc")));
        return directories;
    }

    /** The first existing file of that name (an absolute name is taken as it is), or null. */
    static Path find(String name, List<Path> configFiles) {
        Path path = Path.of(name);
        if (path.isAbsolute()) {
            return Files.exists(path) ? path : null;
        }
        return searchPath(configFiles).stream().map(directory -> directory.resolve(path)).filter(Files::exists)
                .findFirst().orElse(null);
    }
}
