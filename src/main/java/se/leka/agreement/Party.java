package se.leka.agreement;

import java.util.Objects;

import se.leka.format.OrgNumber;

/** An organisation known to LEKA, identified by its organisationsnummer. */
public record Party(OrgNumber orgNumber, String name, PartyType type, String contactEmail) {

    public Party {
        Objects.requireNonNull(orgNumber, "orgNumber");
        Objects.requireNonNull(type, "type");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a party needs a name");
        }
        if (contactEmail == null || !contactEmail.contains("@")) {
            throw new IllegalArgumentException("a party needs a contact e-mail address");
        }
    }
}
