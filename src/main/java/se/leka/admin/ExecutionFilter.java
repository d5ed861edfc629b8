package se.leka.admin;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * Filters of the executions list; every one may be empty. {@code partner} and {@code file} match
 * the job parameters (identifying or not) {@value ExecutionQueries#PARTNER_PARAMETER} (exactly) and
 * {@value ExecutionQueries#FILE_PARAMETER} (contains) — the contract job rooms follow.
 */
record ExecutionFilter(String job, String status, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                       @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, String partner, String file,
                       Integer page, Integer size) {

    static final int DEFAULT_SIZE = 25;

    static ExecutionFilter none() {
        return new ExecutionFilter(null, null, null, null, null, null, 0, DEFAULT_SIZE);
    }

    int pageOrFirst() {
        return page == null || page < 0 ? 0 : page;
    }

    int sizeOrDefault() {
        return size == null || size < 1 ? DEFAULT_SIZE : Math.min(size, 200);
    }

    ExecutionFilter withPage(int newPage) {
        return new ExecutionFilter(job, status, from, to, partner, file, newPage, size);
    }
}
