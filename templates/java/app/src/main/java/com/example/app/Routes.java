package com.example.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Every route, with request logging and a count of requests in flight for a graceful shutdown. */
final class Routes implements HttpHandler {
    private static final byte[] OK = json("{\"status\":\"ok\"}");
    private static final byte[] NOT_FOUND = json("{\"error\":\"not found\"}");
    private static final byte[] NOT_ALLOWED = json("{\"error\":\"method not allowed\"}");
    private static final byte[] SERVER_ERROR = json("{\"error\":\"internal server error\"}");

    /** A route added by tests (e.g. one that throws); production adds none that fail on purpose. */
    interface Route {
        int handle(HttpExchange exchange) throws IOException;
    }

    private final String healthPath;
    private final byte[] hello;
    private final Map<String, Route> extra;
    private final AtomicInteger inFlight = new AtomicInteger();

    Routes(String service, String healthPath) {
        this(service, healthPath, Map.of());
    }

    Routes(String service, String healthPath, Map<String, Route> extra) {
        this.healthPath = healthPath;
        this.extra = extra;
        this.hello = json("{\"service\":" + Log.quote(service)
                + ",\"runtime\":\"java\",\"message\":\"Hello from AWS App Runner\"}");
    }

    @Override
    public void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        int status = 500;
        try {
            status = route(exchange);
        } catch (IOException e) {
            // The client went away mid-response; there is nobody left to answer.
            Log.warn("response failed", "path", exchange.getRequestURI().getRawPath(), "error", e.toString());
        } catch (RuntimeException | Error e) {
            // The cause goes to the log (never the request's headers); the client gets the bare 500.
            Log.error("unhandled error", "path", exchange.getRequestURI().getRawPath(), "error", e.toString());
            status = sendQuietly(exchange, 500, SERVER_ERROR); // never echo internal errors to clients
        } finally {
            exchange.close();
            Log.info("request",
                    "method", exchange.getRequestMethod(),
                    "path", exchange.getRequestURI().getRawPath(),
                    "status", status,
                    "durationMs", Math.round((System.nanoTime() - start) / 10_000.0) / 100.0);
            inFlight.decrementAndGet();
        }
    }

    private int route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Route added = extra.get(path);
        if (added != null) {
            return added.handle(exchange);
        }
        boolean root = path.equals("/");
        if (!root && !path.equals(healthPath)) {
            return send(exchange, 404, NOT_FOUND);
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            return send(exchange, 405, NOT_ALLOWED);
        }
        return send(exchange, 200, root ? hello : OK);
    }

    private static int send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        // -1 means "no body"; the JDK server requires it for HEAD.
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        return status;
    }

    private static int sendQuietly(HttpExchange exchange, int status, byte[] body) {
        try {
            return send(exchange, status, body);
        } catch (IOException | RuntimeException e) {
            return status; // headers were already sent or the client is gone
        }
    }

    /** Waits until no request is being handled, or the timeout passes; true if it drained. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    int inFlight() {
        return inFlight.get();
    }

    private static byte[] json(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
