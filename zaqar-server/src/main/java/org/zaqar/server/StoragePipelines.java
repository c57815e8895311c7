package org.zaqar.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.Option;
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
    /** One pipeline option per resource, in RESOURCES' order. */
    static final List<Option<List<String>>> PIPELINES = RESOURCES.stream().map(resource -> Option.list(SECTION,
            resource + "_pipeline", null, "Pipeline to use for processing " + resource + " operations. The one "
                    + "stage, " + NOTIFIER + ", acts in message_pipeline only" + (resource.equals("message")
                    ? ", where it notifies subscribers of posted messages. Left empty (upstream's default) nobody "
                    + "is notified, except when no option is set at all" : "") + "; unknown stages are skipped "
                    + "with a warning.")).toList();
    static final List<Option<?>> OPTIONS = List.copyOf(PIPELINES);

    static StoragePipelines from(ZaqarConfig config) {
        boolean nothingSet = config.sections().values().stream().allMatch(Map::isEmpty);
        ConfigSection section = config.section(SECTION);
        List<String> warnings = new ArrayList<>();
        boolean notifies = false;
        for (Option<List<String>> pipeline : PIPELINES) {
            String option = pipeline.name();
            String resource = option.substring(0, option.indexOf('_'));
            List<String> stages = pipeline.isSet(section) ? pipeline.from(section)
                    : nothingSet && resource.equals("message") ? List.of(NOTIFIER) : List.of();
            for (String stage : stages) {
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
}
