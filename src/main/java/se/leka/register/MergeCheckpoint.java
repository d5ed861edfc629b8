package se.leka.register;

/**
 * Called by the import between its statements, inside the transaction that changes the register
 * (the merge's, or the stage step's for a first load). Production has none;
 * tests register one that throws to prove that a merge interrupted at any point leaves the
 * register unchanged and that a restart completes it.
 */
@FunctionalInterface
interface MergeCheckpoint {

    void reached(String stage);
}
