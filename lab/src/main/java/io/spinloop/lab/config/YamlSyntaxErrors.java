package io.spinloop.lab.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML syntax error as one line a person can act on: {@code bench.yaml:12:5: YAML syntax error: a tab character;
 * indent with spaces}. The parser's own text spans several lines, repeats the source with a caret and speaks of
 * tokens and events; its position (the problem's mark, from SnakeYAML, which Jackson wraps) is exact and kept.
 */
final class YamlSyntaxErrors {
    private static final Pattern CANNOT_START = Pattern.compile("found character '(.+?)' that cannot start any token.*");

    private YamlSyntaxErrors() {
    }

    static LabConfigException of(Path file, IOException e) {
        int line = 0;
        int column = 0;
        String reason = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                Mark at = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
                if (at != null) {
                    line = at.getLine() + 1;
                    column = at.getColumn() + 1;
                }
                reason = reason(m.getProblem(), m.getContext(), m.getContextMark());
                break;
            }
        }
        if (reason == null) {
            // Jackson's own refusals (a key that is not a plain name, ...): its location, its first line.
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
                line = Math.max(0, j.getLocation().getLineNr());
                column = Math.max(0, j.getLocation().getColumnNr());
            }
            String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            reason = m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("").strip();
            if (reason.startsWith("Expected a field name")) {
                reason = "a key must be a plain name (a list or block cannot be a key)";
            }
        }
        return new LabConfigException(file, line, column, "", "YAML syntax error: " + reason, e);
    }

    /** The parser's problem in the words of someone editing the file. */
    static String reason(String problem, String context, Mark contextMark) {
        String p = problem == null ? "" : problem.strip();
        String opened = contextMark == null ? "" : " at line " + (contextMark.getLine() + 1) + ", column "
                + (contextMark.getColumn() + 1);
        if (p.startsWith("mapping values are not allowed here")) {
            return "a ':' where no key can start (put a value that holds ': ' in quotes, or check the indentation)";
        }
        if (p.contains("'\\t(TAB)'")) {
            return "a tab character; indent with spaces";
        }
        Matcher m = CANNOT_START.matcher(p);
        if (m.matches()) {
            return "'" + m.group(1) + "' cannot start a value; put the value in quotes";
        }
        if (p.startsWith("found unexpected end of stream") && context != null && context.contains("quoted scalar")) {
            return "a quote opened" + opened + " is never closed";
        }
        if (p.startsWith("expected ',' or ']'")) {
            return "a list opened with '['" + opened + " is not closed with ']'";
        }
        if (p.startsWith("expected ',' or '}'")) {
            return "a block opened with '{'" + opened + " is not closed with '}'";
        }
        if (p.startsWith("expected <block end>") || p.startsWith("expected <block mapping start>")) {
            return "bad indentation: this line does not line up with the lines of its block"
                    + (opened.isEmpty() ? "" : " (which starts" + opened + ")");
        }
        if (p.startsWith("found undefined alias")) {
            return p.replace("found undefined alias", "an alias (*name) with no anchor (&name) before it:");
        }
        if (p.startsWith("found incompatible YAML document")) {
            return "unsupported YAML version (1.x is read)";
        }
        String first = p.lines().findFirst().orElse("").strip();
        return (first.isEmpty() ? "unreadable YAML" : first) + (context == null ? "" : " (" + context.strip() + ")");
    }
}
