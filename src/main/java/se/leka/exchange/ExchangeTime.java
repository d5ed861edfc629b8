package se.leka.exchange;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * "Now" and "today" for the exchange room, in Swedish time (agreements and assignments are dated in
 * Swedish days). Uses the application's {@link Clock} bean when there is one.
 */
@Component
class ExchangeTime {

    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private final Clock clock;

    ExchangeTime(ObjectProvider<Clock> clock) {
        this.clock = clock.getIfAvailable(() -> Clock.system(SWEDEN)).withZone(SWEDEN);
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }
}
