package se.leka.format;

import java.util.List;
import java.util.Map;

/**
 * One record read from a fixed-width file: its line number, the BeanIO record name, the bean (null
 * when the line did not parse) and, when it did not parse, what was wrong — per field where BeanIO
 * could tell, else for the whole record. Jobs turn errors into receipt lines instead of failing.
 */
public record ParsedLine<T>(int lineNumber, String recordName, T value, String text,
                            Map<String, List<String>> fieldErrors, List<String> recordErrors) {

    public ParsedLine {
        fieldErrors = fieldErrors == null ? Map.of() : Map.copyOf(fieldErrors);
        recordErrors = recordErrors == null ? List.of() : List.copyOf(recordErrors);
    }

    public boolean parsed() {
        return value != null && fieldErrors.isEmpty() && recordErrors.isEmpty();
    }
}
