package be.fiduciaire.tracker.peppol.lookup;

import java.util.Map;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBContextFactory;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.ws.wsaddressing.W3CEndpointReference;

/**
 * jakarta.xml.ws-api 4.0.2's {@link W3CEndpointReference} builds a new JAXBContext in its constructor, i.e. for
 * every SMP endpoint the Peppol SMP client unmarshals (several ms of CPU each, the largest cost of a look-up).
 * This factory hands out one shared, thread-safe context for exactly that request and delegates everything else to
 * the Glassfish JAXB runtime unchanged. Installed by {@link PeppolLookup} through the standard
 * {@code jakarta.xml.bind.JAXBContextFactory} system property.
 */
public final class CachingJaxbContextFactory implements JAXBContextFactory {
    private static final JAXBContextFactory DELEGATE = new org.glassfish.jaxb.runtime.v2.JAXBContextFactory();
    private static volatile JAXBContext endpointReferenceContext;

    /**
     * Installs the factory when JAXB would find this very class by name from the class loader of the libraries
     * (true in the packaged application; not in Quarkus test mode, where libraries and application classes live in
     * different class loaders, and JAXB then keeps its own factory).
     */
    static boolean install() {
        if (System.getProperty(JAXBContext.JAXB_CONTEXT_FACTORY) != null)
            return CachingJaxbContextFactory.class.getName().equals(System.getProperty(JAXBContext.JAXB_CONTEXT_FACTORY));
        try {
            ClassLoader libraries = com.helger.jaxb.GenericJAXBMarshaller.class.getClassLoader();
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (Class.forName(CachingJaxbContextFactory.class.getName(), false, libraries) != CachingJaxbContextFactory.class
                    || (context != null && Class.forName(CachingJaxbContextFactory.class.getName(), false, context) != CachingJaxbContextFactory.class))
                return false;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        System.setProperty(JAXBContext.JAXB_CONTEXT_FACTORY, CachingJaxbContextFactory.class.getName());
        return true;
    }

    @Override
    public JAXBContext createContext(Class<?>[] classes, Map<String, ?> properties) throws JAXBException {
        if (classes.length == 1 && classes[0] == W3CEndpointReference.class && (properties == null || properties.isEmpty())) {
            JAXBContext context = endpointReferenceContext;
            if (context == null) endpointReferenceContext = context = DELEGATE.createContext(classes, properties);
            return context;
        }
        return DELEGATE.createContext(classes, properties);
    }

    @Override
    public JAXBContext createContext(String contextPath, ClassLoader classLoader, Map<String, ?> properties) throws JAXBException {
        return DELEGATE.createContext(contextPath, classLoader, properties);
    }
}
