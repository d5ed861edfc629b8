package se.leka.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import org.beanio.StreamFactory;

import se.leka.format.BeanIoMappings;
import se.leka.register.BenefitFact;

/**
 * The body of delivery and answer files (records 40 and 41 of {@code jobs/order-intake/README.md}):
 * every field formatted here, to the byte, so that the same facts always give the same bytes.
 */
public final class DeliveryRecords {

    /** The mapping and stream every LEVE / SVAR body is written with. */
    public static final String MAPPING = "jobs/order-intake/LEVE-v01.xml";
    public static final String STREAM = "LEVE-01";
    public static final int FORMAT_VERSION = 1;

    private DeliveryRecords() {
    }

    public static StreamFactory factory() {
        return BeanIoMappings.factory(MAPPING);
    }

    static PersonRecord person(PersonDelivery d) {
        PersonRecord r = new PersonRecord();
        r.personnummer = d.person().value();
        r.informationType = String.valueOf(d.informationType());
        r.protectedIdentity = d.protectedIdentity() ? "J" : "N";
        r.purposeCode = text(d.purposeCode(), 4);
        r.fromDate = date(d.fromDate());
        r.partnerReference = text(d.partnerReference(), 30);
        r.factCount = zeroPadded(Integer.toString(d.facts().size()), 5);
        return r;
    }

    static FactRecord fact(PersonDelivery.Fact delivered) {
        BenefitFact f = delivered.fact();
        FactRecord r = new FactRecord();
        r.benefitFamily = f.benefit().family().code();
        r.benefit = f.benefit().code();
        r.decisionId = text(f.decisionId(), 20);
        r.periodFrom = date(f.periodFrom());
        r.periodTo = date(f.periodTo());
        r.extent = extent(f.extent());
        r.amount = amount(f.amount());
        r.amountType = f.amountType() == null ? "" : f.amountType().code();
        r.paymentDate = date(f.paymentDate());
        r.paidAmount = amount(f.paidAmount());
        r.status = f.status().name();
        r.changeKind = delivered.changeKind() == null ? "" : delivered.changeKind().name();
        return r;
    }

    /**
     * Six characters, two decimals, zero-padded after the sign: {@code 075.00}, {@code 012.50}; blank
     * when there is none. (What {@code String.format("%06.2f")} gives, without its cost per fact.)
     */
    static String extent(BigDecimal extent) {
        if (extent == null) {
            return "";
        }
        long cents = cents(extent);
        String sign = cents < 0 ? "-" : "";
        return sign + zeroPadded(plain(Math.abs(cents)), 6 - sign.length());
    }

    /** The value in hundredths; an ArithmeticException when it has more than two decimals. */
    private static long cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /**
     * {@code BigDecimal.toPlainString()} of {@code cents} hundredths ({@code 0.05}, {@code 812.50}),
     * from the long: two to three facts a person, a million persons a file.
     */
    private static String plain(long cents) {
        int hundredths = (int) (cents % 100);
        return Long.toString(cents / 100) + '.' + (char) ('0' + hundredths / 10) + (char) ('0' + hundredths % 10);
    }

