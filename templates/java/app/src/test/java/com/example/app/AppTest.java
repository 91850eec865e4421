package com.example.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Starts the real server on a free port and calls it over HTTP. */
class AppTest {
    private static HttpServer server;
    private static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void startServer() throws Exception {
        // A route only the tests add: production has none that fails on purpose.
        Routes.Route failing = exchange -> {
            throw new IllegalStateException("secret detail");
        };
        server = App.start(0, new Routes(App.SERVICE, App.HEALTH_PATH, Map.of("/test-only-failure", failing)));
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    private static HttpResponse<String> call(String method, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        HttpRequest request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertJson(HttpResponse<String> response, int status, String body) {
        assertEquals(status, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals(body, response.body());
    }

    @Test
    void rootGreets() throws Exception {
        assertJson(call("GET", "/"), 200,
                "{\"service\":\"" + App.SERVICE + "\",\"runtime\":\"java\",\"message\":\"Hello from AWS App Runner\"}");
    }

    @Test
    void healthIsOk() throws Exception {
        assertJson(call("GET", App.HEALTH_PATH), 200, "{\"status\":\"ok\"}");
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        assertJson(call("GET", "/no-such-page"), 404, "{\"error\":\"not found\"}");
        // Routes match whole paths, not prefixes.
        assertJson(call("GET", App.HEALTH_PATH + "/extra"), 404, "{\"error\":\"not found\"}");
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        HttpResponse<String> response = call("POST", "/");
        assertJson(response, 405, "{\"error\":\"method not allowed\"}");
        assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void headHasNoBody() throws Exception {
        HttpResponse<String> response = call("HEAD", App.HEALTH_PATH);
        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void requestsRunOnVirtualThreads() throws Exception {
        // A handler next to the app's routes, on the same server and executor, reports its thread.
        CompletableFuture<Boolean> virtual = new CompletableFuture<>();
        server.createContext("/thread-probe", exchange -> {
            virtual.complete(Thread.currentThread().isVirtual());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        try {
            assertEquals(204, call("GET", "/thread-probe").statusCode());
        } finally {
            server.removeContext("/thread-probe");
        }
        assertTrue(virtual.get(5, TimeUnit.SECONDS), "the request ran on a virtual thread");
    }

    @Test
    void portComesFromTheEnvironment() {
        assertEquals(App.DEFAULT_PORT, App.port(null));
        assertEquals(9000, App.port("9000"));
        for (String bad : new String[] {"eighty", "70000", "-1", "0", "+80", " 80"}) {
            assertThrows(IllegalArgumentException.class, () -> App.port(bad), bad);
        }
    }

    @Test
    void anUnhandledErrorIsABareJson500() throws Exception {
        assertJson(call("GET", "/test-only-failure"), 500, "{\"error\":\"internal server error\"}");
    }

    @Test
    void wrongMethodNamesTheAllowedOnes() throws Exception {
        for (String[] request : new String[][] {{"POST", "/"}, {"DELETE", App.HEALTH_PATH}}) {
            HttpResponse<String> response = call(request[0], request[1]);
            assertJson(response, 405, "{\"error\":\"method not allowed\"}");
            assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElse(""));
        }
    }

    @Test
    void serverLimitsAreSet() {
        assertEquals("16384", System.getProperty("sun.net.httpserver.maxReqHeaderSize"));
        assertEquals("15", System.getProperty("sun.net.httpserver.maxReqTime"));
    }

    @Test
    void logFieldsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", Log.quote("a\"b\\c\n\u0001"));
    }
}
