package se.leka.order;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.core.task.TaskDecorator;

import se.leka.audit.JobLog;

/**
 * The background threads a step reads ahead on ({@link LineCheckingTasklet}, {@link DeliveryTasklet}):
 * daemon threads named after the step and file, which carry the job's MDC so that what they log
 * lands in the job log, and which are stopped — and waited for — when the step closes, so that
 * none goes on reading a file or querying after its step has ended.
 */
final class ReadAhead implements AutoCloseable {

    private static final TaskDecorator FOLLOWING_THE_JOB = JobLog.followingTheJob();

    private final ExecutorService threads;

    ReadAhead(String name, int count) {
        AtomicInteger started = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(count, task -> {
            Thread thread = new Thread(task, name + "-" + started.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts {@code work} on one of the threads. */
    <T> Future<T> submit(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        threads.execute(FOLLOWING_THE_JOB.decorate(task));
        return task;
    }

    /** The result of work submitted here, its failure thrown as the work threw it. */
    static <T> T await(Future<T> work) throws Exception {
        try {
            return work.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
