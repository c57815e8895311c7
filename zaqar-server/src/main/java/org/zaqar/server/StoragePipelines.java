package org.zaqar.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;

/**
 * The {@code [storage]} pipelines ({@code queue_pipeline}, {@code message_pipeline}, ...): the
 * stages upstream puts in front of each storage controller. Upstream registers one stage,
 * {@code zaqar.notification.notifier}, which hooks message posts only; so subscribers are notified
 * exactly when it is in {@code message_pipeline}, as devstack and puppet-zaqar write it.
 *
 * <p>Upstream's default is an empty pipeline, so an option file that does not name the notifier
 * turns notifications off. A server started with no option set at all (no file, or one whose
 * options are all commented out, such as the sample) notifies, so that trying the server out works
 * without writing a file first.
 */
record StoragePipelines(boolean notifies, List<String> warnings) {
    static final String SECTION = "storage";
    static final String NOTIFIER = "zaqar.notification.notifier";
    static final List<String> RESOURCES = List.of("queue", "message", "claim", "subscription", "topic");

    static StoragePipelines from(ZaqarConfig config) {
        boolean nothingSet = config.sections().values().stream().allMatch(Map::isEmpty);
        ConfigSection section = config.section(SECTION);
        List<String> warnings = new ArrayList<>();
        boolean notifies = false;
        for (String resource : RESOURCES) {
            String option = resource + "_pipeline";
            String fallback = nothingSet && resource.equals("message") ? NOTIFIER : "";
            for (String stage : stages(section.getString(option, fallback))) {
                if (!stage.equals(NOTIFIER)) {
                    // Upstream logs that a stage it cannot import is skipped, and starts.
                    warnings.add("[storage] " + option + ": stage '" + stage + "' could not be imported "
                            + "(the only stage is " + NOTIFIER + "); skipped");
                } else if (resource.equals("message")) {
                    notifies = true;
                } else {
                    warnings.add("[storage] " + option + ": stage " + NOTIFIER + " hooks message posts only; "
                            + "it does nothing here (put it in message_pipeline)");
                }
            }
        }
        return new StoragePipelines(notifies, List.copyOf(warnings));
    }

    private static List<String> stages(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(stage -> !stage.isEmpty()).toList();
    }
}
