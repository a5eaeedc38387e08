package org.stoxgw.xmppadapter.dns;

import java.util.List;

/**
 * The result of resolving a remote XMPP domain: the endpoints to try in order, or why there are none.
 *
 * @param endpoints  in the order to try; empty on failure
 * @param definitive for a failure: the domain does not exist or has no XMPP service (retrying will
 *                   not help); false for transient failures such as DNS timeouts
 * @param detail     what was found or went wrong, for logs and error texts
 */
public record Resolution(List<Endpoint> endpoints, boolean definitive, String detail) {

    public Resolution {
        endpoints = List.copyOf(endpoints);
    }

    public boolean found() {
        return !endpoints.isEmpty();
    }

    static Resolution failure(boolean definitive, String detail) {
        return new Resolution(List.of(), definitive, detail);
    }
}
