package be.fiduciaire.tracker.peppol.fake;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's SMP (scripts/bench-peppol.sh): every participant is registered for invoices and credit notes,
 * each answer comes after a fixed delay. With signatures verified (the default, as in production) every
 * participant's answers are signed for real once and kept, the bench signing them ahead of the timed run
 * ({@code POST /__presign}); with {@code unsigned} (a bench with PEPPOL_SMP_VERIFY_SIGNATURE=false) answers are
 * signed once per document type and only the participant id is swapped in. Either way the fake's own CPU during
 * the run stays small. The endpoint certificate's CA is written to {@code portFile.ap-ca.pem} (for
 * PEPPOL_AP_TRUSTSTORE) and the signer's CA to {@code portFile.smp-ca.pem} (for PEPPOL_SMP_TRUSTSTORE).
 * Usage: BenchSmp delayMillis portFile [signed|unsigned]. GET /__stats gives the requests served.
 */
public final class BenchSmp {
    public static void main(String[] args) throws Exception {
        long delay = Long.parseLong(args[0]);
        boolean signed = args.length < 3 || !"unsigned".equals(args[2]);
        FakeSmp smp = new FakeSmp(delay, delay, 512, signed ? FakeSmp.Signing.PER_PARTICIPANT : FakeSmp.Signing.TEMPLATE);
        FakeSmp.Participant everyone = new FakeSmp.Participant();
        var certificate = TestCertificates.accessPoint("Bench Access Point", "PBE000999", "BE");
        everyone.endpoint(FakeSmp.INVOICE, FakeSmp.Endpoint.active("https://ap.bench.example/as4", certificate))
                .endpoint(FakeSmp.CREDIT_NOTE, FakeSmp.Endpoint.active("https://ap.bench.example/as4", certificate));
        smp.registerEveryone(everyone);
        Files.copy(TestCertificates.pemFile("bench-ap-ca", TestCertificates.AP_CA.certificate()), Path.of(args[1] + ".ap-ca.pem"));
        Files.copy(TestCertificates.pemFile("bench-smp-ca", TestCertificates.SMP_CA.certificate()), Path.of(args[1] + ".smp-ca.pem"));
        Files.writeString(Path.of(args[1]), smp.baseUrl());
        System.out.println("Fake SMP at " + smp.baseUrl() + " answering after " + delay + " ms, answers "
                + (signed ? "signed per participant" : "signed once per document type (signatures do not verify)"));
        Thread.currentThread().join();
    }
}
