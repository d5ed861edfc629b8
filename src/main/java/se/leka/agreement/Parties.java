package se.leka.agreement;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.leka.format.OrgNumber;

/** The register of parties: insurers, brokers, agencies, municipalities and agents. */
@Service
public class Parties {

    private final AgreementStore store;

    Parties(AgreementStore store) {
        this.store = store;
    }

    @Transactional
    public Party register(Party party) {
        if (store.findParty(party.orgNumber()).isPresent()) {
            throw new IllegalArgumentException("Party " + party.orgNumber() + " is already registered");
        }
        store.insertParty(party);
        return party;
    }

    @Transactional(readOnly = true)
    public Optional<Party> find(OrgNumber orgNumber) {
        return store.findParty(orgNumber);
    }

    @Transactional(readOnly = true)
    public List<Party> all() {
        return store.allParties();
    }
}
