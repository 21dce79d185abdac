package io.spinloop.lab.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Line numbers of every field and list element of a YAML document, keyed by the same paths the
 * validator reports ({@code devices[0].limits.compliance_V}). Jackson keeps locations on its token
 * stream but not on bound objects, so one extra pass over the tokens lets checks made after binding
 * still point at a line.
 */
final class YamlLocations {
    private final Map<String, Integer> lines;
    private final Map<String, String> scalars;
    private final IOException syntaxError;

    private YamlLocations(Map<String, Integer> lines, Map<String, String> scalars, IOException syntaxError) {
        this.lines = lines;
        this.scalars = scalars;
        this.syntaxError = syntaxError;
    }

    /** What stopped the tokeniser (a YAML syntax error), or null for a document that tokenises. */
    IOException syntaxError() {
        return syntaxError;
    }

    static YamlLocations index(String yaml) {
        Map<String, Integer> lines = new HashMap<>();
        Map<String, String> scalars = new HashMap<>();
        IOException syntax = null;
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            // Each frame is the path of a container plus, for arrays, the index of the next element.
            Deque<Frame> stack = new ArrayDeque<>();
            String pendingField = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                int line = p.currentTokenLocation().getLineNr();
                if (t == JsonToken.FIELD_NAME) {
                    pendingField = p.currentName();
                    lines.putIfAbsent(join(stack.peek(), pendingField), line);
                    continue;
                }
                String here = valuePath(stack.peek(), pendingField, line, lines);
                pendingField = null;
                if (t.isScalarValue()) {
                    scalars.putIfAbsent(here, p.getText());
                } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    stack.push(new Frame(here, t == JsonToken.START_ARRAY));
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    stack.pop();
                }
            }
        } catch (IOException e) {
            // A document that cannot be tokenised: the loader reports it before binding, as a syntax error.
            syntax = e;
        }
        return new YamlLocations(lines, scalars, syntax);
    }

    private static String valuePath(Frame parent, String field, int line, Map<String, Integer> lines) {
        if (parent == null) {
            return "";
        }
        if (parent.array) {
            String p = parent.path + "[" + parent.nextIndex++ + "]";
            lines.putIfAbsent(p, line);
            return p;
        }
        return join(parent, field);
    }

    private static String join(Frame parent, String field) {
        if (parent == null || parent.path.isEmpty()) {
            return field == null ? "" : field;
        }
        return field == null ? parent.path : parent.path + "." + field;
    }

    /**
     * Line of {@code path}, or of its nearest ancestor that is present (a missing field is reported at
     * the object that should have held it); 0 when nothing matches.
     */
    int lineOf(String path) {
        String p = path;
        while (p != null && !p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            p = parentOf(p);
        }
        return 0;
    }

    /** The text of the scalar at {@code path} as written, or null. */
    String scalarAt(String path) {
        return scalars.get(path);
    }

    /** Line of exactly {@code path}, 0 when the document has no such field. */
    int exactLineOf(String path) {
        Integer line = lines.get(path);
        return line == null ? 0 : line;
    }

    private static String parentOf(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? null : path.substring(0, cut);
    }

    private static final class Frame {
        final String path;
        final boolean array;
        int nextIndex;

        Frame(String path, boolean array) {
            this.path = path;
            this.array = array;
        }
    }
}
