package org.stoxgw.core.jmx;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the gateway's MBeans in the platform MBean server under one domain,
 * {@value #DOMAIN}, as {@code org.stoxgw:instance=<instance-name>,type=<type>}, and unregisters
 * all of them at stop. The engine's own beans and the adapters' beans go through the same
 * {@link #register} call. Thread-safe.
 */
public final class JmxRegistry {
    /** The JMX domain of every gateway MBean. */
    public static final String DOMAIN = "org.stoxgw";
    private static final Logger log = LoggerFactory.getLogger(JmxRegistry.class);

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final String instance;
    private final List<ObjectName> registered = new ArrayList<>();

    public JmxRegistry(String instance) {
        this.instance = instance;
    }

    /** The object name of a bean of {@code type} in this instance. */
    public ObjectName name(String type) {
        try {
            return new ObjectName(DOMAIN + ":instance=" + ObjectName.quote(instance) + ",type=" + type);
        } catch (JMException e) {
            throw new IllegalArgumentException("bad MBean type " + type, e);
        }
    }

    /** Registers {@code bean} (an MXBean implementation) as {@code type}. */
    public synchronized void register(String type, Object bean) {
        ObjectName n = name(type);
        try {
            if (server.isRegistered(n)) {
                // A previous gateway in this JVM did not stop cleanly; the new one takes the name.
                log.warn("MBean {} was still registered; replacing it", n);
                server.unregisterMBean(n);
            }
            server.registerMBean(bean, n);
            registered.add(n);
        } catch (JMException e) {
            throw new IllegalStateException("cannot register MBean " + n + ": " + e.getMessage(), e);
        }
    }

    /** Unregisters every bean this registry registered. */
    public synchronized void unregisterAll() {
        for (ObjectName n : registered) {
            try {
                server.unregisterMBean(n);
            } catch (JMException e) {
                log.debug("MBean {} already gone", n);
            }
        }
        registered.clear();
    }
}
