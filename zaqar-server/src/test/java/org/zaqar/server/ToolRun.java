package org.zaqar.server;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of an operator tool as its own JVM process, the way an operator or cron runs it:
 * its exit code and what it printed.
 */
record ToolRun(int exitCode, String out, String err) {

    static ToolRun run(Path workingDirectory, Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().put("ZAQAR_LOG_LEVEL", "WARN");
        File out = workingDirectory.resolve("tool.out").toFile();
        File err = workingDirectory.resolve("tool.err").toFile();
        Process process = builder.redirectOutput(out).redirectError(err).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(main.getSimpleName() + " did not finish within 60 s");
        }
        return new ToolRun(process.exitValue(),
                java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8),
                java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
