package se.leka.order;

import java.util.Optional;

import org.beanio.StreamFactory;
import org.springframework.core.io.ClassPathResource;

import se.leka.format.BeanIoItemReader;
import se.leka.format.BeanIoMappings;
import se.leka.format.FileType;

/**
 * Which layouts the order room reads: one BeanIO mapping per file type and format version,
 * {@code jobs/order-intake/<TYPE>-v<NN>.xml} with stream {@code <TYPE>-<NN>}. A version is supported
 * exactly when its mapping exists, so a next version is accepted beside the current one by adding
 * its mapping (and its card section) — the reader dispatches on the start record's version.
 */
final class OrderFormats {

    private OrderFormats() {
    }

    record Layout(StreamFactory factory, String streamName) {
    }

    /** The reader's shortcut for the layout's detail record, where there is one (order files, version 01). */
    static BeanIoItemReader.Shortcut<?> shortcut(FileType type, int version) {
        return type == FileType.BEST && version == 1 ? new OrderLineShortcut() : null;
    }

    static Optional<Layout> layout(FileType type, int version) {
        String resource = String.format("jobs/order-intake/%s-v%02d.xml", type.code(), version);
        if (!new ClassPathResource(resource).exists()) {
            return Optional.empty();
        }
        return Optional.of(new Layout(BeanIoMappings.factory(resource), String.format("%s-%02d", type.code(), version)));
    }
}
