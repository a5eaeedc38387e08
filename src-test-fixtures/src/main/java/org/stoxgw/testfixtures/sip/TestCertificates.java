package org.stoxgw.testfixtures.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI for TLS tests, made with the JDK's keytool (no extra library): one CA, a trust
 * store holding it, and PKCS#12 key stores for named end entities with EC P-256 keys (the key
 * type on which JAIN-SIP's default cipher list fails) and the subjectAltNames a test asks for.
 * Files live in a directory of the module's {@code target/} and are reused while they exist.
 * Every store uses {@link #PASSWORD}.
 */
public final class TestCertificates {
    public static final String PASSWORD = "changeit";
    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** The PKI in {@code dir}, creating the CA and trust store on first use. */
    public static synchronized TestCertificates in(Path dir) {
        TestCertificates pki = new TestCertificates(dir);
        try {
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve("ca.ok"))) {
                for (String f : List.of("ca.p12", "ca.pem", "trust.p12")) {
                    Files.deleteIfExists(dir.resolve(f));
                }
                pki.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                        "CN=stoxgw test CA", "-ext", "bc:c", "-validity", "30", "-keystore", "ca.p12", "-storetype", "PKCS12",
                        "-storepass", PASSWORD, "-keypass", PASSWORD);
                pki.keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD, "-rfc", "-file", "ca.pem");
                pki.keytool("-importcert", "-alias", "ca", "-file", "ca.pem", "-keystore", "trust.p12", "-storetype", "PKCS12",
                        "-storepass", PASSWORD, "-noprompt");
                Files.writeString(dir.resolve("ca.ok"), "done");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pki;
    }

    /** The trust store (PKCS#12) holding the CA certificate. */
    public Path trustStore() {
        return dir.resolve("trust.p12");
    }

    /**
     * A key store for {@code name} signed by the CA.
     *
     * @param sans subjectAltName entries as keytool writes them, e.g. {@code dns:gw.example.test},
     *             {@code ip:127.0.0.1}, {@code uri:sip:example.net}
     */
    public synchronized Path issue(String name, String... sans) {
        Path store = dir.resolve(name + ".p12");
        if (Files.exists(dir.resolve(name + ".ok"))) {
            return store;
        }
        try {
            for (String ext : List.of(".p12", ".csr", ".pem")) {
                Files.deleteIfExists(dir.resolve(name + ext));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "30", "-keystore", name + ".p12", "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-certreq", "-alias", name, "-keystore", name + ".p12", "-storepass", PASSWORD, "-file", name + ".csr");
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD,
                "-infile", name + ".csr", "-outfile", name + ".pem", "-rfc", "-validity", "30"));
        if (sans.length > 0) {
            gencert.addAll(List.of("-ext", "san=" + String.join(",", sans)));
        }
        keytool(gencert.toArray(String[]::new));
        keytool("-importcert", "-alias", "ca", "-file", "ca.pem", "-keystore", name + ".p12", "-storepass", PASSWORD, "-noprompt");
        keytool("-importcert", "-alias", name, "-file", name + ".pem", "-keystore", name + ".p12", "-storepass", PASSWORD);
        try {
            Files.writeString(dir.resolve(name + ".ok"), String.join(",", sans));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store;
    }

    private void keytool(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: "
                        + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
