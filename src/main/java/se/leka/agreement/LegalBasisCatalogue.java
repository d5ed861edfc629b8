package se.leka.agreement;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalogue of legal bases, read from the {@code legal_basis} table (seeded by Flyway V2). */
@Service
public class LegalBasisCatalogue {

    private final AgreementStore store;

    LegalBasisCatalogue(AgreementStore store) {
        this.store = store;
    }

    @Transactional(readOnly = true)
    public List<LegalBasis> all() {
        return store.legalBases();
    }

    @Transactional(readOnly = true)
    public List<LegalBasis> validOn(LocalDate day) {
        return store.legalBases().stream().filter(b -> b.isValidOn(day)).toList();
    }
}
