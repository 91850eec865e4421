package com.example.app;

/**
 * One JSON object per line on stdout. App Runner ships stdout to CloudWatch Logs, which stamps each
 * line with its time and can query the fields, so no logging library is needed.
 */
final class Log {
    private Log() {}

    /** Fields come in name, value pairs; numbers and booleans are written bare, anything else as a string. */
    static void info(String msg, Object... fields) {
        write("info", msg, fields);
    }

    static void warn(String msg, Object... fields) {
        write("warn", msg, fields);
    }

    static void error(String msg, Object... fields) {
        write("error", msg, fields);
    }

    private static void write(String level, String msg, Object... fields) {
        StringBuilder line = new StringBuilder("{\"level\":").append(quote(level))
                .append(",\"msg\":").append(quote(msg));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            Object value = fields[i + 1];
            line.append(',').append(quote(String.valueOf(fields[i]))).append(':')
                    .append(value instanceof Number || value instanceof Boolean ? value : quote(String.valueOf(value)));
        }
        // One println per line: concurrent requests never interleave inside a line.
        System.out.println(line.append('}'));
    }

    /** A JSON string literal. Request paths come from clients, so everything that could break the line is escaped. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
