package io.spinloop.lab.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.spinloop.twin.file.FileKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads lab-config files strictly: an unknown field, a value of the wrong type, a duplicate key or a
 * YAML syntax error is refused with the file, line and field at fault and what was expected; then
 * {@link LabConfigValidator} checks references and limits. Nothing here touches an instrument.
 */
public final class LabConfigLoader {
    private static final ObjectMapper MAPPER = YAMLMapper.builder(
                    YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            // "3" is not a number and 2.5 is not a count: a config says what it means.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /** Lab-configs are a few kB; a file this large was given by mistake (and is not read into memory). */
    static final long MAX_BYTES = 1 << 20;

    private LabConfigLoader() {
    }

    /** The default of every {@code --config}: the emulated bench, which needs nothing plugged in. */
    public static final String DEFAULT = "lab-configs/emulated-bench.yaml";
    /** System property the {@code spinloop} launcher sets to the installation's root. */
    public static final String HOME_PROPERTY = "spinloop.home";
    /** What a lab-config read from the jar's own copy of the default bench is called in messages and files. */
    public static final Path BUILT_IN = Path.of("spinloop.jar!", DEFAULT);

    /**
     * Reads, binds and validates {@code file}. The default path ({@value #DEFAULT}), when it is not there relative
     * to the working directory, is the installation's (under {@code -Dspinloop.home}, which the launcher sets) or
     * else the copy inside the jar: so {@code spinloop demo} works from any directory.
     */
    public static LoadedLabConfig load(Path file) {
        if (file.equals(Path.of(DEFAULT)) && !Files.exists(file)) {
            String home = System.getProperty(HOME_PROPERTY);
            Path installed = home == null || home.isBlank() ? null : Path.of(home).resolve(DEFAULT);
            if (installed != null && Files.isRegularFile(installed)) {
                return read(installed);
            }
            String builtIn = builtInDefault();
            if (builtIn != null) {
                return parse(BUILT_IN, builtIn);
            }
        }
        return read(file);
    }

    /** The jar's copy of the default bench, or null when it was built without it. */
    public static String builtInDefault() {
        try (java.io.InputStream in = LabConfigLoader.class.getResourceAsStream("/" + DEFAULT)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static LoadedLabConfig read(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new LabConfigException(file, 0, "", "a directory, not a lab-config file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new LabConfigException(file, 0, "", size + " bytes: far larger than any lab-config (at most "
                        + MAX_BYTES + "); is this the right file?");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new LabConfigException(file, 0, "", "no such file");
        } catch (IOException e) {
            throw new LabConfigException(file, 0, "", "cannot read: " + e.getMessage(), e);
        }
        String notText = FileKind.textProblem(bytes, true);
        if (notText != null) {
            // A binary file handed over by mistake: say so, not what the UTF-8 decoder says ("Input length = 1").
            throw new LabConfigException(file, 0, "", "not a text file (" + notText + ")");
        }
        return parse(file, new String(bytes, StandardCharsets.UTF_8));
    }

    /** Binds and validates {@code text}, reporting problems against {@code file}. */
    public static LoadedLabConfig parse(Path file, String text) {
        YamlLocations locations = YamlLocations.index(text);
        if (locations.syntaxError() != null) {
            // Reported before binding: a binder meeting a broken document mid-way blames whatever field it was at.
            throw YamlSyntaxErrors.of(file, locations.syntaxError());
        }
        LabConfig config;
        try {
            config = MAPPER.readValue(text, LabConfig.class);
        } catch (JsonProcessingException e) {
            throw translate(file, locations, e);
        }
        if (config == null) {
            throw new LabConfigException(file, 0, "", "the file is empty; expected a lab-config (bench, instruments, devices)");
        }
        LoadedLabConfig loaded = new LoadedLabConfig(file, text, config, locations);
        new LabConfigValidator(loaded).validate();
        return loaded;
    }

    private static LabConfigException translate(Path file, YamlLocations locations, JsonProcessingException e) {
        int line = lineOf(e.getLocation());
        if (!(e instanceof JsonMappingException m)) {
            LabConfigException dup = duplicate(file, locations, e);
            if (dup != null) {
                return dup;
            }
            // YAML syntax: Jackson's own wording, on one line.
            return new LabConfigException(file, line, "", e.getOriginalMessage().replace('\n', ' '), e);
        }
        String path = pathOf(m.getPath());
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.exc.StreamReadException r && !(t instanceof JsonMappingException)) {
                LabConfigException dup = duplicate(file, locations, r);
                if (dup != null) {
                    return dup;
                }
                // A duplicate key or a syntax error met while binding: the parser's location is the key's own.
                int at = lineOf(r.getLocation());
                return new LabConfigException(file, at > 0 ? at : locations.lineOf(path), path,
                        r.getOriginalMessage().replace('\n', ' '), e);
            }
        }
        // Jackson's location is where the parser stood when it gave up (often past the field); the index
        // knows the field's own line.
        int indexed = locations.exactLineOf(path);
        if (indexed > 0) {
            line = indexed;
        } else if (line == 0) {
            line = locations.lineOf(path);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String field = u.getPropertyName();
            return new LabConfigException(file, line, path, "unknown field '" + field + "'; expected one of: "
                    + known(u.getKnownPropertyIds()), e);
        }
        if (e instanceof InvalidFormatException f) {
            return new LabConfigException(file, line, path, "expected " + describe(f.getTargetType())
                    + ", got '" + f.getValue() + "'", e);
        }
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            String written = locations.scalarAt(path);
            return new LabConfigException(file, line, path, "expected " + describe(mi.getTargetType())
                    + (written != null ? ", got '" + written + "'" : got(mi)), e);
        }
        Throwable root = e.getCause() != null ? e.getCause() : e;
        String msg = root instanceof JsonProcessingException j ? j.getOriginalMessage() : root.getMessage();
        return new LabConfigException(file, line, path, String.valueOf(msg).replace('\n', ' '), e);
    }

    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate field '(.*)'");

