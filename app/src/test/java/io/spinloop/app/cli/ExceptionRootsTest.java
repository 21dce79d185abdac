package io.spinloop.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.autodiff.Parameter;
import io.spinloop.drivers.InstrumentException;
import io.spinloop.emulator.EmulatorException;
import io.spinloop.lab.LabException;
import io.spinloop.measurements.MeasurementException;
import io.spinloop.training.TrainingException;
import io.spinloop.twin.TwinException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One unchecked exception root per module: every exception class a module defines derives from its root, so a caller
 * catches one type, and the root is a {@link RuntimeException}. Found by reading the module's compiled classes, so a
 * new exception that forgets its root fails here.
 */
class ExceptionRootsTest {
    /** The package of each module's own code, and its root (null: the module defines no exception). */
    private static final Map<String, Class<? extends RuntimeException>> ROOTS = Map.of(
            "io.spinloop.drivers", InstrumentException.class,
            "io.spinloop.emulator", EmulatorException.class,
            "io.spinloop.measurements", MeasurementException.class,
            "io.spinloop.lab", LabException.class,
            "io.spinloop.twin", TwinException.class,
            "io.spinloop.training", TrainingException.class);

    @Test
    void everyExceptionAModuleDefinesDerivesFromItsRoot() throws Exception {
        List<String> astray = new ArrayList<>();
        for (Map.Entry<String, Class<? extends RuntimeException>> e : ROOTS.entrySet()) {
            List<Class<?>> found = exceptionsIn(e.getKey(), e.getValue());
            assertTrue(found.contains(e.getValue()), e.getKey() + ": its root was not found among " + found);
            for (Class<?> c : found) {
                if (!e.getValue().isAssignableFrom(c)) {
                    astray.add(c.getName() + " extends " + c.getSuperclass().getName() + ", not " + e.getValue().getName());
                }
            }
        }
        assertEquals(List.of(), astray);
    }

    @Test
    void autodiffDefinesNoExceptionOfItsOwn() throws Exception {
        // It refuses bad arguments with the JDK's IllegalArgumentException and IllegalStateException; a root is due
        // when it defines an exception.
        assertEquals(List.of(), exceptionsIn("io.spinloop.autodiff", Parameter.class));
    }

    @Test
    void theRootsAreUnchecked() {
        for (Class<? extends RuntimeException> root : ROOTS.values()) {
            assertTrue(RuntimeException.class.isAssignableFrom(root), root.getName());
            assertFalse(java.io.IOException.class.isAssignableFrom(root), root.getName());
        }
    }

    /** The Throwable classes under {@code pkg}, read from the classes directory (or jar) that holds {@code anchor}. */
    private static List<Class<?>> exceptionsIn(String pkg, Class<?> anchor) throws Exception {
        URI location = anchor.getProtectionDomain().getCodeSource().getLocation().toURI();
        Path where = Path.of(location);
        List<Class<?>> found = new ArrayList<>();
        if (Files.isDirectory(where)) {
            collect(where, where.resolve(pkg.replace('.', '/')), found);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(where)) {
                Path root = jar.getPath("/");
                collect(root, root.resolve(pkg.replace('.', '/')), found);
            }
        }
        return found;
    }

    private static void collect(Path root, Path dir, List<Class<?>> found) throws Exception {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> classes;
        try (Stream<Path> s = Files.walk(dir)) {
            classes = s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        ClassLoader loader = ExceptionRootsTest.class.getClassLoader();
        for (Path p : classes) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
            if (name.endsWith("package-info") || name.endsWith("module-info")) {
                continue;
            }
            Class<?> c = Class.forName(name, false, loader);
            if (Throwable.class.isAssignableFrom(c)) {
                found.add(c);
            }
        }
    }
}
