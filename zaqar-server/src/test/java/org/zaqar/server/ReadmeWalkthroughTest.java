package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's curl walk-through works as written: {@code scripts/readme-walkthrough} runs it
 * with bash and curl against a server on a free port and checks every status and output the
 * README shows; and the script does notice when the README says something else.
 */
class ReadmeWalkthroughTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Run(int exitCode, String output) {
    }

    private Run walkthrough(int port, Path readme) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("scripts/readme-walkthrough").toString(),
                "http://127.0.0.1:" + port).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("walkthrough.out").toFile());
        builder.environment().put("README", readme.toString());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the walk-through did not finish within 120 s");
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve("walkthrough.out"), StandardCharsets.UTF_8));
    }

    @Test
    void theReadmeWalkthroughRunsAsWritten() throws Exception {
        Path readme = ROOT.resolve("README.md");
        try (ZaqarServer server = ZaqarServer.start(SqliteServerConfig.on(dir, ""), InstantSource.system())) {
            Run run = walkthrough(server.port(), readme);
            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains("each answered as the README says"), run.output());

            // A README that promises another answer fails, naming its line.
            Path wrong = Files.writeString(dir.resolve("README.md"), Files.readString(readme)
                    .replace("# 201 {\"subscription_id\": \"…\"}", "# 201 {\"subscription_id\": \"…\", \"ttl\": 3600}"));
            Run failed = walkthrough(server.port(), wrong);
            assertEquals(1, failed.exitCode(), failed.output());
            assertTrue(failed.output().contains("FAIL README line "), failed.output());
            assertTrue(failed.output().contains("the output lacks \",\"ttl\":3600}"), failed.output());
        }
    }
}
