package se.leka.admin;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * How the pages show an instant of our own tables ({@code ${@serverTime.of(t)}}): in the server's
 * time zone, {@code yyyy-MM-dd HH:mm:ss} — the zone Spring Batch's times (start, end) are shown in,
 * so that a file and its job execution read alike on one page.
 */
@Component("serverTime")
public class ServerTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    public String of(OffsetDateTime instant) {
        return instant == null ? "" : FORMAT.format(instant.atZoneSameInstant(ZoneId.systemDefault()));
    }
}
