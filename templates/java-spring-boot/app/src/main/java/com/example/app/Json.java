package com.example.app;

import java.util.Map;
import java.util.TreeMap;

/** A JSON object on one line, for the one log line written before Spring's logging starts. */
final class Json {
    private Json() {}

    static String line(Map<String, String> fields) {
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(fields).forEach((key, value) -> {
            if (out.length() > 1) out.append(',');
            out.append(quote(key)).append(':').append(quote(value));
        });
        return out.append('}').toString();
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
