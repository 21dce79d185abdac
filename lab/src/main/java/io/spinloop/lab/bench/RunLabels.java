package io.spinloop.lab.bench;

import java.util.List;
import java.util.Objects;

/**
 * What a person says about a run, stored in its file (the root attributes {@code meta.sample}, {@code meta.operator},
 * {@code meta.tags}, {@code meta.comment}) and shown by {@code spinloop data list}.
 *
 * @param sample   the sample measured, or "" when not given
 * @param operator who measured, or ""
 * @param tags     free labels; none contains a comma (they are stored comma-joined)
 * @param comment  free text, or ""
 */
public record RunLabels(String sample, String operator, List<String> tags, String comment) {
    public static final RunLabels NONE = new RunLabels("", "", List.of(), "");

    public RunLabels {
        sample = Objects.requireNonNullElse(sample, "");
        operator = Objects.requireNonNullElse(operator, "");
        comment = Objects.requireNonNullElse(comment, "");
        tags = List.copyOf(tags == null ? List.of() : tags);
        for (String t : tags) {
            if (t.isBlank() || t.contains(",")) {
                throw new IllegalArgumentException("--tag '" + t + "': a tag is a non-blank word without commas");
            }
        }
    }
}
