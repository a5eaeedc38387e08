package org.stoxgw.xmppadapter.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny authoritative DNS responder over UDP on loopback, in the test JVM, so that the real Netty
 * resolver the adapter uses can be tested without a DNS server: it answers A and SRV questions from
 * a table, NOERROR without answers for other types of known names, NXDOMAIN otherwise.
 */
public final class FakeDnsServer implements AutoCloseable {
    private record Srv(int priority, int weight, int port, String target) { }

    private final Map<String, List<Srv>> srv = new ConcurrentHashMap<>();
    private final Map<String, List<byte[]>> a = new ConcurrentHashMap<>();
    final List<String> questions = new CopyOnWriteArrayList<>();
    private final Channel channel;

    public FakeDnsServer(EventLoopGroup group) throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                                new SimpleChannelInboundHandler<DatagramDnsQuery>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery q) {
                                        ctx.writeAndFlush(answer(q));
                                    }
                                });
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public FakeDnsServer srv(String name, int priority, int weight, int port, String target) {
        srv.computeIfAbsent(key(name), k -> new CopyOnWriteArrayList<>()).add(new Srv(priority, weight, port, target));
        return this;
    }

    public FakeDnsServer a(String name, String ip) throws Exception {
        a.computeIfAbsent(key(name), k -> new CopyOnWriteArrayList<>()).add(InetAddress.getByName(ip).getAddress());
        return this;
    }

    private static String key(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    private DatagramDnsResponse answer(DatagramDnsQuery q) {
        DnsQuestion question = q.recordAt(DnsSection.QUESTION);
        String name = question.name().toLowerCase();
        questions.add(question.type().name() + " " + name);
        DatagramDnsResponse r = new DatagramDnsResponse(q.recipient(), q.sender(), q.id());
        r.setAuthoritativeAnswer(true).setRecursionAvailable(true);
        r.addRecord(DnsSection.QUESTION, question);
        boolean known = srv.containsKey(name) || a.containsKey(name);
        if (!known) {
            r.setCode(DnsResponseCode.NXDOMAIN);
            return r;
        }
        if (question.type() == DnsRecordType.SRV) {
            for (Srv s : srv.getOrDefault(name, List.of())) {
                ByteBuf c = Unpooled.buffer().writeShort(s.priority()).writeShort(s.weight()).writeShort(s.port());
                writeName(c, s.target());
                r.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(name, DnsRecordType.SRV, 60, c));
            }
        } else if (question.type() == DnsRecordType.A) {
            for (byte[] ip : a.getOrDefault(name, List.of())) {
                r.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(name, DnsRecordType.A, 60, Unpooled.wrappedBuffer(ip)));
            }
        }
        return r;
    }

    private static void writeName(ByteBuf out, String name) {
        List<String> labels = new ArrayList<>();
        for (String l : name.split("\\.")) {
            if (!l.isEmpty()) {
                labels.add(l);
            }
        }
        for (String l : labels) {
            byte[] b = l.getBytes(StandardCharsets.US_ASCII);
            out.writeByte(b.length).writeBytes(b);
        }
        out.writeByte(0);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
