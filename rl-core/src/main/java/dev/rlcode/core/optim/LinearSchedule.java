package dev.rlcode.core.optim;

/**
 * A value that moves linearly from {@code start} to {@code end} over {@code durationSteps} steps, then stays at
 * {@code end}: CleanRL's {@code linear_schedule(start_e, end_e, duration, t)}.
 *
 * <p>Used for epsilon-greedy exploration ({@code startE → endE} over {@code explorationFraction · totalTimesteps})
 * and for the importance-sampling exponent β of prioritized replay ({@code beta0 → 1}). Unlike CleanRL's
 * {@code max(slope·t + start, end)}, the clamp works in both directions, so increasing schedules are correct too.
 *
 * {@snippet :
 * LinearSchedule epsilon = LinearSchedule.ofFraction(1.0, 0.05, 0.5, 500_000); // CleanRL DQN defaults
 * double e = epsilon.value(globalStep);
 * }
 *
 * @param start         the value at step 0
 * @param end           the value from step {@code durationSteps} on
 * @param durationSteps number of steps the change takes, {@code >= 0}; 0 means {@code end} from the start
 */
public record LinearSchedule(double start, double end, long durationSteps) {

    public LinearSchedule {
        if (!Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("schedule bounds: expected finite values, actual start " + start
                    + ", end " + end);
        }
        if (durationSteps < 0) {
            throw new IllegalArgumentException("schedule duration: expected >= 0 steps, actual " + durationSteps);
        }
    }

    /**
     * {@return a schedule whose change takes {@code fraction} of {@code totalSteps}, truncated to whole steps as
     * CleanRL's {@code int(exploration_fraction * total_timesteps)}}
     *
     * @param start      the value at step 0
     * @param end        the value once the change is done
     * @param fraction   share of the run the change takes, in {@code [0, 1]}
     * @param totalSteps total steps of the run, {@code >= 0}
     * @throws IllegalArgumentException if {@code fraction} is outside {@code [0, 1]} or {@code totalSteps < 0}
     */
    public static LinearSchedule ofFraction(double start, double end, double fraction, long totalSteps) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("schedule fraction: expected in [0, 1], actual " + fraction);
        }
        if (totalSteps < 0) {
            throw new IllegalArgumentException("schedule total steps: expected >= 0, actual " + totalSteps);
        }
        return new LinearSchedule(start, end, (long) (fraction * totalSteps));
    }

    /**
     * {@return the value at {@code step}: {@code start + (end − start) · min(step / durationSteps, 1)}}
     *
     * @param step the current step, {@code >= 0}
     * @throws IllegalArgumentException if {@code step < 0}
     */
    public double value(long step) {
        if (step < 0) throw new IllegalArgumentException("schedule step: expected >= 0, actual " + step);
        if (step >= durationSteps) return end;
        return start + (end - start) * ((double) step / durationSteps);
    }
}
