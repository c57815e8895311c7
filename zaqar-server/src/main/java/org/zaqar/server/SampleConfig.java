package org.zaqar.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.zaqar.core.config.Option;

/**
 * Writes the sample zaqar.conf from the option descriptors ({@link OptionRegistry}), in
 * oslo-config-generator's layout: each option commented out at its default, after its help, type
 * and old names. {@code java -cp zaqar-server.jar org.zaqar.server.SampleConfig [FILE]} writes
 * FILE (else stdout).
 */
public final class SampleConfig {
    private static final int WIDTH = 78;

    private SampleConfig() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 1) {
            Files.writeString(Path.of(args[0]), render(), StandardCharsets.UTF_8);
        } else {
            System.out.print(render());
        }
    }

    static String render() {
        StringBuilder out = new StringBuilder("""
                # Sample zaqar.conf: every option this server reads, commented out at its default.
                # Section and option names are upstream Zaqar's, so an upstream zaqar.conf works as is;
                # options this server does not know are reported as warnings at start-up.
                # Generated from the option declarations of zaqar-server and its drivers (do not edit by
                # hand): regenerate with
                #   java -cp zaqar-server/target/zaqar-server.jar org.zaqar.server.SampleConfig etc/zaqar.conf
                # Print what a server actually uses with: zaqar-server --config-file FILE --print-config
                """);
        Map<String, List<Option<?>>> sections = new LinkedHashMap<>();
        for (Option<?> option : OptionRegistry.all(new StorageDrivers(SampleConfig.class.getClassLoader()))) {
            sections.computeIfAbsent(option.section(), section -> new ArrayList<>()).add(option);
        }
        sections.forEach((section, options) -> {
            out.append("\n[").append(section).append("]\n");
            for (Option<?> option : options) {
                out.append('\n');
                String help = option.help() + " (" + option.type().description() + ")"
                        + (option.isSecret() ? " Secret: masked by --print-config." : "");
                wrap(help).forEach(line -> out.append("# ").append(line).append('\n'));
                for (Option.OldName old : option.oldNames()) {
                    out.append("# Deprecated group/name - [").append(old.section()).append("]/").append(old.name())
                            .append('\n');
                }
                out.append('#').append(option.name()).append(" = ").append(option.defaultText()).append('\n');
            }
        });
        return out.toString().replace(" \n", "\n");
    }

    private static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > WIDTH - 2) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
