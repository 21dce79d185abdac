package io.spinloop.twin.file;

import io.jhdf.api.WritableGroup;
import io.spinloop.twin.DeviceModel;

/**
 * One kind of model a twin file holds: the name stored in {@code /@kind}, the model's class, and how its shape
 * (whatever rebuilds the model besides its parameters) is written under {@code /meta} and read back. Parameters,
 * normalisation, provenance and validation are {@link TwinFile}'s, the same for every kind. A new kind is one class
 * implementing this and one line in {@link TwinKinds}.
 *
 * @param <M> the model class
 */
public interface TwinKind<M extends DeviceModel> {

    /** The name in {@code /@kind}; once files carry it, it never changes. */
    String name();

    /** The class of the models of this kind (looked up exactly, not by subclass). */
    Class<M> type();

    /** Writes the model's shape into groups under {@code meta} (architecture; physical values for readers). */
    void write(M model, WritableGroup meta);

    /**
     * The model {@link #write} described, its parameters not yet read (the file's are set afterwards); what does not
     * fit is refused naming the file and the attribute.
     */
    M read(StoredGroup meta) throws InvalidTwinFileException;
}
