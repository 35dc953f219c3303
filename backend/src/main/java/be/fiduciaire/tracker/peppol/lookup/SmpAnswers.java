package be.fiduciaire.tracker.peppol.lookup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the SMP answers a look-up needs — ServiceGroup and SignedServiceMetadata (ServiceInformation or Redirect)
 * of the Peppol SMP 1.0 ({@code busdox}) namespaces — from one hardened DOM parse, the same {@link Document} the
 * signature check ({@link SmpSignatures}) verifies: each answer is parsed once, and what is read is exactly what
 * was verified. Only the elements the look-up uses are read, but those strictly: the root element and every element
 * read must be of the SMP namespaces, appear once where the schema allows one, and hold text where the schema
 * says text; anything else is {@link Malformed} (a permanent failure). The parser takes no DTD at all (no
 * entities, so no XXE and no entity expansion), no XInclude, and limits element depth; the answer's size is bounded
 * by {@link SmpHttp} before it gets here. Thread-safe (one parser per thread).
 */
final class SmpAnswers {
    static final String SMP_NS = "http://busdox.org/serviceMetadata/publishing/1.0/";
    static final String IDS_NS = "http://busdox.org/transport/identifiers/1.0/";
    static final String WSA_NS = "http://www.w3.org/2005/08/addressing";
    static final String DS_NS = XMLSignature.XMLNS;
    /** Deeper than any SMP answer (about 8 levels, 12 with a signature): a guard against pathological nesting. */
    static final int MAX_DEPTH = 64;

