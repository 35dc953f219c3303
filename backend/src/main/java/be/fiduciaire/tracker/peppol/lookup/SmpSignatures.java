package be.fiduciaire.tracker.peppol.lookup;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.XMLStructure;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;

import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.helger.smpclient.security.TrustStoreBasedX509KeySelector;

/**
 * Verifies the XML-DSig signature of a signed SMP answer by the rule of the Peppol SMP client
 * ({@code SMPHttpResponseHandlerSigned}): every {@code Signature} element must validate under the JDK's secure
 * validation (which refuses SHA-1 and short keys) with the key of an {@code X509Certificate} of its {@code KeyInfo},
 * a certificate valid at check time and issued by one of the Peppol SMP CAs. Beyond the library, the answer's own
 * signature (a child of its root element) must exist and sign the whole document (a Reference with URI "", as the
 * Peppol SMP specification has it), so no signature over a part can vouch for the rest. It verifies the very
 * {@link Document} the answer is read from ({@link SmpAnswers#parse}): parsed once, read as verified. One XML
 * signature factory per thread (not thread-safe), and the chain's outcome per signing certificate
 * ({@link PeppolTrust#smpSignerProblem}, whose validity check still runs for every answer).
 */
final class SmpSignatures {
    private static final String SECURE_VALIDATION = "org.jcp.xml.dsig.secureValidation";
    private static final ThreadLocal<XMLSignatureFactory> FACTORY = ThreadLocal.withInitial(() -> XMLSignatureFactory.getInstance("DOM"));

    private final PeppolTrust trust;

    SmpSignatures(PeppolTrust trust) {
        this.trust = trust;
    }

    /** A signature that does not hold: the SMP answered wrongly (permanent). */
    static final class Invalid extends Exception {
        final transient SmpProblem problem;

        Invalid(SmpProblem problem, Throwable cause) {
            super(problem.describe(), cause);
            this.problem = problem;
        }

        /** {@link LookupError#SMP_SIGNATURE_INVALID} with this detail. */
        Invalid(String detail, Throwable cause) {
            this(SmpProblem.of(LookupError.SMP_SIGNATURE_INVALID, "detail", detail), cause);
        }
    }

    /** The signing certificate an SMP may not sign with (expired, not yet valid, not of an SMP CA). */
    private static final class Untrusted extends KeySelectorException {
        final transient SmpProblem problem;

        Untrusted(SmpProblem problem) {
            super(problem.describe());
            this.problem = problem;
        }
    }

    /**
     * Verifies every signature of the answer at {@code at} and returns the certificate whose key validated the
     * answer's own (enveloped) signature.
     */
    X509Certificate verify(Document document, Instant at) throws Invalid {
        NodeList signatures = document.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (signatures.getLength() == 0) throw new Invalid(SmpProblem.of(LookupError.SMP_UNSIGNED), null);
        XMLSignatureFactory factory = FACTORY.get();
        X509Certificate signer = null;
        for (int i = 0; i < signatures.getLength(); i++) {
            Node node = signatures.item(i);
            SmpKeySelector keys = new SmpKeySelector(at);
            DOMValidateContext context = new DOMValidateContext(keys, node);
            context.setProperty(SECURE_VALIDATION, Boolean.TRUE);
            boolean valid;
            XMLSignature signature;
            try {
                signature = factory.unmarshalXMLSignature(context);
                valid = signature.validate(context);
            } catch (MarshalException | XMLSignatureException e) {
                for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause())
                    if (t instanceof Untrusted untrusted) throw new Invalid(untrusted.problem, e);
                throw new Invalid("its signature could not be validated: " + message(e), e);
            }
            if (!valid) throw new Invalid("its signature is not valid (secure validation)", null);
            if (node.getParentNode() == document.getDocumentElement() && signer == null) {
                boolean whole = false;
                for (Object reference : signature.getSignedInfo().getReferences())
                    if ("".equals(((Reference) reference).getURI())) whole = true;
                if (!whole) throw new Invalid("its signature does not sign the whole answer (no Reference with URI \"\")", null);
                signer = keys.selected;
            }
        }
        if (signer == null) throw new Invalid(SmpProblem.of(LookupError.SMP_UNSIGNED), null);
        return signer;
    }

    private static String message(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) t = t.getCause();
        String m = t.getMessage();
        if (e.getCause() != null && e.getCause().getMessage() != null && (m == null || !m.contains(e.getCause().getMessage())))
            m = (m == null ? "" : m + ": ") + e.getCause().getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** The key of the first X509Certificate of the KeyInfo that an SMP may sign with and that fits the algorithm. */
    private final class SmpKeySelector extends KeySelector {
        private final Instant at;
        X509Certificate selected;

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
                                SmpProblem problem = trust.smpSignerProblem(certificate, at);
                                if (problem != null) throw new Untrusted(problem);
                                PublicKey key = certificate.getPublicKey();
                                if (TrustStoreBasedX509KeySelector.algorithmEquals(method.getAlgorithm(), key.getAlgorithm())) {
                                    selected = certificate;
                                    return () -> key;
                                }
                            }
            throw new KeySelectorException("No public key found!");
        }
    }
}
