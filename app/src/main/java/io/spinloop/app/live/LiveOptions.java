package io.spinloop.app.live;

import io.spinloop.app.cli.RefusedInputException;
import java.io.IOException;
import picocli.CommandLine.Option;

/**
 * {@code --live[=PORT]} and {@code --live-bind}: the one mixin every command with a live view takes
 * ({@code @Mixin LiveOptions live;}), then {@code try (LiveView view = live.start("what runs"))}.
 */
public final class LiveOptions {
    @Option(names = "--live", arity = "0..1", fallbackValue = "0", paramLabel = "PORT",
            description = "serve a live view of the run (plots, instrument panel, progress, Stop) on this port of "
                    + "--live-bind; its address, with its token, is printed at the start (default: no live view; "
                    + "--live alone or 0: a free port)")
    Integer port;

    @Option(names = "--live-bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "address the live view listens on (default: ${DEFAULT-VALUE}, this computer only; 0.0.0.0: "
                    + "every interface, for a browser on another computer, at this computer's addresses)")
    String bind;

    @Option(names = "--live-host", paramLabel = "NAME",
            description = "a name of this computer a remote browser uses (its DNS name), answered besides its "
                    + "addresses (repeatable; no other name is answered; the token is needed whatever the name; "
                    + "default: none)")
    java.util.List<String> hosts = new java.util.ArrayList<>();

    /** The run's view: serving when {@code --live} was given, off otherwise. */
    public LiveView start(String title) throws IOException {
        if (port == null) {
            return LiveView.off();
        }
        if (port < 0 || port > 65535) {
            throw new RefusedInputException("--live " + port + ": a port is 0 to 65535");
        }
        for (String h : hosts) {
            String why = LiveAddresses.refusal(h);
            if (why != null) {
                throw new RefusedInputException("--live-host " + h + ": " + why);
            }
        }
        try {
            return LiveView.serve(bind, port, hosts, title, System.err);
        } catch (java.net.BindException e) {
            throw new RefusedInputException("--live " + port + " --live-bind " + bind + ": cannot listen there ("
                    + e.getMessage() + ")");
        }
    }
}
