package se.leka.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import se.leka.agreement.LegalBasis;
import se.leka.audit.Disclosure;
import se.leka.audit.DisclosureLog;
import se.leka.format.BeanIoItemWriter;
import se.leka.format.OrgNumber;

/**
 * Reads the register once for a chunk of persons, writes their groups into the body and, in the
 * same chunk transaction, one disclosure-log row per person: the row commits exactly when the bytes it describes do (the body writer
 * flushes just before the commit and truncates back to the committed position on restart).
 */
class DeliveryWriter implements ItemStreamWriter<DeliveredPerson> {

    private final CompleteInformation completeInformation;
    private final BeanIoItemWriter<PersonDelivery> body;
    private final DisclosureLog disclosureLog;
    private final Map<String, LegalBasis> bases;
    private final OrgNumber recipient;
    private final OrgNumber agent;
    private final String agreementId;
    private final String fileName;
    private final long jobExecutionId;

    DeliveryWriter(CompleteInformation completeInformation, BeanIoItemWriter<PersonDelivery> body, DisclosureLog disclosureLog, Map<String, LegalBasis> bases,
                   OrgNumber recipient, OrgNumber agent, String agreementId, String fileName, long jobExecutionId) {
        this.completeInformation = completeInformation;
        this.body = body;
        this.disclosureLog = disclosureLog;
        this.bases = bases;
        this.recipient = recipient;
        this.agent = agent;
        this.agreementId = agreementId;
        this.fileName = fileName;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends DeliveredPerson> chunk) throws Exception {
        List<? extends DeliveredPerson> persons = chunk.getItems();
        List<PersonDelivery> deliveries = completeInformation.about(persons.stream().map(DeliveredPerson::question).toList());
        List<Disclosure> disclosures = new ArrayList<>(persons.size());
        for (int i = 0; i < persons.size(); i++) {
            DeliveredPerson p = persons.get(i);
            LegalBasis basis = bases.get(p.legalBasisId());
            if (basis == null) {
                throw new IllegalStateException("no legal basis " + p.legalBasisId() + " in the catalogue: nothing is disclosed without one");
            }
            disclosures.add(new Disclosure(recipient, agent, p.question().person(), basis.purposeCode(), basis.id(),
                    basis.statuteReference(), p.question().families(), agreementId, fileName, jobExecutionId,
                    deliveries.get(i).informationType()));
        }
        body.write(new Chunk<>(deliveries));
        disclosureLog.append(disclosures);
    }

    @Override
    public void open(ExecutionContext context) {
        body.open(context);
    }

    @Override
    public void update(ExecutionContext context) {
        body.update(context);
    }

    @Override
    public void close() {
        body.close();
    }
}
