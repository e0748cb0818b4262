package dev.juxta.llama.gguf;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/** Compact unmodifiable lists over primitive arrays, for large numeric metadata arrays. */
final class PrimitiveLists {
    private PrimitiveLists() {}

    static List<Long> ofLongs(long[] values) {
        return new Longs(values);
    }

    static List<Double> ofDoubles(double[] values) {
        return new Doubles(values);
    }

    private static final class Longs extends AbstractList<Long> implements RandomAccess {
        private final long[] values;

        Longs(long[] values) {
            this.values = values;
        }

        @Override
        public Long get(int index) {
            return values[index];
        }

        @Override
        public int size() {
            return values.length;
        }
    }

    private static final class Doubles extends AbstractList<Double> implements RandomAccess {
        private final double[] values;

        Doubles(double[] values) {
            this.values = values;
        }

        @Override
        public Double get(int index) {
            return values[index];
        }

        @Override
        public int size() {
            return values.length;
        }
    }
}
