package io.spinloop.training;

/**
 * Root of the exceptions the training module defines: a run that diverged
 * ({@link io.spinloop.training.loop.TrainingDivergedException}), a setting outside its domain
 * ({@link io.spinloop.training.run.InvalidOptionException}), a run directory that cannot take the run
 * ({@link io.spinloop.training.run.RunDirectoryException}), and the chip's safe stop and drive limit
 * ({@link io.spinloop.training.chip.ChipStopException}, {@link io.spinloop.training.chip.DriveLimitException}).
 * Unchecked, like every module's root; messages name the option, epoch, device or file at fault.
 */
public class TrainingException extends RuntimeException {
    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
