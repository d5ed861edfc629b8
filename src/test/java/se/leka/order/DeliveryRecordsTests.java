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
}
