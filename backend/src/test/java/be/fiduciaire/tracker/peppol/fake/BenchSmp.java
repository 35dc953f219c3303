package be.fiduciaire.tracker.peppol.fake;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's SMP (scripts/bench-peppol.sh): every participant is registered for invoices and credit notes,
 * each answer comes after a fixed delay. Answers are signed once per document type and only the participant id is
 * swapped in (the bench runs with signature verification off), so the fake's own CPU stays small. The endpoint
 * certificate's CA is written to {@code portFile.ap-ca.pem}, for PEPPOL_AP_TRUSTSTORE.
 * Usage: BenchSmp delayMillis portFile. GET /__stats gives the requests served.
 */
public final class BenchSmp {
    public static void main(String[] args) throws Exception {
        long delay = Long.parseLong(args[0]);
        FakeSmp smp = new FakeSmp(delay, delay, 512, true);
        FakeSmp.Participant everyone = new FakeSmp.Participant();
        var certificate = TestCertificates.accessPoint("Bench Access Point", "PBE000999", "BE");
        everyone.endpoint(FakeSmp.INVOICE, FakeSmp.Endpoint.active("https://ap.bench.example/as4", certificate))
                .endpoint(FakeSmp.CREDIT_NOTE, FakeSmp.Endpoint.active("https://ap.bench.example/as4", certificate));
        smp.registerEveryone(everyone);
        Files.copy(TestCertificates.pemFile("bench-ap-ca", TestCertificates.AP_CA.certificate()), Path.of(args[1] + ".ap-ca.pem"));
        Files.writeString(Path.of(args[1]), smp.baseUrl());
        System.out.println("Fake SMP at " + smp.baseUrl() + " answering after " + delay + " ms");
        Thread.currentThread().join();
    }
}
