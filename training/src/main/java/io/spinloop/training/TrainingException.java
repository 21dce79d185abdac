package io.spinloop.training;

/**
 * Root of the exceptions the training module defines: a run that diverged
 * ({@link io.spinloop.training.loop.TrainingDivergedException}), a setting outside its domain
 * ({@link io.spinloop.training.run.InvalidOptionException}) and a run directory that cannot take the run
 * ({@link io.spinloop.training.run.RunDirectoryException}). Unchecked, like every module's root; messages name the
 * option, epoch or file at fault. The chip's safe stop and drive limit are the lab's
 * ({@link io.spinloop.lab.LabException}).
 */
public class TrainingException extends RuntimeException {
    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
