package se.leka.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.testsupport.LekaIntegrationTest;

/** Delivery into outboxes: atomic, recorded, numbered per party and type, and never twice. */
@LekaIntegrationTest(properties = {"leka.demo.enabled=true", "leka.demo.dir=sample-files/demo", "leka.exchange.sftp.port=0",
        "leka.exchange.retention.archive-days=0", "leka.exchange.retention.outbox-days=0"})
class OutboxesIT {

    static final OrgNumber INSURER = OrgNumber.parse("5566778899");
    static final OrgNumber AGENT = OrgNumber.parse("5569988776");
    static final OrgNumber BROKER = OrgNumber.parse("5599001129");
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TestDataDir.register(registry, "leka-outbox-it");
    }

    @Autowired
    Outboxes outboxes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RetentionPurge purge;
    @Autowired
    Intake intake;

    OutboundContent text(String body, AtomicInteger calls) {
        return (name, out) -> {
            calls.incrementAndGet();
            out.write((name + "\n" + body + "\n").getBytes(StandardCharsets.ISO_8859_1));
        };
    }

    @Test
    void a_restarted_job_delivering_the_same_output_again_gets_the_first_file_not_a_second_copy() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        OutboundFile first = outboxes.deliver(Mailbox.of(INSURER), FileType.LEVE, "order:7:LEVE", 41L, text("delivery", calls));

        assertThat(first.fileName().toString()).isEqualTo("5566778899_LEVE_" + first.fileName().date().toString().replace("-", "") + "_0000001.txt");
        assertThat(first.path()).isEqualTo(dataDir.resolve("sftp/5566778899/outbox").resolve(first.fileName().toString()));
        assertThat(first.path()).exists();
        assertThat(first.sha256()).isEqualTo(Checksums.sha256(first.path()));
        assertThat(first.jobExecutionId()).isEqualTo(41L);
        Files.delete(first.path()); // the partner fetched it

        OutboundFile again = outboxes.deliver(Mailbox.of(INSURER), FileType.LEVE, "order:7:LEVE", 42L, text("delivery", calls));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(calls).hasValue(1);
        assertThat(first.path()).doesNotExist();
        assertThat(dataDir.resolve("sftp/5566778899/outbox")).isEmptyDirectory();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_file WHERE output_key = 'order:7:LEVE'").query(Long.class).single()).isEqualTo(1);

        OutboundFile next = outboxes.deliver(Mailbox.of(INSURER), FileType.LEVE, "order:8:LEVE", 43L, text("next", calls));
        assertThat(next.fileName().sequenceNumber()).as("LEKA's own sequence per party and type").isEqualTo(2);
    }

    @Test
    void a_crash_while_writing_leaves_no_file_in_the_outbox_and_the_retry_writes_it_once() {
        Mailbox viaAgent = Mailbox.viaAgent(AGENT, INSURER);
        assertThatThrownBy(() -> outboxes.deliver(viaAgent, FileType.SVAR, "query:3:SVAR", 50L, (name, out) -> {
            out.write("half".getBytes(StandardCharsets.ISO_8859_1));
            throw new IOException("disk full");
        })).hasRootCauseMessage("disk full");
        Path outbox = dataDir.resolve("sftp/5569988776/5566778899/outbox");
        assertThat(outbox).isDirectoryNotContaining("glob:**.txt");

        AtomicInteger calls = new AtomicInteger();
        OutboundFile delivered = outboxes.deliver(viaAgent, FileType.SVAR, "query:3:SVAR", 51L, text("answer", calls));

        assertThat(calls).hasValue(1);
        assertThat(delivered.path()).isEqualTo(outbox.resolve(delivered.fileName().toString())).exists();
        assertThat(delivered.fileName().party()).isEqualTo(INSURER);
        assertThat(outbox).isDirectoryNotContaining("glob:**.part");
    }

    /**
     * A file a job wrote whole is moved into the outbox, not copied; a restart after the move (the
     * file already under its part name, the row not yet WRITTEN) finishes the delivery from there.
     */
    @Test
    void a_file_written_whole_is_moved_into_the_outbox_also_when_a_crash_came_after_the_move() throws Exception {
        Path work = Files.createDirectories(dataDir.resolve("work/outboxes-it"));
        Path whole = Files.writeString(work.resolve("LEVE.txt"), "start\nbody\nend\n", StandardCharsets.ISO_8859_1);
        String sha = Checksums.sha256(whole);

        OutboundFile delivered = outboxes.deliverFile(Mailbox.of(BROKER), FileType.LEVE, "order:9:LEVE", 60L, whole);

        assertThat(whole).doesNotExist();
        assertThat(delivered.path()).hasContent("start\nbody\nend");
        assertThat(delivered.sha256()).isEqualTo(sha);
        assertThat(delivered.sizeBytes()).isEqualTo(15);
        assertThat(outboxes.deliverFile(Mailbox.of(BROKER), FileType.LEVE, "order:9:LEVE", 61L, whole).id())
                .as("delivered once").isEqualTo(delivered.id());

        OutboundFile reserved = outboxes.reserve(Mailbox.of(BROKER), FileType.LEVE, "order:10:LEVE", 62L);
        Path part = reserved.path().resolveSibling(reserved.fileName() + ".part");
        Files.writeString(part, "moved before the crash\n", StandardCharsets.ISO_8859_1); // as a move would have left it
        OutboundFile afterCrash = outboxes.deliverFile(Mailbox.of(BROKER), FileType.LEVE, "order:10:LEVE", 63L,
                work.resolve("gone.txt"));
        assertThat(afterCrash.path()).hasContent("moved before the crash");
        assertThat(afterCrash.sha256()).isEqualTo(Checksums.sha256(afterCrash.path()));
        assertThat(part).doesNotExist();

        assertThatThrownBy(() -> outboxes.deliverFile(Mailbox.of(BROKER), FileType.LEVE, "order:11:LEVE", 64L,
                work.resolve("never-written.txt"))).hasMessageContaining("is missing");
    }

    @Test
    void inbound_types_cannot_be_delivered() {
        assertThatThrownBy(() -> outboxes.deliver(Mailbox.of(INSURER), FileType.BEST, "x", null, (n, o) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_retention_purge_removes_kept_originals_and_unfetched_deliveries_and_records_what_it_removed() throws Exception {
        Path inbox = Files.createDirectories(dataDir.resolve("sftp/5599001129/inbox"));
        Path file = Files.writeString(inbox.resolve("not-a-leka-name.txt"), "x");
        long inboundId = intake.onIntakeThread(() -> intake.take(file, Mailbox.of(OrgNumber.parse("5599001129")), null));
        Path quarantined = jdbc.sql("SELECT stored_path FROM inbound_file WHERE inbound_file_id = ?").param(inboundId)
                .query(String.class).single().transform(Path::of);
        assertThat(quarantined).exists();
        OutboundFile unfetched = outboxes.deliver(Mailbox.of(INSURER), FileType.MEDD, "notice:1", null, text("notice", new AtomicInteger()));

        int removed = purge.purge();

        assertThat(removed).isGreaterThanOrEqualTo(2);
        assertThat(quarantined).doesNotExist();
        assertThat(unfetched.path()).doesNotExist();
        assertThat(jdbc.sql("SELECT area FROM purge_log WHERE file_id = ? AND area = 'QUARANTINE'").param(inboundId)
                .query(String.class).list()).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM purge_log WHERE file_id = ? AND area = 'OUTBOX' AND sha256 = ?")
                .params(unfetched.id(), unfetched.sha256()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM outbound_file WHERE outbound_file_id = ?").param(unfetched.id())
                .query(String.class).single()).isEqualTo("PURGED");
        assertThat(purge.purge()).as("nothing is removed twice").isZero();
    }
}
