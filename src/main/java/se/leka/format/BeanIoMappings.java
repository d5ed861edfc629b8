package se.leka.format;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.beanio.StreamFactory;

/**
 * BeanIO stream factories for the mapping files under {@code jobs/<job>/}, which are on the
 * classpath as {@code jobs/<job>/<mapping>.xml}. Loading a mapping is costly; each is loaded once.
 */
public final class BeanIoMappings {

    private static final Map<String, StreamFactory> FACTORIES = new ConcurrentHashMap<>();

    private BeanIoMappings() {
    }

    /** The factory for the mapping at classpath location {@code resource}, e.g. {@code jobs/order-intake/order-v1.xml}. */
    public static StreamFactory factory(String resource) {
        return FACTORIES.computeIfAbsent(resource, r -> {
            StreamFactory factory = StreamFactory.newInstance();
            factory.loadResource(r);
            return factory;
        });
    }
}
