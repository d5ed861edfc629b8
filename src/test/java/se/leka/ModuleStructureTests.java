package se.leka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

import fixture.forbidden.ForbiddenFixtureApplication;

/**
 * The rooms and their allowed dependencies (each room's {@code package-info.java}) hold: a
 * dependency the architecture forbids, a cycle, or a reach into another room's internals fails the
 * build here.
 */
class ModuleStructureTests {

    static final ApplicationModules MODULES = ApplicationModules.of(LekaExchangeApplication.class);

    @Test
    void rooms_depend_only_on_what_they_declare() {
        MODULES.verify();
    }

    @Test
    void every_room_of_the_architecture_exists() {
        assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .contains("format", "agreement", "exchange", "order", "register", "notification", "fee", "audit", "admin");
    }

    @Test
    void the_check_fails_on_a_forbidden_dependency() {
        // The fixture lives among the test classes, which the default import leaves out.
        ApplicationModules broken = ApplicationModules.of(ForbiddenFixtureApplication.class, location -> true);
        assertThatThrownBy(broken::verify)
                .isInstanceOf(Violations.class)
                .hasMessageContaining("alpha")
                .hasMessageContaining("beta");
    }
}
