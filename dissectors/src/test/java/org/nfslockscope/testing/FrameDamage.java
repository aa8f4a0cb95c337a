package org.nfslockscope.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nfslockscope.testing.FrameFile.Packet;

/** Whole-frame damage a capture suffers in real life: frames lost, seen twice, or out of order. */
public enum FrameDamage {
    DROP {
        @Override
        void apply(List<Packet> frames, int index) {
            frames.remove(index);
        }
    },
    /** The copy goes right after its original, so the frame at the index itself stays as it was. */
    DUPLICATE {
        @Override
        void apply(List<Packet> frames, int index) {
            frames.add(index + 1, frames.get(index));
        }
    },
    SWAP {
        @Override
        void apply(List<Packet> frames, int index) {
            if (index + 1 < frames.size()) {
                frames.set(index, frames.set(index + 1, frames.get(index)));
            }
        }
    };

    /** The damaged frames, and the lowest index the damage was applied at. */
    public record Damaged(List<Packet> frames, int firstIndex) {
    }

    abstract void apply(List<Packet> frames, int index);

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This damage at about 1 % of the frames, chosen by {@code seed}; applied from the last index down so indexes stay valid. */
    public Damaged at(List<Packet> frames, int seed) {
        Random r = new Random(seed * 31L + label().hashCode());
        int[] at = r.ints(1 + frames.size() / 100, 0, frames.size()).distinct().sorted().toArray();
        List<Packet> damaged = new ArrayList<>(frames);
        for (int i = at.length - 1; i >= 0; i--) {
            apply(damaged, at[i]);
        }
        return new Damaged(damaged, at[0]);
    }
}
