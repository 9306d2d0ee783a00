package io.tessera.gateway.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts one throw-away PostgreSQL for the test run and points the datasource at it. Needs only
 * the PostgreSQL server binaries: no containers, no running database service.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private PostgresServer server;

    @Override
    public Map<String, String> start() {
        long started = System.nanoTime();
        try {
            server = PostgresServer.in(Path.of("target"));
            server.start();
            // If the JVM ends without stop() (a killed build), do not leave a server behind.
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test PostgreSQL: " + e.getMessage(), e);
        }
        System.out.printf("[postgres] %s ready in %d ms%n", server.jdbcUrl(), (System.nanoTime() - started) / 1_000_000);
        return Map.of("quarkus.datasource.jdbc.url", server.jdbcUrl(),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", "",
                // The concurrency test races more requests than the default pool of 20 connections.
                "quarkus.datasource.jdbc.max-size", "50");
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            try {
                PostgresServer stopping = server;
                server = null;
                stopping.stop();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the test PostgreSQL: " + e.getMessage(), e);
            }
        }
    }
}
