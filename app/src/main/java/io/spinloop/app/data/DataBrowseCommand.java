package io.spinloop.app.data;

import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.app.live.LiveServer;
import io.spinloop.app.live.RunCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spinloop data browse DIR}: the runs of a folder in the browser, drawn from their HDF5 files. */
@Command(name = "browse", mixinStandardHelpOptions = true,
        description = {"Serve a local web page with the runs of a folder: a table of their metadata (from the HDF5 "
                + "files' attributes); click a run to draw it from its data, tick runs to overlay their p(I).",
                "Prints the page's address with its token; serves until Ctrl-C."})
public final class DataBrowseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "folder of runs (HDF5 files, a few levels deep)")
    Path folder;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "port to serve on (default: a free one)")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE}, this computer only)")
    String bind;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(folder)) {
            throw new RefusedInputException("DIR " + folder + ": not a folder");
        }
        if (port < 0 || port > 65535) {
            throw new RefusedInputException("--port " + port + ": a port is 0 to 65535");
        }
        RunCatalog catalog = new RunCatalog(folder);
        CountDownLatch forever = new CountDownLatch(1);
        try (LiveServer server = LiveServer.forCatalog(bind, port, catalog)) {
            System.err.println("spinloop: runs of " + folder + " at " + server.url() + " (Ctrl-C to stop)");
            for (String also : server.urls().subList(1, server.urls().size())) {
                System.err.println("spinloop: runs also at " + also);
            }
            forever.await(); // until Ctrl-C ends the JVM
        }
        return 0;
    }
}
