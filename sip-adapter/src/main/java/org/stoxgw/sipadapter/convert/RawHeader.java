package org.stoxgw.sipadapter.convert;

import gov.nist.javax.sip.header.ExtensionHeaderImpl;

/** Header fields the adapter writes itself, as text (no parse round trip for values it composed). */
public final class RawHeader {
    private RawHeader() {
    }

    /** A header field {@code name: value}. */
    public static ExtensionHeaderImpl of(String name, String value) {
        ExtensionHeaderImpl h = new ExtensionHeaderImpl(name);
        h.setValue(value);
        return h;
    }
}
