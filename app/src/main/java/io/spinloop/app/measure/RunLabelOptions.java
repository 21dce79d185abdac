package io.spinloop.app.measure;

import io.spinloop.lab.bench.RunLabels;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What a person says about a run, on every {@code spinloop measure} command; stored in the file's attributes. */
final class RunLabelOptions {
    @Option(names = "--sample", paramLabel = "NAME", description = "the sample measured (stored as meta.sample)")
    String sample;

    @Option(names = "--operator", paramLabel = "NAME", description = "who measures (stored as meta.operator)")
    String operator;

    @Option(names = "--tag", paramLabel = "TAG", description = "a label for `data list`; repeat for several")
    List<String> tags = new ArrayList<>();

    @Option(names = "--comment", paramLabel = "TEXT", description = "free text stored with the run")
    String comment;

    RunLabels labels() {
        for (String t : tags) {
            io.spinloop.app.cli.OptionChecks.check("--tag", t,
                    t.isBlank() || t.contains(",") ? "a tag is a non-blank word without commas" : null);
        }
        return new RunLabels(sample, operator, tags, comment);
    }
}
