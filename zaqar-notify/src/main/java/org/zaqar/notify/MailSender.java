package org.zaqar.notify;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one plain-text email: over SMTP with Jakarta Mail ({@code smtp_mode = self_local}), or
 * by piping it to {@code smtp_command}, as sendmail expects ({@code third_part}, upstream's default).
 */
final class MailSender {
    private static final Logger LOG = LoggerFactory.getLogger(MailSender.class);
    private static final int SMTPS_PORT = 465;
    private static final String TIMEOUT_MILLIS = "10000";
    private static final String MAILTO = "mailto";

    private final NotificationOptions options;
    private final DeliveryObserver observer;
    private final Session session;

    MailSender(NotificationOptions options, DeliveryObserver observer) {
        this.options = options;
        this.observer = observer;
        this.session = options.smtpMode().equals("self_local") ? smtpSession(options) : Session.getInstance(new Properties());
    }

    private static Session smtpSession(NotificationOptions options) {
        boolean implicitTls = options.smtpPort() == SMTPS_PORT;
        String protocol = implicitTls ? "smtps" : "smtp";
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", protocol);
        properties.put("mail." + protocol + ".host", options.smtpHost() == null ? "localhost" : options.smtpHost());
        if (options.smtpPort() > 0) {
            properties.put("mail." + protocol + ".port", String.valueOf(options.smtpPort()));
        }
        properties.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MILLIS);
        properties.put("mail." + protocol + ".timeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.starttls.enable", "true");
        if (options.smtpUserName() == null) {
            return Session.getInstance(properties);
        }
        properties.put("mail." + protocol + ".auth", "true");
        return Session.getInstance(properties, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(options.smtpUserName(),
                        options.smtpUserPassword() == null ? "" : options.smtpUserPassword());
            }
        });
    }

    /** Sends the email; failures are logged, as upstream, never thrown. */
    void send(String to, String from, String subject, String body) {
        try {
            MimeMessage message = new MimeMessage(session);
            if (from != null && !from.isEmpty()) {
                message.setFrom(new InternetAddress(from));
            }
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(to));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setText(body, StandardCharsets.UTF_8.name());
            if (options.smtpMode().equals("self_local")) {
                Transport.send(message);
            } else {
                pipeToCommand(message);
            }
            LOG.debug("Sent mail to {}", to);
            observer.attempted(MAILTO, false, true);
            return;
        } catch (MessagingException | IOException e) {
            LOG.warn("Failed to send email to {}: {}", to, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Emails are not retried.
        observer.attempted(MAILTO, false, false);
        observer.dropped(MAILTO);
    }

    private void pipeToCommand(MimeMessage message) throws IOException, MessagingException, InterruptedException {
        Process process = new ProcessBuilder(List.of(options.smtpCommand().split(" ")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream input = process.getOutputStream()) {
            message.writeTo(input);
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("'" + options.smtpCommand() + "' did not finish within 30 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("'" + options.smtpCommand() + "' exited with " + process.exitValue());
        }
    }
}
