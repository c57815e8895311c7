package org.zaqar.server;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;

/**
 * The counterpart of upstream's OSProfiler integration, on OpenTelemetry: with
 * {@code [profiler] enabled} and {@code trace_wsgi_transport}, each API request is a span, its
 * trace id is in the log context ({@code %X{trace_id}}) while the request runs, and finished
 * spans are written to the log ({@code org.zaqar.server.Tracing.spans}). Off by default.
 */
final class Tracing implements AutoCloseable {
    static final String SECTION = "profiler";
    static final String LOG_KEY = "trace_id";
    private static final Logger SPANS = LoggerFactory.getLogger(Tracing.class.getName() + ".spans");

    /** The span and scope of the request running on this thread (before and after handlers share it). */
    private final ThreadLocal<Span> span = new ThreadLocal<>();
    private final ThreadLocal<Scope> scope = new ThreadLocal<>();
    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private Tracing(SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = provider == null ? null : provider.get("org.zaqar.server");
    }

    static Tracing from(ZaqarConfig config) {
        ConfigSection section = config.section(SECTION);
        boolean requests = section.getBoolean("enabled", false) && section.getBoolean("trace_wsgi_transport", false);
        if (!requests) {
            return new Tracing(null);
        }
        return new Tracing(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new LogExporter()))
                .build());
    }

    boolean enabled() {
        return tracer != null;
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
