package be.fiduciaire.tracker.support;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged application (target/quarkus-app, built by `package` before Failsafe runs the *IT classes) started as a
 * process of its own, as in production: tests kill it, restart it, or run two of them on one database.
 */
public final class PackagedApp implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private String session;

    private PackagedApp(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the jar on a free port with the given environment (added to the test JVM's, which carries the database of
     * the test run unless overridden) and waits until /q/health/ready answers 200.
     */
    public static PackagedApp start(String name, Map<String, String> env, List<String> systemProperties, Duration readyWithin)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("packaged-app-" + name + "-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m"));
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", System.getProperty("app.jar")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("PEPPOL_REFRESH_CRON", "off");
        builder.environment().putAll(env);
        PackagedApp app = new PackagedApp(name, builder.start(), log, port);
        app.awaitReady(readyWithin);
        return app;
    }

    private void awaitReady(Duration within) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest ready = HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready:\n" + log());
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            process.waitFor(500, TimeUnit.MILLISECONDS); // poll interval while starting, not a synchronisation
        }
        throw new IllegalStateException(name + " was not ready within " + within + ":\n" + log());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** Signs in (once) and returns a request to this instance with the session cookie. */
    public RequestSpecification as(String email, String password) {
        if (session == null) {
            session = given().baseUri(baseUrl()).contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                    .post("/api/auth/login").then().statusCode(200).extract().cookie("peppol_session");
        }
        // a change made with the session cookie names its own origin, as the SPA in a browser does (the CSRF check)
        return given().baseUri(baseUrl()).cookie("peppol_session", session).header("Origin", baseUrl()).contentType(ContentType.JSON);
    }

    /** SIGKILL: no shutdown hook, no finishing of the work in flight. Returns the exit status (128 + 9). */
    public int kill() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-KILL", String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) throw new IllegalStateException("kill -KILL " + process.pid() + " failed");
        if (!process.waitFor(60, TimeUnit.SECONDS)) throw new IllegalStateException(name + " survived SIGKILL");
        return process.exitValue();
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    public String logTail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", " + baseUrl() + ")";
    }

    /** Stops the instance (SIGTERM, then SIGKILL after a minute) and removes its log. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
