package se.leka.admin;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/** How the pages show an instant: Swedish local time, {@code yyyy-MM-dd HH:mm:ss} ({@code ${@swedishTime.of(t)}}). */
@Component("swedishTime")
public class SwedishTime {

    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    public String of(OffsetDateTime instant) {
        return instant == null ? "" : FORMAT.format(instant.atZoneSameInstant(SWEDEN));
    }
}
