package io.spinloop.app.measure;

import io.spinloop.app.cli.JsonOutput;
import io.spinloop.lab.RunOutcome;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What a measurement command tells the person (or the script, with --json) when it ends. */
final class MeasureReport {
    private MeasureReport() {
    }

    static Map<String, Object> base(String kind, String device, Path out, RunOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("device", device);
        m.put("file", out.toString());
        m.put("planned", o.planned());
        m.put("done", o.done());
        m.put("completed", o.completed());
        m.put("stopped", o.stopped());
        m.put("failure", o.failure() == null ? null : message(o.failure()));
        m.put("seconds", o.seconds());
        m.put("points_per_s", o.rate());
        return m;
    }

    static int finish(Map<String, Object> facts, RunOutcome o, boolean json, String unit, String extraLine) {
        PrintStream out = System.out;
        if (json) {
            JsonOutput.print(out, facts);
        } else {
            out.printf(Locale.ROOT, "%s: %d of %d %s of %s in %.1f s (%.1f/s)%n", facts.get("file"), o.done(),
                    o.planned(), unit, facts.get("device"), o.seconds(), o.rate());
            if (extraLine != null) {
                out.println(extraLine);
            }
        }
        // A run that recorded nothing published no file (see MeasurementSession.close).
        String kept = o.done() > 0 ? facts.get("file") + " keeps the " + o.done() + " completed " + unit
                : "nothing was recorded, so no file was written";
        if (o.failure() != null) {
            System.err.println("spinloop: stopped early: " + message(o.failure()) + "; the source is at 0 A with its "
                    + "output off, and " + kept);
            return 1;
        }
        if (o.stopped()) {
            System.err.println("spinloop: stopped on request; " + kept);
            return 130;
        }
        return 0;
    }

    static String message(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
