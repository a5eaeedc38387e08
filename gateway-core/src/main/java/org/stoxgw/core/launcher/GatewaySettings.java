package org.stoxgw.core.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stoxgw.config.ConfigLoader;
import org.stoxgw.config.ConfigProblem;
import org.stoxgw.config.InvalidConfigException;
import org.stoxgw.config.SharedSettings;
import org.stoxgw.core.chats.ChatSettings;
import org.stoxgw.core.admin.AdminSettings;
import org.stoxgw.core.messages.MessageSettings;
import org.stoxgw.sipadapter.msrp.MsrpSettings;
import org.stoxgw.core.presence.PresenceSettings;
import org.stoxgw.sipadapter.SipSettings;
import org.stoxgw.sipadapter.rtpengine.RtpEngineSettings;
import org.stoxgw.xmppadapter.XmppSettings;

/**
 * The one immutable, typed configuration tree of a gateway, built at start-up from the operator's
 * file, the environment and every module's reference.conf.
 */
public record GatewaySettings(SharedSettings shared, CoreSettings core, SipSettings sip, XmppSettings xmpp,
                              MessageSettings messages, PresenceSettings presence, RtpEngineSettings rtpengine,
                              ChatSettings chat, MsrpSettings msrp,
                              AdminSettings admin, LogLevels logLevels) {

    /**
     * Loads and validates everything.
     *
     * @throws InvalidConfigException listing every problem, each with its origin
     */
    public static GatewaySettings load(Optional<Path> file, Map<String, String> env) {
        ConfigLoader.LoadedConfig c = ConfigLoader.load(file, env);
        GatewaySettings s = readAll(c);
        c.finish();
        return s;
    }

    /** Settings and the flat key-to-value view they were read from (a reload compares the latter). */
    public record Loaded(GatewaySettings settings, java.util.SortedMap<String, String> values) {
    }

    /**
     * Like {@link #load}, also returning every key's value.
     *
     * @throws InvalidConfigException listing every problem, each with its origin
     */
    public static Loaded loadWithValues(Optional<Path> file, Map<String, String> env) {
        ConfigLoader.LoadedConfig c = ConfigLoader.load(file, env);
        GatewaySettings s = readAll(c);
        c.finish();
        return new Loaded(s, c.values());
    }

    /** Every problem of a configuration, empty when it is valid. */
    public static List<ConfigProblem> check(Optional<Path> file, Map<String, String> env) {
        ConfigLoader.LoadedConfig c = ConfigLoader.load(file, env);
        readAll(c);
        return c.validate();
    }

    static GatewaySettings readAll(ConfigLoader.LoadedConfig c) {
        var g = c.reader();
        SharedSettings shared = SharedSettings.read(g);
        GatewaySettings s = new GatewaySettings(shared, CoreSettings.read(g), SipSettings.read(g), XmppSettings.read(g, shared),
                MessageSettings.read(g), PresenceSettings.read(g), RtpEngineSettings.read(g), ChatSettings.read(g),
                MsrpSettings.read(g), AdminSettings.read(g), LogLevels.read(g));
        if (s.presence().phone().enabled() && !s.sip().capabilities().eventPackages().contains("dialog")) {
            // the dialog package's NOTIFYs would be refused by the SIP adapter with 489
            g.section("presence").section("phone").problem("enabled",
                    "phone presence needs \"dialog\" in gateway.sip.event-packages");
        }
        return s;
    }
}
