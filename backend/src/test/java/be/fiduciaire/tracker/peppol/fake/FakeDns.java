package be.fiduciaire.tracker.peppol.fake;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A UDP DNS server on 127.0.0.1 authoritative for the zones it is given, answering NAPTR queries from a table:
 * a U-NAPTR Meta:SMP record for known names, SERVFAIL or no answer at all for names set up so, and for every other
 * name of its zones an authoritative NXDOMAIN carrying the zone's SOA (RFC 2308) — or, for names set up so, an
 * NXDOMAIN without SOA or with another zone's SOA. The zone apex answers its SOA. Names outside its zones get an
 * NXDOMAIN without SOA, like a resolver on a closed network.
 */
public final class FakeDns implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<String, String> smpByName = new ConcurrentHashMap<>();
    private final Set<String> servfail = ConcurrentHashMap.newKeySet();
    private final Set<String> silent = ConcurrentHashMap.newKeySet();
    private final Set<String> withoutSoa = ConcurrentHashMap.newKeySet();
    private final Set<String> foreignSoa = ConcurrentHashMap.newKeySet();
    private final List<String> zones;
    private final Thread thread;
    private volatile boolean blackhole;

    public FakeDns(String... zones) throws SocketException {
        this.zones = Arrays.stream(zones).map(FakeDns::key).toList();
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "fake-dns");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public void answer(String dnsName, String smpUrl) {
        smpByName.put(key(dnsName), smpUrl);
    }

    public void servfail(String dnsName) {
        servfail.add(key(dnsName));
    }

    public void noAnswer(String dnsName) {
        silent.add(key(dnsName));
    }

    /** NXDOMAIN for this name without any SOA (a resolver that cannot see the zone), even when it is published. */
    public void nxdomainWithoutSoa(String dnsName) {
        withoutSoa.add(key(dnsName));
    }

    /** NXDOMAIN for this name with the SOA of a zone that is not the SML's, even when it is published. */
    public void nxdomainWithForeignSoa(String dnsName) {
        foreignSoa.add(key(dnsName));
    }

    /**
     * While on, every name — the zone apex included — answers NXDOMAIN without SOA: the closed network's resolver that
     * knows no zone at all. Turn it off again in a finally block; the server is shared by every test class.
     */
    public void blackhole(boolean on) {
        blackhole = on;
    }

    private String zoneOf(String name) {
        for (String zone : zones)
            if (name.equals(zone) || name.endsWith("." + zone)) return zone;
        return null;
    }

    private static Record soa(String zone) throws TextParseException {
        Name origin = Name.fromString(zone + ".");
        return new SOARecord(origin, DClass.IN, 60, Name.fromString("ns." + zone + "."), Name.fromString("hostmaster." + zone + "."),
                1, 3600, 600, 86400, 60);
    }

    private static String key(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                String name = key(question.getName().toString());
                if (silent.contains(name)) continue;
                Message response = new Message(query.getHeader().getID());
                response.getHeader().setFlag(Flags.QR);
                response.getHeader().setFlag(Flags.AA);
                response.addRecord(question, Section.QUESTION);
                String smp = smpByName.get(name);
                String zone = zoneOf(name);
                if (blackhole) {
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
                } else if (servfail.contains(name)) {
                    response.getHeader().setRcode(Rcode.SERVFAIL);
                } else if (withoutSoa.contains(name) || foreignSoa.contains(name)) {
                    // set up so, a published name too: a resolver that lost sight of the zone
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
                    if (foreignSoa.contains(name)) response.addRecord(soa("foreign.invalid"), Section.AUTHORITY);
                } else if (smp != null) {
                    response.addRecord(new NAPTRRecord(question.getName(), DClass.IN, 60, 100, 10, "U", "Meta:SMP",
                            "!.*!" + smp + "!", Name.root), Section.ANSWER);
                } else if (zone != null && name.equals(zone)) {
                    // the apex exists: its SOA, or no data of the asked type with the SOA as authority
                    response.addRecord(soa(zone), question.getType() == Type.SOA ? Section.ANSWER : Section.AUTHORITY);
                } else {
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
                    if (zone != null) response.addRecord(soa(zone), Section.AUTHORITY);
                }
                byte[] wire = response.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) return;
            } catch (RuntimeException e) {
                // a malformed query: ignore it
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
