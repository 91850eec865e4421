package com.example.app;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.ServletException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every error answers {"error": "<reason>"} in JSON, and a 500 says nothing of its cause. */
@RestControllerAdvice
public class Errors {
    private static final Logger log = LoggerFactory.getLogger(Errors.class);

    /** A known path asked with another method: 405 and the methods it does answer (RFC 9110, 15.5.6). */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, String>> wrongMethod(HttpRequestMethodNotSupportedException error) {
        Set<String> allowed = new TreeSet<>();
        Set<HttpMethod> supported = error.getSupportedHttpMethods();
        if (supported != null) supported.forEach(m -> allowed.add(m.name()));
        if (allowed.contains("GET")) allowed.add("HEAD"); // Spring answers HEAD wherever it answers GET
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .header(HttpHeaders.ALLOW, String.join(", ", allowed))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", "method not allowed"));
    }

    /** Spring's own 4xx answers (no such path, a bad request): their status, in our shape. */
    @ExceptionHandler({ServletException.class, ErrorResponseException.class})
    ResponseEntity<Map<String, String>> known(Exception error) {
        if (!(error instanceof ErrorResponse response)) return unhandled(error);
        HttpStatusCode status = response.getStatusCode();
        if (status.is5xxServerError()) return unhandled(error);
        HttpStatus named = HttpStatus.resolve(status.value());
        String reason = named == null ? "error" : named.getReasonPhrase().toLowerCase();
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", reason));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> unhandled(Exception error) {
        // The exception's class and message, never the request's headers (they may hold credentials).
        log.atError().addKeyValue("error", error.getClass().getName() + ": " + error.getMessage()).log("unhandled error");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", "internal server error"));
    }
}
