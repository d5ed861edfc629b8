package se.leka.admin;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;

import se.leka.format.OrgNumber;

/**
 * Filters of the files lists; every one may be empty. {@code partner} matches the party, the login
 * (an agent) or the principal; {@code file} is a part of the file name; {@code type} (outbound) a
 * file type code.
 */
record FileFilter(String status, String partner, String file, String type,
                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Integer page, Integer size) {

    static final int DEFAULT_SIZE = 25;

    int pageOrFirst() {
        return page == null || page < 0 ? 0 : page;
    }

    int sizeOrDefault() {
        return size == null || size < 1 ? DEFAULT_SIZE : Math.min(size, 200);
    }

    /** The partner, or null when none is given. @throws IllegalArgumentException when it is not an organisationsnummer */
    OrgNumber partnerOrNull() {
        return partner == null || partner.isBlank() ? null : OrgNumber.parse(partner.strip());
    }
}
