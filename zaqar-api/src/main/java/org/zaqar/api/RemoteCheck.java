package org.zaqar.api;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * oslo.policy's {@code http:} and {@code https:} checks ({@code oslo_policy/_external.py},
 * form content type, its default): POSTs {@code rule}, {@code target} and {@code credentials},
 * each JSON-encoded, as a form to the URL (after {@code %(name)s} substitution from the target),
 * and allows only when the answer, stripped of surrounding double quotes, is exactly {@code True}.
 * A failed call denies, where oslo.policy would fail the request. https verifies the server's
 * certificate against the JVM's trust store.
 */
final class RemoteCheck implements PolicyRules.Check {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteCheck.class);
    /** oslo.policy's later {@code remote_timeout} default: a policy server must answer within this. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final String url;

    RemoteCheck(String url) {
        this.url = url;
    }

    @Override
    public boolean allows(PolicyRules.Evaluation evaluation) {
        String target = PythonFormat.apply(url, evaluation.target());
        if (target == null) {
            LOG.warn("Policy check {} names what the target lacks; denied", url);
            return false;
        }
        String form = "rule=" + encode(Json.text(Json.MAPPER.valueToTree(evaluation.rule())))
                + "&target=" + encode(Json.text(Json.MAPPER.valueToTree(evaluation.target())))
                + "&credentials=" + encode(Json.text(Json.MAPPER.valueToTree(evaluation.credentials())));
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(target)).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
            String answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
            return answer.replaceAll("^\"+|\"+$", "").equals("True");
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Policy check {} for rule {} failed ({}); denied", target, evaluation.rule(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
