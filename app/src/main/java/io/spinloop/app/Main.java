package io.spinloop.app;

import picocli.CommandLine;

/** Entry point of the {@code spinloop} executable. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = SpinloopCommand.commandLine().execute(args);
        System.exit(code);
    }
}
