package org.zaqar.server;

import java.util.Collection;
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
        boolean requests = section.getBoolean("enabled", false) && section.getBoolean("trace_wsgi_transport", false);
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
        return new Tracing(builder.build(), section.getBoolean("trace_message_store", false),
                section.getBoolean("trace_management_store", false));
    }

    /**
     * Where spans are exported over OTLP/HTTP (protobuf), or null: {@code [profiler] otlp_endpoint}
     * (this server's own option, a full http(s) URL), else a {@code connection_string} in osprofiler's
     * {@code otlp://host:port} form, which means {@code http://host:port/v1/traces}.
     */
    private static String otlpEndpoint(ConfigSection section) {
        String endpoint = section.getString("otlp_endpoint", "");
        if (!endpoint.isEmpty()) {
            if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
                throw ZaqarException.validation("[profiler] otlp_endpoint = '" + endpoint
                        + "': must be an http:// or https:// URL, such as http://collector:4318/v1/traces");
            }
            return endpoint;
        }
        String connection = section.getString("connection_string", "messaging://");
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
