package org.zaqar.server;

import java.util.ArrayList;
import java.util.List;

/**
 * oslo.upgradecheck's output: a one-column table with a row per check, details wrapped at 60
 * characters with a two-space indent, exactly as {@code zaqar-status upgrade check} prints it.
 */
final class UpgradeCheckTable {
    static final String TITLE = "Upgrade Check Results";
    private static final int DETAILS_WIDTH = 60;

    /** oslo.upgradecheck's codes, which are also the exit code of the command. */
    enum Code {
        SUCCESS("Success"), WARNING("Warning"), FAILURE("Failure");

        final String label;

        Code(String label) {
            this.label = label;
        }
    }

    /** One check's outcome; {@code details} is null when there is nothing to say. */
    record Result(String check, Code code, String details) {
    }

    private UpgradeCheckTable() {
    }

    static String render(List<Result> results) {
        List<List<String>> rows = new ArrayList<>();
        for (Result result : results) {
            List<String> lines = new ArrayList<>();
            lines.add("Check: " + result.check());
            lines.add("Result: " + result.code().label);
            List<String> details = result.details() == null ? List.of("None") : wrap(result.details());
            lines.add("Details: " + details.get(0));
            lines.addAll(details.subList(1, details.size()));
            rows.add(lines);
        }
        int width = Math.max(TITLE.length(),
                rows.stream().flatMap(List::stream).mapToInt(String::length).max().orElse(0));
        String rule = "+" + "-".repeat(width + 2) + "+\n";
        StringBuilder out = new StringBuilder(rule).append(cell(TITLE, width)).append(rule);
        for (List<String> row : rows) {
            row.forEach(line -> out.append(cell(line, width)));
            out.append(rule);
        }
        return out.toString();
    }

    private static String cell(String text, int width) {
        return "| " + text + " ".repeat(width - text.length()) + " |\n";
    }

    /** Python's {@code textwrap.wrap(text, 60, subsequent_indent='  ')}, for plain words. */
    static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > DETAILS_WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder("  ");
            }
            if (line.length() > 0 && !line.toString().equals("  ")) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
