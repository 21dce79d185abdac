package io.spinloop.training.loop;

/**
 * What the batches of one epoch add up to: the loss (summed exactly in the order the task adds it, so seeded
 * curves are reproducible to the bit), correct predictions, examples and batches seen. A non-finite loss stops
 * the run at once with a {@link TrainingDivergedException} that names the epoch and batch.
 */
public final class EpochTotals {
    private int epoch;
    private int batch;
    private double lossSum;
    private long correct;
    private long examples;
    private int batches;

    EpochTotals(int epoch) {
        this.epoch = epoch;
    }

    /** Totals of a partly done epoch, as a checkpoint kept them. */
    public static EpochTotals resumed(int epoch, double lossSum, int batches) {
        EpochTotals t = new EpochTotals(epoch);
        t.lossSum = lossSum;
        t.batches = batches;
        return t;
    }

    void startBatch(int index) {
        batch = index;
    }

    void endBatch(int size) {
        batches++;
        examples += size;
    }

    /** Adds loss to the epoch's sum; a NaN or infinite sum is divergence. */
    public void addLoss(double loss) {
        lossSum += loss;
        if (!Double.isFinite(lossSum)) {
            throw new TrainingDivergedException(epoch, batch, "loss is", String.valueOf(lossSum));
        }
    }

    public void addCorrect(int n) {
        correct += n;
    }

    public double lossSum() {
        return lossSum;
    }

    public long correct() {
        return correct;
    }

    /** Examples trained on in this epoch since the loop (re)started it. */
    public long examples() {
        return examples;
    }

    /** Batches done in this epoch (including those before a resume). */
    public int batches() {
        return batches;
    }

    /** The mean of the losses added, one per batch. */
    public double meanPerBatch() {
        return lossSum / Math.max(1, batches);
    }

    public int epoch() {
        return epoch;
    }

    /** The batch in progress, or the last one done. */
    public int batch() {
        return batch;
    }
}
