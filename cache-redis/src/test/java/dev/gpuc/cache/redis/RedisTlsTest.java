package dev.gpuc.cache.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rediss://} is TLS with the server's certificate and host name checked. */
class RedisTlsTest {
    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock();
    private final RecordingLogger log = new RecordingLogger();

    @Test
    void storesOverTlsWhenTheCertificateIsTrusted() throws Exception {
        Path cert = certificate("IP:127.0.0.1");
        try (RedisServer server = tlsServer(cert);
             RedisCacheStore store = store(server.url(), trusting(cert))) {
            byte[] data = RedisCacheStoreTest.artifact("over tls");
            store.put(RedisCacheStoreTest.key(1), data);
            assertArrayEquals(data, store.get(RedisCacheStoreTest.key(1)).orElseThrow());
            assertTrue(log.all().isEmpty(), log.all().toString());
        }
    }

    @Test
    void anUntrustedCertificateIsAnOutage() throws Exception {
        Path cert = certificate("IP:127.0.0.1");
        try (RedisServer server = tlsServer(cert); RedisCacheStore store = store(server.url(), null)) {
            assertTrue(store.get(RedisCacheStoreTest.key(1)).isEmpty());
            List<String> warnings = log.at(Level.WARNING);
            assertEquals(1, warnings.size(), log.all().toString());
            assertTrue(warnings.get(0).contains("PKIX path building failed"), warnings.get(0));
        }
    }

    @Test
    void aCertificateForAnotherHostIsAnOutage() throws Exception {
        Path cert = certificate("DNS:elsewhere.example");
        try (RedisServer server = tlsServer(cert); RedisCacheStore store = store(server.url(), trusting(cert))) {
            assertTrue(store.get(RedisCacheStoreTest.key(1)).isEmpty());
            List<String> warnings = log.at(Level.WARNING);
            assertEquals(1, warnings.size(), log.all().toString());
            assertTrue(warnings.get(0).contains("No subject alternative names matching IP address 127.0.0.1"),
                    warnings.get(0));
        }
    }

    private RedisCacheStore store(String url, SSLSocketFactory factory) {
        RedisCacheConfig.Builder b = RedisCacheConfig.builder(RedisEndpoint.parse(url)).readTimeout(
                java.time.Duration.ofSeconds(2)); // a TLS handshake on a loaded 2-core machine
        return RedisCacheStore.open(b.sslSocketFactory(factory).build(), clock, log);
    }

    private RedisServer tlsServer(Path cert) throws IOException {
        assumeTrue(RedisServer.executable().isPresent(), RedisServer.MISSING);
        return RedisServer.startTls(List.of("--tls-cert-file", cert.toString(),
                "--tls-key-file", dir.resolve("key.pem").toString(), "--tls-ca-cert-file", cert.toString(),
                "--tls-auth-clients", "no"));
    }

    /** A self-signed certificate (and key.pem) whose subject alternative name is {@code san}. */
    private Path certificate(String san) throws IOException, InterruptedException {
        Path cert = dir.resolve("cert.pem");
        Process p;
        try {
            p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", dir.resolve("key.pem").toString(), "-out", cert.toString(), "-days", "1",
                    "-subj", "/CN=gpuc-test", "-addext", "subjectAltName=" + san)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        } catch (IOException e) {
            return Assumptions.abort("openssl is not installed, so there is no test certificate: " + e.getMessage());
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, Files.readString(dir.resolve("openssl.log")));
        return cert;
    }

    private static SSLSocketFactory trusting(Path cert) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx.getSocketFactory();
    }
}
