package dev.juxta.stress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One drawn operation of the workload, and the seeded draw of the whole list: the same seed gives
 * the same operations, so a failing run can be replayed.
 *
 * @param slots the sessions a {@link Kind#SEND_MANY} streams to at once
 * @param stop  how a {@link Kind#STREAM} is ended early, {@code stopDelayMillis} after it starts
 */
record Operation(int index, Kind kind, int slot, int[] slots, Route route, int maxTokens, boolean greedy, String prompt,
                 Stop stop, int stopDelayMillis, String systemPrompt, long sampleSeed) {

    /** What an operation does, with its weight per mille in the draw. */
    enum Kind {
        STREAM(545), SEND_MANY(80), CANCEL(110), CLOSE(35), RESET(60), CREATE(80), OPTIONS(30), GENERATE(20),
        RELOAD(10), SWITCH(10), KILL(5); // with --no-kill, KILL becomes STREAM

        private final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** How a stream is ended before it completes, if at all. */
    enum Stop { NONE, CANCEL, CLOSE }

    /** Which of the two engines an operation uses: the {@code LlamaBridge} facade's or a directly loaded one. */
    enum Route { FACADE, DIRECT }

    private static final String[] PROMPTS = {
            "Once upon a time", "Lily went to the park", "The dog was happy", "Tom had a red ball.",
            "One day, a little girl named Sue", "The sun was hot and", "Mom said", "Ben and his friend",
            "There was a big tree in the garden. Every day the birds sang in it. One day a cat came and",
            "Once upon a time there was a little boy who loved to play outside. He would run and jump and play "
                    + "with his toys all day long. His mom would call him in for dinner, but he never wanted to stop. "
                    + "One evening the sky turned dark and the wind began to blow. The boy looked up and saw",
            "Hi", "Why is the sky blue?"};
    private static final String[] SYSTEM_PROMPTS = {"", "You are a kind storyteller.", "Answer in one sentence."};

    static List<Operation> draw(StressWorker.Config config) {
        Random random = new Random(config.seed());
        List<Kind> bag = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            bag.addAll(Collections.nCopies(kind.weight, kind));
        }
        List<Operation> ops = new ArrayList<>(config.ops());
        for (int i = 0; i < config.ops(); i++) {
            Kind kind = bag.get(random.nextInt(bag.size()));
            if (kind == Kind.KILL && !config.kills()) {
                kind = Kind.STREAM;
            }
            int many = 2 + random.nextInt(Math.max(1, Math.min(4, config.sessions()) - 1));
            List<Integer> order = new ArrayList<>();
            for (int s = 0; s < config.sessions(); s++) {
                order.add(s);
            }
            Collections.shuffle(order, random);
            int[] targets = order.subList(0, Math.min(many, order.size())).stream().mapToInt(Integer::intValue).toArray();
            double stop = random.nextDouble();
            Stop stopKind = stop < 0.25 ? Stop.CANCEL : stop < 0.28 ? Stop.CLOSE : Stop.NONE;
            ops.add(new Operation(i, kind, random.nextInt(config.sessions()), targets, Route.values()[random.nextInt(2)],
                    1 + random.nextInt(config.maxTokens()), random.nextBoolean(), PROMPTS[random.nextInt(PROMPTS.length)],
                    stopKind, random.nextInt(40), SYSTEM_PROMPTS[random.nextInt(SYSTEM_PROMPTS.length)],
                    random.nextInt(1 << 20)));
        }
        return ops;
    }
}
