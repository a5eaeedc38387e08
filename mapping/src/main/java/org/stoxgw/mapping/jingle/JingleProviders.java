package org.stoxgw.mapping.jingle;

import org.jivesoftware.smack.provider.ProviderManager;

/**
 * Registers the Jingle providers with Smack's JVM-global {@link ProviderManager} (libraries.md §1
 * trap 4): {@link JingleIqProvider} for {@code urn:xmpp:jingle:1} (replacing smack-extensions' own,
 * CALL-03) and {@link JingleMessageProvider} for the XEP-0353 elements. Call once at start, after Smack
 * has loaded (the XMPP adapter's codec initialisation); idempotent and thread-safe.
 */
public final class JingleProviders {
    private JingleProviders() {
    }

    public static void register() {
        ProviderManager.addIQProvider(JingleIq.ELEMENT, JingleNamespaces.JINGLE, JingleIqProvider.INSTANCE);
        for (JingleMessage.Kind k : JingleMessage.Kind.values()) {
            ProviderManager.addExtensionProvider(k.xml(), JingleNamespaces.JMI, JingleMessageProvider.INSTANCE);
        }
    }
}
