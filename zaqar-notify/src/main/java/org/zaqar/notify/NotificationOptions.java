package org.zaqar.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;

/**
 * The {@code [notification]} section, with upstream's option names and defaults, and the
 * {@code [signed_url] secret_key} that signs confirmation links.
 *
 * @param smtpMode               {@code third_part} runs {@code smtpCommand}; {@code self_local} talks SMTP itself
 * @param smtpPort               0 when not set
 * @param maxNotifierWorkers     threads that deliver notifications
 * @param externalConfirmationUrl the page confirmation emails link to, or null
 * @param secretKey              null when not set: then no confirmation is sent, as upstream
 */
public record NotificationOptions(String smtpMode, String smtpHost, int smtpPort, String smtpUserName,
                                  String smtpUserPassword, String smtpCommand, int maxNotifierWorkers,
                                  boolean requireConfirmation, String externalConfirmationUrl,
                                  EmailTemplate subscriptionTemplate, EmailTemplate unsubscribeTemplate,
                                  String secretKey) {
    public static final String SECTION = "notification";
    public static final List<String> OPTIONS = List.of("smtp_mode", "smtp_host", "smtp_port", "smtp_user_name",
            "smtp_user_password", "smtp_command", "max_notifier_workers", "require_confirmation",
            "external_confirmation_url", "subscription_confirmation_email_template",
            "unsubscribe_confirmation_email_template");

    static final EmailTemplate DEFAULT_SUBSCRIBE = new EmailTemplate(
            "Zaqar Notification - Subscription Confirmation",
            "You have chosen to subscribe to the queue: {0}. This queue belongs to project: {1}. "
                    + "To confirm this subscription, click or visit this link below: {2}",
            "Zaqar Notifications <no-reply@openstack.org>");
    static final EmailTemplate DEFAULT_UNSUBSCRIBE = new EmailTemplate(
            "Zaqar Notification - Unsubscribe Confirmation",
            "You have unsubscribed successfully to the queue: {0}. This queue belongs to project: {1}. "
                    + "To resubscribe this subscription, click or visit this link below: {2}",
            "Zaqar Notifications <no-reply@openstack.org>");

    /** An email's subject ({@code topic}), body with {0} queue, {1} project, {2} link, and sender. */
    public record EmailTemplate(String topic, String body, String sender) {
    }

    @Override
    public String toString() {
        return "NotificationOptions[smtpMode=" + smtpMode + ", smtpHost=" + smtpHost + ", smtpPort=" + smtpPort
                + ", smtpUserName=" + smtpUserName + ", smtpUserPassword=" + (smtpUserPassword == null ? null : "***")
                + ", maxNotifierWorkers=" + maxNotifierWorkers + ", requireConfirmation=" + requireConfirmation
                + ", externalConfirmationUrl=" + externalConfirmationUrl + "]";
    }

    public static NotificationOptions defaults() {
        return from(ZaqarConfig.empty());
    }

    /** Reads and validates the options, reporting every problem at once. */
    public static NotificationOptions from(ZaqarConfig config) {
        ConfigSection s = config.section(SECTION);
        List<String> problems = new ArrayList<>();
        String mode = s.getString("smtp_mode", "third_part");
        if (!List.of("third_part", "self_local").contains(mode)) {
            problems.add("[notification] smtp_mode must be third_part or self_local, not '" + mode + "'");
        }
        int port = s.getInt("smtp_port", 0);
        if (port < 0 || port > 65535) {
            problems.add("[notification] smtp_port " + port + " is not a port number");
        }
        int workers = s.getInt("max_notifier_workers", 10);
        if (workers < 1) {
            problems.add("[notification] max_notifier_workers " + workers + " is below the minimum of 1");
        }
        if (!problems.isEmpty()) {
            throw ZaqarException.validation(String.join("; ", problems));
        }
        return new NotificationOptions(mode, s.get("smtp_host").orElse(null), port,
                s.get("smtp_user_name").orElse(null), s.get("smtp_user_password").orElse(null),
                s.getString("smtp_command", "/usr/sbin/sendmail -t -oi"), workers,
                s.getBoolean("require_confirmation", false), s.get("external_confirmation_url").orElse(null),
                template(s, "subscription_confirmation_email_template", DEFAULT_SUBSCRIBE),
                template(s, "unsubscribe_confirmation_email_template", DEFAULT_UNSUBSCRIBE),
                config.section("signed_url").get("secret_key").orElse(null));
    }

    /** oslo.config's DictOpt: {@code topic:...,body:...,sender:...}; missing keys keep their default. */
    private static EmailTemplate template(ConfigSection section, String option, EmailTemplate defaults) {
        if (section.get(option).isEmpty()) {
            return defaults;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : section.get(option).get().split(",")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                values.put(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip());
            }
        }
        return new EmailTemplate(values.getOrDefault("topic", defaults.topic()),
                values.getOrDefault("body", defaults.body()), values.getOrDefault("sender", defaults.sender()));
    }
}
