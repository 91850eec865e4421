package com.example.app;

import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
public class App {
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    public static void main(String[] args) {
        String port = System.getenv("PORT");
        if (port != null && !port.isEmpty() && !validPort(port)) {
            // Before Spring starts, so one JSON line and no stack trace (the logger is not set up yet).
            System.out.println(Json.line(Map.of(
                    "level", "error", "msg", "invalid PORT",
                    "error", "PORT must be a whole number from 1 to 65535", "PORT", port)));
            System.exit(1);
        }
        SpringApplication app = new SpringApplication(App.class);
        // Our own hook instead of Spring's (spring.main.register-shutdown-hook=false): it closes the
        // context (Tomcat stops accepting and drains, see server.shutdown=graceful) and then ends the
        // JVM with 0. A JVM stopped by SIGTERM would otherwise exit 143 even after a clean drain.
        ConfigurableApplicationContext context = app.run(args);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(context), "shutdown"));
    }

    static boolean validPort(String value) {
        if (!PORT.matcher(value).matches()) return false;
        int port = Integer.parseInt(value);
        return port >= 1 && port <= 65535;
    }

    private static void stop(ConfigurableApplicationContext context) {
        Logger log = LoggerFactory.getLogger(App.class);
        log.info("shutting down");
        context.close();
        log.info("stopped");
        // halt(), not exit(): exit() would wait for this very hook.
        Runtime.getRuntime().halt(0);
    }
}
