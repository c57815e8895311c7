package org.zaqar.server;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.Option;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;

/**
 * The counterpart of upstream's OSProfiler integration, on OpenTelemetry: with
 * {@code [profiler] enabled} and {@code trace_wsgi_transport}, each API request is a span, its
 * trace id is in the log context ({@code %X{trace_id}}) while the request runs, and finished
 * spans are written to the log ({@code org.zaqar.server.Tracing.spans}). With
 * {@code trace_message_store} / {@code trace_management_store} each store call the request makes
 * is a child span ({@link StoreCalls}). With an OTLP endpoint ({@link #otlpEndpoint}) spans are
 * also exported over OTLP/HTTP. Off by default.
 */
final class Tracing implements AutoCloseable {
    static final String SECTION = "profiler";
    static final Option<Boolean> ENABLED = Option.bool(SECTION, "enabled", false, "Enable tracing (upstream's "
            + "OSProfiler; here OpenTelemetry): with trace_wsgi_transport, each API request is a span, its trace id "
            + "is in the log context (%X{trace_id}) and finished spans are logged by org.zaqar.server.Tracing.spans.");
    static final Option<Boolean> TRACE_WSGI_TRANSPORT = Option.bool(SECTION, "trace_wsgi_transport", false,
            "If False doesn't trace any transport requests.");
    static final Option<Boolean> TRACE_MESSAGE_STORE = Option.bool(SECTION, "trace_message_store", false,
            "If False doesn't trace any message store requests. When True, each message store call of a traced "
                    + "API request is a child span.");
    static final Option<Boolean> TRACE_MANAGEMENT_STORE = Option.bool(SECTION, "trace_management_store", false,
            "If False doesn't trace any management store requests. When True, each management store call of a "
                    + "traced API request is a child span.");
    static final Option<String> HMAC_KEYS = Option.string(SECTION, "hmac_keys", "SECRET_KEY", "Accepted for "
            + "compatibility (OSProfiler's trace signing keys); not used.").secret();
    static final Option<String> CONNECTION_STRING = Option.string(SECTION, "connection_string", "messaging://",
            "OSProfiler's collector. Only osprofiler's otlp://HOST:PORT form is used: spans are then exported over "
                    + "OTLP/HTTP to http://HOST:PORT/v1/traces. Other values are accepted for compatibility; spans "
                    + "go to the log.");
    static final Option<String> OTLP_ENDPOINT = Option.string(SECTION, "otlp_endpoint", null, "Export spans over "
            + "OTLP/HTTP (protobuf) to this URL, e.g. https://collector.example.com:4318/v1/traces; takes "
            + "precedence over connection_string. This option is this server's own; upstream has none.");
    static final List<Option<?>> OPTIONS = List.of(ENABLED, TRACE_WSGI_TRANSPORT, TRACE_MESSAGE_STORE,
            TRACE_MANAGEMENT_STORE, HMAC_KEYS, CONNECTION_STRING, OTLP_ENDPOINT);
    static final String LOG_KEY = "trace_id";
    private static final Logger SPANS = LoggerFactory.getLogger(Tracing.class.getName() + ".spans");
    /** osprofiler's form of an OTLP collector: {@code otlp://host:port}, plain HTTP. */
    private static final String OSPROFILER_OTLP = "otlp://";

    /** The span and scope of the request running on this thread (before and after handlers share it). */
    private final ThreadLocal<Span> span = new ThreadLocal<>();
    private final ThreadLocal<Scope> scope = new ThreadLocal<>();
    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final boolean messageStore;
    private final boolean managementStore;

    private Tracing(SdkTracerProvider provider, boolean messageStore, boolean managementStore) {
        this.provider = provider;
        this.tracer = provider == null ? null : provider.get("org.zaqar.server");
        this.messageStore = provider != null && messageStore;
        this.managementStore = provider != null && managementStore;
    }

