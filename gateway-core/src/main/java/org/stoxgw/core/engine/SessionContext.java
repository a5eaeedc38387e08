package org.stoxgw.core.engine;

import io.netty.channel.EventLoop;

/** What a new {@link Session} gets from the table: its key, its loop and the table itself. */
public record SessionContext(SessionKey key, EventLoop loop, SessionTable table) { }
