package be.fiduciaire.tracker.peppol.fake;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The benchmark's SMP (scripts/bench-peppol.sh): every participant is registered for invoices and credit notes,
 * each answer comes after a fixed delay. With signatures verified (the default, as in production) every
 * participant's answers are signed for real once and kept, the bench signing them ahead of the timed run
 * ({@code POST /__presign}); with {@code unsigned} (a bench with PEPPOL_SMP_VERIFY_SIGNATURE=false) answers are
 * signed once per document type and only the participant id is swapped in. The endpoint certificate's CA is
 * written to {@code portFile.ap-ca.pem} (for PEPPOL_AP_TRUSTSTORE) and the signer's CA to
 * {@code portFile.smp-ca.pem} (for PEPPOL_SMP_TRUSTSTORE).
 *
 * <p>The harness, not the product: it shares the benchmark's two cores with the backend and PostgreSQL, so it is
 * made cheap. Answers are the fake SMP's ({@link FakeSmp#reply}: the same XML, the pre-signed answers), but they
 * are served by the minimal HTTP/1.1 server below instead of the JDK's {@code HttpServer}: one thread per
 * keep-alive connection that reads a request, sleeps the delay and writes the whole answer in one write (the JDK
 * server hands every request from its dispatcher to a worker and back, several thread switches and system calls
 * per request, which cost the shared machine more CPU than the look-up's own HTTP client). Usage: BenchSmp
 * delayMillis portFile [signed|unsigned]. GET /__stats gives the requests served.
 */
public final class BenchSmp {
    public static void main(String[] args) throws Exception {
        long delay = Long.parseLong(args[0]);
        boolean signed = args.length < 3 || !"unsigned".equals(args[2]);
        FakeSmp smp = new FakeSmp(delay, delay, 4, signed ? FakeSmp.Signing.PER_PARTICIPANT : FakeSmp.Signing.TEMPLATE);
        FakeSmp.Participant everyone = new FakeSmp.Participant();
        var certificate = TestCertificates.accessPoint("Bench Access Point", "PBE000999", "BE");
        everyone.endpoint(FakeSmp.INVOICE, FakeSmp.Endpoint.active("https://ap.bench.example/as4", certificate))
                .endpoint(FakeSmp.CREDIT_NOTE, FakeSmp.Endpoint.active("https://ap.bench.example/as4", certificate));
        smp.registerEveryone(everyone);
        Files.copy(TestCertificates.pemFile("bench-ap-ca", TestCertificates.AP_CA.certificate()), Path.of(args[1] + ".ap-ca.pem"));
        Files.copy(TestCertificates.pemFile("bench-smp-ca", TestCertificates.SMP_CA.certificate()), Path.of(args[1] + ".smp-ca.pem"));
        ServerSocket server = new ServerSocket(0, 512, InetAddress.getByName("127.0.0.1"));
        String url = "http://127.0.0.1:" + server.getLocalPort() + "/";
        everyone.hrefBase(url);
        Files.writeString(Path.of(args[1]), url);
        System.out.println("Fake SMP at " + url + " answering after " + delay + " ms, answers "
                + (signed ? "signed per participant" : "signed once per document type (signatures do not verify)"));
        while (true) {
            Socket socket = server.accept();
            Thread connection = new Thread(() -> serve(smp, socket), "bench-smp");
            connection.setDaemon(true);
            connection.start();
        }
    }

    /** Answers the requests of one connection, in turn, until the client closes it. */
    private static void serve(FakeSmp smp, Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
            OutputStream out = socket.getOutputStream();
            while (true) {
                String requestLine = line(in);
                if (requestLine == null) return;
                if (requestLine.isEmpty()) continue;
                int length = 0;
                boolean close = false;
                boolean continued = false;
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    String h = header.toLowerCase(Locale.ROOT);
                    if (h.startsWith("content-length:")) length = Integer.parseInt(h.substring(15).trim());
                    else if (h.startsWith("connection:") && h.contains("close")) close = true;
                    else if (h.startsWith("expect:") && h.contains("100-continue")) continued = true;
                }
                if (continued) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                byte[] body = length > 0 ? in.readNBytes(length) : new byte[0];
                String[] parts = requestLine.split(" ", 3);
                String path = parts.length > 1 ? parts[1] : "/";
                int query = path.indexOf('?');
                FakeSmp.Reply reply = smp.reply(query < 0 ? path : path.substring(0, query), () -> body);
                if (reply.delayMillis() > 0) Thread.sleep(reply.delayMillis());
                byte[] content = reply.body().getBytes(StandardCharsets.UTF_8);
                byte[] head = ("HTTP/1.1 " + reply.status() + (reply.status() == 200 ? " OK" : reply.status() == 404 ? " Not Found" : " Error")
                        + "\r\nContent-Type: text/xml; charset=UTF-8\r\nContent-Length: " + content.length
                        + (close ? "\r\nConnection: close" : "") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                byte[] answer = new byte[head.length + content.length];
                System.arraycopy(head, 0, answer, 0, head.length);
                System.arraycopy(content, 0, answer, head.length, content.length);
                out.write(answer);
                out.flush();
                if (close) return;
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One CRLF-terminated ASCII line without its terminator; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(128);
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) return line.length() == 0 ? null : line.toString();
            if (b == '\n') break;
            if (b != '\r') line.append((char) b);
        }
        return line.toString();
    }
}
