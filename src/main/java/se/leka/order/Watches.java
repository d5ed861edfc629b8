package se.leka.order;

import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.leka.format.BenefitFamily;
import se.leka.format.OrgNumber;
import se.leka.format.Personnummer;

/** The watches (bevakningar) partners hold; read by the change run and the admin. */
@Service
public class Watches {

    private final JdbcClient jdbc;

    Watches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<Watch> activeOf(OrgNumber party) {
        return jdbc.sql("SELECT * FROM watch WHERE party_org = ? AND ended_on IS NULL ORDER BY personnummer, purpose_code")
                .param(party.value()).query(Watches::watch).list();
    }

    @Transactional(readOnly = true)
    public Optional<Watch> active(OrgNumber party, Personnummer person, String purposeCode) {
        return jdbc.sql("SELECT * FROM watch WHERE party_org = ? AND personnummer = ? AND purpose_code = ? AND ended_on IS NULL")
                .params(party.value(), person.value(), purposeCode).query(Watches::watch).optional();
    }

    @Transactional(readOnly = true)
    public List<Watch> of(OrgNumber party, Personnummer person) {
        return jdbc.sql("SELECT * FROM watch WHERE party_org = ? AND personnummer = ? ORDER BY watch_id")
                .params(party.value(), person.value()).query(Watches::watch).list();
    }

    /**
     * Who holds active watches, and through which agent (null: ordered by the party itself), with
     * how many: one entry per party and agent, ordered by party then agent (the party's own first).
     */
    @Transactional(readOnly = true)
    public List<Holder> holders() {
        return jdbc.sql("""
                SELECT party_org, agent_org, COUNT(*) AS watches FROM watch WHERE ended_on IS NULL
                GROUP BY party_org, agent_org ORDER BY party_org, agent_org NULLS FIRST""")
                .query((rs, row) -> new Holder(OrgNumber.parse(rs.getString("party_org")),
                        rs.getString("agent_org") == null ? null : OrgNumber.parse(rs.getString("agent_org")),
                        rs.getLong("watches")))
                .list();
    }

    /** A party holding active watches ordered through {@code agent} (null: by itself). */
    public record Holder(OrgNumber party, OrgNumber agent, long activeWatches) {
    }

    /**
     * The order files whose new watches are not applied yet although their complete information may
     * already have been read (see {@code V34__order_file_holds_notifications_until_watches_are_applied.sql}):
     * a daily run ends the stream of such a file's party and agent at {@link Pending#changesAfterSequence}.
     * Read it after the register position the run delivers up to.
     */
    @Transactional(readOnly = true)
    public List<Pending> pending() {
        return jdbc.sql("""
                SELECT party_org, agent_org, changes_after_seq, file_name, held_by_job_execution_id FROM order_file
                WHERE notifications_held = TRUE ORDER BY inbound_file_id""")
                .query((rs, row) -> new Pending(OrgNumber.parse(rs.getString("party_org")),
                        rs.getString("agent_org") == null ? null : OrgNumber.parse(rs.getString("agent_org")),
                        rs.getLong("changes_after_seq"), rs.getString("file_name"), rs.getLong("held_by_job_execution_id")))
                .list();
    }

    /**
     * An order file of {@code party} (through {@code agent}, null: by itself) whose new watches start
     * after register position {@code changesAfterSequence} and are not applied yet, held by job
     * execution {@code jobExecutionId} (a restart of it carries the same hold on).
     */
    public record Pending(OrgNumber party, OrgNumber agent, long changesAfterSequence, String fileName,
                          long jobExecutionId) {
    }

    /** Ends every active watch of {@code party} from {@code on}, e.g. because its agreement ended. Returns how many. */
    @Transactional
    public int endAll(OrgNumber party, LocalDate on, String reason) {
        return jdbc.sql("UPDATE watch SET ended_on = ?, end_reason = ? WHERE party_org = ? AND ended_on IS NULL")
                .params(Date.valueOf(on), reason, party.value()).update();
    }

    /** Ends every active watch held under {@code agreementId} from {@code on}. Returns how many (0 when none was left). */
    @Transactional
    public int endAllUnder(String agreementId, LocalDate on, String reason) {
        return jdbc.sql("UPDATE watch SET ended_on = ?, end_reason = ? WHERE agreement_id = ? AND ended_on IS NULL")
                .params(Date.valueOf(on), reason, agreementId).update();
    }

    static Watch watch(ResultSet rs, int row) throws SQLException {
        Set<BenefitFamily> families = EnumSet.noneOf(BenefitFamily.class);
        Arrays.stream(rs.getString("benefit_families").split(",")).filter(s -> !s.isBlank())
                .forEach(code -> families.add(BenefitFamily.fromCode(code).orElseThrow()));
        String agent = rs.getString("agent_org");
        Date ended = rs.getDate("ended_on");
        return new Watch(rs.getLong("watch_id"), OrgNumber.parse(rs.getString("party_org")),
                agent == null ? null : OrgNumber.parse(agent), rs.getString("agreement_id"),
                Personnummer.parse(rs.getString("personnummer")), rs.getString("purpose_code"),
                rs.getString("legal_basis_id"), families, rs.getDate("from_date").toLocalDate(),
                rs.getString("consent_reference"), rs.getString("case_reference"), rs.getString("partner_reference"),
                rs.getDate("started_on").toLocalDate(), ended == null ? null : ended.toLocalDate(), rs.getString("end_reason"),
                rs.getLong("changes_after_seq"));
    }

    /**
     * The active watches of one stream — {@code party}'s watches ordered through {@code agent} (null:
     * by the party itself) — of {@code persons}, ordered by personnummer, then purpose. One query
     * with the persons as an array, served by the index on (party_org, personnummer, purpose_code):
     * the daily change run asks for the few persons that changed instead of reading a partner's
     * whole stock.
     */
    @Transactional(readOnly = true)
    public List<Watch> activeOf(OrgNumber party, OrgNumber agent, Collection<Personnummer> persons) {
        if (persons.isEmpty()) {
            return List.of();
        }
        String[] values = persons.stream().map(Personnummer::value).distinct().toArray(String[]::new);
        SqlTypeValue array = new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection connection, int sqlType, String typeName) throws SQLException {
                return connection.createArrayOf("VARCHAR", values);
            }
        };
        String sql = "SELECT * FROM watch WHERE party_org = ? AND personnummer = ANY(?) AND ended_on IS NULL AND "
                + (agent == null ? "agent_org IS NULL" : "agent_org = ?") + " ORDER BY personnummer, purpose_code";
        return (agent == null ? jdbc.sql(sql).params(party.value(), array) : jdbc.sql(sql).params(party.value(), array, agent.value()))
                .query(Watches::watch).list();
    }

}
