package io.spinloop.autodiff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered set of a model's parameters: gradient bookkeeping between tapes and optimizers.
 * The order is the order of registration, which fixes the order gradients are summed in and so makes
 * multi-threaded training reproducible for a given number of threads.
 */
public final class Parameters {
    private final Map<String, Parameter> byName = new LinkedHashMap<>();

    /** Registers {@code p}; names must be unique. Returns {@code p} for chaining. */
    public Parameter add(Parameter p) {
        if (byName.putIfAbsent(p.name(), p) != null) {
            throw new IllegalArgumentException("duplicate parameter name " + p.name());
        }
        return p;
    }

    public List<Parameter> list() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    public Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter named " + name + "; known: " + byName.keySet());
        }
        return p;
    }

    /** Total number of trainable entries (mask ones count, masked-out entries do not). */
    public int trainableCount() {
        int n = 0;
        for (Parameter p : byName.values()) {
            n += p.trainableCount();
        }
        return n;
    }

    public void zeroGrad() {
        for (Parameter p : byName.values()) {
            p.zeroGrad();
        }
    }

    /** Adds the leaf gradients a tape computed into the parameters' gradients (masks applied). */
    public void accumulate(Tape tape) {
        for (Parameter p : byName.values()) {
            double[] g = tape.gradient(p.value());
            if (g != null) {
                p.addGradient(g);
            }
        }
    }

    /** Multiplies every gradient by {@code factor} (e.g. 1/number of tapes). */
    public void scaleGrad(double factor) {
        for (Parameter p : byName.values()) {
            double[] g = p.grad();
            for (int i = 0; i < g.length; i++) {
                g[i] *= factor;
            }
        }
    }

    /** Clips each gradient element to [-limit, limit] (the seed's per-element clipping). */
    public void clipElementwise(double limit) {
        if (!(limit > 0)) {
            throw new IllegalArgumentException("clip limit must be positive, got " + limit);
        }
        for (Parameter p : byName.values()) {
            double[] g = p.grad();
            for (int i = 0; i < g.length; i++) {
                g[i] = Math.max(-limit, Math.min(limit, g[i]));
            }
        }
    }

    /** The first gradient element that is NaN or infinite, as "name[index]=value", if any. */
    public Optional<String> firstNonFiniteGradient() {
        return firstNonFinite(true);
    }

    /** The first value element that is NaN or infinite, as "name[index]=value", if any. */
    public Optional<String> firstNonFiniteValue() {
        return firstNonFinite(false);
    }

    private Optional<String> firstNonFinite(boolean gradients) {
        for (Parameter p : byName.values()) {
            double[] a = gradients ? p.grad() : p.value().data();
            for (int i = 0; i < a.length; i++) {
                if (!Double.isFinite(a[i])) {
                    return Optional.of(p.name() + "[" + i + "]=" + a[i]);
                }
            }
        }
        return Optional.empty();
    }
}
