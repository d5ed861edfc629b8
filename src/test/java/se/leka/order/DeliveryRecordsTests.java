package se.leka.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import se.leka.format.BeanIoItemWriter;
import se.leka.format.Benefit;
import se.leka.format.Personnummer;
import se.leka.format.StrictCharset;
import se.leka.register.AmountType;
import se.leka.register.BenefitFact;
import se.leka.register.ChangeKind;
import se.leka.register.FactStatus;

class DeliveryRecordsTests {

    static final Personnummer ANNA = Personnummer.parse("200001012384");

    static BenefitFact fact(Benefit benefit, String decision, BigDecimal extent, BigDecimal amount, AmountType type,
                            LocalDate paymentDate, BigDecimal paid, FactStatus status) {
        return new BenefitFact("K-" + decision, ANNA, false, "FKFORMAN", benefit, decision, LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 5, 31), extent, amount, type, paymentDate, paid, status,
                LocalDateTime.of(2026, 3, 2, 8, 0), "X-1", Instant.parse("2026-03-02T07:00:00Z"));
    }

    @Test
    void writes_a_person_group_to_the_byte() throws Exception {
        PersonDelivery delivery = new PersonDelivery(ANNA, PersonDelivery.CHANGES, true, "SAM", LocalDate.of(2026, 1, 1),
                "KUND-1001", List.of(
                new PersonDelivery.Fact(fact(Benefit.SJUKPENNING, "SJP-1", new BigDecimal("75"), new BigDecimal("812.5"),
                        AmountType.PER_DAY, null, null, FactStatus.GRANTED), ChangeKind.NEW),
                new PersonDelivery.Fact(fact(Benefit.SJUKPENNING, "SJP-1", null, null, null, LocalDate.of(2026, 4, 25),
                        new BigDecimal("-1234"), FactStatus.CHANGED), ChangeKind.CHANGED)));

        Path file = Files.createTempFile("leve", ".txt");
        BeanIoItemWriter<PersonDelivery> writer = new BeanIoItemWriter<>("leve", DeliveryRecords.factory(),
                DeliveryRecords.STREAM, file, StrictCharset.FILES, null, null);
        writer.open(new ExecutionContext());
        writer.write(Chunk.of(delivery));
        writer.close();

        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l).hasSize(120));
        assertThat(lines.get(0)).isEqualTo(String.format("%-120s",
                "40" + "200001012384" + "1" + "J" + "SAM " + "2026-01-01" + String.format("%-30s", "KUND-1001") + "00002"));
        assertThat(lines.get(1)).isEqualTo(String.format("%-120s", "41" + "SJUK" + "SJPN" + String.format("%-20s", "SJP-1")
                + "2026-03-01" + "2026-05-31" + "075.00" + "+00000812.50" + "DAG" + " ".repeat(10) + " ".repeat(12)
                + "GRANTED   " + "NEW"));
        assertThat(lines.get(2).substring(56, 93)).isEqualTo(" ".repeat(12) + "   " + "2026-04-25" + "-00001234.00");
        assertThat(writer.recordCount()).isEqualTo(3);
    }

    @Test
    void amounts_have_a_sign_eight_digits_and_two_decimals() {
        assertThat(DeliveryRecords.amount(new BigDecimal("0"))).isEqualTo("+00000000.00");
        assertThat(DeliveryRecords.amount(new BigDecimal("99999999.99"))).isEqualTo("+99999999.99");
        assertThat(DeliveryRecords.amount(null)).isEmpty();
        assertThatThrownBy(() -> DeliveryRecords.amount(new BigDecimal("100000000"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeliveryRecords.amount(new BigDecimal("1.005"))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void extents_are_formatted_as_six_characters_with_two_decimals() {
        for (String value : List.of("100", "75", "50", "25", "12.5", "0", "0.25", "7.5", "999.99", "1000", "-5", "-12.5")) {
            BigDecimal extent = new BigDecimal(value);
            assertThat(DeliveryRecords.extent(extent)).as(value)
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%06.2f", extent.setScale(2)));
        }
        assertThat(DeliveryRecords.extent(null)).isEmpty();
        assertThatThrownBy(() -> DeliveryRecords.extent(new BigDecimal("12.125"))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void preformatted_records_are_what_beanio_writes_from_the_mapping() throws Exception {
        List<PersonDelivery.Fact> facts = List.of(
                new PersonDelivery.Fact(fact(Benefit.SJUKPENNING, "SJP-1", new BigDecimal("75"), new BigDecimal("812.5"),
                        AmountType.PER_DAY, null, null, FactStatus.GRANTED), ChangeKind.NEW),
                new PersonDelivery.Fact(fact(Benefit.SJUKPENNING, "SJP-1234567890123456", new BigDecimal("12.5"), null, null,
                        LocalDate.of(2026, 4, 25), new BigDecimal("-1234"), FactStatus.CHANGED), ChangeKind.CHANGED),
                new PersonDelivery.Fact(fact(Benefit.SJUKPENNING, "", null, new BigDecimal("99999999.99"), AmountType.PER_DAY,
                        LocalDate.of(2026, 4, 25), new BigDecimal("0"), FactStatus.GRANTED), null));
        List<PersonDelivery> deliveries = List.of(
                new PersonDelivery(ANNA, PersonDelivery.COMPLETE, false, "SAM", LocalDate.of(2020, 1, 1), null, facts),
                new PersonDelivery(ANNA, PersonDelivery.CHANGES, true, "KOMM", LocalDate.of(2026, 1, 1),
                        "123456789012345678901234567890", List.of()));
        java.io.StringWriter expected = new java.io.StringWriter();
        org.beanio.BeanWriter beanio = DeliveryRecords.factory().createWriter(DeliveryRecords.STREAM, expected);
        StringBuilder actual = new StringBuilder();
        for (PersonDelivery d : deliveries) {
            beanio.write(DeliveryRecords.person(d));
            actual.append(DeliveryRecords.personLine(d)).append('\n');
            for (PersonDelivery.Fact f : d.facts()) {
                beanio.write(DeliveryRecords.fact(f));
                actual.append(DeliveryRecords.factLine(f)).append('\n');
            }
        }
        beanio.flush();
        assertThat(actual.toString()).isEqualTo(expected.toString());
    }

    @Test
    void fact_lines_place_amounts_extents_and_dates_as_beanio_does_at_their_edges() throws Exception {
        List<String> amounts = List.of("0", "0.01", "0.5", "9.99", "12345678.9", "99999999.99", "-0.01", "-5", "-99999999.99");
        List<String> extents = List.of("0", "0.01", "99.5", "100", "999.99", "1000", "12345.5", "-1", "-0.25");
        List<LocalDate> dates = java.util.Arrays.asList(null, LocalDate.of(5, 6, 7), LocalDate.of(2026, 12, 31),
                LocalDate.of(9999, 12, 31), LocalDate.of(10000, 1, 1));
        for (int i = 0; i < amounts.size(); i++) {
            for (LocalDate date : dates) {
                PersonDelivery.Fact f = new PersonDelivery.Fact(fact(Benefit.SJUKPENNING, "SJP-" + i,
                        new BigDecimal(extents.get(i)), new BigDecimal(amounts.get(i)), AmountType.PER_DAY, date,
                        new BigDecimal(amounts.get(amounts.size() - 1 - i)), FactStatus.GRANTED), ChangeKind.NEW);
                java.io.StringWriter expected = new java.io.StringWriter();
                org.beanio.BeanWriter beanio = DeliveryRecords.factory().createWriter(DeliveryRecords.STREAM, expected);
                beanio.write(DeliveryRecords.fact(f));
                beanio.flush();
                assertThat(DeliveryRecords.factLine(f) + "\n").as("amount %s, extent %s, date %s", amounts.get(i),
                        extents.get(i), date).isEqualTo(expected.toString());
            }
        }
    }

    @Test
    void dates_are_iso_as_local_date_writes_them() {
        for (LocalDate d : List.of(LocalDate.of(2026, 1, 1), LocalDate.of(1999, 12, 31), LocalDate.of(5, 6, 7),
                LocalDate.of(9999, 12, 31), LocalDate.of(10000, 1, 1), LocalDate.of(-1, 1, 1))) {
            assertThat(DeliveryRecords.date(d)).isEqualTo(d.toString());
        }
        assertThat(DeliveryRecords.date(null)).isEmpty();
    }
}
