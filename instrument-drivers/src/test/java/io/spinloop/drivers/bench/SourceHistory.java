package io.spinloop.drivers.bench;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.SourceEvent;
import java.util.List;

/** What the emulator recorded a source was told, reduced to what the safety rules speak about. */
final class SourceHistory {
    private SourceHistory() {
    }

    /**
     * One recorded state.
     *
     * @param time     bench time, s
     * @param level    programmed level, A
     * @param outputOn whether current could flow
     */
    record Point(double time, String cause, double level, boolean outputOn) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s %.4e A %s @%.6fs", cause, level, outputOn ? "on" : "off", time);
        }
    }

    static List<Point> of(EmulatedBench bench, String source) {
        return bench.history(source).stream()
                .map((SourceEvent e) -> new Point(e.time(), e.cause().name(), e.level(), e.outputOn()))
                .toList();
    }
}
