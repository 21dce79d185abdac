package io.spinloop.training.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.training.run.RunDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {

    @Test
    void aKeyIsWrittenOnceAndReadBackWhenReopened(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("sub/results.csv");
        ResultsFile r = ResultsFile.open(f, "key,value");
        r.add("a", "a,1");
        r.add("b", "b,2");
        r.add("a", "a,3");
        assertEquals(List.of("key,value", "a,1", "b,2"), Files.readAllLines(f));
        ResultsFile again = ResultsFile.open(f, "key,value");
        assertTrue(again.has("a") && again.has("b"));
        assertEquals("2", again.row("b")[1]);
        assertThrows(IllegalArgumentException.class, () -> again.add("c", "d,4"));
    }

    @Test
    void aFileOfOtherResultsIsRefusedNamingIt(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("results.csv");
        Files.writeString(f, "something,else\n1,2\n");
        RunDirectoryException e = assertThrows(RunDirectoryException.class, () -> ResultsFile.open(f, "key,value"));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void theLocalEngineDeliversEveryResultOnceAndNamesAFailedTask() {
        List<StudyTask<Integer, Integer>> tasks = List.of(new Square("x", 2), new Square("y", 3));
        java.util.Map<String, Integer> got = new java.util.TreeMap<>();
        new LocalEngine().run(10, tasks, 2, got::put);
        assertEquals(java.util.Map.of("x", 14, "y", 19), got);
        StudyFailedException e = assertThrows(StudyFailedException.class,
                () -> new LocalEngine().run(10, List.of(new Square("bad", -1)), 1, (k, v) -> { }));
        assertTrue(e.getMessage().contains("bad"), e.getMessage());
    }

    record Square(String key, int x) implements StudyTask<Integer, Integer> {
        @Override
        public Integer run(Integer shared) {
            if (x < 0) {
                throw new IllegalStateException("negative");
            }
            return shared + x * x;
        }
    }
}
