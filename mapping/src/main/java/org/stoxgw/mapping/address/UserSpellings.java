package org.stoxgw.mapping.address;

/**
 * How the reverse mapping gets back the original spelling of a SIP user part (AMB-10). SIP user
 * parts are case-sensitive (RFC 3261 §19.1.4) while JID localparts are PRECIS-enforced
 * (UsernameCaseMapped: lower case, width-mapped, NFC), so {@code sip:Romeo@…} and {@code sip:romeo@…}
 * meet in one JID. The core keeps a small map of spellings it has seen on the SIP side (filled from
 * {@link AddressMapper#spellingOf(SipUri)} for every SIP address it maps to XMPP, bounded by its own
 * configuration) and passes it in as this lookup; the mapping itself stays a pure function of its
 * inputs. A spelling is only used when it folds to the same JID again, so a stale or wrong entry
 * can never redirect a message to another user.
 */
@FunctionalInterface
public interface UserSpellings {

    /** No remembered spellings: the folded (lower-case) form is used. */
    UserSpellings NONE = (sipHost, foldedUser) -> null;

    /**
     * The user part as first seen on SIP, or null if unknown.
     *
     * @param sipHost    the SIP host, lower-case A-labels, without port
     * @param foldedUser the user part as it comes back from XMPP (unescaped, PRECIS-folded)
     */
    String originalUser(String sipHost, String foldedUser);

    /**
     * A spelling worth remembering: {@code originalUser} differs from {@code foldedUser}, which is
     * what XMPP will send back.
     */
    record Spelling(String sipHost, String foldedUser, String originalUser) {
    }
}