    /** @throws ZaqarException VALIDATION_FAILED for an OTLP endpoint that is no http(s) URL */
    static Tracing from(ZaqarConfig config) {
        ConfigSection section = config.section(SECTION);
        String otlp = otlpEndpoint(section);
        boolean requests = ENABLED.from(section) && TRACE_WSGI_TRANSPORT.from(section);
        if (!requests) {
            return new Tracing(null, false, false);
        }
        SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), "zaqar-server"))))
                .addSpanProcessor(SimpleSpanProcessor.create(new LogExporter()));
        if (otlp != null) {
            builder.addSpanProcessor(BatchSpanProcessor.builder(
                    OtlpHttpSpanExporter.builder().setEndpoint(otlp).build()).build());
        }
        return new Tracing(builder.build(), TRACE_MESSAGE_STORE.from(section), TRACE_MANAGEMENT_STORE.from(section));
    }

    /**
     * Where spans are exported over OTLP/HTTP (protobuf), or null: {@code [profiler] otlp_endpoint}
     * (this server's own option, a full http(s) URL), else a {@code connection_string} in osprofiler's
     * {@code otlp://host:port} form, which means {@code http://host:port/v1/traces}.
     */
    private static String otlpEndpoint(ConfigSection section) {
        String endpoint = OTLP_ENDPOINT.from(section);
        if (endpoint != null && !endpoint.isEmpty()) {
            if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
                throw ZaqarException.validation("[profiler] otlp_endpoint = '" + endpoint
                        + "': must be an http:// or https:// URL, such as http://collector:4318/v1/traces");
            }
            return endpoint;
        }
        String connection = CONNECTION_STRING.from(section);
        if (connection.startsWith(OSPROFILER_OTLP)) {
            String hostAndPort = connection.substring(OSPROFILER_OTLP.length()).replaceAll("/+$", "");
            return "http://" + hostAndPort + "/v1/traces";
        }
        return null;
    }

    boolean enabled() {
        return tracer != null;
    }

    boolean tracesMessageStore() {
        return messageStore;
    }

    boolean tracesManagementStore() {
        return managementStore;
    }

    /** A child span of this thread's request span for one store call; null outside a traced request. */
    Span storeSpan(String store, String operation) {
        if (tracer == null || span.get() == null) {
            return null;
        }
        return tracer.spanBuilder(store + " " + operation).setSpanKind(SpanKind.CLIENT)
                .setAttribute("zaqar.store", store).setAttribute("zaqar.store.operation", operation)
                .startSpan();
    }

    void started(String requestId) {
        if (tracer == null) {
            return;
        }
        Span request = tracer.spanBuilder("HTTP request").setSpanKind(SpanKind.SERVER)
                .setAttribute("zaqar.request_id", requestId).startSpan();
        span.set(request);
        scope.set(request.makeCurrent());
        MDC.put(LOG_KEY, request.getSpanContext().getTraceId());
    }

    void completed(String method, String route, int status) {
        Span request = span.get();
        if (request == null) {
            return;
        }
        try {
            request.updateName(method + " " + route);
            request.setAttribute(AttributeKey.stringKey("http.request.method"), method);
            request.setAttribute(AttributeKey.stringKey("http.route"), route);
            request.setAttribute(AttributeKey.longKey("http.response.status_code"), (long) status);
            if (status >= 500) {
                request.setStatus(StatusCode.ERROR);
            }
            request.end();
        } finally {
            scope.get().close();
            span.remove();
            scope.remove();
            MDC.remove(LOG_KEY);
        }
    }

    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(5, TimeUnit.SECONDS);
        }
    }

    /** Writes each finished span as one log line: names, ids, timing and status, never payloads. */
    private static final class LogExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            for (SpanData data : spans) {
                SPANS.info("span '{}' trace_id={} span_id={} parent={} duration={} us status={} attributes={}",
                        data.getName(), data.getTraceId(), data.getSpanId(), data.getParentSpanId(),
                        (data.getEndEpochNanos() - data.getStartEpochNanos()) / 1000, data.getStatus().getStatusCode(),
                        data.getAttributes().asMap());
            }
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
