package org.zaqar.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.Option;
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
    public static final Option<String> SMTP_MODE = Option.string(SECTION, "smtp_mode", "third_part",
            "Delivery of mailto subscriptions: third_part pipes each email to smtp_command; self_local talks SMTP "
                    + "to smtp_host:smtp_port (port 465 uses implicit TLS; other ports use STARTTLS when the "
                    + "server offers it).");
    public static final Option<String> SMTP_HOST = Option.string(SECTION, "smtp_host", null,
            "SMTP server host (self_local mode).");
    public static final Option<Integer> SMTP_PORT = Option.port(SECTION, "smtp_port", null,
            "SMTP server port (self_local mode).");
    public static final Option<String> SMTP_USER_NAME = Option.string(SECTION, "smtp_user_name", null,
            "SMTP user name, when the server wants a login.");
    public static final Option<String> SMTP_USER_PASSWORD = Option.string(SECTION, "smtp_user_password", null,
            "SMTP password.").secret();
    public static final Option<String> SMTP_COMMAND = Option.string(SECTION, "smtp_command",
            "/usr/sbin/sendmail -t -oi", "The command that sends an email read from its standard input "
                    + "(third_part mode).");
    public static final Option<Integer> MAX_NOTIFIER_WORKERS = Option.integer(SECTION, "max_notifier_workers", 10,
            "The maximum number of deliveries to subscribers under way at once.");
    public static final Option<Boolean> REQUIRE_CONFIRMATION = Option.bool(SECTION, "require_confirmation", false,
            "Only confirmed subscribers get messages; confirmation requests are signed with [signed_url] "
                    + "secret_key.");
    public static final Option<String> EXTERNAL_CONFIRMATION_URL = Option.string(SECTION,
            "external_confirmation_url", null, "The confirmation page a mailto subscriber's email links to.");
    public static final Option<String> SUBSCRIPTION_TEMPLATE = Option.string(SECTION,
            "subscription_confirmation_email_template", "topic:Zaqar Notification - Subscription Confirmation,"
                    + "sender:Zaqar Notifications <no-reply@openstack.org>", "Topic, body and sender of the email "
                    + "asking a mailto subscriber to confirm (keys topic, body, sender).");
    public static final Option<String> UNSUBSCRIBE_TEMPLATE = Option.string(SECTION,
            "unsubscribe_confirmation_email_template", "topic:Zaqar Notification - Unsubscribe Confirmation,"
                    + "sender:Zaqar Notifications <no-reply@openstack.org>", "Topic, body and sender of the email "
                    + "confirming an unsubscription (keys topic, body, sender).");
    /** {@code [signed_url] secret_key}, which signs confirmation links as it signs pre-signed URLs. */
    public static final Option<String> SECRET_KEY = Option.string("signed_url", "secret_key", null,
            "Secret key used to sign pre-signed URLs. Never printed or logged.").secret();

    /** The options of {@code [notification]}, in the order the sample config lists them. */
    public static final List<Option<?>> OPTIONS = List.of(SMTP_MODE, SMTP_HOST, SMTP_PORT, SMTP_USER_NAME,
            SMTP_USER_PASSWORD, SMTP_COMMAND, MAX_NOTIFIER_WORKERS, REQUIRE_CONFIRMATION, EXTERNAL_CONFIRMATION_URL,
            SUBSCRIPTION_TEMPLATE, UNSUBSCRIBE_TEMPLATE);

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
        String mode = SMTP_MODE.from(s);
        if (!List.of("third_part", "self_local").contains(mode)) {
            problems.add("[notification] smtp_mode must be third_part or self_local, not '" + mode + "'");
        }
        int port = 0;
        try {
            port = Objects.requireNonNullElse(SMTP_PORT.from(s), 0);
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        int workers = MAX_NOTIFIER_WORKERS.from(s);
        if (workers < 1) {
            problems.add("[notification] max_notifier_workers " + workers + " is below the minimum of 1");
        }
        if (!problems.isEmpty()) {
            throw ZaqarException.validation(String.join("; ", problems));
        }
        return new NotificationOptions(mode, SMTP_HOST.from(s), port, SMTP_USER_NAME.from(s),
                SMTP_USER_PASSWORD.from(s), SMTP_COMMAND.from(s), workers, REQUIRE_CONFIRMATION.from(s),
                EXTERNAL_CONFIRMATION_URL.from(s), template(s, SUBSCRIPTION_TEMPLATE, DEFAULT_SUBSCRIBE),
                template(s, UNSUBSCRIBE_TEMPLATE, DEFAULT_UNSUBSCRIBE), SECRET_KEY.from(config));
    }

    /** oslo.config's DictOpt: {@code topic:...,body:...,sender:...}; missing keys keep their default. */
    private static EmailTemplate template(ConfigSection section, Option<String> option, EmailTemplate defaults) {
        if (!option.isSet(section)) {
            return defaults;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : option.from(section).split(",")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                values.put(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip());
            }
        }
        return new EmailTemplate(values.getOrDefault("topic", defaults.topic()),
                values.getOrDefault("body", defaults.body()), values.getOrDefault("sender", defaults.sender()));
    }
}
