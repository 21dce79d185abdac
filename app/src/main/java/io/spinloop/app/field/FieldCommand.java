package io.spinloop.app.field;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spinloop field}: the applied field at a device. */
@Command(name = "field", mixinStandardHelpOptions = true,
        description = "Set the field at a device in closed loop on its gaussmeter (set), or ramp its magnet to 0 A "
                + "(ramp-down).",
        subcommands = {FieldSetCommand.class, FieldRampDownCommand.class})
public final class FieldCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
