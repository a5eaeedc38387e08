package org.stoxgw.core.engine;

import io.netty.channel.EventLoop;

/**
 * What a new {@link Session} gets from the table: its key, the peer it counts against (null for none,
 * see {@link SessionTable}), its loop and the table itself.
 */
public record SessionContext(SessionKey key, String peer, EventLoop loop, SessionTable table) { }
