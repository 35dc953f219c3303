package be.fiduciaire.tracker.peppol.fake;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
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
import org.xbill.DNS.Section;

/**
 * A UDP DNS server on 127.0.0.1 answering NAPTR queries from a table: a U-NAPTR Meta:SMP record for known names,
 * SERVFAIL or no answer at all for names set up so, NXDOMAIN for everything else.
 */
public final class FakeDns implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<String, String> smpByName = new ConcurrentHashMap<>();
    private final Set<String> servfail = ConcurrentHashMap.newKeySet();
    private final Set<String> silent = ConcurrentHashMap.newKeySet();
    private final Thread thread;

    public FakeDns() throws SocketException {
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
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                String name = key(question.getName().toString());
                if (silent.contains(name)) continue;
                Message response = new Message(query.getHeader().getID());
                response.getHeader().setFlag(Flags.QR);
                response.getHeader().setFlag(Flags.AA);
                response.addRecord(question, Section.QUESTION);
                String smp = smpByName.get(name);
                if (servfail.contains(name)) {
                    response.getHeader().setRcode(Rcode.SERVFAIL);
                } else if (smp != null) {
                    response.addRecord(new NAPTRRecord(question.getName(), DClass.IN, 60, 100, 10, "U", "Meta:SMP",
                            "!.*!" + smp + "!", Name.root), Section.ANSWER);
                } else {
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
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
