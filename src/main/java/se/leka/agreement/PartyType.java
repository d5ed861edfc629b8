package se.leka.agreement;

/** The kinds of organisation LEKA exchanges data with; the kind decides the contract and the legal bases. */
public enum PartyType {
    INSURANCE_COMPANY(ContractKind.AVTAL),
    INSURANCE_BROKER(ContractKind.AVTAL),
    STATE_AGENCY(ContractKind.OVERENSKOMMELSE),
    MUNICIPALITY(ContractKind.OVERENSKOMMELSE),
    /** An ombud / personuppgiftsbiträde: acts for principals under their processor agreements; has no agreement with FK of its own. */
    AGENT(null);

    private final ContractKind contractKind;

    PartyType(ContractKind contractKind) {
        this.contractKind = contractKind;
    }

    /** Avtal for insurers and brokers, överenskommelse for agencies and municipalities; none for agents. */
    public ContractKind contractKind() {
        if (contractKind == null) {
            throw new IllegalStateException("an agent has no agreement of its own with FK; its principal has");
        }
        return contractKind;
    }

    public boolean mayHoldAgreement() {
        return contractKind != null;
    }
}
