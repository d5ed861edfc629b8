package se.leka.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import se.leka.format.Personnummer;
import se.leka.register.RegisterReader;

/**
 * The persons that changed in a window of the change log, as {@link RegisterReader#changedPersons}
 * answers, remembered for the few windows in use. Every stream of a night usually has the same
 * window (same watermark, same upper bound), so the 200 partitions of a run ask the same question:
 * it is answered once instead of once per partner.
 *
 * <p>Safe to remember, and no state a restart depends on: the change log is append-only and a
 * window has both ends fixed (the upper bound was committed when the run planned it), so the answer
 * for a key never changes; a worker on another instance asks the register itself and gets the same.
 */
@Component
class ChangeWindows {

    /** Windows remembered: a run's streams share one or a few; each holds at most a page of persons. */
    static final int REMEMBERED = 4;

    private final RegisterReader register;
    private final Map<String, List<Personnummer>> remembered = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Personnummer>> eldest) {
            return size() > REMEMBERED;
        }
    };

    ChangeWindows(RegisterReader register) {
        this.register = register;
    }

    List<Personnummer> changedPersons(long afterSequence, long upToSequence, Personnummer fromPerson, int limit) {
        String key = afterSequence + ":" + upToSequence + ":" + (fromPerson == null ? "" : fromPerson.value()) + ":" + limit;
        synchronized (remembered) {
            List<Personnummer> known = remembered.get(key);
            if (known != null) {
                return known;
            }
        }
        // Read outside the lock: two partitions starting together may both read it, once.
        List<Personnummer> persons = List.copyOf(register.changedPersons(afterSequence, upToSequence, fromPerson, limit));
        synchronized (remembered) {
            remembered.put(key, persons);
        }
        return persons;
    }
}
