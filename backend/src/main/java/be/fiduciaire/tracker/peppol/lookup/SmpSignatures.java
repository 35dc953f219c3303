package be.fiduciaire.tracker.peppol.lookup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

import javax.xml.XMLConstants;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.XMLStructure;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import com.helger.smpclient.exception.SMPClientBadResponseException;
import com.helger.smpclient.httpclient.SMPHttpResponseHandlerSigned;
import com.helger.smpclient.security.TrustStoreBasedX509KeySelector;

/**
 * Verifies the XML-DSig signature of a signed SMP answer by the rule of the Peppol SMP client
 * ({@link SMPHttpResponseHandlerSigned}): every {@code Signature} element must validate under secure validation
 * with the key of an {@code X509Certificate} of its {@code KeyInfo}, a certificate valid at check time and issued
 * by one of the Peppol SMP CAs. What the library rebuilds for every answer is kept instead: one DOM parser and one
 * XML signature factory per thread (neither is thread-safe), and the chain's outcome per signing certificate
 * ({@link PeppolTrust#smpSignerProblem}, whose validity check still runs for every answer).
 */
final class SmpSignatures {
    private static final String SECURE_VALIDATION = "org.jcp.xml.dsig.secureValidation";
    private static final DocumentBuilderFactory PARSERS = parserFactory();
    private static final ThreadLocal<DocumentBuilder> PARSER = ThreadLocal.withInitial(SmpSignatures::newParser);
    private static final ThreadLocal<XMLSignatureFactory> FACTORY = ThreadLocal.withInitial(() -> XMLSignatureFactory.getInstance("DOM"));

    /** Errors end the parse (a non-validating parser reports few); warnings are ignored. */
    private static final DefaultHandler STRICT = new DefaultHandler() {
        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private final PeppolTrust trust;

    SmpSignatures(PeppolTrust trust) {
        this.trust = trust;
    }

    /**
     * Throws when the answer is not XML, carries no signature, or a signature does not validate ({@code secure}:
     * under the JDK's secure validation, which refuses SHA-1 and short keys, as the library does by default).
     */
    void verify(byte[] xml, Instant at, boolean secure) throws SMPClientBadResponseException {
        if (xml.length == 0) throw new SMPClientBadResponseException("SMP server response content is empty/could not be read");
        Document document;
        DocumentBuilder parser = PARSER.get();
        try {
            parser.setErrorHandler(STRICT); // reset() forgets it; the default one prints to stderr
            document = parser.parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw new SMPClientBadResponseException("Error in validating signature returned from SMP server: the SMP response is not XML", e);
        } finally {
            parser.reset();
        }
        NodeList signatures = document.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (signatures.getLength() == 0)
            throw new SMPClientBadResponseException("Error in validating signature returned from SMP server: element <Signature> not found in SMP XML response");
        XMLSignatureFactory factory = FACTORY.get();
        KeySelector keys = new SmpKeySelector(at);
        for (int i = 0; i < signatures.getLength(); i++) {
            DOMValidateContext context = new DOMValidateContext(keys, signatures.item(i));
            context.setProperty(SECURE_VALIDATION, Boolean.valueOf(secure));
            boolean valid;
            try {
                valid = factory.unmarshalXMLSignature(context).validate(context);
            } catch (MarshalException | XMLSignatureException e) {
                throw new SMPClientBadResponseException("Error in validating signature returned from SMP server", e);
            }
            if (!valid) throw new SMPClientBadResponseException("Signature returned from SMP server was not valid with "
                    + (secure ? "secure" : "regular") + " validation");
        }
    }

    /** The key of the first X509Certificate of the KeyInfo that an SMP may sign with and that fits the algorithm. */
    private final class SmpKeySelector extends KeySelector {
        private final Instant at;

        SmpKeySelector(Instant at) {
            this.at = at;
        }

        @Override
        public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method, XMLCryptoContext context)
                throws KeySelectorException {
            if (keyInfo != null)
                for (XMLStructure structure : keyInfo.getContent())
                    if (structure instanceof X509Data data)
                        for (Object element : data.getContent())
                            if (element instanceof X509Certificate certificate) {
                                String problem = trust.smpSignerProblem(certificate, at);
                                if (problem != null) throw new KeySelectorException(problem);
                                PublicKey key = certificate.getPublicKey();
                                if (TrustStoreBasedX509KeySelector.algorithmEquals(method.getAlgorithm(), key.getAlgorithm()))
                                    return () -> key;
                            }
            throw new KeySelectorException("No public key found!");
        }
    }

    /** Namespace-aware, no DTD, no external entities, no XInclude. */
    private static DocumentBuilderFactory parserFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be secured", e);
        }
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
