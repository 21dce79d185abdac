package io.spinloop.app;

import io.spinloop.lab.bench.Bench;

/** Entry point of the {@code spinloop} executable. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // How a run that finds an instrument claimed by this process names it: "pid 1234 (spinloop measure sweep ...)".
        Bench.describeClaimHolderAs("spinloop " + String.join(" ", args));
        int code = SpinloopCommand.commandLine().execute(args);
        System.exit(code);
    }
}
