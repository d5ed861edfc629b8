package se.leka.order;

import java.nio.file.Path;
import java.time.LocalDateTime;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import se.leka.audit.JobLog;
import se.leka.exchange.Outboxes;
import se.leka.exchange.Receipts;
import se.leka.register.RegisterReader;

import static se.leka.order.OrderIntakeJobConfiguration.CHECKSUM;
import static se.leka.order.OrderIntakeJobConfiguration.FILE;
import static se.leka.order.OrderIntakeJobConfiguration.FILE_ID;
import static se.leka.order.OrderIntakeJobConfiguration.FILE_NAME;
import static se.leka.order.OrderIntakeJobConfiguration.MAILBOX;
import static se.leka.order.OrderIntakeJobConfiguration.PARTNER;
import static se.leka.order.OrderIntakeJobConfiguration.RECEIVED_AT;

/**
 * Builds the steps and the flow of a request-file job, named after the job ({@code <job>.envelope},
 * {@code <job>.check-lines}, …), from the step-scoped components of {@link OrderIntakeJobConfiguration}.
 * Every transition names the exit code it takes: {@code "*"} alone would also match FAILED and
 * carry a failed step's job on, so whatever is not named fails the job.
 */
@Component
class RequestFileSteps {

    private static final String COMPLETED = ExitStatus.COMPLETED.getExitCode();
    private static final String REJECTED = EnvelopeCheckTasklet.REJECTED.getExitCode();

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final EnvelopeCheckTasklet envelopeTasklet;
    private final LineCheckingTasklet lineCheckingTasklet;
    private final FileCheckTasklet fileCheckTasklet;
    private final WatchApplyingTasklet watchApplyingTasklet;
    private final DeliveryTasklet deliveryTasklet;
    private final OrderFiles files;
    private final Outboxes outboxes;
    private final Receipts receipts;
    private final RegisterReader register;
    private final Path dataDir;
    /** Runs apply and the delivery side by side; the job log follows the job onto its threads. */
    private final SimpleAsyncTaskExecutor applyBesideDelivery = new SimpleAsyncTaskExecutor("order-split-");

    RequestFileSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                     EnvelopeCheckTasklet orderEnvelopeTasklet, LineCheckingTasklet orderLineCheckingTasklet,
                     FileCheckTasklet orderFileCheckTasklet, WatchApplyingTasklet watchApplyingTasklet,
                     DeliveryTasklet orderDeliveryTasklet, OrderFiles files, Outboxes outboxes, Receipts receipts,
                     RegisterReader register, @Value("${leka.data-dir}") Path dataDir) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.envelopeTasklet = orderEnvelopeTasklet;
        this.lineCheckingTasklet = orderLineCheckingTasklet;
        this.fileCheckTasklet = orderFileCheckTasklet;
        this.watchApplyingTasklet = watchApplyingTasklet;
        this.deliveryTasklet = orderDeliveryTasklet;
        this.files = files;
        this.outboxes = outboxes;
        this.receipts = receipts;
        this.register = register;
        this.dataDir = dataDir;
        applyBesideDelivery.setTaskDecorator(JobLog.followingTheJob());
    }

    /** The job {@code name}; {@code withWatches}: an order file's job, which applies its lines to the watches. */
    Job job(String name, boolean withWatches) {
        Step envelope = new StepBuilder(name + ".envelope", jobRepository).tasklet(envelopeTasklet, transactionManager).build();
        Step checkLines = new StepBuilder(name + ".check-lines", jobRepository)
                .tasklet(lineCheckingTasklet, transactionManager)
                .stream(lineCheckingTasklet)
                .build();
        Step checkFile = new StepBuilder(name + ".check-file", jobRepository).tasklet(fileCheckTasklet, transactionManager).build();
        Step prepare = new StepBuilder(name + ".prepare-delivery", jobRepository)
                .tasklet((contribution, chunk) -> DeliveryTasklets.prepare(files, outboxes, fileId(chunk),
                        OrderOutputs.mailbox(param(chunk, MAILBOX))).execute(contribution, chunk), transactionManager)
                .build();
        Step deliver = new StepBuilder(name + ".deliver", jobRepository)
                .tasklet(deliveryTasklet, transactionManager)
                .stream(deliveryTasklet)
                .build();
        Step receipt = new StepBuilder(name + ".receipt", jobRepository)
                .tasklet((contribution, chunk) -> DeliveryTasklets.receipt(files, receipts, fileId(chunk), param(chunk, CHECKSUM),
                        OrderOutputs.mailbox(param(chunk, MAILBOX)), LocalDateTime.parse(param(chunk, RECEIVED_AT)))
                        .execute(contribution, chunk), transactionManager)
                .build();
        Step publish = new StepBuilder(name + ".publish", jobRepository)
                .tasklet((contribution, chunk) -> {
                    if (!chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext()
                            .containsKey(DeliveryTasklets.DELIVERY_FILE_NAME)) {
                        return RepeatStatus.FINISHED; // rejected, or nothing to deliver: the receipt says it all
                    }
                    return DeliveryTasklets.publish(files, outboxes, fileId(chunk), OrderOutputs.mailbox(param(chunk, MAILBOX)),
                            dataDir).execute(contribution, chunk);
                }, transactionManager)
                .build();

        // prepare-delivery, deliver: ends COMPLETED, also when there is nothing to deliver.
        Flow delivery = new FlowBuilder<Flow>(name + ".delivery")
                .start(prepare).on(DeliveryTasklets.NOTHING_TO_DELIVER.getExitCode()).end()
                .from(prepare).on(COMPLETED).to(deliver)
                .from(prepare).on("*").fail()
                .from(deliver).on(COMPLETED).end()
                .from(deliver).on("*").fail()
                .build();
        FlowBuilder<Flow> flow = new FlowBuilder<Flow>(name)
                .start(envelope).on(REJECTED).to(receipt)
                .from(envelope).on(COMPLETED).to(checkLines)
                .from(envelope).on("*").fail()
                .from(checkLines).on(COMPLETED).to(checkFile)
                .from(checkLines).on("*").fail()
                .from(checkFile).on(REJECTED).to(receipt)
                .from(checkFile).on("*").fail();
        Flow answer = delivery;
        if (withWatches) {
            // Apply beside the delivery — the complete information does not need the watches, and
            // both are a large share of the job. The hold makes it safe for the daily run: see
            // OrderFiles.hold and V34. It is committed before the delivery reads the register.
            Step hold = new StepBuilder(name + ".hold-notifications", jobRepository)
                    .tasklet((contribution, chunk) -> {
                        var execution = chunk.getStepContext().getStepExecution();
                        var applied = jobRepository.getLastStepExecution(execution.getJobExecution().getJobInstance(),
                                name + ".apply");
                        if (applied != null && applied.getStatus() == BatchStatus.COMPLETED) {
                            // A run begun before there was a hold step, restarted: its watches exist already.
                            return RepeatStatus.FINISHED;
                        }
                        files.hold(fileId(chunk), register.latestSequence(), execution.getJobExecutionId());
                        return RepeatStatus.FINISHED;
                    }, transactionManager)
                    .build();
            Step apply = new StepBuilder(name + ".apply", jobRepository).tasklet(watchApplyingTasklet, transactionManager).build();
            Flow applying = new FlowBuilder<Flow>(name + ".applying").start(apply).build();
            Flow applyAndDeliver = new FlowBuilder<Flow>(name + ".apply-and-deliver")
                    .split(applyBesideDelivery).add(applying, delivery)
                    .build();
            flow.from(checkFile).on(COMPLETED).to(hold)
                    .from(hold).on(COMPLETED).to(applyAndDeliver)
                    .from(hold).on("*").fail();
            answer = applyAndDeliver;
        } else {
            flow.from(checkFile).on(COMPLETED).to(delivery);
        }
        flow.from(answer).on(COMPLETED).to(receipt)
                .from(answer).on("*").fail()
                .from(receipt).on(COMPLETED).to(publish)
                .from(receipt).on("*").fail()
                .from(publish).on(COMPLETED).end()
                .from(publish).on("*").fail();
        return new JobBuilder(name, jobRepository)
                .validator(new DefaultJobParametersValidator(new String[] {FILE_ID, CHECKSUM, FILE, FILE_NAME, MAILBOX, RECEIVED_AT},
                        new String[] {PARTNER}))
                .start(flow.build())
                .end()
                .build();
    }

    private static long fileId(ChunkContext chunk) {
        return (Long) chunk.getStepContext().getJobParameters().get(FILE_ID);
    }

    private static String param(ChunkContext chunk, String name) {
        return (String) chunk.getStepContext().getJobParameters().get(name);
    }
}
