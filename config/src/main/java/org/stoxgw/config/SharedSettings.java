package org.stoxgw.config;

/**
 * The settings every module may need: the served domains, TLS material and wire logging. Built once
 * by the launcher and handed to the adapters and the engine.
 */
public record SharedSettings(DomainSettings domains, TlsSettings tls, WireLogSettings wireLog) {

    /** Reads the shared sections under {@code gateway}. */
    public static SharedSettings read(ConfigReader gateway) {
        return new SharedSettings(DomainSettings.read(gateway), TlsSettings.read(gateway), WireLogSettings.read(gateway));
    }
}
