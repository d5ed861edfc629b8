package se.leka.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.FileSystemUtils;

/** Gives every {@link LekaIntegrationTest} class a database of its own (see {@link TestDatabases}). */
class IsolatedDatabaseCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return AnnotatedElementUtils.hasAnnotation(testClass, LekaIntegrationTest.class)
                ? new IsolatedDatabaseCustomizer(testClass) : null;
    }

    /** Files (SFTP trees, archive, quarantine, work files) of one test class, apart from every other's. */
    private static Path dataDirFor(Class<?> testClass) {
        try {
            return Files.createTempDirectory("leka-it-" + testClass.getSimpleName() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Equal only for the same test class, which keeps Spring's context cache from sharing one
     * context (and so one schema) between classes.
     */
    private record IsolatedDatabaseCustomizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestDatabases.TestDatabase database = TestDatabases.create(testClass.getSimpleName());
            Path dataDir = dataDirFor(testClass);
            TestPropertyValues.of(database.springProperties()).applyTo(context);
            // A fallback only: above application.yml, below anything a test sets itself (properties,
            // @DynamicPropertySource), so tests that manage their own data directory keep it.
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            MapPropertySource fallback = new MapPropertySource("leka-test-data-dir", Map.of("leka.data-dir", dataDir.toString()));
            sources.stream().map(PropertySource::getName).filter(name -> name.startsWith("Config resource")).findFirst()
                    .ifPresentOrElse(name -> sources.addBefore(name, fallback), () -> sources.addLast(fallback));
            context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> {
                database.drop();
                FileSystemUtils.deleteRecursively(dataDir.toFile());
            });
        }
    }
}
