package be.fiduciaire.tracker.email;

import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) on a free port for the whole test JVM; the mailer talks to it over a socket.
 * Tests stop and start it again on the same port to cause connection failures.
 */
public class SmtpServer implements QuarkusTestResourceLifecycleManager {
    private static int port;
    private static GreenMail server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            startServer();
        }
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(port),
                "quarkus.mailer.mock", "false", "quarkus.mailer.from", "cabinet@fiduciaire.test");
    }

    @Override
    public void stop() {
        // kept for the whole JVM: several test classes share it
    }

    public static synchronized void startServer() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    public static synchronized void stopServer() {
        server.stop();
    }

    /** Messages received for addresses at this domain (tests give their clients a domain of their own). */
    public static synchronized List<MimeMessage> receivedAt(String domain) {
        return Arrays.asList(server.getReceivedMessagesForDomain(domain));
    }
}
