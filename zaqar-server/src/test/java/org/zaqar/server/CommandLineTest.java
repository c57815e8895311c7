package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.error.ZaqarException;

/** oslo.config's --config-file / --config-dir and oslo.log's flags, as every tool parses them. */
class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void configDirFilesFollowInNameOrderWhereTheFlagStandsAndLaterValuesWin() throws Exception {
        Path main = Files.writeString(dir.resolve("zaqar.conf"), "[DEFAULT]\nadmin_mode = false\n");
        Path conf = Files.createDirectories(dir.resolve("zaqar.conf.d"));
        Files.writeString(conf.resolve("20-admin.conf"), "[DEFAULT]\nadmin_mode = true\n");
        Files.writeString(conf.resolve("10-debug.conf"), "[DEFAULT]\ndebug = true\nadmin_mode = maybe\n");
        Files.writeString(conf.resolve("notes.txt"), "not a config file");
        CommandLine commandLine = CommandLine.parse("--config-file", main.toString(), "--config-dir=" + conf, "upgrade");
        assertEquals(List.of(main, conf.resolve("10-debug.conf"), conf.resolve("20-admin.conf")), commandLine.files());
        assertEquals(true, ServerOptions.ADMIN_MODE.from(commandLine.load()));
        assertEquals(List.of("upgrade"), commandLine.arguments());
    }

    @Test
    void osloLogFlagsBecomeLoggingOptionsTheLastOneWinning() {
        CommandLine commandLine = CommandLine.parse("--log-file", "/var/log/zaqar/zaqar.log", "-d", "--nouse-json",
                "--log-dir=/var/log", "--use-syslog", "--syslog-log-facility", "LOG_LOCAL3", "--debug", "--nodebug",
                "--logfile", "/tmp/z.log", "--print-config");
        assertEquals(Map.of("log_file", "/tmp/z.log", "debug", "false", "use_json", "false", "log_dir", "/var/log",
                "use_syslog", "true", "syslog_log_facility", "LOG_LOCAL3"), commandLine.loggingOptions());
        assertEquals(List.of("--print-config"), commandLine.arguments());
    }

    @Test
    void aFlagWithoutItsValueOrAMissingDirectoryIsRefused() {
        assertEquals("--log-file needs a value",
                assertThrows(ZaqarException.class, () -> CommandLine.parse("--log-file")).getMessage());
        assertThrows(ZaqarException.class, () -> CommandLine.parse("--config-dir", dir.resolve("none").toString()));
    }
}
