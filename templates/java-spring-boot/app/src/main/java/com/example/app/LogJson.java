package com.example.app;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/** Lower-case levels ("info", "error") in the JSON log lines, as the other services of this kind write. */
public class LogJson implements StructuredLoggingJsonMembersCustomizer<Object> {
    @Override
    public void customize(JsonWriter.Members<Object> members) {
        // The level is logback's Level object here, written with its toString(): "INFO" becomes "info".
        members.applyingValueProcessor(
                JsonWriter.ValueProcessor.<Object>of(level -> level.toString().toLowerCase()).whenHasPath("level"));
    }
}
