package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The distribution's NOTICE names the licence of every third-party jar its lib/ bundles: the
 * runtime dependencies Maven listed before the tests ({@code target/runtime-dependencies.txt},
 * the same set copy-dependencies puts in lib/), and no artifact that is no longer bundled.
 */
class NoticeTest {
    /** A line of {@code mvn dependency:list}: {@code group:artifact:jar:version:scope}. */
    private static final Pattern LISTED = Pattern.compile("^\\s+([^:\\s]+):([^:\\s]+):jar:[^:\\s]+:(compile|runtime)\\b");
    /** A line of NOTICE naming an artifact: {@code group:artifact  licence...}. */
    private static final Pattern NAMED = Pattern.compile("^([\\w.-]+:[\\w.-]+)\\s{2,}\\S.*$");

    @Test
    void noticeNamesEveryBundledJarWithItsLicence() throws Exception {
        Set<String> bundled = Files.readAllLines(Path.of("target/runtime-dependencies.txt")).stream()
                .map(LISTED::matcher).filter(Matcher::find)
                .map(match -> match.group(1) + ":" + match.group(2))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(bundled.size() > 20, "the dependency list was read: " + bundled);
        Set<String> named = Files.readAllLines(Path.of("src/dist/NOTICE")).stream()
                .map(NAMED::matcher).filter(Matcher::matches).map(match -> match.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> missing = bundled.stream().filter(artifact -> !named.contains(artifact)).toList();
        List<String> stale = named.stream().filter(artifact -> !bundled.contains(artifact)).toList();
        assertEquals(List.of(), missing, "bundled in lib/ but not in zaqar-server/src/dist/NOTICE (add a line "
                + "with the licence its POM declares)");
        assertEquals(List.of(), stale, "in zaqar-server/src/dist/NOTICE but no longer bundled");
    }
}
