package org.zaqar.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This build's version, as Maven wrote it into {@code version.properties}. */
final class Version {
    private Version() {
    }

    static String current() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}
