package ai.gue.train;

import java.util.List;

/**
 * The learning rate at every optimiser step: a {@link LrSchedule} with its parameters, evaluated
 * at fractional epochs ({@code step / stepsPerEpoch}), as PyTorch's schedulers do when stepped per
 * batch (one-cycle, cosine) or per epoch (step, multistep).
 */
public record LearningRateCurve(LrSchedule schedule, double baseRate, List<Integer> milestones,
        double gamma, double warmupFraction, int epochs, int stepsPerEpoch) {

    public LearningRateCurve {
        milestones = List.copyOf(milestones);
        if (stepsPerEpoch <= 0 || epochs <= 0) {
            throw new IllegalArgumentException("epochs and steps per epoch must be positive");
        }
    }

    /** Learning rate for optimiser step {@code step} (0-based). */
    public double at(long step) {
        long totalSteps = (long) epochs * stepsPerEpoch;
        int epoch = (int) (step / stepsPerEpoch);
        return switch (schedule) {
            case CONSTANT -> baseRate;
            case MULTISTEP -> baseRate * Math.pow(gamma, milestones.stream().filter(m -> epoch >= m).count());
            case STEP -> {
                int stepSize = milestones.isEmpty() ? Math.max(1, epochs / 3) : milestones.get(0);
                yield baseRate * Math.pow(gamma, epoch / stepSize);
            }
            case COSINE -> 0.5 * baseRate * (1 + Math.cos(Math.PI * step / (double) totalSteps));
            case ONE_CYCLE -> {
                double warmupSteps = Math.max(1, warmupFraction * totalSteps);
                yield step < warmupSteps
                        ? baseRate * (step + 1) / warmupSteps
                        : baseRate * Math.max(0, (totalSteps - step) / (totalSteps - warmupSteps));
            }
        };
    }
}
