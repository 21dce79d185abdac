package io.spinloop.measurements;

import java.util.Objects;

/**
 * The grid of a 2-D map: a fast axis x swept at every value of a slow axis y, each with its name and unit, and the
 * order the points were taken in.
 *
 * @param xName  the fast axis, e.g. {@code current}
 * @param xUnit  its unit, e.g. {@code A}
 * @param x      its values, in the order of an upward sweep
 * @param yName  the slow axis, e.g. {@code field} (or a placeholder such as {@code repeat})
 * @param yUnit  its unit
 * @param y      its values, in the order they were taken
 * @param order  {@code raster} (every row swept upwards) or {@code snake} (rows alternately up and down)
 */
public record MapGrid(String xName, String xUnit, double[] x, String yName, String yUnit, double[] y, String order) {
    public static final String RASTER = "raster";
    public static final String SNAKE = "snake";

    public MapGrid {
        Objects.requireNonNull(xName, "xName");
        Objects.requireNonNull(xUnit, "xUnit");
        Objects.requireNonNull(yName, "yName");
        Objects.requireNonNull(yUnit, "yUnit");
        FiniteValues.requireFinite("map x axis", x);
        FiniteValues.requireFinite("map y axis", y);
        if (x.length == 0 || y.length == 0) {
            throw new IllegalArgumentException("a map needs at least one value on each axis");
        }
        if (!RASTER.equals(order) && !SNAKE.equals(order)) {
            throw new IllegalArgumentException("map order must be raster or snake, got " + order);
        }
        x = x.clone();
        y = y.clone();
    }

    /** Points of the whole grid. */
    public int points() {
        return x.length * y.length;
    }

    /** The direction the fast axis is swept in on row {@code iy}: +1 upwards, -1 downwards. */
    public int direction(int iy) {
        return SNAKE.equals(order) && iy % 2 == 1 ? -1 : 1;
    }

    /** The k-th grid index of the fast axis on row {@code iy}, in the order it is taken. */
    public int xIndexAt(int iy, int k) {
        return direction(iy) > 0 ? k : x.length - 1 - k;
    }
}
