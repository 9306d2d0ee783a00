package io.tessera.operator.arraycluster.tls;

import static io.tessera.operator.arraycluster.tls.TlsTestSupport.context;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issued credentials in the hands of Python's ssl (the worker image's Python 3.11 and
 * OpenSSL 3, from {@code -Dtessera.python}): the client contexts the dask-gateway client and Dask's
 * {@code Security} build, each once more with {@code VERIFY_X509_STRICT} (Python 3.13's default),
 * complete a mutual handshake with a loopback server that requires the cluster certificate.
 */
class PythonTlsHandshakeIT {

    private static final String PYTHON = System.getProperty("tessera.python", "python3");

    /** argv: port cert key mode; prints the server's answer. */
    private static final String CLIENT = """
            import socket, ssl, sys
            port, cert, key, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
            if mode.startswith("gateway"):
                # dask_gateway.client.GatewaySecurity.get_connection_args
                ctx = ssl.create_default_context(purpose=ssl.Purpose.SERVER_AUTH, cafile=cert)
                ctx.verify_mode = ssl.CERT_REQUIRED
                ctx.check_hostname = False
                ctx.load_cert_chain(cert, key)
            else:
                from distributed.security import Security
                ctx = Security(tls_ca_file=cert, tls_client_cert=cert, tls_client_key=key,
                               require_encryption=True).get_connection_args("client")["ssl_context"]
            if mode.endswith("strict"):
                ctx.verify_flags |= ssl.VERIFY_X509_STRICT
            with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
                with ctx.wrap_socket(raw, server_hostname="daskgateway-demo") as tls:
                    tls.sendall(b"ping")
                    print(tls.recv(4).decode(), tls.version())
            """;

    @TempDir
    Path dir;

    @Test
    void shouldCompleteAMutualHandshakeWithDaskGatewaysAndDasksClientContextsEvenInStrictMode() throws Exception {
        ClusterCredentials demo = ClusterCertificateIssuer.issue("demo", Instant.now());
        Path cert = Files.writeString(dir.resolve("tls.crt"), demo.certificatePem());
        Path key = Files.writeString(dir.resolve("tls.key"), demo.privateKeyPem());

        for (String mode : List.of("gateway", "gateway-strict", "dask", "dask-strict")) {
            assertThat(pythonClient(demo, cert, key, mode)).as(mode).startsWith("pong TLSv1.3");
        }
    }

    private String pythonClient(ClusterCredentials server, Path cert, Path key, String mode) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) context(server, server).getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(20_000);
                    if (new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII).equals("ping")) {
                        socket.getOutputStream().write("pong".getBytes(StandardCharsets.US_ASCII));
                        socket.getOutputStream().flush();
                    }
                } catch (IOException e) {
                    // the client's output says what went wrong
                }
            });
            Process python = new ProcessBuilder(PYTHON, "-c", CLIENT, String.valueOf(listener.getLocalPort()),
                    cert.toString(), key.toString(), mode).redirectErrorStream(true).start();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
            served.get(30, TimeUnit.SECONDS);
            return output;
        }
    }
}
