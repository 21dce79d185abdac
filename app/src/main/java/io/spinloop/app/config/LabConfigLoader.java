package io.spinloop.app.config;

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

    private LabConfigLoader() {
    }

    /** Reads, binds and validates {@code file}. */
    public static LoadedLabConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new LabConfigException(file, 0, "", "no such file");
        } catch (IOException e) {
            throw new LabConfigException(file, 0, "", "cannot read: " + e.getMessage(), e);
        }
        return parse(file, text);
    }

    /** Binds and validates {@code text}, reporting problems against {@code file}. */
    public static LoadedLabConfig parse(Path file, String text) {
        YamlLocations locations = YamlLocations.index(text);
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
            // YAML syntax or duplicate key: Jackson's own wording is precise, only the location moves.
            return new LabConfigException(file, line, "", e.getOriginalMessage().replace('\n', ' '), e);
        }
        String path = pathOf(m.getPath());
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.exc.StreamReadException r && !(t instanceof JsonMappingException)) {
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
