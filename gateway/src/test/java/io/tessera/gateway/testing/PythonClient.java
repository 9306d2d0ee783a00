package io.tessera.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one step of dask-gateway-client/journey.py with the real dask-gateway client
 * (-Dtessera.python, e.g. the venv of e2e-tests/python/ensure-venv.sh) and returns its JSON.
 */
public final class PythonClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String address;
    private final String token;

    public PythonClient(String address, String token) {
        this.address = address;
        this.token = token;
    }

    public JsonNode run(String step, String... args) {
        Outcome outcome = execute(step, args);
        if (outcome.exit() != 0) {
            throw new AssertionError("journey.py " + step + " failed (exit " + outcome.exit() + ", python "
                    + LocalKubernetes.python() + "; it needs dask-gateway: -Dtessera.python=$(e2e-tests/python/ensure-venv.sh)):\n"
                    + outcome.out() + outcome.err());
        }
        try {
            return MAPPER.readTree(outcome.out().lines().reduce((a, b) -> b).orElse("{}"));
        } catch (IOException e) {
            throw new AssertionError("journey.py " + step + " printed no JSON: " + outcome.out(), e);
        }
    }

    /** Runs a step that must fail; returns what it printed to stderr (the client's exception). */
    public String runFailing(String step, String... args) {
        Outcome outcome = execute(step, args);
        if (outcome.exit() == 0) {
            throw new AssertionError("journey.py " + step + " succeeded, expected a failure: " + outcome.out());
        }
        return outcome.err();
    }

    private record Outcome(int exit, String out, String err) {
    }

    private Outcome execute(String step, String... args) {
        List<String> command = new ArrayList<>(List.of(LocalKubernetes.python(), script().toString(), address, step));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JUPYTERHUB_API_TOKEN", token);
        // The client honours proxy variables; the gateway is on loopback.
        List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")
                .forEach(builder.environment()::remove);
        builder.environment().put("NO_PROXY", "127.0.0.1,localhost");
        try {
            Process process = builder.start();
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("journey.py " + step + " did not finish within 120 s");
            }
            return new Outcome(process.exitValue(), out, errors.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static Path script() {
        URL url = PythonClient.class.getResource("/dask-gateway-client/journey.py");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
