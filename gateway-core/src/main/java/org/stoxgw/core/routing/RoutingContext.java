package org.stoxgw.core.routing;

import org.stoxgw.config.SharedSettings;
import org.stoxgw.core.engine.Engine;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.mapping.address.AddressMapper;

/**
 * What every area path needs: the engine (session table, loops), the traffic counters, both
 * adapters as ports, the one address mapper of the gateway, and the shared settings.
 */
public record RoutingContext(Engine engine, Traffic traffic, SipPort sip, XmppPort xmpp, AddressMapper addresses,
                             SharedSettings shared) { }
