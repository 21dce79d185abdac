package io.spinloop.app.data;

import io.spinloop.app.cli.JsonOutput;
import io.spinloop.measurements.RunCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spinloop data list DIR}: the runs in a folder, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the runs in a folder: date, kind, sample, device, points, tags and state "
                + "(complete, recovered, partial, resumed; interrupted for a journal not yet recovered)."})
public final class DataListCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "folder holding measurement files")
    Path dir;

    @Option(names = "--json", description = "print the list as JSON for scripts")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<RunCatalog.Entry> runs = RunCatalog.list(dir);
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RunCatalog.Entry e : runs) {
                rows.add(row(e));
            }
            JsonOutput.print(System.out, rows);
            return 0;
        }
        String format = "%-20s %-9s %-12s %-8s %7s %-11s %-16s %s%n";
        System.out.printf(Locale.ROOT, format, "date (UTC)", "kind", "sample", "device", "points", "state", "tags",
                "file");
        for (RunCatalog.Entry e : runs) {
            System.out.printf(Locale.ROOT, format, e.createdUtc() == null ? "?" : e.createdUtc().toString()
                    .substring(0, 19).replace('T', ' '), e.kind(), dash(e.sample()), dash(e.device()), e.points(),
                    e.state(), dash(String.join(",", e.tags())), e.file().getFileName()
                    + (e.note().isEmpty() ? "" : "  (" + e.note() + ")"));
        }
        return 0;
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }

    private static Map<String, Object> row(RunCatalog.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", e.file().toString());
        m.put("created_utc", e.createdUtc() == null ? null : e.createdUtc().toString());
        m.put("kind", e.kind());
        m.put("sample", e.sample());
        m.put("device", e.device());
        m.put("points", e.points());
        m.put("tags", e.tags());
        m.put("state", e.state());
        m.put("note", e.note());
        return m;
    }
}
