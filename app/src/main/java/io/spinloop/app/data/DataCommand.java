package io.spinloop.app.data;

import picocli.CommandLine.Command;

/** {@code spinloop data}: look into measurement files and rescue interrupted runs. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Look into measurement files (info), turn interrupted runs into valid files (recover), list "
                + "a folder's runs (list), browse a folder of runs in the browser (browse).",
        subcommands = {DataInfoCommand.class, DataRecoverCommand.class, DataListCommand.class,
                DataBrowseCommand.class, DataFieldFitCommand.class})
public final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
