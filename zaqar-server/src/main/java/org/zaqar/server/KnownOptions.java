package org.zaqar.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.storage.StorageDriver;

/**
 * The zaqar.conf options this server knows, by section, with upstream's names. Anything else is
 * reported as a warning at start-up (a typo in an option name must not pass silently).
 */
final class KnownOptions {
    private static final Set<String> OSLO_LOG = Set.of(
            "debug", "verbose", "log_file", "log_dir", "log_config_append", "use_stderr", "use_syslog",
            "use_journal", "use_json", "log_date_format", "logging_context_format_string",
            "logging_default_format_string", "default_log_levels", "publish_errors", "watch_log_file");

    private static final Map<String, Set<String>> SECTIONS = Map.ofEntries(
            Map.entry(ZaqarConfig.DEFAULT_SECTION, Set.of("admin_mode", "pooling", "unreliable",
                    "enable_deprecated_api_versions", "enable_checksum", "auth_strategy")),
            Map.entry("drivers", Set.of("transport", "message_store", "management_store")),
            Map.entry("drivers:transport:wsgi", Set.of("bind", "port")),
            Map.entry("transport", Set.of("default_message_ttl", "default_message_delay", "default_claim_ttl",
                    "default_claim_grace", "default_subscription_ttl", "max_queues_per_page",
                    "max_messages_per_page", "max_subscriptions_per_page", "max_messages_per_claim_or_pop",
                    "max_queue_metadata", "max_messages_post_size", "max_message_ttl", "max_message_delay",
                    "max_claim_ttl", "max_claim_grace", "subscriber_types", "max_flavors_per_page",
                    "max_pools_per_page", "client_id_uuid_safe", "min_length_client_id",
                    "max_length_client_id", "message_delete_with_claim_id", "message_encryption_algorithms",
                    "message_encryption_key", "message_encryption_previous_keys")),
            Map.entry("storage", Set.of("queue_pipeline", "message_pipeline", "claim_pipeline",
                    "subscription_pipeline", "topic_pipeline")),
            Map.entry("signed_url", Set.of("secret_key")),
            Map.entry("keystone_authtoken", Set.of("www_authenticate_uri", "auth_uri", "auth_url", "auth_type",
                    "username", "password", "project_name", "user_domain_name", "project_domain_name",
                    "memcached_servers", "token_cache_time", "http_connect_timeout")),
            Map.entry("oslo_policy", Set.of("policy_file", "enforce_scope", "enforce_new_defaults")),
            Map.entry("cors", Set.of("allowed_origin", "allow_credentials", "expose_headers", "max_age",
                    "allow_methods", "allow_headers")),
            Map.entry("pooling:catalog", Set.of("enable_virtual_pool")));

    private KnownOptions() {
    }

    /**
     * One line per unknown section or option, ready to log. Each driver declares the options of its
     * own sections, so a driver on the class path is known without being listed here.
     */
    static List<String> unknown(ZaqarConfig config, StorageDrivers drivers) {
        Map<String, Set<String>> sections = new HashMap<>(SECTIONS);
        for (StorageDriver driver : drivers.all()) {
            sections.put("drivers:message_store:" + driver.name(), driver.messageStoreOptions());
            sections.put("drivers:management_store:" + driver.name(), driver.managementStoreOptions());
        }
        List<String> warnings = new ArrayList<>();
        config.sections().forEach((section, options) -> {
            Set<String> known = sections.get(section);
            if (known == null) {
                warnings.add("[" + section + "] is not a section this server reads; its "
                        + options.size() + " option(s) are ignored");
                return;
            }
            for (String option : options.keySet()) {
                boolean isLogOption = section.equals(ZaqarConfig.DEFAULT_SECTION) && OSLO_LOG.contains(option);
                if (!known.contains(option) && !isLogOption) {
                    warnings.add("[" + section + "] " + option + " is not a known option; it is ignored");
                }
            }
        });
        return warnings;
    }
}
