package com.example.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Tomcat's own error page, for what it refuses before Spring sees it (an oversized header block, a
 * request line that is not HTTP): the same JSON as every other error, with nosniff, instead of HTML.
 */
public class JsonErrorValve extends ErrorReportValve {
    @Override
    protected void report(Request request, Response response, Throwable error) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) return;
        HttpStatus named = HttpStatus.resolve(status);
        String reason = status >= 500 || named == null ? "internal server error" : named.getReasonPhrase().toLowerCase();
        byte[] body = ("{\"error\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8);
        try {
            response.setContentType("application/json");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException ignored) {
            // The client is gone: nothing left to tell it.
        }
    }

    /** Puts the valve on the host Boot's Tomcat creates. */
    @Component
    static class Install implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers((TomcatContextCustomizer) context ->
                    ((StandardHost) context.getParent()).setErrorReportValveClass(JsonErrorValve.class.getName()));
        }
    }
}
