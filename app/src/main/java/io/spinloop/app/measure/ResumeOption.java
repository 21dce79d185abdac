package io.spinloop.app.measure;

import picocli.CommandLine.Option;

/** {@code --resume} on the measure commands (sweep, sequences, map). */
final class ResumeOption {
    @Option(names = "--resume", description = {"continue the interrupted run in --out (Ctrl-C, kill, instrument failure,"
            + " power cut): recovers its journal if one is left, checks that bench, device, lab-config and options are"
            + " the same, skips the points already taken and records the interruption; the source starts from 0 A"
            + " and ramps as in every run. Labels (--sample, ...) stay those of the interrupted run"})
    boolean resume;
}
