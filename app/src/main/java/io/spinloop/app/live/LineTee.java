package io.spinloop.app.live;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** What a command says on the terminal, also handed line by line to the page's log. */
final class LineTee extends OutputStream {
    private final PrintStream terminal;
    private final Consumer<String> lines;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private LineTee(PrintStream terminal, Consumer<String> lines) {
        this.terminal = terminal;
        this.lines = lines;
    }

    static PrintStream of(PrintStream terminal, Consumer<String> lines) {
        return new PrintStream(new LineTee(terminal, lines), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        terminal.write(b);
        if (b == '\n') {
            lines.accept(line.toString(StandardCharsets.UTF_8).stripTrailing());
            line.reset();
        } else if (b != '\r') {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public void flush() {
        terminal.flush();
    }
}
