package se.leka.order;

/**
 * Called as the order job handles each line in its {@code apply} and {@code deliver} steps. There
 * is no implementation in the application; a test declares one to fail a run at a chosen line and
 * show that the restart continues exactly where the last commit left off.
 */
@FunctionalInterface
public interface OrderLineCheckpoint {

    void reached(String step, int lineNumber);
}
