package io.spinloop.app.live;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.spinloop.app.SpinloopCommand;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command the issue names takes {@code --live[=PORT]} and {@code --live-bind}, from the one mixin. */
class LiveOptionOnCommandsTest {
    @Test
    void everyLongRunningCommandHasTheLiveOptions() {
        CommandLine root = SpinloopCommand.commandLine();
        for (List<String> path : List.of(List.of("measure", "sweep"), List.of("measure", "sequences"), List.of("measure", "map"),
                List.of("calibrate"), List.of("train"), List.of("train-on-twin"), List.of("chip-train"),
                List.of("deploy"), List.of("demo"))) {
            CommandLine c = root;
            for (String name : path) {
                c = c.getSubcommands().get(name);
                assertNotNull(c, "no command " + path);
            }
            assertNotNull(c.getCommandSpec().findOption("--live"), path + " has no --live");
            assertNotNull(c.getCommandSpec().findOption("--live-bind"), path + " has no --live-bind");
            assertNotNull(c.getCommandSpec().mixins().get("live"), path + " takes them from LiveOptions");
        }
    }
}
