package io.spinloop.app.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spinloop emulator}: the emulated bench, on its own. */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "Run the emulated bench of a lab-config for other programs to talk to (serve).",
        subcommands = {EmulatorServeCommand.class})
public final class EmulatorCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
