package se.leka.exchange;

import se.leka.format.FileType;

/**
 * How a job room takes the inbound files of one type: declare a bean implementing this interface.
 * Intake finds the route for a file's type among all beans; there is no central list to edit.
 * While no route exists for a type, accepted files of that type wait with status
 * {@link InboundFileStatus#AWAITING_JOB} and are routed at the next start-up after one appears
 * (or by {@link InboundFiles#routeWaiting()}).
 *
 * <p>Implementations start their job with identifying parameters taken from the file (at least
 * {@link AcceptedInboundFile#id()} and {@link AcceptedInboundFile#sha256()}), never a run-id
 * incrementer, so that starting it again for the same file finds the same job instance. The job
 * writes its record-level receipt through {@link Receipts} with kind {@link Receipt.Kind#RECORDS}.
 */
public interface InboundFileRoute {

    FileType fileType();

    /**
     * Starts (or continues) the job for the file.
     *
     * @return the id of the job execution started
     */
    long start(AcceptedInboundFile file) throws Exception;
}
