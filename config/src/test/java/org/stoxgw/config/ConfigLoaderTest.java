package org.stoxgw.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("gateway.conf");
        Files.writeString(f, text);
        return f;
    }

    private static List<ConfigProblem> readShared(ConfigLoader.LoadedConfig c) {
        SharedSettings.read(c.reader());
        return c.validate();
    }

    @Test
    void defaultsAreValidAndEveryReferenceKeyIsRead() {
        ConfigLoader.LoadedConfig c = ConfigLoader.load(Optional.empty(), Map.of());
        SharedSettings s = SharedSettings.read(c.reader());
        assertEquals(List.of(), c.validate());
        assertEquals(List.of(), c.unreadReferenceKeys());
        assertTrue(s.domains().servedXmppDomains().contains("gw.example.test"));
        assertFalse(s.wireLog().sip());
    }

    @Test
    void misspelledKeyAndWrongTypeAreBothReportedWithFileAndLine() throws IOException {
        Path f = write("""
                gateway {
                  logging.wire {
                    xmpp = maybe
                    peeers = []
                  }
                }
                """);
        ConfigLoader.LoadedConfig c = ConfigLoader.load(Optional.of(f), Map.of());
        List<ConfigProblem> problems = readShared(c);
        assertEquals(2, problems.size(), problems.toString());
        ConfigProblem type = problems.stream().filter(p -> p.key().endsWith("wire.xmpp")).findFirst().orElseThrow();
        assertEquals(f + ":3", type.origin());
        assertTrue(type.message().contains("true or false"), type.message());
        ConfigProblem unknown = problems.stream().filter(p -> p.key().endsWith("peeers")).findFirst().orElseThrow();
        assertEquals(f + ":4", unknown.origin());
        assertTrue(unknown.message().contains("did you mean 'peers'"), unknown.message());
    }

    @Test
    @org.junit.jupiter.api.DisplayName("issue 9: a password of the wrong type, or under a misspelled key, is reported without its value")
    void secretsAreNeverShownInProblems() throws IOException {
        Path f = write("""
                gateway.tls {
                  key-store-password = ["hunter2-list"]
                  trust-store-password = { p = "hunter2-object" }
                  key-store-pasword = "hunter2-misspelled"
                }
                """);
        ConfigLoader.LoadedConfig c = ConfigLoader.load(Optional.of(f), Map.of());
        TlsSettings tls = SharedSettings.read(c.reader()).tls();
        List<ConfigProblem> problems = c.validate();
        assertEquals(4, problems.size(), problems.toString()); // the object also has an unknown key p
        assertTrue(problems.stream().anyMatch(p -> p.key().equals("gateway.tls.key-store-password")
                && p.message().equals("must be a string, found list (value not shown: it is a secret)")), problems.toString());
        assertFalse(problems.toString().contains("hunter2"), problems.toString());
        assertFalse(tls.toString().contains("hunter2"), tls.toString());
    }

    @Test
    void unknownKeyInsideAListItemIsReported() throws IOException {
        Path f = write("gateway.domains.gateway = [ { xmpp = \"gw.a.test\", sip = \"gw.a.test\", sipp = \"x\" } ]\n");
        List<ConfigProblem> problems = readShared(ConfigLoader.load(Optional.of(f), Map.of()));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("gateway.domains.gateway[0].sipp", problems.get(0).key());
        assertTrue(problems.get(0).origin().startsWith(f + ":1"));
    }

    @Test
    void invalidDomainAndDuplicateDomainAreRefused() throws IOException {
        Path f = write("""
                gateway.domains {
                  sip-users = [ { sip = "bad_domain!", xmpp = "b.test" }, { sip = "s.test", xmpp = "a.test" } ]
                  gateway = [ { xmpp = "a.test", sip = "a.test" } ]
                }
                """);
        List<ConfigProblem> problems = readShared(ConfigLoader.load(Optional.of(f), Map.of()));
        assertTrue(problems.stream().anyMatch(p -> p.key().endsWith("sip-users[0].sip")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("listed in both")), problems.toString());
    }

    @Test
    void aDomainCannotBeBothHomeAndPresentation() throws IOException {
        Path f = write("""
                gateway.domains {
                  sip-users = [ { sip = "one.test", xmpp = "one.test" } ]
                  xmpp-users = [ { xmpp = "two.test", sip = "one.test" } ]
                  gateway = []
                }
                """);
        List<ConfigProblem> problems = readShared(ConfigLoader.load(Optional.of(f), Map.of()));
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("SIP domain \"one.test\" is listed in both")),
                problems.toString());
    }

    @Test
    void environmentOverridesTheFileAndNamesItselfAsOrigin() throws IOException {
        Path f = write("gateway.logging.wire.peers = [\"a.test\"]\ngateway.tls.key-store-password = \"file\"\n");
        ConfigLoader.LoadedConfig c = ConfigLoader.load(Optional.of(f), Map.of(
                "STOXGW_TLS_KEY_STORE_PASSWORD", "from-env",
                "STOXGW_DOMAINS", "{ gateway = [ { xmpp = \"gw.env.test\", sip = \"gw.env.test\" } ], sip-users = [], xmpp-users = [] }"));
        SharedSettings s = SharedSettings.read(c.reader());
        assertEquals(List.of(), c.validate());
        assertEquals("from-env", s.tls().keyStorePassword());
        assertEquals(List.of("gw.env.test"), List.copyOf(s.domains().servedXmppDomains()));
        assertFalse(s.tls().toString().contains("from-env"), "passwords must never be printed");
    }

    @Test
    void badEnvironmentValueNamesTheVariable() {
        ConfigLoader.LoadedConfig c = ConfigLoader.load(Optional.empty(), Map.of("STOXGW_DOMAINS", "{ gateway = [ "));
        List<ConfigProblem> problems = readShared(c);
        assertTrue(problems.stream().anyMatch(p -> p.origin().equals("environment variable STOXGW_DOMAINS")), problems.toString());
    }

    @Test
    void syntaxErrorIsReportedWithLine() throws IOException {
        Path f = write("gateway {\n  logging.wire.sip = true\n  tls { protocols = [ }\n");
        ConfigLoader.LoadedConfig c = ConfigLoader.load(Optional.of(f), Map.of());
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> {
            SharedSettings.read(c.reader());
            c.finish();
        });
        assertTrue(e.problems().get(0).origin().startsWith(f.toString() + ":"), e.getMessage());
    }

    @Test
    void missingFileIsAProblem() {
        ConfigLoader.LoadedConfig c = ConfigLoader.load(Optional.of(dir.resolve("nope.conf")), Map.of());
        assertEquals("cannot read the configuration file", readShared(c).get(0).message());
    }

    @Test
    void hostPortParsing() {
        assertEquals(new HostPort("127.0.0.1", 5060), HostPort.parse("127.0.0.1:5060", -1));
        assertEquals(new HostPort("::1", 5269), HostPort.parse("[::1]:5269", -1));
        assertEquals(new HostPort("xmpp.test", 5269), HostPort.parse("xmpp.test", 5269));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("xmpp.test", -1));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("::1:5", -1));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("h:99999", -1));
        assertEquals("[::1]:5269", new HostPort("::1", 5269).toString());
    }
}
