package se.leka.agreement;

/** How often an agreement's change notifications are delivered; the fee model prices by it. */
public enum DeliveryFrequency {
    DAILY, WEEKLY
}
