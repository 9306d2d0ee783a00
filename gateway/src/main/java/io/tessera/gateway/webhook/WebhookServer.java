package io.tessera.gateway.webhook;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tessera.gateway.webhook.tls.CertificateManager;
import io.tessera.gateway.webhook.tls.TlsMaterial;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SSLOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The webhook's own HTTPS listener (Vert.x), separate from the gateway's HTTP port: the API
 * server needs TLS with a certificate for the webhook Service, which the gateway issues itself
 * ({@link CertificateManager}). {@code POST /validate} takes an AdmissionReview. The certificate
 * is re-read on an interval and swapped in without a restart when it was renewed.
 */
@ApplicationScoped
public class WebhookServer {

    public static final String PATH = "/validate";
    /** The API server sends at most a few MiB (object and old object); more is not a review. */
    private static final long MAX_BODY = 16L << 20;

    @Inject
    Vertx vertx;

    @Inject
    WebhookConfig config;

    @Inject
    CertificateManager certificates;

    @Inject
    WebhookAdmission admission;

    private volatile HttpServer server;
    private volatile TlsMaterial serving;
    private long timer = -1;

    void start(@Observes StartupEvent event) throws Exception {
        if (config.enabled()) {
            listen();
        }
    }

    void stop(@Observes ShutdownEvent event) throws Exception {
        close();
    }

    /** Ensures the certificate (Secret, caBundle), then serves: what every gateway start does. */
    public synchronized void listen() throws Exception {
        serving = certificates.ensure();
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port()).setSsl(true)
                .setKeyCertOptions(keyCert(serving));
        server = vertx.createHttpServer(options).requestHandler(this::handle).listen()
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        Log.infof("admission webhook listening on https://%s:%d%s", config.host(), server.actualPort(), PATH);
        timer = vertx.setPeriodic(config.certificateCheckInterval().toMillis(), id -> refresh());
    }

    /** Stops serving (the API server then fails closed). */
    public synchronized void close() throws Exception {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            server = null;
        }
    }

    /** The bound port (the configured one, or the free one picked for port 0). */
    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    /** Re-reads the Secret (renewing when due) and serves the new certificate if it changed. */
    public void refresh() {
        vertx.executeBlocking(certificates::ensure, false).onSuccess(material -> {
            if (!Objects.equals(material, serving) && server != null) {
                server.updateSSLOptions(new SSLOptions().setKeyCertOptions(keyCert(material)))
                        .onSuccess(done -> Log.info("admission webhook now serves the renewed certificate"))
                        .onFailure(e -> Log.error("could not switch the webhook to the renewed certificate", e));
                serving = material;
            }
        }).onFailure(e -> Log.error("could not check the webhook certificate", e));
    }

    private void handle(HttpServerRequest request) {
        if (!PATH.equals(request.path())) {
            reply(request, 404, "{\"error\":\"not found; the admission webhook is POST " + PATH + "\"}");
            return;
        }
        if (request.method() != HttpMethod.POST) {
            reply(request, 405, "{\"error\":\"method not allowed; use POST\"}");
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > MAX_BODY) {
            reply(request, 413, "{\"error\":\"an AdmissionReview is at most 16 MiB\"}");
            return;
        }
        request.body().onSuccess(body -> vertx.executeBlocking(() -> answer(body), false)
                .onSuccess(answer -> reply(request, answer.status(), answer.json()))
                .onFailure(e -> reply(request, 500, "{\"error\":\"internal error\"}")))
                .onFailure(e -> reply(request, 400, "{\"error\":\"could not read the body\"}"));
    }

    /** What to send back: a review with the verdict, or a 400 for something that is not a review. */
    private record Answer(int status, String json) {
    }

    private Answer answer(Buffer body) {
        ReviewRequest review;
        try {
            review = ReviewRequest.parse(body.getBytes());
        } catch (IllegalArgumentException e) {
            return new Answer(400, io.vertx.core.json.Json.encode(java.util.Map.of("error", e.getMessage())));
        }
        return new Answer(200, admission.review(review).toReview(review.uid()));
    }

    private static void reply(HttpServerRequest request, int status, String json) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
    }

    private static PemKeyCertOptions keyCert(TlsMaterial material) {
        return new PemKeyCertOptions().setCertValue(Buffer.buffer(material.certPem()))
                .setKeyValue(Buffer.buffer(material.keyPem()));
    }
}