    /** A key given twice, with the line of its first occurrence; null for any other parse error. */
    private static LabConfigException duplicate(Path file, YamlLocations locations, JsonProcessingException e) {
        java.util.regex.Matcher m = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (!m.matches()) {
            return null;
        }
        String path = "";
        if (e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null) {
            path = pathOfPointer(p.getParsingContext().getParent() == null ? ""
                    : p.getParsingContext().getParent().pathAsPointer().toString());
        }
        String key = path.isEmpty() ? m.group(1) : path + "." + m.group(1);
        int first = locations.exactLineOf(key);
        return new LabConfigException(file, lineOf(e.getLocation()), key, "duplicate key '" + m.group(1) + "'" + (first > 0
                ? " (first at line " + first + ")" : ""), e);
    }

    /** {@code /instruments/0/name} as the validator's path, {@code instruments[0].name}. */
    private static String pathOfPointer(String pointer) {
        StringBuilder sb = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                sb.append('[').append(name).append(']');
            } else {
                sb.append(sb.length() > 0 ? "." : "").append(name);
            }
        }
        return sb.toString();
    }

    private static String got(MismatchedInputException e) {
        if (e.getProcessor() instanceof JsonParser p && p.currentToken() != null) {
            try {
                String text = p.getText();
                if (p.currentToken().isStructStart()) {
                    return ", got a " + (p.currentToken().name().contains("ARRAY") ? "list" : "block of fields");
                }
                return text == null ? "" : ", got '" + text + "'";
            } catch (IOException ignored) {
                return "";
            }
        }
        return "";
    }

    private static int lineOf(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? 0 : location.getLineNr();
    }

    static String pathOf(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String known(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)).stream()
                .collect(Collectors.joining(", "));
    }

    private static String describe(Class<?> type) {
        if (type == Double.class || type == double.class || type == Float.class) {
            return "a number";
        } else if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        } else if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        } else if (type == String.class) {
            return "a text value";
        } else if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "));
        } else if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
            return "a list";
        } else if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a block of fields (name: value)";
        }
        return "a " + type.getSimpleName();
    }
}
