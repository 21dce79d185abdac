package io.spinloop.twin.fit;

import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.SequenceSet;
import io.spinloop.twin.SequenceData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The /sequences of one or more measurement files, with the provenance a twin file keeps of them. */
public record RecordedSequences(SequenceData data, Map<String, Object> provenance) {

    public static RecordedSequences read(List<Path> files) throws IOException {
        SequenceData all = null;
        List<String> names = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        boolean measurable = true;
        StringBuilder notes = new StringBuilder();
        for (Path f : files) {
            MeasurementFile mf = MeasurementFile.open(f);
            SequenceSet set = mf.requireSequences();
            SequenceData d = new SequenceData(f.toString(), set.timeS(), set.driveA(), set.powerW());
            all = all == null ? d : all.concat(d);
            names.add(f.toAbsolutePath().toString());
            runs.add(mf.info().runId());
            boolean m = mf.info().provenance().physicallyMeasurable();
            measurable &= m;
            if (!m) {
                notes.append(f.getFileName()).append(": ").append(mf.info().provenance().measurabilityNote()).append("; ");
            }
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("data_files", String.join(",", names));
        p.put("data_run_ids", String.join(",", runs));
        p.put("data_physically_measurable", measurable);
        if (notes.length() > 0) {
            p.put("data_measurability_note", notes.toString());
        }
        p.put("data_sequences", all.sequences());
        p.put("data_repeats", all.repeats());
        p.put("data_steps", all.steps());
        p.put("data_sample_interval_s", all.sampleInterval());
        p.putAll(io.spinloop.twin.file.TwinRecord.driveRangeOf(all));
        return new RecordedSequences(all, p);
    }
}
