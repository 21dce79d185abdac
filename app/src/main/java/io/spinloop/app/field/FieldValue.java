package io.spinloop.app.field;

import picocli.CommandLine.Option;

/** The field asked for, in one of three units (exactly one is given); in air B = μ0·H, so 1 Oe is 0.1 mT. */
final class FieldValue {
    @Option(names = "--tesla", paramLabel = "T", required = true, description = "field in tesla")
    Double tesla;

    @Option(names = "--millitesla", paramLabel = "mT", required = true, description = "field in millitesla")
    Double millitesla;

    @Option(names = "--oersted", paramLabel = "Oe", required = true, description = "field in oersted (1 Oe = 0.1 mT)")
    Double oersted;

    /** The field in tesla. */
    double tesla() {
        return tesla != null ? tesla : millitesla != null ? millitesla * 1e-3 : oersted * 1e-4;
    }

    /** The option as given, for messages. */
    String given() {
        return tesla != null ? "--tesla " + tesla : millitesla != null ? "--millitesla " + millitesla
                : "--oersted " + oersted;
    }
}
