package se.leka.exchange;

import java.util.List;

/**
 * One page of a file listing ({@link InboundFiles#search}, {@link OutboundFiles#search}).
 *
 * @param rows  the files on this page, newest first
 * @param total how many files match in all
 * @param page  this page's number, from 0
 * @param size  files per page
 */
public record FilePage<T>(List<T> rows, long total, int page, int size) {

    public FilePage {
        rows = List.copyOf(rows);
    }

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return page + 1 < pages();
    }

    /** Page number from 0, never negative. */
    static int page(int page) {
        return Math.max(0, page);
    }

    /** 1 to 200 files per page. */
    static int size(int size) {
        return size < 1 ? 25 : Math.min(size, 200);
    }
}
