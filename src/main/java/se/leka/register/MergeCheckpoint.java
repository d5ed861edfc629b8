package se.leka.register;

/**
 * Called by the merge between its statements, inside the merge transaction. Production has none;
 * tests register one that throws to prove that a merge interrupted at any point leaves the
 * register unchanged and that a restart completes it.
 */
@FunctionalInterface
interface MergeCheckpoint {

    void reached(String stage);
}
