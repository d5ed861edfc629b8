package se.leka.agreement;

/** What the contract with FK is called: avtal (agreement) with insurers and brokers, överenskommelse (arrangement) with authorities. */
public enum ContractKind {
    AVTAL, OVERENSKOMMELSE
}
