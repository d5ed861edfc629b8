package se.leka.register.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes large, valid register extracts for the benchmark ({@code ops/bench/register-import.sh});
 * not a test. Deterministic for a given seed. Persons are Skatteverket's test personnummer only
 * (7,324 of them), each with many decisions.
 *
 * <pre>
 * snapshot &lt;rows&gt; &lt;seed&gt; &lt;out&gt;             every fact 0..rows-1
 * delta    &lt;rows&gt; &lt;base&gt; &lt;seed&gt; &lt;out&gt;      80 % changed amounts of distinct facts of a base-row snapshot, 20 % new facts
 * </pre>
 */
public final class ExtractGenerator {

    private static final String[][] BENEFITS = {
            {"SJUK", "SJPN", "DAG"}, {"FORA", "FORP", "DAG"}, {"FORA", "TFP", "DAG"}, {"SAE", "SJE", "MAN"},
            {"SAE", "AKE", "MAN"}, {"FORA", "GRAV", "DAG"}, {"BOST", "BOB", "MAN"}, {"BARN", "UHS", "MAN"}};
    private static final String[] EXTENTS = {"100", "75", "50", "25"};

    private ExtractGenerator() {
    }

    public static void main(String[] args) throws IOException {
        List<String> persons = Files.readAllLines(Path.of("src/test/resources/skatteverket/testpersonnummer-2000-2009.csv"))
                .stream().map(String::strip).filter(s -> s.matches("[0-9]{12}")).toList();
        if (args[0].equals("snapshot")) {
            long rows = Long.parseLong(args[1]);
            SplittableRandom random = new SplittableRandom(Long.parseLong(args[2]));
            write(Path.of(args[3]), "BENCH-S-" + rows, "SNAPSHOT", rows, i -> fact(persons, i, random.nextInt(500, 1500), "GRANTED"));
        } else {
            long rows = Long.parseLong(args[1]);
            long base = Long.parseLong(args[2]);
            SplittableRandom random = new SplittableRandom(Long.parseLong(args[3]));
            write(Path.of(args[4]), "BENCH-D-" + rows + "-" + base, "DELTA", rows, i -> i % 5 == 4
                    ? fact(persons, base + i, random.nextInt(500, 1500), "GRANTED")
                    : fact(persons, (i * 7919L) % base, 1500 + random.nextInt(1, 500), "CHANGED"));
        }
    }

    interface Row {
        String line(long i);
    }

    private static void write(Path out, String extractId, String kind, long rows, Row row) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("00;LEKAREG;1;" + extractId + ";" + kind + ";BENCH;2026-03-02T02:00:00\n");
            for (long i = 0; i < rows; i++) {
                w.write(row.line(i));
                w.write('\n');
            }
            w.write("99;" + extractId + ";" + rows + "\n");
        }
    }

    /** Fact i: person i mod 7,324, decision "D&lt;i&gt;", every 10th a payment. Unique keys, so a delta may pick any. */
    private static String fact(List<String> persons, long i, int amount, String status) {
        String[] b = BENEFITS[(int) (i % BENEFITS.length)];
        boolean payment = i % 10 == 9;
        return "10;" + persons.get((int) (i % persons.size())) + ";" + (i % 997 == 0 ? "J" : "N") + ";" + b[0] + ";" + b[1]
                + ";D" + i + ";2026-01-05;" + (i % 3 == 0 ? "" : "2026-06-30") + ";"
                + ("DAG".equals(b[2]) ? EXTENTS[(int) (i % 4)] : "") + ";" + amount + ".00;" + b[2] + ";"
                + (payment ? "2026-02-25;" + (amount * 20) + ".50;" : ";;") + status + ";2026-03-01T18:00:00";
    }
}
