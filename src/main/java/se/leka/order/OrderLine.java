package se.leka.order;

/**
 * A detail record (10) of an order file as written by the partner: every field as the text it
 * was, so that validation can name the field that is wrong (see {@code jobs/order-intake/README.md}).
 */
public class OrderLine {

    private String action;
    private String personnummer;
    private String purposeCode;
    private String benefitFamilies;
    private String fromDate;
    private String consentReference;
    private String caseReference;
    private String partnerReference;

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getPersonnummer() {
        return personnummer;
    }

    public void setPersonnummer(String personnummer) {
        this.personnummer = personnummer;
    }

    public String getPurposeCode() {
        return purposeCode;
    }

    public void setPurposeCode(String purposeCode) {
        this.purposeCode = purposeCode;
    }

    public String getBenefitFamilies() {
        return benefitFamilies;
    }

    public void setBenefitFamilies(String benefitFamilies) {
        this.benefitFamilies = benefitFamilies;
    }

    public String getFromDate() {
        return fromDate;
    }

    public void setFromDate(String fromDate) {
        this.fromDate = fromDate;
    }

    public String getConsentReference() {
        return consentReference;
    }

    public void setConsentReference(String consentReference) {
        this.consentReference = consentReference;
    }

    public String getCaseReference() {
        return caseReference;
    }

    public void setCaseReference(String caseReference) {
        this.caseReference = caseReference;
    }

    public String getPartnerReference() {
        return partnerReference;
    }

    public void setPartnerReference(String partnerReference) {
        this.partnerReference = partnerReference;
    }
}