    private static final DocumentBuilderFactory PARSERS = parserFactory();
    private static final ThreadLocal<DocumentBuilder> PARSER = ThreadLocal.withInitial(SmpAnswers::newParser);
    /** Errors end the parse (a non-validating parser reports few); warnings are ignored. */
    private static final DefaultHandler STRICT = new DefaultHandler() {
        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private SmpAnswers() {}

    /** An answer that is not XML, or not the SMP answer asked for: the SMP answered wrongly (permanent). */
    static final class Malformed extends Exception {
        final transient SmpProblem problem;

        /** {@link LookupError#SMP_MALFORMED} with this detail. */
        Malformed(String detail) {
            this(SmpProblem.of(LookupError.SMP_MALFORMED, "detail", detail));
        }

        Malformed(SmpProblem problem) {
            super(problem.describe(), null, false, false);
            this.problem = problem;
        }
    }

    /** A participant, document type or process identifier; either part may be null when absent. */
    record Identifier(String scheme, String value) {
        String describe() {
            return scheme + "::" + value;
        }
    }

    /** A ServiceGroup: whom it is about and the hrefs of its ServiceMetadataReferences, in order. */
    record ServiceGroup(Identifier participant, List<String> hrefs) {}

    /** One ServiceEndpointList/Endpoint; any element of it may be absent (null). */
    record Endpoint(String transportProfile, String address, Instant activation, Instant expiration, String certificate) {}

    record Process(Identifier id, List<Endpoint> endpoints) {}

    record ServiceInformation(Identifier participant, Identifier documentType, List<Process> processes) {}

    record Redirect(String href, String certificateUid) {}

    /** A SignedServiceMetadata's ServiceMetadata: exactly one of {@code information} and {@code redirect}. */
    record ServiceMetadata(ServiceInformation information, Redirect redirect) {}

    /** Parses an answer (no DTD, no external anything). */
    static Document parse(byte[] xml) throws Malformed {
        if (xml.length == 0) throw new Malformed("the answer is empty");
        DocumentBuilder parser = PARSER.get();
        try {
            parser.setErrorHandler(STRICT); // reset() forgets it; the default one prints to stderr
            return parser.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw new Malformed("the answer is not well-formed XML (line " + e.getLineNumber() + "): " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw new Malformed("the answer is not XML: " + e.getMessage());
        } finally {
            parser.reset();
        }
    }

    static ServiceGroup serviceGroup(Document document) throws Malformed {
        Element root = root(document, "ServiceGroup");
        Identifier participant = identifier(one(root, IDS_NS, "ParticipantIdentifier"));
        List<String> hrefs = new ArrayList<>();
        for (Element reference : children(one(root, SMP_NS, "ServiceMetadataReferenceCollection"), SMP_NS, "ServiceMetadataReference"))
            if (reference.hasAttribute("href")) hrefs.add(reference.getAttribute("href"));
        return new ServiceGroup(participant, List.copyOf(hrefs));
    }

    static ServiceMetadata serviceMetadata(Document document) throws Malformed {
        Element metadata = one(root(document, "SignedServiceMetadata"), SMP_NS, "ServiceMetadata");
        Element information = optional(metadata, SMP_NS, "ServiceInformation");
        Element redirect = optional(metadata, SMP_NS, "Redirect");
        if ((information == null) == (redirect == null))
            throw new Malformed("ServiceMetadata must hold either a ServiceInformation or a Redirect");
        if (redirect != null) {
            if (!redirect.hasAttribute("href")) throw new Malformed("Redirect has no href");
            return new ServiceMetadata(null, new Redirect(redirect.getAttribute("href").trim(), text(one(redirect, SMP_NS, "CertificateUID"))));
        }
        List<Process> processes = new ArrayList<>();
        for (Element process : children(one(information, SMP_NS, "ProcessList"), SMP_NS, "Process")) {
            List<Endpoint> endpoints = new ArrayList<>();
            for (Element endpoint : children(one(process, SMP_NS, "ServiceEndpointList"), SMP_NS, "Endpoint"))
                endpoints.add(endpoint(endpoint));
            processes.add(new Process(identifier(one(process, IDS_NS, "ProcessIdentifier")), List.copyOf(endpoints)));
        }
        return new ServiceMetadata(new ServiceInformation(identifier(one(information, IDS_NS, "ParticipantIdentifier")),
                identifier(one(information, IDS_NS, "DocumentIdentifier")), List.copyOf(processes)), null);
    }

    /**
     * The subject the signature's KeyInfo names: its first X509SubjectName, or the subject of its first
     * X509Certificate (the Peppol SMP client's rule for a Redirect's CertificateUID when signatures are not
     * verified); null when there is none.
     */
    static String keyInfoSubject(Document document) {
        for (Element signature : children(document.getDocumentElement(), DS_NS, "Signature"))
            for (Element keyInfo : children(signature, DS_NS, "KeyInfo"))
                for (Element data : children(keyInfo, DS_NS, "X509Data"))
                    for (Node n = data.getFirstChild(); n != null; n = n.getNextSibling()) {
                        if (!(n instanceof Element e) || !DS_NS.equals(e.getNamespaceURI())) continue;
                        if ("X509SubjectName".equals(e.getLocalName())) return e.getTextContent().trim();
                        if ("X509Certificate".equals(e.getLocalName())) {
                            try {
                                return certificate(e.getTextContent()).getSubjectX500Principal().getName();
                            } catch (CertificateException | IllegalArgumentException ex) {
                                return null;
                            }
                        }
                    }
        return null;
    }

    /**
     * A certificate as an SMP publishes it: base64 DER, possibly wrapped over lines or in PEM armour.
     * @throws IllegalArgumentException when the text is not base64
     */
    static X509Certificate certificate(String published) throws CertificateException {
        String base64 = published.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "");
        StringBuilder compact = new StringBuilder(base64.length());
        for (int i = 0; i < base64.length(); i++) {
            char c = base64.charAt(i);
            if (!Character.isWhitespace(c)) compact.append(c);
        }
        byte[] der = Base64.getDecoder().decode(compact.toString());
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static Endpoint endpoint(Element endpoint) throws Malformed {
        if (!endpoint.hasAttribute("transportProfile")) throw new Malformed("Endpoint has no transportProfile");
        Element reference = optional(endpoint, WSA_NS, "EndpointReference");
        Element address = reference == null ? null : optional(reference, WSA_NS, "Address");
        Element certificate = optional(endpoint, SMP_NS, "Certificate");
        return new Endpoint(endpoint.getAttribute("transportProfile"), address == null ? null : text(address).trim(),
                instant(optional(endpoint, SMP_NS, "ServiceActivationDate")), instant(optional(endpoint, SMP_NS, "ServiceExpirationDate")),
                certificate == null ? null : text(certificate));
    }

    private static Identifier identifier(Element element) throws Malformed {
        return new Identifier(element.hasAttribute("scheme") ? element.getAttribute("scheme") : null, text(element));
    }

    /** An xs:dateTime; without a time zone it is read as UTC. */
    private static Instant instant(Element element) throws Malformed {
        if (element == null) return null;
        String value = text(element).trim();
        Instant common = commonInstant(value);
        if (common != null) return common;
        try {
            int n = value.length();
            boolean zoned = value.endsWith("Z") || (n > 6 && value.charAt(n - 3) == ':' && (value.charAt(n - 6) == '+' || value.charAt(n - 6) == '-'));
            return zoned ? OffsetDateTime.parse(value).toInstant() : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new Malformed(element.getLocalName() + " '" + value + "' is no xs:dateTime");
        }
    }

    /**
     * The common xs:dateTime form {@code yyyy-MM-ddTHH:mm:ss[.fraction][Z|±HH:mm]} read without a formatter (four
     * per look-up; the formatter costs several times more); null for anything else, which the formatter then reads.
     */
    static Instant commonInstant(String v) {
        int n = v.length();
        if (n < 19 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T' || v.charAt(13) != ':' || v.charAt(16) != ':') return null;
        int year = digits(v, 0, 4), month = digits(v, 5, 2), day = digits(v, 8, 2);
        int hour = digits(v, 11, 2), minute = digits(v, 14, 2), second = digits(v, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;
        int i = 19;
        int nanos = 0;
        if (i < n && v.charAt(i) == '.') {
            int start = ++i;
            while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') i++;
            if (i == start || i - start > 9) return null;
            nanos = digits(v, start, i - start);
            for (int k = i - start; k < 9; k++) nanos *= 10;
        }
        int offset;
        if (i == n) offset = 0; // no time zone: UTC
        else if (v.charAt(i) == 'Z' && i == n - 1) offset = 0;
        else if ((v.charAt(i) == '+' || v.charAt(i) == '-') && n - i == 6 && v.charAt(i + 3) == ':') {
            int hours = digits(v, i + 1, 2), minutes = digits(v, i + 4, 2);
            if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) return null;
            offset = (v.charAt(i) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else return null;
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.ofTotalSeconds(offset));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The non-negative number written by {@code length} ASCII digits at {@code from}; -1 when they are not digits. */
    private static int digits(String v, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static Element root(Document document, String name) throws Malformed {
        Element root = document.getDocumentElement();
        if (!SMP_NS.equals(root.getNamespaceURI()) || !name.equals(root.getLocalName()))
            throw new Malformed(SmpProblem.of(LookupError.SMP_FOREIGN_ANSWER, "expected", name,
                    "root", "{" + (root.getNamespaceURI() == null ? "" : root.getNamespaceURI()) + "}" + root.getLocalName()));
        return root;
    }

    /** The element's text, refusing element content (the schema's simple types hold none). */
    private static String text(Element element) throws Malformed {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling())
            if (n.getNodeType() == Node.ELEMENT_NODE) throw new Malformed(element.getLocalName() + " holds elements where text is expected");
        return element.getTextContent();
    }

    private static Element one(Element parent, String namespace, String name) throws Malformed {
        Element found = optional(parent, namespace, name);
        if (found == null) throw new Malformed(parent.getLocalName() + " has no " + name);
        return found;
    }

    private static Element optional(Element parent, String namespace, String name) throws Malformed {
        Element found = null;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling())
            if (n instanceof Element e && name.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI())) {
                if (found != null) throw new Malformed(parent.getLocalName() + " has more than one " + name);
                found = e;
            }
        return found;
    }

    private static List<Element> children(Element parent, String namespace, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling())
            if (n instanceof Element e && name.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI())) found.add(e);
        return found;
    }

    /** Namespace-aware, no DTD (hence no entity of any kind), no XInclude, secure processing, bounded depth. */
    private static DocumentBuilderFactory parserFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be secured", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", MAX_DEPTH);
        return factory;
    }

    private static DocumentBuilder newParser() {
        try {
            synchronized (PARSERS) {
                return PARSERS.newDocumentBuilder();
            }
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
