package io.spinloop.app.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A command parses, calls one service and reports (docs/architecture.md): no {@code call()} or {@code run()} of a
 * command is longer than 60 lines. The work of a longer one belongs in a service of the module that owns the stage.
 */
class ThinCommandsTest {
    private static final int MAX_LINES = 60;
    private static final Pattern ENTRY = Pattern.compile("public (Integer|int|void) (call|run)\\(\\)");

    @Test
    void noCommandBodyIsLongerThanSixtyLines() throws IOException {
        Path sources = Path.of("src/main/java/io/spinloop/app");
        List<String> tooLong = new ArrayList<>();
        int bodies = 0;
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = ENTRY.matcher(lines.get(i));
                    if (m.find()) {
                        bodies++;
                        int length = bodyLength(lines, i);
                        if (length > MAX_LINES) {
                            tooLong.add(sources.relativize(f) + ":" + (i + 1) + " " + m.group(2) + "() " + length
                                    + " lines");
                        }
                    }
                }
            }
        }
        assertTrue(bodies > 30, "found only " + bodies + " command bodies under " + sources.toAbsolutePath());
        assertTrue(tooLong.isEmpty(), "commands over " + MAX_LINES + " lines: " + tooLong);
    }

    /** Lines from the signature to the closing brace, counting braces outside strings, characters and comments. */
    static int bodyLength(List<String> lines, int from) {
        int depth = 0;
        boolean opened = false;
        boolean blockComment = false;
        for (int i = from; i < lines.size(); i++) {
            String l = lines.get(i);
            for (int k = 0; k < l.length(); k++) {
                char c = l.charAt(k);
                if (blockComment) {
                    if (c == '*' && k + 1 < l.length() && l.charAt(k + 1) == '/') {
                        blockComment = false;
                        k++;
                    }
                } else if (c == '/' && k + 1 < l.length() && l.charAt(k + 1) == '/') {
                    break;
                } else if (c == '/' && k + 1 < l.length() && l.charAt(k + 1) == '*') {
                    blockComment = true;
                    k++;
                } else if (c == '"' || c == '\'') {
                    k = endOfLiteral(l, k, c);
                } else if (c == '{') {
                    depth++;
                    opened = true;
                } else if (c == '}') {
                    depth--;
                    if (opened && depth == 0) {
                        return i - from + 1;
                    }
                }
            }
        }
        throw new IllegalStateException("no end of the body that starts at line " + (from + 1));
    }

    private static int endOfLiteral(String l, int start, char quote) {
        for (int k = start + 1; k < l.length(); k++) {
            if (l.charAt(k) == '\\') {
                k++;
            } else if (l.charAt(k) == quote) {
                return k;
            }
        }
        return l.length();
    }

    @Test
    void theCounterCountsWhatItShould() {
        List<String> body = List.of("public Integer call() {", "  String s = \"}{\"; // }", "  if (x) { y('}'); }",
                "  /* { */", "  return 0;", "}", "after");
        assertTrue(bodyLength(body, 0) == 6, "six lines from signature to brace");
    }
}
