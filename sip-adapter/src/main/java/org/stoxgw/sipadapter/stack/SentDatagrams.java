package org.stoxgw.sipadapter.stack;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Hands the caller the bytes of the next datagram its thread sends through a listening point read on an
 * event loop, just before they leave: the adapter keeps a final response's bytes for retransmissions
 * (P-08) from what JAIN-SIP encodes for the wire instead of encoding the response once more. Per thread.
 */
public final class SentDatagrams {
    private static final ThreadLocal<Consumer<byte[]>> NEXT = new ThreadLocal<>();

    private SentDatagrams() {
    }

    /** {@code c} gets the bytes of the next datagram this thread sends (once), until {@link #clear}. */
    public static void onNext(Consumer<byte[]> c) {
        NEXT.set(c);
    }

    /** Stops waiting for a datagram on this thread; whether one was handed over. */
    public static boolean clear() {
        boolean pending = NEXT.get() != null;
        NEXT.remove();
        return !pending;
    }

    static void sending(byte[] data, int offset, int length) {
        Consumer<byte[]> c = NEXT.get();
        if (c != null) {
            NEXT.remove();
            c.accept(offset == 0 && length == data.length ? data : Arrays.copyOfRange(data, offset, offset + length));
        }
    }
}
