package io.spinloop.app.cli;

import io.spinloop.twin.model.KernelPrecision;
import picocli.CommandLine;

/** {@code --precision float64|float32} of the likelihood fit's kernel; anything else is refused naming the two. */
public final class KernelPrecisionConverter implements CommandLine.ITypeConverter<KernelPrecision> {
    @Override
    public KernelPrecision convert(String value) {
        try {
            return KernelPrecision.named(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
