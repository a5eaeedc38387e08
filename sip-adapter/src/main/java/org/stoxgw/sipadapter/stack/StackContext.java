package org.stoxgw.sipadapter.stack;

import io.netty.channel.EventLoopGroup;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * What the classes JAIN-SIP instantiates by name (network layer, server logger, parser) need to
 * know about the adapter that owns their stack. JAIN-SIP creates them through no-argument
 * constructors and tells them only the stack, so they look their context up by stack name here.
 *
 * @param stackName     the unique {@code javax.sip.STACK_NAME}
 * @param sslContext    TLS context, or null when the adapter has no TLS
 * @param connectMillis TCP/TLS connect timeout
 * @param wireLogFor    whether to wire-log traffic with a peer (IP address or domain)
 * @param udpLoops      event loops that read the UDP listening points ({@link InlineUdpMessageProcessor})
 * @param retransmissionsAbsorbed counts UDP retransmissions dropped before parsing ({@link UdpRetransmissions})
 * @param completed     completed UDP server transactions answering retransmissions, null for none
 * @param maxMessageSize  {@code limits.max-message-size}, enforced by {@link FramingInputStream} on streams
 * @param maxConnections  {@code limits.max-connections} per TCP/TLS listening point (0: no limit)
 * @param unframedDropped counts stream bytes dropped because they could not be framed
 * @param lean          the adapter's own UDP client transactions, null for none
 */
public record StackContext(String stackName, SSLContext sslContext, int connectMillis, Predicate<String> wireLogFor,
                           EventLoopGroup udpLoops, LongAdder retransmissionsAbsorbed, CompletedTransactions completed,
                           int maxMessageSize, int maxConnections, LongAdder unframedDropped,
                           LeanUdpTransactions lean) {
    private static final Map<String, StackContext> BY_NAME = new ConcurrentHashMap<>();

    /** Registers a context before its stack is created. */
    public static void register(StackContext context) {
        if (BY_NAME.putIfAbsent(context.stackName(), context) != null) {
            throw new IllegalStateException("stack name in use: " + context.stackName());
        }
    }

    /** Forgets a context after its stack stopped. */
    public static void unregister(String stackName) {
        BY_NAME.remove(stackName);
    }

    /** The context of a stack; a neutral one (no TLS, no wire log) for stacks not created by the adapter. */
    public static StackContext of(String stackName) {
        StackContext c = BY_NAME.get(stackName);
        return c != null ? c : new StackContext(stackName, null, 10_000, peer -> false, null, new LongAdder(), null,
                64 * 1024, 0, new LongAdder(), null);
    }
}
