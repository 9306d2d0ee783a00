package io.tessera.gateway.dashboard;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.tessera.gateway.cluster.ClusterRoutes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /clusters/<name>/...}, any method, to {@code <target>/clusters/<name>/...} (path and query
 * unchanged: the scheduler serves under that prefix), with WebSocket upgrades, through
 * vertx-http-proxy on the gateway's own HTTP server. Quarkus authenticates first (the permission
 * {@code dashboard} in application.properties: API token, Keycloak bearer token or the browser
 * session); {@link DashboardAccess} then decides, off the event loop, and everything it refuses is
 * one identical 404. Bodies stream both ways (the request is paused until the proxy pipes it).
 */
@ApplicationScoped
public class DashboardProxy {

    /** The one answer for unknown, not running, and not yours alike. */
    static final String NOT_FOUND = new JsonObject().put("error", "Not Found").encode();

    @Inject
    Vertx vertx;

    @Inject
    DashboardSettings settings;

    @Inject
    DashboardAccess access;

    @ConfigProperty(name = "quarkus.rest-csrf.cookie-name", defaultValue = "csrf-token")
    String csrfCookie;

    private HttpClient client;

    void register(@Observes Router router) {
        if (!settings.enabled()) {
            return;
        }
        SchedulerOrigin.of(settings.target(), "probe", "probe"); // a bad template fails the start, not a request
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                .setMaxPoolSize(settings.maxConnectionsPerScheduler())
                .setMaxWaitQueueSize(settings.maxWaiting())
                .setKeepAliveTimeout(30));
        router.route(DashboardPath.PREFIX + "*").handler(this::handle);
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Optional<String> name = DashboardPath.clusterName(request.path());
        if (name.isEmpty()) {
            notFound(ctx);
            return;
        }
        // Nothing of the body may be lost while the decision is made elsewhere.
        request.pause();
        Context context = vertx.getOrCreateContext();
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(
                identity -> context.runOnContext(v -> context.<Optional<ClusterRoutes.Running>>executeBlocking(
                        () -> access.viewable(identity, name.get()), false).onComplete(decided -> {
                            if (decided.failed()) {
                                Log.warnf("dashboard of %s: access check failed: %s", name.get(), decided.cause().toString());
                                notFound(ctx);
                            } else if (decided.result().isEmpty()) {
                                notFound(ctx);
                            } else {
                                proxy(ctx, decided.result().get());
                            }
                        })),
                failure -> context.runOnContext(v -> notFound(ctx)));
    }

    private void proxy(RoutingContext ctx, ClusterRoutes.Running cluster) {
        HttpServerRequest request = ctx.request();
        SchedulerOrigin origin = SchedulerOrigin.of(settings.target(), cluster.name(), cluster.namespace());
        ForwardedHeaders.sanitise(request.headers(), isUpgrade(request), csrfCookie,
                request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress(), request.scheme(),
                request.authority() == null ? null : request.authority().toString());
        HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), client)
                .originRequestProvider((incoming, http) -> http.request(new RequestOptions()
                        .setHost(origin.host()).setPort(origin.port())
                        .setConnectTimeout(settings.connectTimeout().toMillis())
                        .setIdleTimeout(settings.responseTimeout().toMillis())))
                .addInterceptor(new ProxyInterceptor() {
                    @Override
                    public Future<Void> handleProxyResponse(ProxyContext proxied) {
                        ForwardedHeaders.sanitiseResponse(proxied.response().headers());
                        return proxied.sendResponse();
                    }
                })
                .handle(request);
    }

    private static boolean isUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        String connection = request.getHeader("Connection");
        return request.method() == HttpMethod.GET && upgrade != null && connection != null
                && upgrade.toLowerCase(Locale.ROOT).contains("websocket")
                && connection.toLowerCase(Locale.ROOT).contains("upgrade");
    }

    private static void notFound(RoutingContext ctx) {
        ctx.request().resume();
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json").end(NOT_FOUND);
        }
    }
}
