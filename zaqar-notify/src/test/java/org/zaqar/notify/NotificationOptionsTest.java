package org.zaqar.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;

class NotificationOptionsTest {

    @Test
    void defaultsAreUpstreams() {
        NotificationOptions options = NotificationOptions.defaults();
        assertEquals("third_part", options.smtpMode());
        assertNull(options.smtpHost());
        assertEquals(0, options.smtpPort());
        assertNull(options.smtpUserName());
        assertNull(options.smtpUserPassword());
        assertEquals("/usr/sbin/sendmail -t -oi", options.smtpCommand());
        assertEquals(10, options.maxNotifierWorkers());
        assertFalse(options.requireConfirmation());
        assertNull(options.externalConfirmationUrl());
        assertEquals(NotificationOptions.DEFAULT_SUBSCRIBE, options.subscriptionTemplate());
        assertEquals(NotificationOptions.DEFAULT_UNSUBSCRIBE, options.unsubscribeTemplate());
        assertNull(options.secretKey());
    }

    @Test
    void everyOptionIsRead() {
        NotificationOptions options = NotificationOptions.from(ZaqarConfig.parse("""
                [notification]
                smtp_mode = self_local
                smtp_host = mail.example.com
                smtp_port = 587
                smtp_user_name = zaqar
                smtp_user_password = s3cret
                smtp_command = /usr/lib/sendmail -t
                max_notifier_workers = 3
                require_confirmation = true
                external_confirmation_url = https://example.com/confirm
                subscription_confirmation_email_template = topic:Hello,sender:me@example.com
                unsubscribe_confirmation_email_template = body:Bye {0}
                [signed_url]
                secret_key = k
                """));
        assertEquals("self_local", options.smtpMode());
        assertEquals("mail.example.com", options.smtpHost());
        assertEquals(587, options.smtpPort());
        assertEquals("zaqar", options.smtpUserName());
        assertEquals("s3cret", options.smtpUserPassword());
        assertEquals("/usr/lib/sendmail -t", options.smtpCommand());
        assertEquals(3, options.maxNotifierWorkers());
        assertTrue(options.requireConfirmation());
        assertEquals("https://example.com/confirm", options.externalConfirmationUrl());
        assertEquals(new NotificationOptions.EmailTemplate("Hello", NotificationOptions.DEFAULT_SUBSCRIBE.body(),
                "me@example.com"), options.subscriptionTemplate());
        assertEquals("Bye {0}", options.unsubscribeTemplate().body());
        assertEquals("k", options.secretKey());
        assertFalse(options.toString().contains("s3cret"), "the password is masked");
    }

    @Test
    void badValuesAreReportedTogether() {
        ZaqarException error = assertThrows(ZaqarException.class, () -> NotificationOptions.from(ZaqarConfig.parse("""
                [notification]
                smtp_mode = carrier_pigeon
                max_notifier_workers = 0
                """)));
        assertTrue(error.getMessage().contains("smtp_mode must be third_part or self_local, not 'carrier_pigeon'"));
        assertTrue(error.getMessage().contains("max_notifier_workers 0 is below the minimum of 1"));
    }
}
