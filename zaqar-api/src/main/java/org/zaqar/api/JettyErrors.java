package org.zaqar.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Requests Jetty refuses before any route sees them (a malformed URI, oversized headers) still
 * get a JSON error body with falcon's default title, never Jetty's HTML page.
 */
final class JettyErrors extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
        String title = status + " " + HttpStatus.getMessage(status);
        return ByteBuffer.wrap(("{\"title\": \"" + title + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