    private static String zeroPadded(String digits, int width) {
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** Record 40 as written: the fields of {@link #person} placed as {@code LEVE-v01.xml} places them. */
    static String personLine(PersonDelivery d) {
        PersonRecord r = person(d);
        StringBuilder line = new StringBuilder(PERSON_LENGTH).append("40");
        field(line, r.personnummer, 12);
        field(line, r.informationType, 1);
        field(line, r.protectedIdentity, 1);
        field(line, r.purposeCode, 4);
        field(line, r.fromDate, 10);
        field(line, r.partnerReference, 30);
        field(line, r.factCount, 5);
        field(line, "", 55);
        return line.toString();
    }

    /**
     * Record 41 as written: the fields of {@link #fact} placed as {@code LEVE-v01.xml} places them.
     * Dates and amounts go straight into the line (five million facts a big file), each exactly as
     * {@link #date}, {@link #amount} and {@link #extent} give it ({@code DeliveryRecordsTests}).
     */
    static String factLine(PersonDelivery.Fact delivered) {
        BenefitFact f = delivered.fact();
        StringBuilder line = new StringBuilder(FACT_LENGTH).append("41");
        field(line, f.benefit().family().code(), 4);
        field(line, f.benefit().code(), 4);
        field(line, text(f.decisionId(), 20), 20);
        date(line, f.periodFrom());
        date(line, f.periodTo());
        extent(line, f.extent());
        amount(line, f.amount());
        field(line, f.amountType() == null ? "" : f.amountType().code(), 3);
        date(line, f.paymentDate());
        amount(line, f.paidAmount());
        field(line, f.status().name(), 10);
        field(line, delivered.changeKind() == null ? "" : delivered.changeKind().name(), 10);
        field(line, "", 7);
        return line.toString();
    }

    /** {@link #date(LocalDate)} as a field of ten. */
    private static void date(StringBuilder line, LocalDate d) {
        int year = d == null ? -1 : d.getYear();
        if (year < 0 || year > 9999) {
            field(line, date(d), 10);
            return;
        }
        digits(line, year, 4).append('-');
        digits(line, d.getMonthValue(), 2).append('-');
        digits(line, d.getDayOfMonth(), 2);
    }

    /** {@link #amount(BigDecimal)} as a field of twelve. */
    private static void amount(StringBuilder line, BigDecimal amount) {
        long cents = amount == null ? -1 : cents(amount);
        if (cents < 0 || cents >= 10_000_000_000L) { // none, negative or too large: the general way, which refuses the last
            field(line, amount(amount), 12);
            return;
        }
        digits(line.append('+'), cents / 100, 8).append('.');
        digits(line, cents % 100, 2);
    }

    /** {@link #extent(BigDecimal)} as a field of six. */
    private static void extent(StringBuilder line, BigDecimal extent) {
        long cents = extent == null ? -1 : cents(extent);
        if (cents < 0 || cents >= 100_000) {
            field(line, extent(extent), 6);
            return;
        }
        digits(line, cents / 100, 3).append('.');
        digits(line, cents % 100, 2);
    }

    /** {@code value} (not negative) zero-padded to {@code width} digits, which it fits. */
    private static StringBuilder digits(StringBuilder line, long value, int width) {
        int at = line.length();
        line.setLength(at + width);
        for (int i = at + width - 1; i >= at; i--) {
            line.setCharAt(i, (char) ('0' + value % 10));
            value /= 10;
        }
        return line;
    }

    private static final int PERSON_LENGTH = 120;
    private static final int FACT_LENGTH = 120;

    /** A fixed-length field as BeanIO places it by default: left-justified, padded with spaces, cut at its length. */
    private static void field(StringBuilder line, String value, int length) {
        String v = value == null ? "" : value;
        if (v.length() >= length) {
            line.append(v, 0, length);
            return;
        }
        line.append(v);
        for (int i = v.length(); i < length; i++) {
            line.append(' ');
        }
    }

    /** Sign and eight digits, a point and two decimals: {@code +00012345.50}; blank when there is no amount. */
    static String amount(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        long cents = cents(amount);
        String digits = plain(Math.abs(cents));
        if (digits.length() > 11) {
            throw new IllegalArgumentException("amount does not fit twelve characters");
        }
        return (cents < 0 ? "-" : "+") + "0".repeat(11 - digits.length()) + digits;
    }

    /** ISO {@code yyyy-MM-dd}, as {@link LocalDate#toString()} gives it for years 0–9999, built directly (three a fact). */
    static String date(LocalDate d) {
        if (d == null) {
            return "";
        }
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            return d.toString();
        }
        int month = d.getMonthValue();
        int day = d.getDayOfMonth();
        return new String(new char[] {(char) ('0' + year / 1000), (char) ('0' + year / 100 % 10), (char) ('0' + year / 10 % 10),
                (char) ('0' + year % 10), '-', (char) ('0' + month / 10), (char) ('0' + month % 10), '-',
                (char) ('0' + day / 10), (char) ('0' + day % 10)});
    }

    private static String text(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() > max) {
            throw new IllegalArgumentException("'" + s + "' is longer than " + max + " characters");
        }
        return s;
    }

    /** Record 40. BeanIO sets and reads the fields by their accessors. */
    public static class PersonRecord {
        private String personnummer;
        private String informationType;
        private String protectedIdentity;
        private String purposeCode;
        private String fromDate;
        private String partnerReference;
        private String factCount;

        public String getRecordType() { return "40"; }
        public void setRecordType(String ignored) { }
        public String getPersonnummer() { return personnummer; }
        public void setPersonnummer(String v) { personnummer = v; }
        public String getInformationType() { return informationType; }
        public void setInformationType(String v) { informationType = v; }
        public String getProtectedIdentity() { return protectedIdentity; }
        public void setProtectedIdentity(String v) { protectedIdentity = v; }
        public String getPurposeCode() { return purposeCode; }
        public void setPurposeCode(String v) { purposeCode = v; }
        public String getFromDate() { return fromDate; }
        public void setFromDate(String v) { fromDate = v; }
        public String getPartnerReference() { return partnerReference; }
        public void setPartnerReference(String v) { partnerReference = v; }
        public String getFactCount() { return factCount; }
        public void setFactCount(String v) { factCount = v; }
        public String getFiller() { return ""; }
        public void setFiller(String ignored) { }
    }

    /** Record 41. */
    public static class FactRecord {
        private String benefitFamily;
        private String benefit;
        private String decisionId;
        private String periodFrom;
        private String periodTo;
        private String extent;
        private String amount;
        private String amountType;
        private String paymentDate;
        private String paidAmount;
        private String status;
        private String changeKind;

        public String getRecordType() { return "41"; }
        public void setRecordType(String ignored) { }
        public String getBenefitFamily() { return benefitFamily; }
        public void setBenefitFamily(String v) { benefitFamily = v; }
        public String getBenefit() { return benefit; }
        public void setBenefit(String v) { benefit = v; }
        public String getDecisionId() { return decisionId; }
        public void setDecisionId(String v) { decisionId = v; }
        public String getPeriodFrom() { return periodFrom; }
        public void setPeriodFrom(String v) { periodFrom = v; }
        public String getPeriodTo() { return periodTo; }
        public void setPeriodTo(String v) { periodTo = v; }
        public String getExtent() { return extent; }
        public void setExtent(String v) { extent = v; }
        public String getAmount() { return amount; }
        public void setAmount(String v) { amount = v; }
        public String getAmountType() { return amountType; }
        public void setAmountType(String v) { amountType = v; }
        public String getPaymentDate() { return paymentDate; }
        public void setPaymentDate(String v) { paymentDate = v; }
        public String getPaidAmount() { return paidAmount; }
        public void setPaidAmount(String v) { paidAmount = v; }
        public String getStatus() { return status; }
        public void setStatus(String v) { status = v; }
        public String getChangeKind() { return changeKind; }
        public void setChangeKind(String v) { changeKind = v; }
        public String getFiller() { return ""; }
        public void setFiller(String ignored) { }
    }
}
