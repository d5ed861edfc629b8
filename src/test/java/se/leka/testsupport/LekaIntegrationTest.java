package se.leka.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * An integration test of the whole application on its own database: a fresh PostgreSQL schema when
 * PostgreSQL is reachable (always, when {@code LEKA_REQUIRE_POSTGRES=true}), otherwise a fresh
 * in-memory H2 in PostgreSQL mode. Each annotated test class gets its own schema and its own
 * application context, so test classes never see each other's rows. See {@link TestDatabases}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest
@ActiveProfiles("it")
@ContextCustomizerFactories(IsolatedDatabaseCustomizerFactory.class)
public @interface LekaIntegrationTest {

    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};

    @AliasFor(annotation = SpringBootTest.class, attribute = "webEnvironment")
    SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.MOCK;
}
