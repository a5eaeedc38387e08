package org.stoxgw.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The environment variables an operator can use instead of editing the file, for the keys set most
 * often (domains, listening addresses, secrets). An environment variable wins over the file, which
 * wins over the built-in reference. Values are strings, comma-separated lists, or HOCON text for
 * object-valued keys; each value's origin names its variable.
 */
public final class EnvironmentOverrides {

    /** How a variable's text becomes a config value. */
    public enum Kind { STRING, LIST, HOCON }

    /** One supported variable. */
    public record Override(String variable, String path, Kind kind, String description) { }

    /** Every supported variable, documented in README.md under "Environment overrides". */
    public static final List<Override> ALL = List.of(
            new Override("STOXGW_DOMAINS", "gateway.domains", Kind.HOCON,
                    "the domains section as HOCON, e.g. { gateway = [ { xmpp = \"gw.example.org\", sip = \"gw.example.org\" } ] }"),
            new Override("STOXGW_SIP_UDP", "gateway.sip.listen.udp", Kind.LIST, "SIP UDP listening points, comma-separated host:port"),
            new Override("STOXGW_SIP_TCP", "gateway.sip.listen.tcp", Kind.LIST, "SIP TCP listening points, comma-separated host:port"),
            new Override("STOXGW_SIP_TLS", "gateway.sip.listen.tls", Kind.LIST, "SIP TLS listening points, comma-separated host:port"),
            new Override("STOXGW_SIP_ADVERTISED_HOST", "gateway.sip.advertised-host", Kind.STRING,
                    "host name or address SIP peers use to reach the gateway (needed with wildcard listening points)"),
            new Override("STOXGW_XMPP_LISTEN", "gateway.xmpp.listen", Kind.LIST, "XMPP server-to-server listening points, comma-separated host:port"),
            new Override("STOXGW_DIALBACK_SECRET", "gateway.xmpp.dialback.secret", Kind.STRING, "secret for XEP-0185 dialback keys"),
            new Override("STOXGW_COMPONENT_SECRET", "gateway.xmpp.component.secret", Kind.STRING, "XEP-0114 component handshake secret"),
            new Override("STOXGW_TLS_KEY_STORE", "gateway.tls.key-store", Kind.STRING, "PKCS#12 key store with the gateway's certificates"),
            new Override("STOXGW_TLS_KEY_STORE_PASSWORD", "gateway.tls.key-store-password", Kind.STRING, "its password"),
            new Override("STOXGW_TLS_TRUST_STORE", "gateway.tls.trust-store", Kind.STRING, "PKCS#12 trust store (empty: the JDK's)"),
            new Override("STOXGW_TLS_TRUST_STORE_PASSWORD", "gateway.tls.trust-store-password", Kind.STRING, "its password"),
            new Override("STOXGW_ADMIN_TOKEN", "gateway.admin.token", Kind.STRING, "bearer token of the admin endpoint"));

    private EnvironmentOverrides() {
    }

    /**
     * The overrides present in {@code env}, as a config whose values carry their variable as
     * origin. A HOCON value that does not parse becomes a {@link ConfigProblem}.
     */
    static Config from(Map<String, String> env, List<ConfigProblem> problems) {
        Config out = ConfigFactory.empty();
        for (Override o : ALL) {
            String text = env.get(o.variable());
            if (text == null) {
                continue;
            }
            String origin = "environment variable " + o.variable();
            switch (o.kind()) {
                case STRING -> out = out.withValue(o.path(), ConfigValueFactory.fromAnyRef(text, origin));
                case LIST -> {
                    List<String> items = Arrays.stream(text.split(",")).map(String::trim)
                            .filter(s -> !s.isEmpty()).toList();
                    out = out.withValue(o.path(), ConfigValueFactory.fromIterable(items, origin));
                }
                case HOCON -> {
                    try {
                        Config parsed = ConfigFactory.parseString(text,
                                ConfigParseOptions.defaults().setOriginDescription(origin));
                        out = out.withFallback(parsed.atPath(o.path()));
                    } catch (ConfigException e) {
                        problems.add(new ConfigProblem(o.path(), origin, "not valid HOCON: " + e.getMessage()));
                    }
                }
                default -> throw new IllegalStateException(o.kind().name());
            }
        }
        return out;
    }
}
