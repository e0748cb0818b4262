package dev.juxta.app.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class HeightCacheTest {
    private final AtomicInteger measured = new AtomicInteger();
    private final DoubleUnaryOperator measure = width -> {
        measured.incrementAndGet();
        return 1000 / width;
    };

    @Test
    void measuresOncePerWidthUntilCleared() {
        HeightCache cache = new HeightCache();

        assertEquals(10, cache.pref(100, measure));
        assertEquals(10, cache.pref(100, measure));
        assertEquals(10, cache.min(100, measure));
        assertEquals(2, measured.get(), "one measurement each for pref and min at one width");

        assertEquals(5, cache.pref(200, measure));
        assertEquals(3, measured.get(), "a new width is measured");

        cache.clear();
        assertEquals(5, cache.pref(200, measure));
        assertEquals(5, cache.min(200, measure));
        assertEquals(5, measured.get(), "after clear() both are measured again");
    }
}
