package be.fiduciaire.tracker.peppol.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import be.fiduciaire.tracker.peppol.fake.TestCertificates;

/**
 * The lean SMP answer reader on answers in the shapes Peppol SMPs publish (test resources {@code peppol/smp}) and
 * on hostile XML: no DTD, no entity, no XInclude, no foreign namespace, no ambiguity.
 */
class SmpAnswersTest {
    static final String INVOICE = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    static final String CREDIT_NOTE = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    static final String PINT = "peppol-doctype-wildcard::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:peppol:pint:billing-1*::2.1";
    static final String GROUP_HEAD = "<ServiceGroup xmlns=\"http://busdox.org/serviceMetadata/publishing/1.0/\" xmlns:ids=\"http://busdox.org/transport/identifiers/1.0/\">";
    static final String PARTICIPANT = "<ids:ParticipantIdentifier scheme=\"iso6523-actorid-upis\">0208:0123456749</ids:ParticipantIdentifier>";

    static byte[] resource(String name) throws IOException {
        try (InputStream in = SmpAnswersTest.class.getResourceAsStream("/peppol/smp/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    static SmpAnswers.ServiceGroup group(String xml) throws SmpAnswers.Malformed {
        return SmpAnswers.serviceGroup(SmpAnswers.parse(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static SmpAnswers.ServiceMetadata metadata(String xml) throws SmpAnswers.Malformed {
        return SmpAnswers.serviceMetadata(SmpAnswers.parse(xml.getBytes(StandardCharsets.UTF_8)));
    }

    // --- answers as SMPs publish them

    @Test
    void readsAPrefixedServiceGroupWithEveryReferenceAsListed() throws Exception {
        SmpAnswers.ServiceGroup group = SmpAnswers.serviceGroup(SmpAnswers.parse(resource("service-group-prefixed.xml")));
        assertEquals(new SmpAnswers.Identifier("iso6523-actorid-upis", "0208:0123456749"), group.participant());
        assertEquals(4, group.hrefs().size());
        List<String> types = group.hrefs().stream().map(PeppolLookup::documentTypeOf).toList();
        assertEquals(List.of(INVOICE, CREDIT_NOTE, PINT, "not a document type identifier"), types);
    }

    @Test
    void readsADefaultNamespaceServiceGroupWithLowerCasePercentEncoding() throws Exception {
        SmpAnswers.ServiceGroup group = SmpAnswers.serviceGroup(SmpAnswers.parse(resource("service-group-default-namespace.xml")));
        assertEquals("9925:BE0123456749", group.participant().value());
        assertEquals(List.of(INVOICE), group.hrefs().stream().map(PeppolLookup::documentTypeOf).toList());
    }

    @Test
    void readsSignedServiceMetadataWithEveryProcessAndEndpoint() throws Exception {
        SmpAnswers.ServiceMetadata metadata = SmpAnswers.serviceMetadata(SmpAnswers.parse(resource("signed-service-metadata.xml")));
        assertNull(metadata.redirect());
        SmpAnswers.ServiceInformation information = metadata.information();
        assertEquals(new SmpAnswers.Identifier("iso6523-actorid-upis", "0208:0123456749"), information.participant());
        assertEquals(INVOICE, information.documentType().describe());
        assertEquals(2, information.processes().size());
        SmpAnswers.Process billing = information.processes().get(0);
        assertEquals(new SmpAnswers.Identifier("cenbii-procid-ubl", "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"), billing.id());
        assertEquals(2, billing.endpoints().size());
        SmpAnswers.Endpoint old = billing.endpoints().get(0);
        assertEquals("peppol-transport-as4-v2_0", old.transportProfile());
        assertEquals("https://old-ap.example.be/as4", old.address());
        assertEquals(Instant.parse("2019-01-01T00:00:00Z"), old.activation());
        assertEquals(Instant.parse("2021-01-01T00:00:00Z"), old.expiration(), "no time zone: UTC");
        SmpAnswers.Endpoint active = billing.endpoints().get(1);
        assertEquals("https://ap.example.be/as4", active.address(), "trimmed");
        assertEquals(Instant.parse("2023-06-01T06:30:00Z"), active.activation());
        assertEquals(Instant.parse("2033-06-01T06:30:00Z"), active.expiration());
        assertEquals("MIIFsjCCA5qgAwIBAgIQNEW\nZXhhbXBsZQ==", active.certificate(), "as published");
        SmpAnswers.Endpoint as2 = information.processes().get(1).endpoints().get(0);
        assertEquals("busdox-transport-as2-ver2p0", as2.transportProfile());
        assertNull(as2.activation());
        assertNull(as2.expiration());
        assertEquals("CN=smp.example.be,O=Example SMP,C=BE", SmpAnswers.keyInfoSubject(SmpAnswers.parse(resource("signed-service-metadata.xml"))));
    }

    @Test
    void readsARedirect() throws Exception {
        SmpAnswers.ServiceMetadata metadata = SmpAnswers.serviceMetadata(SmpAnswers.parse(resource("signed-redirect.xml")));
        assertNull(metadata.information());
        assertTrue(metadata.redirect().href().startsWith("https://other-smp.example.eu/iso6523-actorid-upis%3A%3A0208"), metadata.redirect().href());
        assertTrue(SmpHttp.sameName(metadata.redirect().certificateUid(), "C=DE,O=Other SMP,CN=other-smp.example.eu"),
                "a CertificateUID names the signer in any RDN order");
        assertFalse(SmpHttp.sameName(metadata.redirect().certificateUid(), "CN=other-smp.example.eu,O=Other SMP,C=BE"));
    }

    @Test
    void readsEndpointCertificatesAsPublishedWrappedOrInPemArmour() throws Exception {
        X509Certificate certificate = TestCertificates.accessPoint("Acme Access Point", "PBE000001", "BE");
        String base64 = Base64.getEncoder().encodeToString(certificate.getEncoded());
        String wrapped = Base64.getMimeEncoder(64, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded());
        for (String published : List.of(base64, "\n  " + wrapped + "\n  ", "-----BEGIN CERTIFICATE-----\n" + wrapped + "\n-----END CERTIFICATE-----\n"))
            assertEquals(certificate, SmpAnswers.certificate(published));
        assertThrows(IllegalArgumentException.class, () -> SmpAnswers.certificate("not base64 at all!"));
    }

    @Test
    void datesAreReadAsTheFormatterReadsThem() {
        for (String value : List.of("2023-06-01T08:30:00Z", "2023-06-01T08:30:00.5+02:00", "2023-06-01T08:30:00.123456789-05:30",
                "2023-06-01T08:30:00+14:00", "2024-02-29T23:59:59.000Z"))
            assertEquals(java.time.OffsetDateTime.parse(value).toInstant(), SmpAnswers.commonInstant(value), value);
        assertEquals(java.time.LocalDateTime.parse("2021-01-01T00:00:00").toInstant(java.time.ZoneOffset.UTC), SmpAnswers.commonInstant("2021-01-01T00:00:00"));
        for (String value : List.of("2023-13-01T08:30:00Z", "2023-02-30T08:30:00Z", "2023-06-01T24:00:00Z", "2023-06-01 08:30:00Z",
                "2023-06-01T08:30:00+2:00", "2023-06-01T08:30:00.Z", "+2023-06-01T08:30:00Z", "2023-06-01"))
            assertNull(SmpAnswers.commonInstant(value), value);
    }

    @Test
    void anAnswerWithoutOptionalPartsIsRead() throws Exception {
        SmpAnswers.ServiceGroup empty = group(GROUP_HEAD + PARTICIPANT + "<ServiceMetadataReferenceCollection/></ServiceGroup>");
        assertEquals(List.of(), empty.hrefs());
        SmpAnswers.ServiceMetadata bare = metadata("""
                <SignedServiceMetadata xmlns="http://busdox.org/serviceMetadata/publishing/1.0/" xmlns:ids="http://busdox.org/transport/identifiers/1.0/">
                <ServiceMetadata><ServiceInformation>%s<ids:DocumentIdentifier scheme="busdox-docid-qns">x</ids:DocumentIdentifier>
                <ProcessList><Process><ids:ProcessIdentifier scheme="cenbii-procid-ubl">p</ids:ProcessIdentifier><ServiceEndpointList>
                <Endpoint transportProfile="peppol-transport-as4-v2_0"/></ServiceEndpointList></Process></ProcessList>
                </ServiceInformation></ServiceMetadata></SignedServiceMetadata>""".formatted(PARTICIPANT));
        SmpAnswers.Endpoint endpoint = bare.information().processes().get(0).endpoints().get(0);
        assertNull(endpoint.address());
        assertNull(endpoint.certificate(), "judged later: the endpoint certificate is missing");
    }

    // --- hostile and foreign XML: every one is Malformed (a permanent failure of the look-up)

    static void assertMalformed(String xml, String expected) {
        SmpAnswers.Malformed e = assertThrows(SmpAnswers.Malformed.class, () -> group(xml));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aDoctypeIsRefusedEvenWithoutEntities() {
        assertMalformed("<?xml version=\"1.0\"?><!DOCTYPE ServiceGroup>" + GROUP_HEAD + PARTICIPANT
                + "<ServiceMetadataReferenceCollection/></ServiceGroup>", "DOCTYPE");
    }

    @Test
    void entityExpansionIsRefusedBeforeAnyExpansion() {
        StringBuilder laughs = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++)
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        laughs.append("]>");
        assertMalformed(laughs + GROUP_HEAD + "<ids:ParticipantIdentifier scheme=\"iso6523-actorid-upis\">&lol9;</ids:ParticipantIdentifier>"
                + "<ServiceMetadataReferenceCollection/></ServiceGroup>", "DOCTYPE");
    }

    @Test
    void externalEntitiesAreNeverRead(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String general = "<!DOCTYPE ServiceGroup [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>" + GROUP_HEAD
                + "<ids:ParticipantIdentifier scheme=\"iso6523-actorid-upis\">&xxe;</ids:ParticipantIdentifier><ServiceMetadataReferenceCollection/></ServiceGroup>";
        String parameter = "<!DOCTYPE ServiceGroup [<!ENTITY % remote SYSTEM \"" + secret.toUri() + "\"> %remote;]>" + GROUP_HEAD
                + PARTICIPANT + "<ServiceMetadataReferenceCollection/></ServiceGroup>";
        String externalDtd = "<!DOCTYPE ServiceGroup SYSTEM \"" + secret.toUri() + "\">" + GROUP_HEAD + PARTICIPANT
                + "<ServiceMetadataReferenceCollection/></ServiceGroup>";
        for (String xml : List.of(general, parameter, externalDtd)) {
            SmpAnswers.Malformed e = assertThrows(SmpAnswers.Malformed.class, () -> group(xml));
            assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
        }
    }

    @Test
    void xincludeIsNotProcessed(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        SmpAnswers.ServiceGroup group = group(GROUP_HEAD + "<ids:ParticipantIdentifier scheme=\"iso6523-actorid-upis\">0208:0123456749</ids:ParticipantIdentifier>"
                + "<ServiceMetadataReferenceCollection><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + secret.toUri()
                + "\" parse=\"text\"/></ServiceMetadataReferenceCollection></ServiceGroup>");
        assertEquals(List.of(), group.hrefs());
        SmpAnswers.Malformed e = assertThrows(SmpAnswers.Malformed.class, () -> group(GROUP_HEAD
                + "<ids:ParticipantIdentifier scheme=\"iso6523-actorid-upis\"><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                + secret.toUri() + "\" parse=\"text\"/></ids:ParticipantIdentifier><ServiceMetadataReferenceCollection/></ServiceGroup>"));
        assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
    }

    @Test
    void foreignNamespacesAndRootsAreRefused() {
        // OASIS BDXR SMP 1.0 is not what Peppol SMPs answer
        assertMalformed("<ServiceGroup xmlns=\"http://docs.oasis-open.org/bdxr/ns/SMP/2016/05\"><ParticipantIdentifier scheme=\"iso6523-actorid-upis\">0208:0123456749</ParticipantIdentifier>"
                + "<ServiceMetadataReferenceCollection/></ServiceGroup>", "no ServiceGroup of the Peppol SMP namespace");
        assertMalformed("<ServiceGroup><ParticipantIdentifier scheme=\"iso6523-actorid-upis\">0208:0123456749</ParticipantIdentifier>"
                + "<ServiceMetadataReferenceCollection/></ServiceGroup>", "no ServiceGroup");
        assertMalformed("<html><body><h1>502 Bad Gateway</h1></body></html>", "{}html");
        // the identifier of another namespace is not the ServiceGroup's
        assertMalformed(GROUP_HEAD + "<ParticipantIdentifier scheme=\"iso6523-actorid-upis\">0208:0123456749</ParticipantIdentifier>"
                + "<ServiceMetadataReferenceCollection/></ServiceGroup>", "has no ParticipantIdentifier");
        // a ServiceMetadata asked for, a ServiceGroup answered
        SmpAnswers.Malformed e = assertThrows(SmpAnswers.Malformed.class,
                () -> metadata(GROUP_HEAD + PARTICIPANT + "<ServiceMetadataReferenceCollection/></ServiceGroup>"));
        assertTrue(e.getMessage().contains("no SignedServiceMetadata"), e.getMessage());
    }

    @Test
    void brokenAndAmbiguousAnswersAreRefused() {
        assertMalformed("", "empty");
        assertMalformed("<ServiceGroup xmlns=\"http://busdox.org/serviceMetadata/publishing/1.0/\"><ParticipantIdentifier", "not well-formed");
        assertMalformed(GROUP_HEAD + PARTICIPANT + PARTICIPANT.replace("0123456749", "0000000097")
                + "<ServiceMetadataReferenceCollection/></ServiceGroup>", "more than one ParticipantIdentifier");
        assertMalformed(GROUP_HEAD + "<ids:ParticipantIdentifier scheme=\"iso6523-actorid-upis\">0208:<b>0123456749</b></ids:ParticipantIdentifier>"
                + "<ServiceMetadataReferenceCollection/></ServiceGroup>", "holds elements");
        assertMalformed(GROUP_HEAD + PARTICIPANT + "</ServiceGroup>", "has no ServiceMetadataReferenceCollection");
        String metadataHead = "<SignedServiceMetadata xmlns=\"http://busdox.org/serviceMetadata/publishing/1.0/\" xmlns:ids=\"http://busdox.org/transport/identifiers/1.0/\"><ServiceMetadata>";
        String redirect = "<Redirect href=\"https://smp.example/x\"><CertificateUID>CN=x</CertificateUID></Redirect>";
        for (String body : List.of("", redirect + redirect, redirect + "<ServiceInformation/>")) {
            SmpAnswers.Malformed e = assertThrows(SmpAnswers.Malformed.class, () -> metadata(metadataHead + body + "</ServiceMetadata></SignedServiceMetadata>"));
            assertNotNull(e.getMessage());
        }
        SmpAnswers.Malformed date = assertThrows(SmpAnswers.Malformed.class, () -> metadata(metadataHead + "<ServiceInformation>" + PARTICIPANT
                + "<ids:DocumentIdentifier scheme=\"busdox-docid-qns\">x</ids:DocumentIdentifier><ProcessList><Process>"
                + "<ids:ProcessIdentifier scheme=\"cenbii-procid-ubl\">p</ids:ProcessIdentifier><ServiceEndpointList>"
                + "<Endpoint transportProfile=\"peppol-transport-as4-v2_0\"><ServiceActivationDate>next monday</ServiceActivationDate></Endpoint>"
                + "</ServiceEndpointList></Process></ProcessList></ServiceInformation></ServiceMetadata></SignedServiceMetadata>"));
        assertTrue(date.getMessage().contains("no xs:dateTime"), date.getMessage());
    }

    @Test
    void pathologicalNestingIsRefused() {
        String deep = "<x:e xmlns:x=\"urn:x\">".repeat(SmpAnswers.MAX_DEPTH + 1) + "</x:e>".repeat(SmpAnswers.MAX_DEPTH + 1);
        assertMalformed(GROUP_HEAD + PARTICIPANT + "<ServiceMetadataReferenceCollection/><Extension>" + deep + "</Extension></ServiceGroup>",
                "not well-formed");
    }
}
