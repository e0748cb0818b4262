package dev.juxta.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpeedSamplesTest {
    @Test
    void theTokenFigureIsTheMedianOfAllRepetitionsNotTheLast() {
        SpeedSamples samples = new SpeedSamples();
        samples.add(40, 512);
        samples.add(30, 500);
        samples.add(50, 480);

        assertEquals(40, samples.medianRate());
        assertEquals(500, samples.medianTokens());
        assertEquals(3, samples.size());
    }

    @Test
    void anEvenCountTakesTheMeanOfTheTwoMiddleValues() {
        SpeedSamples samples = new SpeedSamples();
        samples.add(20, 100);
        samples.add(10, 110);
        samples.add(40, 130);
        samples.add(30, 120);

        assertEquals(25, samples.medianRate());
        assertEquals(115, samples.medianTokens());
    }
}
