package com.example.app;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.web.EndpointMediaTypes;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** What every request and the health path share: the request log line, nosniff, plain JSON. */
@Configuration
public class Web {
    private static final Logger log = LoggerFactory.getLogger(Web.class);

    /** Actuator answers in plain application/json like every other route, not its own vendor type. */
    @Bean
    EndpointMediaTypes endpointMediaTypes() {
        return new EndpointMediaTypes(List.of("application/json"), List.of("application/json"));
    }

    /** The health path says {"status":"ok"} while every health indicator is up, and DOWN (503) otherwise. */
    @Bean
    StatusAggregator statusAggregator() {
        StatusAggregator standard = StatusAggregator.getDefault();
        return statuses -> {
            Status status = standard.getAggregateStatus(statuses);
            return Status.UP.equals(status) ? new Status("ok") : status;
        };
    }

    @EventListener
    void listening(WebServerInitializedEvent event) {
        log.atInfo().addKeyValue("port", event.getWebServer().getPort()).log("listening");
    }

    /** First in the chain: one log line per request (method, path, status, duration), never its query. */
    @Component
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class RequestLog extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            long start = System.nanoTime();
            response.setHeader("X-Content-Type-Options", "nosniff");
            try {
                chain.doFilter(request, response);
            } finally {
                log.atInfo()
                        .addKeyValue("method", request.getMethod())
                        // The path alone: a query string may hold tokens or keys.
                        .addKeyValue("path", request.getRequestURI())
                        .addKeyValue("status", response.getStatus())
                        .addKeyValue("durationMs", Math.round((System.nanoTime() - start) / 10_000.0) / 100.0)
                        .log("request");
            }
        }
    }
}
