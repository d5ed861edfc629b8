package se.leka.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Pattern;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;

/**
 * A Logback appender that keeps the events carrying the MDC key {@value JobLog#MDC_EXECUTION} of
 * this application's capture ({@value JobLog#MDC_SINK}) and hands them to {@link JobLog}'s buffer.
 * It never blocks on the database: writing happens on JobLog's flusher thread.
 */
final class JobLogAppender extends AppenderBase<ILoggingEvent> {

    /** Twelve-digit personnummer (with or without separator): masked if one ever reaches a log line. */
    private static final Pattern PERSONNUMMER = Pattern.compile("\\b((?:18|19|20)\\d{6})[-+]?\\d{4}\\b");
    static final int MAX_MESSAGE = 10_000;

    private final JobLog sink;
    private final String sinkId;

    JobLogAppender(JobLog sink, String sinkId) {
        this.sink = sink;
        this.sinkId = sinkId;
        setName("leka-job-log-" + sinkId);
    }

    @Override
    protected void append(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        String execution = mdc.get(JobLog.MDC_EXECUTION);
        if (execution == null || !sinkId.equals(mdc.get(JobLog.MDC_SINK))) {
            return;
        }
        StringBuilder message = new StringBuilder(event.getFormattedMessage() == null ? "" : event.getFormattedMessage());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            message.append(System.lineSeparator()).append(ThrowableProxyUtil.asString(thrown));
        }
        String text = mask(message.toString());
        if (text.length() > MAX_MESSAGE) {
            text = text.substring(0, MAX_MESSAGE - 20) + " …[truncated]";
        }
        sink.offer(new JobLog.Pending(Long.parseLong(execution),
                LocalDateTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), ZoneId.systemDefault()),
                event.getLevel().toString(), truncate(event.getLoggerName(), 255), truncate(event.getThreadName(), 100), text));
    }

    static String mask(String text) {
        return PERSONNUMMER.matcher(text).replaceAll("$1-****");
    }

    private static String truncate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }
}
