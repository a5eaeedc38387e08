package org.stoxgw.core.routing;

import java.util.concurrent.ConcurrentHashMap;
import org.stoxgw.mapping.address.UserSpellings;

/**
 * The core's memory of SIP user-part spellings (AMB-10): every SIP address mapped to XMPP is offered
 * with {@link #remember}; the XMPP → SIP mapping asks it through {@link UserSpellings}, and uses an
 * answer only if it folds back to the same JID, so a stale entry can never misdirect a message.
 *
 * <p>Thread-safe, lock-free reads; bounded: at {@code capacity} entries the memory starts afresh
 * (cheap, and the only cost of forgetting is the folded spelling for a while). Any area path may
 * share one instance.
 */
public final class SpellingMemory implements UserSpellings {
    private final ConcurrentHashMap<Key, String> spellings = new ConcurrentHashMap<>();
    private final int capacity;

    private record Key(String host, String folded) {
    }

    /** @param capacity entries kept at most; 0 = remember nothing */
    public SpellingMemory(int capacity) {
        this.capacity = capacity;
    }

    /** Remembers a spelling from {@code AddressMapper.spellingOf} (null is ignored). */
    public void remember(UserSpellings.Spelling s) {
        if (s == null || capacity == 0) {
            return;
        }
        Key k = new Key(s.sipHost(), s.foldedUser());
        if (s.originalUser().equals(spellings.get(k))) {
            return;
        }
        if (spellings.size() >= capacity) {
            spellings.clear();
        }
        spellings.put(k, s.originalUser());
    }

    @Override
    public String originalUser(String sipHost, String foldedUser) {
        return spellings.isEmpty() ? null : spellings.get(new Key(sipHost, foldedUser));
    }

    /** Entries held now. */
    public int size() {
        return spellings.size();
    }
}
