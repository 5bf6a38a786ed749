package io.platform.etl.stage.dedupe.state;

import io.platform.etl.stage.dedupe.key.KeyHash;

/** Distinct, well-mixed key hashes for tests (SplitMix64 of a counter). */
public final class Keys {

    private Keys() {
    }

    public static KeyHash key(long i) {
        return new KeyHash(mix(i * 2 + 1), mix(i * 2 + 2));
    }

    private static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
