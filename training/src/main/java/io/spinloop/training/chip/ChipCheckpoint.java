package io.spinloop.training.chip;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.spinloop.measurements.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a chip-in-the-loop run stands after its last completed step: the weights, the optimizer's moments, the
 * position (epoch, next batch), the running loss of the epoch and the finished epochs. Written after every step
 * to a temporary file and renamed over the old one, so a crash leaves either the previous or the new checkpoint,
 * never half of one.
 */
public record ChipCheckpoint(int epoch, int nextBatch, double[] weights, double[][] optimizer, double lossSum,
                             int batchesDone, List<ChipTraining.Epoch> curve) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public void write(Path file) throws IOException {
        AtomicFile.write(file, out -> JSON.writeValue(out, this));
    }

    public static ChipCheckpoint read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), ChipCheckpoint.class);
        } catch (IOException e) {
            throw new IOException(file + ": not a readable chip-training checkpoint (" + e.getMessage() + ")", e);
        }
    }
}
