package io.spinloop.app.train;

import io.spinloop.training.powercurve.ClassificationTask;
import java.util.Locale;
import picocli.CommandLine;

/** Converters of {@code --model} and {@code --task}, with errors naming the option's accepted values. */
final class ChoiceConverters {
    private ChoiceConverters() {
    }

    static final class ModelConverter implements CommandLine.ITypeConverter<TrainModel> {
        @Override
        public TrainModel convert(String value) {
            for (TrainModel m : TrainModel.values()) {
                if (m.toString().equals(value.toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new CommandLine.TypeConversionException("--model must be spintronic, ctrnn, power-curve or macrospin, "
                    + "not '" + value + "'");
        }
    }

    static final class TaskConverter implements CommandLine.ITypeConverter<ClassificationTask> {
        @Override
        public ClassificationTask convert(String value) {
            return task(value);
        }
    }

    /** The task of the p(I) network and the macrospins named {@code value}, or a refusal naming --task. */
    static ClassificationTask task(String value) {
        return ClassificationTask.named(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                "--task must be spiral or digits, not '" + value + "'"));
    }
}
