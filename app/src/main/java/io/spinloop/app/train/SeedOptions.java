package io.spinloop.app.train;

import java.util.Locale;
import picocli.CommandLine;

/** Converters of the seed commands' options, with errors naming the option's accepted values. */
final class SeedOptions {
    private SeedOptions() {
    }

    static final class ModelConverter implements CommandLine.ITypeConverter<SeedModel> {
        @Override
        public SeedModel convert(String value) {
            for (SeedModel m : SeedModel.values()) {
                if (m.toString().equals(value.toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new CommandLine.TypeConversionException("--model must be power-curve or macrospin, not '" + value + "'");
        }
    }

    static final class TaskConverter implements CommandLine.ITypeConverter<SeedTask> {
        @Override
        public SeedTask convert(String value) {
            for (SeedTask t : SeedTask.values()) {
                if (t.toString().equals(value.toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
            throw new CommandLine.TypeConversionException("--task must be spiral or digits, not '" + value + "'");
        }
    }
}
