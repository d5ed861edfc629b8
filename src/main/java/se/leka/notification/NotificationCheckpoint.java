package se.leka.notification;

/**
 * Called as a stream's delivery goes through its points ({@code read}, {@code write} before each
 * page, {@code published} after the file is in the outbox, before the commit). There is no
 * implementation in the application; a test declares one to fail a run at a chosen point, or to
 * import a register delta while a run is going.
 */
@FunctionalInterface
interface NotificationCheckpoint {

    void reached(String point, String mailbox);
}
