package se.leka.format;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import se.leka.testsupport.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link CopyRows} encodes every value as PostgreSQL reads it back: the text format's escapes,
 * UTF-8 of one to four bytes, nulls, numbers, dates and times — also across its flushes, which
 * fall inside a row and inside a long text.
 */
class CopyRowsIT {

    private TestDatabases.TestDatabase database;
    private Connection connection;

    @BeforeEach
    void connect() throws Exception {
        assumeTrue(TestDatabases.onPostgres(), "COPY is PostgreSQL's"); // fails instead under LEKA_REQUIRE_POSTGRES
        database = TestDatabases.create(getClass().getSimpleName());
        connection = DriverManager.getConnection(database.url(), database.username(), database.password());
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE copied (id INTEGER, t TEXT, d DATE, ts TIMESTAMP, n BIGINT)");
        }
    }

    @AfterEach
    void disconnect() throws Exception {
        if (connection != null) {
            connection.close();
            database.drop();
        }
    }

    record Row(int id, String t, LocalDate d, LocalDateTime ts, Long n) {
    }

    @Test
    void what_is_copied_reads_back_unchanged() throws Exception {
        List<Row> rows = rows();
        CopyRows copy = new CopyRows(connection, "copied", "id, t, d, ts, n");
        for (Row r : rows) {
            copy.value(r.id()).value(r.t()).value(r.d()).value(r.ts()).value(r.n()).endRow();
        }
        assertThat(copy.finish()).isEqualTo(rows.size());
        assertThat(readBack()).isEqualTo(rows);
    }

    /** Encoded on one thread, in a buffer that grows past its first size many times, sent on another. */
    @Test
    void rows_encoded_in_memory_and_sent_later_read_back_unchanged() throws Exception {
        List<Row> rows = rows();
        CopyRows.Encoded encoded = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            CopyRows copy = CopyRows.inMemory("copied", "id, t, d, ts, n");
            for (Row r : rows) {
                copy.value(r.id()).value(r.t()).value(r.d()).value(r.ts()).value(r.n()).endRow();
            }
            return copy.encoded();
        }).get();
        assertThat(encoded.rows()).isEqualTo(rows.size());
        assertThat(encoded.length()).isGreaterThan(4 << 20);

        assertThat(CopyRows.send(connection, encoded)).isEqualTo(rows.size());
        assertThat(readBack()).isEqualTo(rows);
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String[] texts = {"plain", "tab\there", "new\nline", "carriage\rreturn", "back\\slash \\N", "",
                "Försäkringskassan 110 kap. 31 § SFB", "€ and 漢字", "emoji 😀 outside the BMP",
                "å".repeat(150_000), null};
        LocalDateTime at = LocalDateTime.of(2026, 11, 30, 6, 0, 0, 123_456_000);
        for (int i = 0; i < 2_000; i++) {
            rows.add(new Row(i, texts[i % texts.length], i % 7 == 0 ? null : i % 11 == 0 ? LocalDate.of(5, 6, 7) : LocalDate.of(2026, 1, 1).plusDays(i),
                    i % 2 == 0 ? at : at.plusSeconds(i), i % 5 == 0 ? null : i % 3 == 0 ? Long.MIN_VALUE + i : -1L * i * i));
        }
        return rows;
    }

    private List<Row> readBack() throws Exception {
        List<Row> read = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM copied ORDER BY id")) {
            while (rs.next()) {
                read.add(new Row(rs.getInt(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDateTime.class), rs.getObject(5, Long.class)));
            }
        }
        return read;
    }
}
