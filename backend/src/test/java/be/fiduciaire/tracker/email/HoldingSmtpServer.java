package be.fiduciaire.tracker.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real SMTP server in the test JVM (plain SMTP over a socket, no AUTH, no TLS) that can be made slow on purpose:
 * after the first {@code answeredAtOnce} messages it holds its answer to the end of each message's DATA until
 * {@link #release()}. A held message has fully reached the server but its sender does not know it yet: exactly the
 * moment at which a backend killed mid-send must not lose track of it, nor send it again after a restart.
 * <p>
 * Every message is recorded when its DATA ends, before any answer, so a copy that a dead sender never heard about still
 * counts as received (the strict reading of "at most one message per client").
 */
final class HoldingSmtpServer implements AutoCloseable {
    /** One message as it reached the server: the client's EHLO name, envelope and Message-ID; answered or still held. */
    record Received(String helo, String from, List<String> recipients, String messageId) {}

    private final ServerSocket socket;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "holding-smtp");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> held = new CopyOnWriteArrayList<>();
    private final int answeredAtOnce;
    private boolean open;

    /** Answers the first {@code answeredAtOnce} messages at once and holds every later one until {@link #release()}. */
    HoldingSmtpServer(int answeredAtOnce) throws IOException {
        this.answeredAtOnce = answeredAtOnce;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        connections.submit(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Every message that reached the server so far (held ones included). */
    List<Received> received() {
        return List.copyOf(received);
    }

    /** Messages whose end of DATA the server has not answered yet. */
    List<Received> held() {
        return List.copyOf(held);
    }

    long receivedFor(String address) {
        return received.stream().filter(m -> m.recipients().contains(address)).count();
    }

    /** Answers the held messages (to whoever still listens) and every later one at once. */
    synchronized void release() {
        open = true;
        notifyAll();
    }

    /** Records the message, then holds it while the gate is shut and it is not among the first ones answered at once. */
    private synchronized void receive(Received message) throws InterruptedException {
        received.add(message);
        if (open || received.size() <= answeredAtOnce) return;
        held.add(message);
        try {
            while (!open) wait();
        } finally {
            held.remove(message);
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.submit(() -> converse(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket client) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = client.getOutputStream();
            reply(out, "220 holding-smtp ESMTP test server");
            String helo = null;
            String from = null;
            List<String> recipients = new ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                String command = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO" -> {
                        helo = line.substring(4).trim();
                        reply(out, "250 holding-smtp");
                    }
                    case "MAIL" -> {
                        from = address(line);
                        recipients = new ArrayList<>();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        recipients.add(address(line));
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        String messageId = null;
                        boolean headers = true;
                        for (String data; (data = in.readLine()) != null && !data.equals("."); ) {
                            if (data.isEmpty()) headers = false;
                            if (headers && data.regionMatches(true, 0, "Message-ID:", 0, 11)) messageId = data.substring(11).trim();
                        }
                        Received message = new Received(helo, from, List.copyOf(recipients), messageId);
                        receive(message);
                        reply(out, "250 OK queued");
                        from = null;
                        recipients = new ArrayList<>();
                    }
                    case "RSET" -> {
                        from = null;
                        recipients = new ArrayList<>();
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (SocketException e) {
            // the sender went away (killed, or its pool closed the connection)
        } catch (IOException | InterruptedException e) {
            // the server is closing
        }
    }

    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return open < 0 || close < 0 ? line.substring(line.indexOf(':') + 1).trim() : line.substring(open + 1, close);
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        release();
        socket.close();
        connections.shutdownNow();
    }
}
